"""Readers for ``.txt`` (with an optional ``NAME.json`` sidecar), ``.html``, ``.jsonl(.gz)``, ``.csv(.gz)``,
``.warc(.gz)`` crawls and RSS/Atom feed files, and folders of them.

Each input item becomes an :class:`Article` or, when it cannot be read, a :class:`BadItem` that says why in one
line. Readers never raise for bad input: one bad item never stops a batch. Readers stream: a JSON Lines, CSV or
WARC file is read a line, row or record at a time, a feed an item at a time, and a folder tree a folder at a
time, so memory stays bounded by the largest single report, not the size of the input.

Every item says where it came from (``origin``: the file, ``file:LINE`` for a JSON Lines line, ``file:ROW`` for
a CSV row, ``file#OFFSET`` for a WARC record, ``file#N`` for the N-th item of a feed); the record keeps it as
``article.origin`` and the store in ``articles.origin``, so two ``report.txt`` in two folders stay apart.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import msg
from eventwire.ingest.clean import clean_text, split_headline

#: The file name endings eventwire reads (case-insensitive); ``.gz`` ones are gzip-compressed.
SUFFIXES = (
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".jsonl",
    ".jsonl.gz",
    ".csv",
    ".csv.gz",
    ".warc",
    ".warc.gz",
    ".rss",
    ".atom",
)
#: An HTML page whose extracted text is shorter than this holds no article.
MIN_HTML_WORDS = 8


@dataclass
class Article:
    """One report ready for extraction. ``text`` is the cleaned body all spans index into."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    origin: str = "<text>"
    warnings: list[str] = field(default_factory=list)
    #: the input file the item was read from (``origin`` without its line, row or record), to read it again
    path: str | None = None


@dataclass
class BadItem:
    """An input item that could not be read, with the one-line reason."""

    origin: str
    reason: str
    #: the input file the item was read from, to read it again (``eventwire ingest --retry-failed``)
    path: str | None = None


#: Publication dates outside these years are placeholders (.NET's null date 0001-01-01, 9999-12-31), not dates;
#: resolving "last week" against them would leave the range of dates Python can hold.
PUBLISHED_YEARS = (1800, 2200)

#: A lone surrogate: valid in JSON (``"\\ud800"``) and in a Python str, but not Unicode text; it cannot be encoded.
_SURROGATE = re.compile("[\ud800-\udfff]")


class DateRangeError(ValueError):
    """A well-formed date outside :data:`PUBLISHED_YEARS`."""


