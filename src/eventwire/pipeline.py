"""The pipeline: one spaCy load, batches through ``nlp.pipe``, one record per article.

A failure inside one article's analysis becomes a warning in that article's record (its text is kept); it
never stops the batch. Each article's extraction (the extractor components, ``components.py``) runs under a time
budget (:attr:`Options.time_budget`): past it, the record keeps its text and named entities, with a warning.
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
from eventwire.ingest.readers import Article, parse_published, scrub_surrogates
from eventwire.record import empty_record, fill_record, text_key

log = logging.getLogger("eventwire.pipeline")


@dataclass(frozen=True, kw_only=True)
class Options:
    """Settings of a :class:`Pipeline`.

    ``max_chars``: the longest text analysed; a longer article is analysed up to a paragraph end before this
    limit, with a warning, and its full text is still kept in the record (it is capped at the model's own
    ``nlp.max_length``). ``batch_size``: texts per ``nlp.pipe`` batch. ``model``: a spaCy package name to use
    instead of the default English model. ``time_budget``: seconds one article's extraction may take (None:
    no limit); the default is generous: extraction takes one to two seconds per 10 KB on a busy two-core
    machine (``benchmarks/bench_scaling.py``).

    Example:
        >>> Options(max_chars=50_000).batch_size
        16
    """

    max_chars: int = 200_000
    batch_size: int = 16
    model: str | None = None
    time_budget: float | None = 120.0


#: A text at least this long is analysed only when it reads as prose (see :func:`prose_share`); shorter ones
#: cost little whatever they hold.
PROSE_CHECK_CHARS = 200
#: The least share of letters and digits among a text's visible characters for it to be prose. News runs at
#: 0.8-0.95, a results table with digits too; a run of quote marks or dashes, at one spaCy token per character,
#: would cost the parser the most for no event.
MIN_PROSE_SHARE = 0.5


def prose_share(text: str, sample: int = 20_000) -> float:
    """The share of letters and digits among the visible characters of the first ``sample`` characters.

    Example:
        >>> prose_share("Police arrested 12 men."), prose_share("“—“—“—")
        (0.95, 0.0)
    """
    visible = [c for c in text[:sample] if not c.isspace()]
    return round(sum(c.isalnum() for c in visible) / len(visible), 2) if visible else 0.0


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
        #: the longest text analysed: spaCy refuses texts over ``nlp.max_length`` (error E088)
        self.max_chars = min(self.options.max_chars, self.nlp.max_length)
        if self.max_chars < self.options.max_chars:
            log.warning(msg("EW034", asked=self.options.max_chars, limit=self.max_chars))

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
            try:
                language = guess_language(article.text)
            except Exception as e:  # a guess is optional: analyse the text as if English
                log.warning("language guess failed for %s: %s", article.origin, e)
                language = None
            record = empty_record(article, language)
            records.append(record)
            if language not in ("en", None):
                record["warnings"].append(msg("EW030", language=language))
                continue
            if language is None and len(article.text) >= PROSE_CHECK_CHARS:
                share = prose_share(article.text)
                if share < MIN_PROSE_SHARE:
                    record["warnings"].append(msg("EW037", share=share))
                    continue
            limit = _analysed_length(article.text, self.max_chars)
            if limit < len(article.text):
                record["warnings"].append(msg("EW031", length=len(article.text), limit=limit))
            try:
                todo.append((self._new_doc(article, limit), i))
            except Exception as e:  # the tokenizer failed on this text alone: its record keeps the text, says why
                record["warnings"].append(msg("EW033", error=f"{type(e).__name__}: {e}"[:200]))
        for doc, i in self._docs(todo, articles, records):
            self._fill(records[i], articles[i], doc)
        yield from records

    def _new_doc(self, article: Article, limit: int) -> Doc:
        """The Doc of the first ``limit`` characters of an article: what the components need to know of the article
        travels on it (its date, the analysed length, the key of its ids, the time budget of its extraction)."""
        return new_doc(
            self.nlp,
            article.text[:limit],
            published=article.published,
            limit=limit,
            text_key=text_key(article.text),
            budget=self.options.time_budget,
        )

    def _docs(
        self, todo: list[tuple[Doc, int]], articles: list[Article], records: list[dict]
    ) -> Iterator[tuple[Doc, int]]:
        """Analysed docs of the batch; when the batch fails in spaCy, each text alone (from a new Doc), so only its
        failing text is lost."""
        try:
            docs = list(self.nlp.pipe(todo, as_tuples=True, batch_size=self.options.batch_size))
        except Exception:
            log.warning("a batch of %d text(s) failed in spaCy; parsing them one by one", len(todo))
        else:
            yield from docs
            return
        for doc, i in todo:
            try:
                doc = self.nlp(self._new_doc(articles[i], len(doc.text)))
            except Exception as e:  # this text alone fails: its record keeps the text, says why
                records[i]["warnings"].append(msg("EW033", error=f"{type(e).__name__}: {e}"[:200]))
                continue
            yield doc, i

    def _fill(self, record: dict, article: Article, doc: Doc) -> None:
        """Build the record from the Doc; a failure here keeps the text and says why."""
        try:
            fill_record(record, article, doc)
        except Exception as e:  # one article's failure must not stop the batch: keep its text, say why
            log.exception("extraction failed for %s", article.origin)
            record["events"], record["places"], record["quotes"] = [], [], []
            record["warnings"].append(msg("EW033", error=f"{type(e).__name__}: {e}"[:200]))

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

        text, surrogates = scrub_surrogates(text)
        body, notes = clean_text(text)
        warnings = [msg("EW024", count=surrogates)] if surrogates else []
        article = Article(
            id=id or text_key(body),
            text=body,
            title=title,
            published=parse_published(published),
            source=source,
            url=url,
            warnings=warnings + [msg("EW016", note=n) for n in notes],
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
