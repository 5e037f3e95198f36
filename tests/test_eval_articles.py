"""Whole-report scoring (``eventwire eval articles``): fixtures written for the project, and agreement with the
reference scorer in ``../shared/tools`` when it is present."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from eventwire.cli import main
from eventwire.eval.articles import read_gold, same_actor, score_article, scored, summarise, summary_line

TEXT = "Police arrested 5 men in Kano. The five were held overnight. A fire broke out later."
GOLD = {
    "id": "a1",
    "src": "fixture",
    "published": "2025-11-09",
    "text": TEXT,
    "events": [
        {
            "plover": "COERCE",
            "acled": "Arrests",
            "actor": "police",
            "lat": 12.0,
            "lon": 8.5,
            "date": "2025-11-09",
            "date_precision": "day",
            "mentions": [{"start": 0, "end": 30, "text": TEXT[0:30]}, {"start": 31, "end": 60, "text": TEXT[31:60]}],
        }
    ],
}


def _ev(start: int, type_: str = "COERCE", conf: float = 0.7, **kw) -> dict:
    return {
        "type": type_,
        "acled": {"sub_event_type": "Arrests"} if type_ == "COERCE" else None,
        "trigger": {"start": start},
        "actors": [{"name": "Kano police"}],
        "location": {"lat": 12.01, "lon": 8.52},
        "date": {"value": "2025-11-09"},
        "modality": "asserted",
        "confidence": conf,
        **kw,
    }


def test_one_event_per_incident_is_fully_correct():
    result = score_article(GOLD, {"events": [_ev(7)]})
    assert (result["tp"], result["pred"], result["dup"], result["full"]) == (1, 1, 0, 1)


def test_a_restatement_of_the_same_type_is_a_duplicate_and_another_type_is_ignored():
    result = score_article(GOLD, {"events": [_ev(7), _ev(40, conf=0.5), _ev(45, "ASSAULT", conf=0.4)]})
    assert (result["tp"], result["dup"], result["pred"]) == (1, 1, 2)


def test_an_event_outside_every_incident_is_spurious_and_unscored_kinds_do_not_count():
    events = [_ev(7), _ev(63, "ASSAULT"), _ev(63, "ACCUSE"), _ev(63, "ASSAULT", modality="negated")]
    result = score_article(GOLD, {"events": events})
    assert (result["fp"], result["pred"]) == (1, 2)
    assert [reason for reason, _ in result["spurious"]] == ["no such incident"]


def test_wrong_fields_are_counted_per_field():
    result = score_article(GOLD, {"events": [_ev(7, location={"lat": 13.0, "lon": 8.5}, actors=[])]})
    assert (result["loc"], result["actor"], result["full"], result["type"]) == (0, 0, 0, 1)


def test_same_actor_and_scored():
    assert same_actor(["Syrian security forces"], "security forces", None)
    assert not same_actor(["rebels"], "police", ["officers"])
    assert not scored({"type": "REQUEST", "acled": None, "modality": "asserted"})
    assert scored({"type": "REQUEST", "acled": {"sub_event_type": "Arrests"}, "modality": "reported"})


def test_summary_line_has_every_figure():
    line = summary_line(summarise(Counter(pred=4, tp=2, gold=4, dup=1, type=2, acled=1, actor=1, full=1)))
    assert line.startswith("articles precision=0.500 recall=0.500 f1=0.500 dup_rate=0.250 type=1.000 acled=0.500")
    assert line.endswith("n_gold=4 n_pred=4")


def test_read_gold_checks_mention_offsets(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    assert read_gold(tmp_path)[0]["id"] == "a1"
    bad = json.loads(json.dumps(GOLD))
    bad["events"][0]["mentions"][0]["start"] = 1
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_gold(path)


def test_eval_articles_command_on_a_fixture(tmp_path, capsys):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    assert main(["eval", "articles", str(path), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n_gold"] == 1 and result["recall"] == 1.0
    assert result["counts"]["tp"] == 1


def test_eval_articles_prints_the_reference_scorers_figures(shared, tmp_path, capsys):
    """The project's scorer and ``../shared/tools/score_articles.py`` agree on the dev reports."""
    gold = shared / "eval" / "articles-dev" / "gold.jsonl"
    assert main(["eval", "articles", str(gold), "--format", "json", "--output", str(tmp_path / "r.json")]) == 0
    ours = summary_line(json.loads(capsys.readouterr().out))
    reference = subprocess.run(
        [sys.executable, str(shared / "tools" / "score_articles.py"), str(gold)],
        capture_output=True,
        text=True,
        timeout=600,
        env={"EVENTWIRE": f"{sys.executable} -m eventwire", "PATH": "/usr/bin:/bin"},
    )
    assert reference.stdout.strip().splitlines()[-1] == ours
