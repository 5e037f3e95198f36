"""Readers for news at scale (issue 15): JSON Lines (gzip), CSV, WARC crawls, RSS/Atom feeds, folder trees.

Every input here is written by the test (synthetic, tiny). Each reader streams; each item keeps its origin; a bad
item is one line and the rest go on.
"""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest

from eventwire.ingest import Article, BadItem, read_paths
from eventwire.ingest.feeds import html_text
from eventwire.ingest.readers import suffix_of

BODY = "Security forces arrested twelve suspects in a dawn raid in Kano on Tuesday, police said. " * 3


def items(*paths) -> list[Article | BadItem]:
    return list(read_paths(paths))


def test_jsonl_gz_is_read_line_by_line_with_origins(tmp_path):
    f = tmp_path / "wire.jsonl.gz"
    lines = [
        json.dumps({"id": "a", "text": "Troops entered the town."}),
        "not json",
        json.dumps({"id": "c", "text": BODY}),
    ]
    f.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    got = items(f)
    assert [type(i).__name__ for i in got] == ["Article", "BadItem", "Article"]
    assert [i.origin for i in got] == [f"{f}:1", f"{f}:2", f"{f}:3"]
    assert all(i.path == str(f) for i in got)


def test_a_truncated_gzip_keeps_the_lines_before_and_lists_the_file(tmp_path):
    f = tmp_path / "cut.jsonl.gz"
    data = gzip.compress("".join(json.dumps({"id": str(i), "text": BODY}) + "\n" for i in range(50)).encode())
    f.write_bytes(data[: len(data) // 2])
    got = items(f)
    assert isinstance(got[-1], BadItem) and got[-1].origin == str(f) and "EW022" in got[-1].reason
    assert all(isinstance(i, Article) for i in got[:-1])


def test_jsonl_invalid_utf8_warns_on_its_line_only(tmp_path):
    f = tmp_path / "b.jsonl"
    f.write_bytes(b'{"id": "a", "text": "caf\xe9 raid"}\n{"id": "b", "text": "clean line"}\n')
    a, b = items(f)
    assert any("EW012" in w for w in a.warnings) and not any("EW012" in w for w in b.warnings)


def test_csv_rows_with_aliases_quoted_newlines_and_a_bad_row(tmp_path):
    f = tmp_path / "wire.csv"
    f.write_text(
        "ID,Headline,Date,Body,Link\n"
        'r1,Raid in Kano,2025-03-02,"Police arrested 12 men.\n\nThey were charged.",http://x/1\n'
        "r2,No text,2025-03-03,,http://x/2\n"
        "r3,Storm,not a date,Heavy rain fell.,\n",
        encoding="utf-8",
    )
    a, bad, c = items(f)
    assert (a.id, a.title, a.published.isoformat(), a.url) == ("r1", "Raid in Kano", "2025-03-02", "http://x/1")
    assert a.text == "Police arrested 12 men.\n\nThey were charged." and a.origin == f"{f}:2"
    assert isinstance(bad, BadItem) and "EW042" in bad.reason and bad.origin == f"{f}:5"
    assert c.published is None and any("EW015" in w for w in c.warnings)


def test_csv_without_a_text_column_is_one_bad_item(tmp_path):
    f = tmp_path / "meta.csv.gz"
    f.write_bytes(gzip.compress(b"id,title\n1,a\n"))
    (item,) = items(f)
    assert isinstance(item, BadItem) and "EW041" in item.reason


def _warc(path: Path, pages: list[tuple[str, str, str, bytes]]) -> None:
    """Write a WARC file with a warcinfo record and one response per (url, status, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fp:
        writer = WARCWriter(fp, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "eventwire tests"}))
        for url, status, ctype, body in pages:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def _page(title: str, body: str) -> bytes:
    return (
        f"<html><head><title>{title}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
    ).encode()


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_pages_become_reports_and_other_records_are_passed_over(tmp_path, name):
    f = tmp_path / name
    _warc(
        f,
        [
            ("http://news.test/kano", "200 OK", "text/html; charset=utf-8", _page("Raid in Kano", BODY)),
            ("http://news.test/logo.png", "200 OK", "image/png", b"\x89PNG\r\n"),
            ("http://news.test/gone", "404 Not Found", "text/html", _page("Gone", BODY)),
            ("http://news.test/menu", "200 OK", "text/html", b"<html><body><nav>Home</nav></body></html>"),
            (
                "http://news.test/latin",
                "200 OK",
                "text/html; charset=iso-8859-1",
                _page("Caf\xe9", BODY).replace(b"Caf\\xe9", b"Caf\xe9"),
            ),
        ],
    )
    got = items(f)
    assert [type(i).__name__ for i in got] == ["Article", "BadItem", "Article"]
    page, menu, latin = got
    assert page.url == "http://news.test/kano" and "arrested twelve suspects" in page.text
    assert page.title == "Raid in Kano" and "Home | World" not in page.text
    assert page.origin.startswith(f"{f}#") and menu.origin.startswith(f"{f}#") and page.origin != menu.origin
    assert "EW013" in menu.reason
    assert len(page.id) == 36  # the record's WARC-Record-ID (a UUID)


def test_a_file_that_is_not_a_warc_is_one_bad_item(tmp_path):
    f = tmp_path / "fake.warc"
    f.write_text("this is not a WARC file\n" * 5, encoding="utf-8")
    (item,) = items(f)
    assert isinstance(item, BadItem) and "EW043" in item.reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test Wire</title><link>http://wire.test/</link>
<item><title>Raid in Kano</title><link>http://wire.test/1</link><guid>wire-1</guid>
<pubDate>Tue, 04 Mar 2025 08:00:00 GMT</pubDate>
<description>short teaser</description>
<content:encoded><![CDATA[<p>Police arrested <b>12</b> men in Kano.</p><p>They were charged.</p>]]></content:encoded>
</item>
<item><title>Empty</title><link>http://wire.test/2</link></item>
<item><title>Storm</title><description>Heavy rain &amp; wind hit Lagos.</description><pubDate>soon</pubDate></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Clash near Goma</title><id>tag:wire.test,2025:9</id><link rel="alternate" href="http://wire.test/9"/>
<published>2025-03-05T10:00:00Z</published>
<content type="html">&lt;p&gt;Troops clashed with rebels near Goma.&lt;/p&gt;</content></entry>
</feed>
"""


def test_rss_items_become_reports_with_feed_metadata(tmp_path):
    f = tmp_path / "wire.rss"
    f.write_text(RSS, encoding="utf-8")
    a, empty, c = items(f)
    assert (a.id, a.title, a.url, a.source) == ("wire-1", "Raid in Kano", "http://wire.test/1", "Test Wire")
    assert a.published.isoformat() == "2025-03-04"
    assert a.text == "Police arrested 12 men in Kano.\n\nThey were charged."  # full content, not the teaser
    assert a.origin == f"{f}#1" and isinstance(empty, BadItem) and "EW048" in empty.reason
    assert c.text == "Heavy rain & wind hit Lagos." and any("EW015" in w for w in c.warnings)


def test_atom_entries_become_reports(tmp_path):
    f = tmp_path / "wire.atom"
    f.write_text(ATOM, encoding="utf-8")
    (a,) = items(f)
    assert (a.id, a.url, a.source, a.published.isoformat()) == (
        "tag:wire.test,2025:9",
        "http://wire.test/9",
        "Atom Wire",
        "2025-03-05",
    )
    assert a.text == "Troops clashed with rebels near Goma."


def test_a_broken_feed_keeps_the_items_before_the_break(tmp_path):
    f = tmp_path / "cut.rss"
    f.write_text(RSS[: RSS.index("<item><title>Storm")] + "<item><title>Storm</tit", encoding="utf-8")
    got = items(f)
    assert isinstance(got[0], Article) and isinstance(got[-1], BadItem) and "EW046" in got[-1].reason


def test_xml_that_is_not_a_feed_is_one_bad_item(tmp_path):
    f = tmp_path / "page.rss"
    f.write_text("<html><body>no</body></html>", encoding="utf-8")
    (item,) = items(f)
    assert isinstance(item, BadItem) and "EW045" in item.reason


def test_html_text_keeps_paragraphs_and_drops_scripts():
    assert html_text("<p>A <i>b</i>.</p><script>x()</script><br/>C&amp;D") == "A b.\n\nC&D"


def test_two_reports_of_one_name_in_two_folders_keep_their_origins(tmp_path):
    for folder, text in (("north", "Police arrested 5 men."), ("south", "Troops entered the town.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(text, encoding="utf-8")
    a, b = items(tmp_path)
    assert a.id == b.id == "report"
    assert (a.origin, b.origin) == (str(tmp_path / "north" / "report.txt"), str(tmp_path / "south" / "report.txt"))


def test_a_folder_tree_is_walked_folder_by_folder(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "z.txt").write_text("Top report text.", encoding="utf-8")
    (tmp_path / "a" / "y.csv").write_text("text\nRow report text.\n", encoding="utf-8")
    (tmp_path / "a" / "b" / "x.jsonl.gz").write_bytes(gzip.compress(b'{"text": "Deep report text."}\n'))
    (tmp_path / "a" / "notes.pdf").write_bytes(b"%PDF")  # not a report: not read
    got = items(tmp_path)
    assert [i.text for i in got] == ["Top report text.", "Row report text.", "Deep report text."]


def test_suffix_of():
    assert [suffix_of(Path(n)) for n in ("a.JSONL.GZ", "b.warc.gz", "c.rss", "d")] == [
        ".jsonl.gz",
        ".warc.gz",
        ".rss",
        "",
    ]


def test_jsonl_is_streamed_with_bounded_memory(tmp_path):
    """A 20 MB JSON Lines file is read holding about one line: peak traced memory stays under 2 MB."""
    f = tmp_path / "big.jsonl"
    line = json.dumps({"text": "Police arrested 5 men in Kano on Monday. " * 50}) + "\n"
    with open(f, "w", encoding="utf-8") as fp:
        for _ in range(20_000_000 // len(line)):
            fp.write(line)
    tracemalloc.start()
    try:
        n = sum(1 for _ in read_paths([f]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n == 20_000_000 // len(line)
    assert peak < 2_000_000, peak
