"""scripts/check_gold_overlap.py: finds runs of words a change shares with the gold sets."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_gold_overlap.py"
spec = importlib.util.spec_from_file_location("check_gold_overlap", SCRIPT)
overlap = importlib.util.module_from_spec(spec)
spec.loader.exec_module(overlap)


def test_words_ignore_case_and_punctuation():
    assert overlap.words("Rebels SEIZED the town, officials said.") == [
        "rebels",
        "seized",
        "the",
        "town",
        "officials",
        "said",
    ]


def test_a_shared_run_is_found_and_a_shorter_one_is_not(tmp_path):
    (tmp_path / "eval" / "set").mkdir(parents=True)
    (tmp_path / "eval" / "set" / "gold.txt").write_text("Militia fighters burned the old grain market at dawn.")
    (tmp_path / "eval" / "set" / "SOURCE.md").write_text("a description whose words are not gold text at all")
    gold = overlap.gold_runs(tmp_path, 5)
    ours = overlap.runs(overlap.words("Witnesses said fighters burned the old grain market."), 5)
    assert ours & gold == {("fighters", "burned", "the", "old", "grain"), ("burned", "the", "old", "grain", "market")}
    assert not overlap.runs(overlap.words("whose words are not gold text"), 5) & gold  # SOURCE.md is skipped
    assert not overlap.runs(overlap.words("the old grain market"), 5)  # fewer words than a run
