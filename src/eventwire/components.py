"""The extractors as spaCy pipeline components: the Doc is the one hand-off between them.

Each component reads what the parser and the components before it left on the Doc and writes its own results to a
``Doc._.ew_*`` extension; no component calls another. The order below is the map of the house::

    tok2vec, tagger, parser, ner ...  (the English model; eventwire_paragraphs before the parser)
    eventwire_places   doc._.ew_places   toponyms resolved in context      needs doc.ents, the parse
    eventwire_dates    doc._.ew_dates    date expressions, resolved         needs doc._.ew_published
    eventwire_quotes   doc._.ew_quotes   quotes and their speakers          needs the parse
    eventwire_events   doc._.ew_events   incidents with their arguments     needs places, dates, quotes

What travels in with a text is set on its Doc before the components run: ``ew_published`` (the date relative dates
resolve against), ``ew_limit`` (how much of the text is analysed), ``ew_text_key`` (the base of stable ids) and
``ew_budget`` (the seconds the extractor components together may spend on it; None: no limit).
A component that fails writes its error to ``ew_errors`` and leaves its output empty, and the components after it
do nothing: one bad article never stops a batch, and ``record.py`` turns the error into a warning. Past its time
budget, the running component stops, ``ew_over_budget`` holds the budget, and the components after it do nothing
either (``record.py`` keeps the text and named entities, with a warning).

Example:
    >>> from eventwire.nlp import load_extracting  # doctest: +SKIP
    >>> nlp = load_extracting()  # doctest: +SKIP
    >>> text = "Police arrested 12 men in Kano on Monday."
    >>> doc = nlp(new_doc(nlp, text, published=dt.date(2025, 3, 5)))  # doctest: +SKIP
    >>> [e["mode"] for e in doc._.ew_events]  # doctest: +SKIP
    ['arrest']
"""

from __future__ import annotations

import abc
import contextlib
import datetime as dt
import signal
import threading
import time
from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.extractors.dates import find_dates
from eventwire.extractors.events import find_events
from eventwire.extractors.parse import doc_text
from eventwire.extractors.places import find_places
from eventwire.extractors.quotes import find_quotes
from eventwire.gazetteer import Gazetteer

#: The extractor components, in pipeline order.
EXTRACTORS = ("eventwire_places", "eventwire_dates", "eventwire_quotes", "eventwire_events")
#: Doc extensions: what goes in with a text, and what each component writes.
EXTENSIONS = (
    "published",
    "limit",
    "text_key",
    "budget",
    "deadline",
    "places",
    "dates",
    "quotes",
    "events",
    "errors",
    "over_budget",
)


def register_extensions() -> None:
    """Register the ``Doc._.ew_*`` extensions (once; every later call does nothing).

    Example:
        >>> register_extensions(); Doc.has_extension("ew_events")
        True
    """
    for name in EXTENSIONS:
        if not Doc.has_extension(f"ew_{name}"):
            Doc.set_extension(f"ew_{name}", default=None)


register_extensions()


def new_doc(
    nlp: Language,
    text: str,
    *,
    published: dt.date | None = None,
    limit: int | None = None,
    text_key: str = "",
    budget: float | None = None,
) -> Doc:
    """A tokenised Doc carrying what the components need to know of its article, ready for ``nlp(doc)`` or
    ``nlp.pipe(docs)``.

    Example:
        >>> import spacy
        >>> new_doc(spacy.blank("en"), "Hi there.", published=dt.date(2025, 1, 2))._.ew_published
        datetime.date(2025, 1, 2)
    """
    doc = nlp.make_doc(text)
    doc._.ew_published = published
    doc._.ew_limit = limit
    doc._.ew_text_key = text_key
    doc._.ew_budget = budget
    doc._.ew_errors = []
    return doc


class OverBudget(Exception):
    """An article's extraction ran past its time budget (``Doc._.ew_budget``)."""


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`OverBudget` inside the block once ``seconds`` have passed.

    Uses a real-time interval timer (``SIGALRM``), so it only applies in the main thread of a POSIX process;
    elsewhere (threads, Windows) the block runs without a limit.

    Example:
        >>> with time_budget(5.0):
        ...     total = sum(range(10))
        >>> total
        45
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _time_left(doc: Doc) -> float | None:
    """Seconds left of the Doc's time budget, which starts when the first extractor component reaches it."""
    if doc._.ew_budget is None:
        return None
    if doc._.ew_deadline is None:
        doc._.ew_deadline = time.monotonic() + doc._.ew_budget
    return doc._.ew_deadline - time.monotonic()