def parse_published(value: object) -> dt.date | None:
    """Parse a publication date: ISO ``YYYY-MM-DD`` or an ISO date-time; raise ``ValueError`` otherwise.

    A date outside :data:`PUBLISHED_YEARS` raises :class:`DateRangeError` (a ``ValueError``).

    Example:
        >>> parse_published("2025-11-09T08:30:00Z")
        datetime.date(2025, 11, 9)
        >>> try:
        ...     parse_published("0001-01-01")
        ... except DateRangeError as e:
        ...     print(e)
        '0001-01-01' is outside the years 1800-2200
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    else:
        m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?\s*", str(value))
        if not m:
            raise ValueError(f"{value!r} is not a date (expected YYYY-MM-DD)")
        date = dt.date(int(m[1]), int(m[2]), int(m[3]))
    low, high = PUBLISHED_YEARS
    if not low <= date.year <= high:
        raise DateRangeError(f"{str(value)!r} is outside the years {low}-{high}")
    return date


def scrub_surrogates(text: str) -> tuple[str, int]:
    """``(text, count)``: lone surrogates replaced with U+FFFD, so the text can be encoded, stored and printed.

    Example:
        >>> text, count = scrub_surrogates("a" + chr(0xD800) + "b")
        >>> text == "a" + chr(0xFFFD) + "b", count
        (True, 1)
    """
    count = len(_SURROGATE.findall(text))
    return (_SURROGATE.sub("\ufffd", text), count) if count else (text, 0)


def metadata_text(value: object, field: str, warnings: list[str]) -> str | None:
    """A metadata value (title, source, url, id) as text, or None with a warning when it is not text.

    Strings are kept (surrogates replaced), numbers become their decimal text, and anything else (a list, an
    object, true/false) is rejected: a title that is a list is a mistake upstream, not a title.

    Example:
        >>> w = []
        >>> metadata_text(42, "id", w), metadata_text(["a", "b"], "title", w), w
        ('42', None, ["[EW023] metadata field 'title' is a list, not text; it was ignored"])
    """
    if value is None:
        return None
    if isinstance(value, str):
        text, count = scrub_surrogates(value)
        if count:
            warnings.append(msg("EW024", count=count))
        return text
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    kinds = {list: "a list", dict: "an object", bool: "true/false"}
    warnings.append(msg("EW023", field=field, kind=kinds.get(type(value), f"a {type(value).__name__}")))
    return None


def _decode(data: bytes, origin: str) -> tuple[str | None, list[str], str | None]:
    """Return ``(text, warnings, error)`` for raw bytes."""
    if not data.strip():
        return None, [], msg("EW010")
    if _looks_binary(data[:8192]):
        return None, [], msg("EW011")
    try:
        return data.decode("utf-8"), [], None
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        return text, [msg("EW012", offset=e.start, count=text.count("\ufffd"))], None


def _metadata_published(value: object, warnings: list[str]) -> dt.date | None:
    try:
        return parse_published(value)
    except DateRangeError:
        low, high = PUBLISHED_YEARS
        warnings.append(msg("EW027", value=str(value)[:40], low=low, high=high))
        return None
    except (ValueError, TypeError):
        warnings.append(msg("EW015", value=scrub_surrogates(str(value)[:40])[0]))
        return None


def _finish(article: Article) -> Article | BadItem:
    body, count = scrub_surrogates(article.text)
    if count:
        article.warnings.append(msg("EW024", count=count))
    text, notes = clean_text(body)
    if not text:
        return BadItem(article.origin, msg("EW010"))
    article.text = text
    article.warnings.extend(msg("EW016", note=n) for n in notes)
    return article


def read_text_file(path: Path) -> Iterator[Article | BadItem]:
    """Read a plain-text report; a sidecar ``NAME.json`` may give id, title, published, source and url."""
    text, warnings, error = _decode(path.read_bytes(), str(path))
    if error or text is None:
        yield BadItem(str(path), error or msg("EW010"))
        return
    meta: dict = {}
    sidecar = path.with_suffix(".json")
    if sidecar.is_file():
        try:
            loaded = json.loads(sidecar.read_text("utf-8"))
            meta = loaded if isinstance(loaded, dict) else {}
        except (ValueError, UnicodeDecodeError) as e:
            warnings.append(msg("EW017", path=sidecar.name, error=str(e)[:80]))
    headline, body = split_headline(text.replace("\r\n", "\n"))
    yield _finish(
        Article(
            id=metadata_text(meta.get("id"), "id", warnings) or path.stem,
            text=body,
            title=metadata_text(meta.get("title"), "title", warnings) or headline,
            published=_metadata_published(meta.get("published"), warnings),
            source=metadata_text(meta.get("source"), "source", warnings),
            url=metadata_text(meta.get("url"), "url", warnings),
            origin=str(path),
            warnings=warnings,
        )
    )


def read_html_file(path: Path) -> Iterator[Article | BadItem]:
    """Read a web page: the main text via trafilatura, title and date from the page when present."""
    html, warnings, error = _decode(path.read_bytes(), str(path))
    if error or html is None:
        yield BadItem(str(path), error or msg("EW010"))
        return
    yield html_article(html, id=path.stem, origin=str(path), warnings=warnings)


def html_article(
    html: str, *, id: str, origin: str, warnings: list[str] | None = None, url: str | None = None
) -> Article | BadItem:
    """Turn one HTML page into an Article, or a BadItem when it holds no article body.

    Example:
        >>> html_article("<html><body></body></html>", id="x", origin="x.html").reason[:7]
        '[EW013]'
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    warnings = list(warnings or [])
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True, url=url
        )
    except Exception as e:  # trafilatura raises a variety of parser errors on broken markup
        return BadItem(origin, msg("EW013", detail=f"the page could not be parsed ({type(e).__name__})"))
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        return BadItem(origin, msg("EW013", detail="no article body found"))
    if len(body.split()) < MIN_HTML_WORDS:  # menus and footers survive extraction as a few words
        return BadItem(origin, msg("EW013", detail=f"only {len(body.split())} word(s) of text, no article body"))
    published = None
    page_date = getattr(doc, "date", None)
    if page_date:
        published = _metadata_published(page_date, warnings)
    return _finish(
        Article(
            id=id,
            text=body,
            title=metadata_text(getattr(doc, "title", None), "title", warnings),
            published=published,
            source=metadata_text(getattr(doc, "sitename", None), "source", warnings),
            url=metadata_text(url or getattr(doc, "url", None), "url", warnings),
            origin=origin,
            warnings=warnings,
        )
    )


