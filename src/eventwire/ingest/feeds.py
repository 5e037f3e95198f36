"""RSS 2.0, RSS 1.0 (RDF) and Atom feed files (``.rss``, ``.atom``): each item or entry is one report.

The text is the item's full content where the feed gives it (``content:encoded``, Atom ``content``), else its
description or summary, turned from HTML into plain paragraphs; the title, link, date (``pubDate``, ``dc:date``,
Atom ``published`` or ``updated``) and the feed's own title (as the source) come with it. The file is parsed
incrementally and each item dropped once read, so memory holds one item, whatever the feed's length. A feed cut
off in the middle keeps the items before the break and lists the break as a bad item.

The item's ``origin`` is ``FILE#N`` (its place in the feed, from 1); its id is the item's ``guid`` or Atom
``id``, else its link, else ``FILE-N``.
"""

from __future__ import annotations

import email.utils
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from eventwire.errors import msg
from eventwire.ingest.readers import Article, BadItem, _finish, _metadata_published, metadata_text, open_binary

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_DATE = "{http://purl.org/dc/elements/1.1/}date"
RSS1 = "{http://purl.org/rss/1.0/}"


def read_feed_file(path: Path) -> Iterator[Article | BadItem]:
    """Yield an Article (or BadItem) for every item of an RSS or Atom feed file.

    Example:
        >>> # for item in read_feed_file(Path("world.rss")): print(item.title)
    """
    feed_title: str | None = None
    n = 0
    stack: list[ET.Element] = []  # the open elements: ElementTree has no parent pointers
    with open_binary(path) as fp:
        try:
            for event, elem in ET.iterparse(fp, events=("start", "end")):
                if event == "start":
                    if not stack and _kind(elem.tag) is None:
                        yield BadItem(str(path), msg("EW045", root=_local(elem.tag)))
                        return
                    stack.append(elem)
                    continue
                stack.pop()
                parent = stack[-1] if stack else None
                if _local(elem.tag) == "title" and parent is not None and _local(parent.tag) in ("channel", "feed"):
                    feed_title = feed_title or (elem.text or "").strip() or None
                if elem.tag in ("item", f"{RSS1}item", f"{ATOM}entry"):
                    n += 1
                    yield _item(elem, path, n, feed_title)
                    if parent is not None:  # the item is read: drop it, so memory holds one item at a time
                        parent.remove(elem)
        except ET.ParseError as e:
            yield BadItem(str(path) if n == 0 else f"{path}#{n + 1}", msg("EW046", error=str(e)[:120]))
            return
    if n == 0:
        yield BadItem(str(path), msg("EW047"))


def _kind(tag: str) -> str | None:
    if tag == "rss":
        return "rss"
    if tag == f"{ATOM}feed":
        return "atom"
    if _local(tag) == "RDF":
        return "rdf"
    return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(elem: ET.Element | None) -> str | None:
    if elem is None:
        return None
    if len(elem):  # Atom type="xhtml": the content is markup inside the element
        inner = "".join(ET.tostring(child, encoding="unicode") for child in elem)
        return html_text((elem.text or "") + inner)
    return elem.text


def _item(elem: ET.Element, path: Path, n: int, feed_title: str | None) -> Article | BadItem:
    origin = f"{path}#{n}"
    warnings: list[str] = []
    atom = elem.tag == f"{ATOM}entry"
    ns = ATOM if atom else (RSS1 if elem.tag == f"{RSS1}item" else "")
    if atom:
        body = _text(elem.find(f"{ATOM}content")) or _text(elem.find(f"{ATOM}summary"))
        link_elem = next((e for e in elem.findall(f"{ATOM}link") if e.get("rel", "alternate") == "alternate"), None)
        link = link_elem.get("href") if link_elem is not None else None
        guid = _text(elem.find(f"{ATOM}id"))
        date = _text(elem.find(f"{ATOM}published")) or _text(elem.find(f"{ATOM}updated"))
    else:
        body = _text(elem.find(CONTENT)) or _text(elem.find(f"{ns}description"))
        link = _text(elem.find(f"{ns}link"))
        guid = _text(elem.find("guid"))
        date = _text(elem.find("pubDate")) or _text(elem.find(DC_DATE))
    title = _text(elem.find(f"{ns}title"))
    text = html_text(body or "")
    if not text.strip():
        return BadItem(origin, msg("EW048"))
    return _finish(
        Article(
            id=metadata_text((guid or link or "").strip() or None, "id", warnings) or f"{path.name.split('.')[0]}-{n}",
            text=text,
            title=metadata_text(html_text(title).strip() or None if title else None, "title", warnings),
            published=_metadata_published(_feed_date(date), warnings) if date and date.strip() else None,
            source=metadata_text(feed_title, "source", warnings),
            url=metadata_text(link.strip() if link else None, "url", warnings),
            origin=origin,
            warnings=warnings,
        )
    )


def _feed_date(value: str) -> str:
    """An RSS date (RFC 822: ``Tue, 04 Mar 2025 08:00:00 GMT``) as ISO; an ISO (Atom) date as it is."""
    value = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return value
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return value  # not a date: _metadata_published says so in a warning
    return parsed.date().isoformat() if parsed else value


_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
_SKIP = {"script", "style", "noscript", "figure", "figcaption"}


class _Text(HTMLParser):
    """Plain text of an HTML fragment: block elements become paragraphs, scripts and captions go."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed's description): paragraphs separated by a blank line.

    Example:
        >>> html_text("<p>Police arrested <b>12</b> men.</p><p>They said so.</p>")
        'Police arrested 12 men.\\n\\nThey said so.'
    """
    if "<" not in fragment and "&" not in fragment:
        paragraphs = re.split(r"\n\s*\n", fragment)
    else:
        parser = _Text()
        parser.feed(fragment)
        parser.close()
        paragraphs = "".join(parser.parts).split("\n\n")
    cleaned = (re.sub(r"\s+", " ", p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)