class _Extractor(abc.ABC):
    """A component that runs one extractor over a Doc and keeps its failure to that Doc."""

    output = ""

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if doc._.ew_errors is None:
            doc._.ew_errors = []
        setattr(doc._, self.output, [])
        if doc._.ew_errors or doc._.ew_over_budget:  # an extractor before this one failed: its input is missing
            return doc
        left = _time_left(doc)
        try:
            if left is not None and left <= 0:
                raise OverBudget()
            with time_budget(left):
                setattr(doc._, self.output, self.extract(doc))
        except OverBudget:  # the article keeps what the parser found; record.py says why
            doc._.ew_over_budget = doc._.ew_budget
        except Exception as e:  # one article's failure must not stop the batch: keep it on the Doc, say why
            doc._.ew_errors.append(f"{self.name}: {type(e).__name__}: {e}")
        return doc

    @abc.abstractmethod
    def extract(self, doc: Doc) -> list[dict]:
        """What the component finds in ``doc`` (written to its extension by ``__call__``)."""

    @staticmethod
    def limit(doc: Doc) -> int:
        return doc._.ew_limit if doc._.ew_limit is not None else len(doc_text(doc))


class PlacesComponent(_Extractor):
    """``eventwire_places``: toponyms resolved against the gazetteer, in the context of the whole article.

    ``gazetteer`` is the index to use (the default index when left None, loaded on first use).
    """

    output = "ew_places"

    def __init__(self, name: str, gazetteer: Gazetteer | None = None) -> None:
        super().__init__(name)
        self.gazetteer = gazetteer

    def extract(self, doc: Doc) -> list[dict]:
        if self.gazetteer is None:
            self.gazetteer = Gazetteer.default()
        return find_places(doc, self.gazetteer, limit_char=self.limit(doc))


class DatesComponent(_Extractor):
    """``eventwire_dates``: date expressions resolved against ``doc._.ew_published``."""

    output = "ew_dates"

    def extract(self, doc: Doc) -> list[dict]:
        return find_dates(doc, doc._.ew_published)


class QuotesComponent(_Extractor):
    """``eventwire_quotes``: direct and indirect quotes with their speakers."""

    output = "ew_quotes"

    def extract(self, doc: Doc) -> list[dict]:
        return find_quotes(doc)


class EventsComponent(_Extractor):
    """``eventwire_events``: one event per incident, from the places, dates and quotes on the Doc."""

    output = "ew_events"

    def __init__(self, name: str, places: PlacesComponent | None = None) -> None:
        super().__init__(name)
        self.places = places

    def extract(self, doc: Doc) -> list[dict]:
        return find_events(
            doc,
            places=doc._.ew_places,
            dates=doc._.ew_dates,
            quotes=doc._.ew_quotes,
            published=doc._.ew_published,
            gazetteer=self.places.gazetteer if self.places is not None else None,
            limit_char=self.limit(doc),
            text_key=doc._.ew_text_key or "",
        )


def _factory(cls: type[_Extractor]) -> Callable[[Language, str], _Extractor]:
    def make(nlp: Language, name: str) -> _Extractor:
        return cls(name)

    return make


Language.factory("eventwire_places", assigns=["doc._.ew_places"], requires=["doc.ents", "token.dep"])(
    _factory(PlacesComponent)
)
Language.factory("eventwire_dates", assigns=["doc._.ew_dates"], requires=["doc.ents"])(_factory(DatesComponent))
Language.factory("eventwire_quotes", assigns=["doc._.ew_quotes"], requires=["token.dep"])(_factory(QuotesComponent))
Language.factory(
    "eventwire_events",
    assigns=["doc._.ew_events"],
    requires=["doc._.ew_places", "doc._.ew_dates", "doc._.ew_quotes"],
)(_factory(EventsComponent))


def add_extractors(nlp: Language, gazetteer: Gazetteer | None = None) -> Language:
    """Add the extractor components to a parsing pipeline, in :data:`EXTRACTORS` order, sharing ``gazetteer``.

    Example:
        >>> # nlp = add_extractors(spacy.load("en_core_web_sm"), Gazetteer.default())
    """
    for name in EXTRACTORS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    places = nlp.get_pipe("eventwire_places")
    places.gazetteer = gazetteer or places.gazetteer
    nlp.get_pipe("eventwire_events").places = places
    return nlp