def suffix_of(path: Path) -> str:
    """The reader suffix of a file name: its last suffix, or the last two when it ends in ``.gz``.

    Example:
        >>> suffix_of(Path("crawl/CC-NEWS-01.warc.gz")), suffix_of(Path("a.TXT")), suffix_of(Path("x.tar.gz"))
        ('.warc.gz', '.txt', '.tar.gz')
    """
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == ".gz":
        return "".join(suffixes[-2:])
    return suffixes[-1] if suffixes else ""


def open_binary(path: Path) -> io.BufferedIOBase:
    """``path`` opened for reading bytes, decompressed on the fly when its name ends in ``.gz``.

    Example:
        >>> # with open_binary(Path("wire.jsonl.gz")) as fp: first = fp.readline()
    """
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def _looks_binary(head: bytes) -> bool:
    controls = sum(b < 9 or 13 < b < 32 for b in head)
    return b"\x00" in head or controls > 0.1 * len(head)


def _decode_line(data: bytes, warnings: list[str]) -> str:
    """One line or cell as text; invalid UTF-8 is replaced with U+FFFD and said in ``warnings``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        warnings.append(msg("EW012", offset=e.start, count=text.count("\ufffd")))
        return text


def read_jsonl_file(path: Path) -> Iterator[Article | BadItem]:
    """Read one article per line: ``id``, ``text``, optional ``title``, ``published``, ``url``, ``source``.

    The file (``.jsonl`` or gzip-compressed ``.jsonl.gz``) is streamed a line at a time: memory holds one line.
    """
    with open_binary(path) as fp:
        head = fp.peek(8192)[:8192] if hasattr(fp, "peek") else b""
        if _looks_binary(head):
            yield BadItem(str(path), msg("EW011"))
            return
        found = False
        # JSON Lines are separated by "\n" only: iterating a binary file splits there and nowhere else, whereas
        # str.splitlines() would also cut at U+2028, U+0085 and other separators that JSON allows unescaped
        # inside a string, breaking a valid line in two.
        for lineno, raw in enumerate(fp, start=1):
            line_warnings: list[str] = []
            line = _decode_line(raw.removesuffix(b"\n"), line_warnings).removesuffix("\r")
            if not line.strip():
                continue
            found = True
            origin = f"{path}:{lineno}"
            try:
                yield _jsonl_item(line, path, lineno, origin, line_warnings)
            except Exception as e:  # one line must never end the file: it becomes that line's bad item
                yield BadItem(origin, msg("EW026", error=f"{type(e).__name__}: {e}"[:120]))
    if not found:
        yield BadItem(str(path), msg("EW010"))


#: CSV column names read as each field (case-insensitive; the first present wins).
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "id": ("id", "article_id", "doc_id"),
    "title": ("title", "headline"),
    "published": ("published", "date", "date_publish", "pubdate", "publication_date"),
    "url": ("url", "link", "source_url"),
    "source": ("source", "publisher", "site", "source_domain"),
}


def read_csv_file(path: Path) -> Iterator[Article | BadItem]:
    """Read one article per row of a CSV file with a header (``.csv`` or ``.csv.gz``), streamed a row at a time.

    The header names the columns (:data:`CSV_COLUMNS`: ``text`` or ``body``/``content``, ``id``, ``title``,
    ``published`` or ``date``, ``url``, ``source``); a row without text is a bad item, the others go on.

    Example:
        >>> # id,title,published,text
        >>> # a1,Raid in Kano,2025-03-02,"Police arrested 12 men in Kano on Monday."
    """
    with open_binary(path) as fp:
        head = fp.peek(8192)[:8192] if hasattr(fp, "peek") else b""
        if _looks_binary(head):
            yield BadItem(str(path), msg("EW011"))
            return
        # newline="" lets the csv module see quoted newlines inside a field (a report of several paragraphs)
        text = io.TextIOWrapper(fp, encoding="utf-8", errors="surrogateescape", newline="")
        rows = csv.reader(text)
        try:
            header = next(rows, None)
        except csv.Error as e:
            yield BadItem(str(path), msg("EW040", error=str(e)[:120]))
            return
        if not header or not any(h.strip() for h in header):
            yield BadItem(str(path), msg("EW010"))
            return
        names = [h.strip().lstrip("\ufeff").casefold() for h in header]
        where = {k: next((names.index(a) for a in aliases if a in names), None) for k, aliases in CSV_COLUMNS.items()}
        if where["text"] is None:
            yield BadItem(str(path), msg("EW041", columns=", ".join(CSV_COLUMNS["text"])))
            return
        while True:
            lineno = rows.line_num + 1  # the row's first line (a quoted field may run over several)
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as e:  # a broken quote: this row is bad, the reader goes on with the next line
                yield BadItem(f"{path}:{lineno}", msg("EW040", error=str(e)[:120]))
                continue
            if not any(cell.strip() for cell in row):
                continue
            yield _csv_item(row, where, path, lineno)


def _csv_item(row: list[str], where: dict[str, int | None], path: Path, lineno: int) -> Article | BadItem:
    origin = f"{path}:{lineno}"
    warnings: list[str] = []

    def cell(key: str) -> str | None:
        i = where[key]
        if i is None or i >= len(row) or not row[i].strip():
            return None
        value = row[i]
        if any("\udc80" <= c <= "\udcff" for c in value):  # bytes that were not UTF-8 (surrogateescape)
            value = _decode_line(value.encode("utf-8", errors="surrogateescape"), warnings)
        return value

    text = cell("text")
    if text is None:
        return BadItem(origin, msg("EW042"))
    return _finish(
        Article(
            id=metadata_text(cell("id"), "id", warnings) or f"{path.name.split('.')[0]}-{lineno}",
            text=text,
            title=metadata_text(cell("title"), "title", warnings),
            published=_metadata_published(cell("published"), warnings),
            source=metadata_text(cell("source"), "source", warnings),
            url=metadata_text(cell("url"), "url", warnings),
            origin=origin,
            warnings=warnings,
        )
    )


def _jsonl_item(line: str, path: Path, lineno: int, origin: str, warnings: list[str]) -> Article | BadItem:
    try:
        item = json.loads(line)
    except ValueError as e:
        return BadItem(origin, msg("EW014", error=getattr(e, "msg", str(e))))
    if not isinstance(item, dict) or not isinstance(item.get("text"), str):
        return BadItem(origin, msg("EW018"))
    line_warnings = list(warnings)
    id = metadata_text(item.get("id"), "id", line_warnings) or f"{path.stem}-{lineno}"
    if isinstance(item.get("html"), str) and item["html"] and not item["text"].strip():
        html, count = scrub_surrogates(item["html"])
        if count:
            line_warnings.append(msg("EW024", count=count))
        return html_article(html, id=id, origin=origin, warnings=line_warnings)
    return _finish(
        Article(
            id=id,
            text=item["text"],
            title=metadata_text(item.get("title"), "title", line_warnings),
            published=_metadata_published(item.get("published"), line_warnings),
            source=metadata_text(item.get("source"), "source", line_warnings),
            url=metadata_text(item.get("url"), "url", line_warnings),
            origin=origin,
            warnings=line_warnings,
        )
    )


def _walk(folder: Path) -> Iterator[Path | BadItem]:
    """Every report file under ``folder``, a folder at a time (its files sorted, then its sub-folders, sorted),
    and a BadItem for every sub-folder that cannot be read. Nothing is listed ahead: a tree of a million files
    costs the memory of its largest folder."""
    found = False
    unreadable: list[BadItem] = []

    def failed(e: OSError) -> None:  # os.walk skips an unreadable folder silently unless told
        unreadable.append(BadItem(str(e.filename or folder), msg("EW025", error=e.strerror or str(e))))

    for root, dirs, files in os.walk(folder, onerror=failed):
        dirs.sort()
        yield from unreadable
        unreadable.clear()
        for name in sorted(files):
            f = Path(root, name)
            if suffix_of(f) in SUFFIXES and f.is_file():
                found = True
                yield f
    yield from unreadable
    if not found and not unreadable:
        yield BadItem(str(folder), msg("EW019", suffixes=", ".join(SUFFIXES)))


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | BadItem]:
    for p in map(Path, paths):
        if p.is_dir():
            yield from _walk(p)
        elif p.is_file():
            yield p
        else:
            yield BadItem(str(p), msg("EW020"))


def _readers() -> dict[str, Callable[[Path], Iterator[Article | BadItem]]]:
    """The reader of each suffix (imported here: WARC and feed readers import their parsers only when used)."""
    from eventwire.ingest.feeds import read_feed_file
    from eventwire.ingest.warc import read_warc_file

    return {
        ".txt": read_text_file,
        ".text": read_text_file,
        ".html": read_html_file,
        ".htm": read_html_file,
        ".jsonl": read_jsonl_file,
        ".jsonl.gz": read_jsonl_file,
        ".csv": read_csv_file,
        ".csv.gz": read_csv_file,
        ".warc": read_warc_file,
        ".warc.gz": read_warc_file,
        ".rss": read_feed_file,
        ".atom": read_feed_file,
    }


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | BadItem]:
    """Yield an Article or BadItem for every report in ``paths`` (files or folders, read recursively).

    Each item's ``path`` is the file it came from (for ``eventwire ingest --retry-failed``).

    Example:
        >>> items = list(read_paths(["no-such-file.txt"]))
        >>> items[0].reason[:7]
        '[EW020]'
    """
    readers = _readers()
    for p in _expand(paths):
        if isinstance(p, BadItem):
            p.path = p.origin
            yield p
            continue
        for item in _read_file(p, readers):
            item.path = str(p)
            yield item


def _read_file(
    p: Path, readers: dict[str, Callable[[Path], Iterator[Article | BadItem]]]
) -> Iterator[Article | BadItem]:
    reader = readers.get(suffix_of(p))
    if reader is None:
        yield BadItem(str(p), msg("EW021", suffix=suffix_of(p) or "(none)", suffixes=", ".join(SUFFIXES)))
        return
    try:
        yield from reader(p)
    except (OSError, EOFError) as e:  # EOFError: a truncated .gz file, known only when its end is reached
        yield BadItem(str(p), msg("EW022", error=getattr(e, "strerror", None) or str(e) or type(e).__name__))
    except Exception as e:  # a reader's bug must cost one file, not the batch
        yield BadItem(str(p), msg("EW026", error=f"{type(e).__name__}: {e}"[:120]))
