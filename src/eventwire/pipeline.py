"""The pipeline: one spaCy load, batches through ``nlp.pipe``, one record per article.

A failure inside one article's analysis becomes a warning in that article's record (its text is kept); it
never stops the batch.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from eventwire import nlp as nlp_mod
from eventwire.components import new_doc
from eventwire.errors import msg
from eventwire.gazetteer import Gazetteer
from eventwire.ingest.language import guess_language
from eventwire.ingest.readers import Article, parse_published
from eventwire.record import empty_record, fill_record, text_key

log = logging.getLogger("eventwire.pipeline")


@dataclass(frozen=True, kw_only=True)
class Options:
    """Settings of a :class:`Pipeline`.

    ``max_chars``: the longest text analysed; a longer article is analysed up to a paragraph end before this
    limit, with a warning, and its full text is still kept in the record. ``batch_size``: texts per
    ``nlp.pipe`` batch. ``model``: a spaCy package name to use instead of the default English model.

    Example:
        >>> Options(max_chars=50_000).batch_size
        16
    """

    max_chars: int = 200_000
    batch_size: int = 16
    model: str | None = None


def _analysed_length(text: str, limit: int) -> int:
    """Where to stop analysing: the whole text, or a paragraph (else sentence) end before ``limit``."""
    if len(text) <= limit:
        return len(text)
    cut = text.rfind("\n\n", 0, limit)
    if cut < limit // 2:
        cut = text.rfind(". ", 0, limit) + 1
    return cut if cut > 0 else limit


class Pipeline:
    """Extracts records from articles, loading spaCy and the gazetteer once.

    Example:
        >>> pipe = Pipeline()  # doctest: +SKIP
        >>> rec = pipe.extract("Police arrested 12 men in Kano on Monday.", published="2025-03-05")  # doctest: +SKIP
        >>> [e["mode"] for e in rec["events"]]  # doctest: +SKIP
        ['arrest']
    """

    def __init__(self, options: Options | None = None, *, gazetteer: Gazetteer | None = None) -> None:
        self.options = options or Options()
        self.gazetteer = gazetteer or Gazetteer.default()
        # the parser and the extractor components in one spaCy pipeline (components.py): the Doc is the hand-off
        self.nlp = nlp_mod.load_extracting(self.options.model, self.gazetteer)

    def process(self, articles: Iterable[Article]) -> Iterator[dict]:
        """Yield one record per article, in order, analysing them in batches.

        Example:
            >>> # for record in Pipeline().process(read_paths(["examples/"])): ...
        """
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.options.batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, articles: list[Article]) -> Iterator[dict]:
        records: list[dict] = []
        todo: list[tuple[Doc, int]] = []
        for i, article in enumerate(articles):
            language = guess_language(article.text)
            record = empty_record(article, language)
            records.append(record)
            if language not in ("en", None):
                record["warnings"].append(msg("EW030", language=language))
                continue
            limit = _analysed_length(article.text, self.options.max_chars)
            if limit < len(article.text):
                record["warnings"].append(msg("EW031", length=len(article.text), limit=limit))
            # what the components need to know of the article travels on its Doc
            key = text_key(article.text)
            doc = new_doc(self.nlp, article.text[:limit], published=article.published, limit=limit, text_key=key)
            todo.append((doc, i))
        for doc, i in self.nlp.pipe(todo, as_tuples=True, batch_size=self.options.batch_size):
            article, record = articles[i], records[i]
            try:
                fill_record(record, article, doc)
            except Exception as e:  # one article's failure must not stop the batch: keep its text, say why
                log.exception("extraction failed for %s", article.origin)
                record["events"], record["places"], record["quotes"] = [], [], []
                record["warnings"].append(msg("EW033", error=f"{type(e).__name__}: {e}"[:200]))
        yield from records

    def extract(
        self,
        text: str,
        *,
        published: str | dt.date | None = None,
        title: str | None = None,
        id: str | None = None,
        source: str | None = None,
        url: str | None = None,
    ) -> dict:
        """The record of one text.

        Example:
            >>> # Pipeline().extract("Gunmen killed 3 people in Kaduna on Sunday.", published="2025-06-02")
        """
        from eventwire.ingest.clean import clean_text

        body, notes = clean_text(text)
        article = Article(
            id=id or text_key(body),
            text=body,
            title=title,
            published=parse_published(published),
            source=source,
            url=url,
            warnings=[msg("EW016", note=n) for n in notes],
        )
        return next(self.process([article]))


_DEFAULT: Pipeline | None = None


def extract(text: str, *, published: str | dt.date | None = None, **metadata: str | None) -> dict:
    """The format-1 record of one text, using a shared :class:`Pipeline`.

    Example:
        >>> import eventwire  # doctest: +SKIP
        >>> eventwire.extract("Police arrested 12 men in Kano.", published="2025-03-05")["format"]  # doctest: +SKIP
        1
    """
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT.extract(text, published=published, **metadata)
