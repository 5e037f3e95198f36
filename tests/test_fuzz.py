"""Property-based fuzzing of the readers, the extraction and the store (bounded; the long run is benchmarks/fuzz.py).

Whatever the input: no exception escapes, every input item comes out as exactly one Article or BadItem, and
every record encodes as UTF-8 JSON and is stored once.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import Article, BadItem, read_paths
from eventwire.ingest.readers import html_article
from eventwire.store import Store

#: Any JSON value, including lone surrogates in strings and numbers too large for SQLite.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)
NEWS = st.sampled_from(
    [
        "Police arrested 12 men in Kano on Monday.",
        "Gunmen killed 3 people in Kaduna",
        '"We will stay," the mayor said.',
        "0001-01-01",
        "=SUM(A1)",
        "\ud800",
        "\u2028",
        "“",
    ]
)
TEXT = st.lists(NEWS | st.text(max_size=40), max_size=8).map(" ".join)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(files: dict[str, bytes]) -> list[Article | BadItem]:
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        return list(read_paths([tmp]))


def _check_article(item: Article | BadItem) -> None:
    assert isinstance(item, Article | BadItem)
    if isinstance(item, Article):
        item.text.encode("utf-8")  # no lone surrogate left
        for value in (item.id, item.title, item.source, item.url):
            assert value is None or isinstance(value, str)
            if value is not None:
                value.encode("utf-8")
    else:
        assert item.reason.startswith("[EW") and "\n" not in item.reason


@FUZZ
@given(st.binary(max_size=3000), st.one_of(st.none(), JSON.map(lambda v: json.dumps(v).encode())))
def test_any_text_file_and_sidecar_is_one_item(data, sidecar):
    files = {"a.txt": data}
    if sidecar is not None:
        files["a.json"] = sidecar
    (item,) = _read(files)
    _check_article(item)


@FUZZ
@given(st.lists(st.one_of(st.dictionaries(st.sampled_from(["id", "title", "source", "url", "published"]), JSON)
                .flatmap(lambda meta: TEXT.map(lambda t: {**meta, "text": t})), JSON, st.text(min_size=1)),
                min_size=1, max_size=8), st.booleans())  # fmt: skip
def test_any_jsonl_line_is_one_item(values, ascii_only):
    lines = []
    for value in values:
        line = value if isinstance(value, str) else json.dumps(value, ensure_ascii=ascii_only)
        line = line.replace("\n", " ").replace("\r", " ")  # one line each (JSON escapes them in strings)
        lines.append(line if line.strip() else "?")
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    items = _read({"b.jsonl": data})
    if len(items) == 1 and isinstance(items[0], BadItem) and items[0].origin.endswith("b.jsonl"):
        return  # the whole file is unreadable (binary-looking or empty): one item for the file
    assert len(items) == len(lines)
    for item in items:
        _check_article(item)


@FUZZ
@given(TEXT, st.text(max_size=30))
def test_any_html_page_is_one_item(body, title):
    page = f"<html><head><title>{title}</title></head><body><p>{body}</p>"
    _check_article(html_article(page, id="p", origin="p.html"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.one_of(st.none(), st.sampled_from(["2025-11-09", "1800-01-01", "2200-12-31"])))
def test_any_text_extracts_and_stores_once(pipeline, text, published):
    record = pipeline.extract(text, published=published)
    json.dumps(record, ensure_ascii=False).encode("utf-8")
    with Store(":memory:") as store:
        assert store.put(record) == "added"
        assert store.put(record) == "unchanged"
        assert store.stats()["articles"] == 1
