"""The attribute ruler's indexed match step (``rulematch.py``) finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc

from eventwire.rulematch import IndexedRuleMatch, index_attribute_ruler

ROOT = Path(__file__).resolve().parent.parent


def _matcher_matches(ruler, doc: Doc) -> list[tuple[int, int, int, int]]:
    """spaCy's own answer, from a fresh Matcher built from the ruler's patterns (whatever ``ruler.match`` is)."""
    matcher = Matcher(ruler.vocab)
    for i, rule in enumerate(ruler.patterns):
        matcher.add(ruler.vocab.strings.add(str(i)), rule["patterns"])
    found = matcher(doc, allow_missing=True, as_spans=False)
    return sorted((int(ruler.vocab.strings[key]), key, start, end) for key, start, end in found)


def _tagged(nlp, words: list[str], tags: list[str], deps: list[str] | None = None) -> Doc:
    spaces = [True] * len(words)
    doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags)
    if deps is not None:
        for tok, dep in zip(doc, deps, strict=True):
            tok.dep_ = dep
    return doc


def test_every_kind_of_test_matches_as_the_matcher_does():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": {"IN": ["VBD", "VBN"]}, "LOWER": "said"}]], {"LEMMA": "say"})
    ruler.add([[{"LOWER": "who"}, {"LOWER": {"REGEX": "^'?s$"}}]], {"LEMMA": "be"}, index=1)
    ruler.add([[{"LOWER": "who"}, {"LOWER": {"REGEX": "^'?s$"}}]], {"NORM": "is"}, index=-1)
    ruler.add([[{"TAG": {"NOT_IN": ["NN", "_SP"]}}]], {"MORPH": "Foo=Bar"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"DEP": "nsubj", "TEXT": "It"}]], {"POS": "PRON"})
    # two patterns under one rule that match the same token: the Matcher reports the match once
    ruler.add([[{"LOWER": "it"}], [{"TAG": "PRP"}]], {"LEMMA": "it"})
    doc = _tagged(
        nlp,
        ["It", "said", "who", "'s", "there", "\n", "who", "s", "a", "dog"],
        ["PRP", "VBD", "WP", "VBZ", "EX", "_SP", "WP", "VBZ", "DT", "NN"],
        ["nsubj", "ROOT", "nsubj", "ccomp", "expl", "", "nsubj", "dep", "det", "attr"],
    )
    fast = IndexedRuleMatch(ruler)
    found = fast(doc)
    assert fast._rules is not None  # every pattern above is read by the index, none falls back to the Matcher
    assert found == _matcher_matches(ruler, doc)
    assert (7, int(nlp.vocab.strings["7"]), 0, 1) in found and len([m for m in found if m[0] == 7]) == 1


def test_a_pattern_with_an_operator_falls_back_to_the_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}, {"LOWER": "good"}]], {"LEMMA": "good"}, index=-1)
    doc = nlp.make_doc("very very good")
    fast = IndexedRuleMatch(ruler)
    assert fast(doc) == _matcher_matches(ruler, doc)
    assert fast._rules is None


def test_patterns_added_later_are_read():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}]], {"LEMMA": "x"})
    index_attribute_ruler(nlp)
    doc = nlp.make_doc("a b")
    assert [m[2] for m in ruler.match(doc)] == [0]
    ruler.add([[{"LOWER": "b"}]], {"LEMMA": "y"})
    assert [m[2] for m in ruler.match(doc)] == [0, 1]
    assert nlp(nlp.make_doc("a b"))[1].lemma_ == "y"


def test_the_english_model_writes_the_same_tags_with_the_index(nlp):
    """The loaded pipeline uses the index, and what the ruler writes equals what spaCy's Matcher gives."""
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedRuleMatch)
    text = (
        "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt")))
        + " Who's gonna say it ain't so? Let's go, y'all."
    )
    upstream = [name for name in nlp.pipe_names if name in ("tok2vec", "tagger", "parser")]
    doc = nlp.make_doc(text)
    for name in upstream:
        doc = nlp.get_pipe(name)(doc)
    fast = ruler.match(doc)
    assert ruler.match._rules is not None  # the model's patterns are all read by the index
    assert fast == _matcher_matches(ruler, doc)
    assert len(fast) >= len(doc)  # every token has its tag's rule at least


@pytest.mark.parametrize("name", ["attribute_ruler", "no_such_pipe"])
def test_index_attribute_ruler_only_touches_a_ruler(name):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    if name == "attribute_ruler":
        nlp.add_pipe("attribute_ruler")
    assert (index_attribute_ruler(nlp) is None) == (name != "attribute_ruler")


def test_the_raw_baseline_keeps_spacys_matcher_and_tags_alike(nlp):
    """``load(spacy_matcher=True)`` (the benchmarks' raw spaCy) matches with spaCy's Matcher, and tags as the
    default pipeline does."""
    from eventwire import nlp as nlp_mod

    stock = nlp_mod.load(spacy_matcher=True)
    assert stock is not nlp
    assert not isinstance(stock.get_pipe("attribute_ruler").match, IndexedRuleMatch)
    text = "Police said they arrested 12 men who'd gone to the rally in Kano on Monday."
    assert [(t.pos_, str(t.morph), t.lemma_) for t in stock(text)] == [
        (t.pos_, str(t.morph), t.lemma_) for t in nlp(text)
    ]
