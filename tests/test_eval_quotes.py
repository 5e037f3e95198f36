"""The PolNeAR reader and the quote scorer (eval/quotes.py).

The fixture in ``tests/data/polnear/`` is fictional, written for these tests in PolNeAR's layout; the expected
figures below are worked out by hand from it. The last test runs the real dev set from ``../shared`` when present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.eval import quotes as ev

FIXTURE = Path(__file__).resolve().parent / "data" / "polnear"


@pytest.fixture(scope="module")
def docs() -> dict[str, ev.GoldDoc]:
    return {d.name: d for d in ev.read_polnear(FIXTURE)}


def _quote(text: str, phrase: str, kind: str, *, cue: str | None = None, speaker: str | None = None, at=None):
    """A hand-made record quote over ``phrase`` (``cue``/``at``: the words of the cue and the speaker span)."""
    start = text.index(phrase)
    cue_start = text.index(cue) if cue else None
    span = (text.index(at), text.index(at) + len(at)) if at else (None, None)
    return {
        "text": phrase,
        "kind": kind,
        "start": start,
        "end": start + len(phrase),
        "speaker": speaker,
        "speaker_start": span[0],
        "speaker_end": span[1],
        "cue": cue,
        "cue_start": cue_start,
        "cue_end": cue_start + len(cue) if cue else None,
    }


# ------------------------------------------------------------------------------------------ reading


def test_reader_reads_texts_and_one_annotator_each(docs):
    assert sorted(docs) == ["council-vote", "harbour-storm"]
    harbour = docs["harbour-storm"]
    assert harbour.annotator == "ab12"  # the first file in name order; cd34 annotated the same text
    assert len(harbour.attributions) == 5  # the Discuss span is not an attribution
    first = harbour.attributions[0]
    assert first.source_text == "Mayor Ana Ruiz"
    assert len(first.content) == 2  # discontinuous: both halves of the split quote
    assert first.content_len == 36 + 38
    assert first.direct is True
    assert [a.direct for a in harbour.attributions[1:]] == [False, False, False, False]


def test_reader_keeps_attributions_without_a_source(docs):
    (council,) = docs["council-vote"].attributions
    assert council.source == () and council.source_text is None
    assert council.direct is True and council.content_text == '"will not back down"'


def test_reader_takes_the_split_folder_or_its_parent_and_a_limit():
    assert [d.name for d in ev.read_polnear(FIXTURE / "dev")] == ["council-vote", "harbour-storm"]
    assert [d.name for d in ev.read_polnear(FIXTURE, limit=1)] == ["council-vote"]
    with pytest.raises(FileNotFoundError):
        list(ev.read_polnear(FIXTURE / "nowhere"))


def test_quoted_mask_and_direct_definition():
    text = 'She said "we will win" and left.\n"Open quote runs to the end\nNext line'
    mask = ev.quoted_mask(text)
    assert "".join(c for c, m in zip(text, mask, strict=True) if m) == "we will winOpen quote runs to the end"
    assert ev.quoted_mask("''Yes,'' he said.")[2] == 1  # doubled apostrophes are quotation marks
    direct = (text.index("we"), text.index("win") + 3)
    assert ev.is_direct(text, (direct,))
    assert not ev.is_direct(text, ((text.index("She"), text.index("win") + 4),))  # reported speech around it


def test_names_match():
    assert ev.names_match("Anna Varga", "Varga")
    assert ev.names_match("Varga", "Mrs. Varga")
    assert ev.names_match("Kofi Osei", "party leader Kofi Osei")
    assert ev.names_match("Port Authority", "The port authority")
    assert not ev.names_match("the mayor", "Residents")
    assert not ev.names_match("Osei", "Osei's campaign manager")
    assert not ev.names_match(None, "Varga")


# ------------------------------------------------------------------------------------------ scoring


def _predictions(docs) -> dict[str, list[dict]]:
    t = docs["harbour-storm"].text
    return {
        "council-vote": [],  # the headline quote is missed
        "harbour-storm": [
            # the split quote: two pieces sharing their cue are one attribution (69 of 74 characters)
            _quote(t, "The harbour will reopen on Monday", "direct", cue="said", speaker="Ana Ruiz", at="Ana Ruiz"),
            _quote(t, "The divers have finished their work.", "direct", cue="said", speaker="Ana Ruiz", at="Ana Ruiz"),
            _quote(t, "Harbour reopens", "direct"),  # nothing in the gold
            # right by name, no span
            _quote(t, "two cranes were damaged", "indirect", cue="said that", speaker="Port Authority"),
            # gold Source "He": found, not scored for the speaker
            _quote(t, "the ferry would wait", "indirect", cue="added", speaker="Ana Ruiz", at="Ana Ruiz"),
            # wrong speaker
            _quote(t, "the water rose quickly", "indirect", cue="Residents said", speaker="the mayor"),
            # "Fishermen believe the season is lost" is missed
        ],
    }


def test_scorer_figures_worked_out_by_hand(docs):
    preds = _predictions(docs)
    result = ev.summarise(ev.score_doc(docs[name], preds[name]) for name in sorted(docs))
    c = result["counts"]
    assert (c["gold_direct"], c["found_direct"], c["gold_all"], c["found_all"]) == (2, 1, 6, 4)
    assert result["direct"]["recall"] == 0.5  # the split quote yes, the headline no
    assert result["all"]["recall"] == 0.667  # 4 of 6: "Fishermen believe" and the headline missed
    assert result["all"]["precision"] == 0.833  # 5 of 6 quotes: "Harbour reopens" is not in the gold
    assert result["direct"]["precision"] == 0.667  # 2 of 3 direct quotes
    # each piece of the split quote alone covers less than half of its Content (33/74, 36/74)
    assert result["all"]["precision_piece_alone"] == 0.5
    assert result["direct"]["precision_piece_alone"] == 0.0
    # speakers: Ruiz (span), port authority (name) right; Residents wrong; "He" not scored
    assert (result["all"]["speaker_n"], result["all"]["speaker_accuracy"]) == (3, 0.667)
    assert (result["direct"]["speaker_n"], result["direct"]["speaker_accuracy"]) == (1, 1.0)
    assert result["direct"]["recall_by_direct_quotes"] == 0.5


def test_units_group_quotes_by_cue(docs):
    groups = ev.units(_predictions(docs)["harbour-storm"])
    assert [len(g) for g in groups] == [2, 1, 1, 1, 1]


class _FakePipeline:
    """Stands in for Pipeline.process: returns the hand-made quotes as records."""

    def __init__(self, preds: dict[str, list[dict]]):
        self.preds = preds

    def process(self, articles):
        for a in articles:
            yield {"article": {"id": a.id, "text": a.text}, "quotes": self.preds[a.id]}


def test_evaluate_and_render(docs, capsys):
    result = ev.evaluate("polnear", FIXTURE, pipeline=_FakePipeline(_predictions(docs)))
    assert result["all"]["recall"] == 0.667 and result["counts"]["docs"] == 2
    assert "2/2 texts" in capsys.readouterr().err  # progress on stderr
    md = ev.render(result)
    assert f"eventwire eval quotes --dataset polnear {FIXTURE}" in md
    assert "0.667 (4/6)" in md and "| direct" in md
    with pytest.raises(ValueError):
        ev.evaluate("parc3", FIXTURE, pipeline=_FakePipeline({}))


# ------------------------------------------------------------------------------------------ the real dev set


@pytest.mark.slow
def test_evaluate_on_the_polnear_dev_set(shared, pipeline):
    path = shared / "eval" / "polnear-dev"
    if not path.is_dir():
        pytest.skip("../shared/eval/polnear-dev is absent")
    result = ev.evaluate("polnear", path, pipeline=pipeline, limit=3)
    assert result["counts"]["docs"] == 3 and result["counts"]["gold_all"] > 0
    for part in ("direct", "all"):
        for key in ("recall", "precision"):
            value = result[part][key]
            assert value is None or 0.0 <= value <= 1.0
    assert "--limit 3" in ev.render(result)
