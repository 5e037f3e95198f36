"""Readers, cleaning and the language check: every bad input gets a one-line reason, never an exception."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventwire.ingest import Article, BadItem, read_paths
from eventwire.ingest.clean import clean_text, split_headline
from eventwire.ingest.language import guess_language
from eventwire.ingest.readers import PUBLISHED_YEARS, DateRangeError, parse_published

REPORT = "Floods cut off villages\n\nHeavy rain fell on Monday in the north, officials said.\n\nRelated Posts  Other\n"


def read_one(path) -> Article | BadItem:
    items = list(read_paths([path]))
    assert len(items) == 1
    return items[0]


def test_txt_headline_becomes_title_and_residue_is_dropped(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(REPORT, encoding="utf-8")
    a = read_one(f)
    assert isinstance(a, Article)
    assert a.title == "Floods cut off villages"
    assert a.text == "Heavy rain fell on Monday in the north, officials said."
    assert any("Related Posts" in w for w in a.warnings)


def test_sidecar_json_gives_id_and_published(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"id": "x1", "published": "2025-03-02", "source": "Wire"}))
    a = read_one(tmp_path / "a.txt")
    assert (a.id, a.published.isoformat(), a.source) == ("x1", "2025-03-02", "Wire")


def test_malformed_sidecar_date_is_a_warning_not_a_failure(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"published": "yesterday-ish"}))
    a = read_one(tmp_path / "a.txt")
    assert a.published is None and any("EW015" in w for w in a.warnings)


@pytest.mark.parametrize(
    "content, code", [(b"", "EW010"), (b"  \n\n ", "EW010"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "EW011")]
)
def test_empty_and_binary_files_are_bad_items(tmp_path, content, code):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    item = read_one(f)
    assert isinstance(item, BadItem) and code in item.reason


def test_invalid_utf8_is_decoded_with_a_warning(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Police in Kano arrested five men on Monday, said the caf\u00e9 owner.".encode("latin-1"))
    a = read_one(f)
    assert isinstance(a, Article)
    assert "\ufffd" in a.text and any("EW012" in w for w in a.warnings)


def test_jsonl_bad_line_does_not_stop_the_others(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(
        '{"id": "a", "text": "Troops entered the town."}\nnot json\n{"id": "c"}\n'
        '{"id": "d", "text": "Rain.", "published": "2025-01-02", "url": "http://x"}\n',
        encoding="utf-8",
    )
    items = list(read_paths([f]))
    assert [type(i).__name__ for i in items] == ["Article", "BadItem", "BadItem", "Article"]
    assert items[0].id == "a" and items[3].published.isoformat() == "2025-01-02"
    assert "EW014" in items[1].reason and items[1].origin.endswith(":2")
    assert "EW018" in items[2].reason


def test_html_main_text_and_title(tmp_path):
    body = " ".join(["Security forces arrested twelve suspects in a dawn raid on Tuesday, police said."] * 6)
    html = (
        f"<html><head><title>Raid in Kano</title><meta name='date' content='2025-04-01'></head><body>"
        f"<nav>Home | World</nav><article><h1>Raid in Kano</h1><p>{body}</p><p>{body}</p></article>"
        f"<footer>Copyright</footer></body></html>"
    )
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    a = read_one(f)
    assert isinstance(a, Article)
    assert "arrested twelve suspects" in a.text and "Home | World" not in a.text
    assert a.title == "Raid in Kano"


def test_html_without_article_body_is_a_bad_item(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><body><nav>Home</nav></body></html>", encoding="utf-8")
    item = read_one(f)
    assert isinstance(item, BadItem) and "EW013" in item.reason


def test_missing_file_and_unknown_suffix(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    missing, pdf = list(read_paths([tmp_path / "nope.txt", tmp_path / "x.pdf"]))
    assert "EW020" in missing.reason and "EW021" in pdf.reason


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second report text here.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First report text here.", encoding="utf-8")
    assert [a.id for a in read_paths([tmp_path])] == ["1", "2"]


def test_split_headline_keeps_sentence_first_lines():
    assert split_headline("Police said on Monday.\n\nMore text.") == (None, "Police said on Monday.\n\nMore text.")


def test_clean_text_keeps_words_exactly():
    text = "A “quoted” line — with dashes.\r\n\r\nAdvertisement\r\nSecond para."
    body, notes = clean_text(text)
    assert body == "A “quoted” line — with dashes.\n\nSecond para."
    assert notes


@pytest.mark.parametrize(
    "text, lang",
    [
        ("The army said on Monday that two soldiers were killed in the attack near the border.", "en"),
        ("La police a arrêté trois hommes dans la nuit de lundi à mardi dans le centre de la ville.", "fr"),
        ("Die Polizei hat am Montag drei Männer festgenommen, die in der Stadt einen Anschlag planten.", "de"),
        ("قالت الشرطة إنها اعتقلت ثلاثة رجال في المدينة يوم الاثنين بعد هجوم", "ar"),
    ],
)
def test_guess_language(text, lang):
    assert guess_language(text) == lang


@given(st.dates(min_value=dt.date(PUBLISHED_YEARS[0], 1, 1), max_value=dt.date(PUBLISHED_YEARS[1], 12, 31)))
def test_parse_published_round_trips_iso_dates(d):
    assert parse_published(d.isoformat()) == d
    assert parse_published(d.isoformat() + "T10:00:00Z") == d


@given(st.dates().filter(lambda d: not PUBLISHED_YEARS[0] <= d.year <= PUBLISHED_YEARS[1]))
def test_parse_published_refuses_placeholder_years(d):
    with pytest.raises(DateRangeError):
        parse_published(d.isoformat())


@given(st.text(max_size=30))
def test_parse_published_raises_value_error_only(s):
    try:
        parse_published(s)
    except ValueError:
        pass
