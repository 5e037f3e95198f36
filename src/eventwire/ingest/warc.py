"""WARC crawls (``.warc``, ``.warc.gz``): each HTML page of the crawl is one report, its text read by trafilatura.

A crawl holds more than pages: requests, crawl metadata, redirects, images, scripts. Only ``response`` (and
``resource``) records that hold an HTML page with a 2xx status are reports; the others are not news and are passed
over without a word. A page that holds no article is a bad item like an HTML file without one (``[EW013]``). The
archive is streamed a record at a time (warcio), so memory holds one page.

The item's ``origin`` is ``FILE#OFFSET``, the byte offset of its record in the (compressed) file, which a WARC tool
seeks to; its id is the record's ``WARC-Record-ID`` (a UUID), its url the ``WARC-Target-URI``.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from eventwire.errors import msg
from eventwire.ingest.readers import Article, BadItem, _decode, html_article

#: A page longer than this (decompressed) is not a news report; reading it would cost memory for nothing.
MAX_PAGE_BYTES = 20_000_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def read_warc_file(path: Path) -> Iterator[Article | BadItem]:
    """Yield an Article (or BadItem) for every HTML page of a WARC file, compressed or not.

    Example:
        >>> # for item in read_warc_file(Path("CC-NEWS-20250301.warc.gz")): print(item.origin)
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as fp:
        magic = fp.read(2)
    with gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb") as fp:
        head = fp.read(5)
    if head != b"WARC/":  # warcio reads other files leniently, as records of garbage: refuse them here
        yield BadItem(str(path), msg("EW043", error="it does not start with a WARC/1.x record"))
        return
    seen = pages = 0
    with open(path, "rb") as fp:
        records = ArchiveIterator(fp)
        try:
            for record in records:
                seen += 1
                item = _page(record, path, records.get_record_offset)
                if item is not None:
                    pages += 1
                    yield item
        except ArchiveLoadFailed as e:
            yield BadItem(str(path), msg("EW043", error=str(e).splitlines()[0][:120] if str(e) else "unreadable"))
            return
    if not seen:  # warcio reads a file of another kind as no records at all
        yield BadItem(str(path), msg("EW043", error="no WARC records found"))
    elif not pages:
        yield BadItem(str(path), msg("EW049", records=seen))


def _page(record, path: Path, offset: Callable[[], int]) -> Article | BadItem | None:
    """The report of one WARC record, or None when the record is not an HTML page.

    ``offset`` gives the record's offset; warcio knows it only once the record's content has been read (asked
    before, it reads the content away).
    """
    if record.rec_type not in ("response", "resource"):
        return None
    if record.rec_type == "response":
        if record.http_headers is None:
            return None
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    data = record.content_stream().read(MAX_PAGE_BYTES + 1)
    start = offset()
    origin = f"{path}#{start}"
    if len(data) > MAX_PAGE_BYTES:
        return BadItem(origin, msg("EW044", limit=MAX_PAGE_BYTES))
    found = _CHARSET.search(content_type)
    warnings: list[str] = []
    if found and found[1].lower().replace("-", "") not in ("utf8", "usascii"):
        try:
            data = data.decode(found[1]).encode("utf-8")
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong charset: read as UTF-8 with replacement, which _decode says
    html, decode_warnings, error = _decode(data, origin)
    if error or html is None:
        return BadItem(origin, error or msg("EW010"))
    warnings.extend(decode_warnings)
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    article_id = record_id.removeprefix("urn:uuid:") or f"{path.name.split('.')[0]}-{start}"
    url = record.rec_headers.get_header("WARC-Target-URI")
    return html_article(html, id=article_id, origin=origin, warnings=warnings, url=url)
