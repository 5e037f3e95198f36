"""Event-coding evaluation (``eventwire eval events``): readers, labellers and scorers on small fictional fixtures
with hand-computed figures, and one quick run per real gold set in ../shared (skipped when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import EventwireError
from eventwire.eval import events as ev

DATA = Path(__file__).resolve().parent / "data" / "eval_events"


class FakePipeline:
    """Returns canned events by article text, so that scorers can be checked without spaCy."""

    def __init__(self, events_by_text: dict[str, list[dict]]) -> None:
        self.events_by_text = events_by_text
        self.seen: list = []

    def process(self, articles):
        for a in articles:
            self.seen.append(a)
            yield {"article": {"id": a.id, "text": a.text}, "events": self.events_by_text.get(a.text, [])}


def acled(sub: str | None, confidence: float = 0.7, **extra) -> dict:
    """A minimal event with an ACLED sub-type (or none)."""
    codes = {"event_type": ev.ACLED_TYPE_OF[sub], "sub_event_type": sub} if sub else None
    return {"type": "ASSAULT", "mode": None, "acled": codes, "confidence": confidence, **extra}


# ------------------------------------------------------------------------------------------------------ CASE 2021


def test_case_codes_cover_the_25_acled_sub_types():
    assert sorted(ev.CASE_CODES.values()) == sorted(ev.ACLED_SUBTYPES)
    assert len(ev.ACLED_SUBTYPES) == 25
    assert ev.case_gold("DISR_WEAP") == "Disrupted weapons use"
    assert ev.case_gold("natural_disaster") == ev.NO_ACLED
    with pytest.raises(EventwireError, match="EW221"):
        ev.case_gold("PICNIC")


def test_read_case_skips_the_header_and_maps_codes():
    items = ev.read_case(DATA / "case2021")
    assert [i.id for i in items] == ["1", "3", "5", "7"]
    assert [i.gold for i in items] == ["Attack", "Arrests", ev.NO_ACLED, "Armed clash"]
    assert items[2].code == "DIPLO"
    assert items[0].text.startswith("Gunmen attacked")
    assert len(ev.read_case(DATA / "case2021" / "snippets.tsv", limit=2)) == 2


def test_read_case_rejects_a_malformed_line(tmp_path):
    (tmp_path / "snippets.tsv").write_text("id\tEventSnippet\tSubType\n1\tno label here\n", encoding="utf-8")
    with pytest.raises(EventwireError, match="EW222"):
        ev.read_case(tmp_path)
    with pytest.raises(EventwireError, match="EW220"):
        ev.read_case(tmp_path / "missing")


def test_case_label_choices():
    events = [acled("Attack", 0.6), acled(None, 0.95), acled("Arrests", 0.8), acled("Armed clash", 0.8)]
    record = {"events": events}
    assert ev.case_label(record) == "Arrests"  # highest confidence with an ACLED type, first on a tie
    assert ev.case_label(record, "first") == "Attack"
    assert ev.case_label(record, "hierarchy") == "Armed clash"  # Battles come first in ACLED's hierarchy
    assert ev.case_label({"events": [acled(None)]}) == ev.NO_ACLED
    assert ev.case_label({"events": []}) == ev.NO_ACLED


def test_score_case_on_a_three_class_toy_confusion():
    A, B, C, N = "Attack", "Arrests", "Armed clash", ev.NO_ACLED
    gold = [A, A, A, B, B, C, C, N]
    pred = [A, A, B, B, N, C, A, C]
    s = ev.score_case(gold, pred)
    # A: tp 2, fp 1, fn 1 -> F1 2/3; B: tp 1, fp 1, fn 1 -> 1/2; C: tp 1, fp 1 (the N snippet), fn 1 -> 1/2
    assert s["per_class"][A]["f1"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["per_class"][B]["f1"] == 0.5
    assert (s["per_class"][C]["fp"], s["per_class"][C]["f1"]) == (1, 0.5)
    assert s["classes_scored"] == 3
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0.5 + 0.5) / 3, abs=1e-4)
    # micro: tp 4, fp 3, fn 3
    assert (s["micro"]["tp"], s["micro"]["fp"], s["micro"]["fn"]) == (4, 3, 3)
    assert s["micro"]["f1"] == pytest.approx(4 / 7, abs=1e-4)
    assert s["accuracy"] == 0.5
    assert s["no_acled"]["f1"] == 0.0  # the one outside-ACLED snippet was labelled C; one B was labelled none
    assert s["confusion"][A] == {A: 2, B: 1}
    assert s["confusion"][N] == {C: 1}
    assert s["n"] == 8 and s["n_acled"] == 7


def test_score_case_counts_a_sub_type_predicted_but_absent_from_gold():
    s = ev.score_case(["Attack", "Attack"], ["Attack", "Grenade"])
    assert s["per_class"]["Grenade"]["f1"] == 0.0
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0) / 2, abs=1e-4)


def test_evaluate_case_and_render(capsys):
    items = ev.read_case(DATA / "case2021")
    fake = FakePipeline(
        {
            items[0].text: [acled("Attack")],
            items[1].text: [acled("Arrests", 0.6), acled("Attack", 0.8)],  # wrong: Attack has the higher confidence
            items[2].text: [],
            items[3].text: [acled("Armed clash")],
        }
    )
    result = ev.evaluate("case2021", DATA / "case2021", pipeline=fake, limit=None)
    assert result["n"] == 4
    # Attack: tp 1, fp 1 -> 2/3; Arrests: fn 1 -> 0; Armed clash: 1
    assert result["macro_f1"] == pytest.approx((2 / 3 + 0 + 1) / 3, abs=1e-4)
    assert result["any_event_accuracy"] == 1.0
    assert result["variants"]["first"]["macro_f1"] == 1.0
    assert all(a.published is None for a in fake.seen)
    text = ev.render(result)
    assert f"eventwire eval events --dataset case2021 {DATA / 'case2021'}" in text
    assert "| gold \\ ours |" in text and "| ARREST |" in text and "**0.556**" in text
    assert "case2021 snippets 4/4" in capsys.readouterr().err


def test_case_reports_the_frozen_split_apart(monkeypatch, tmp_path):
    items = ev.read_case(DATA / "case2021")
    ids = tmp_path / "frozen.txt"
    ids.write_text(f"# frozen\n{items[0].id}\n{items[3].id}\n", "utf-8")
    monkeypatch.setattr(ev, "FROZEN_IDS_FILE", ids)
    fake = FakePipeline({items[0].text: [acled("Attack")], items[3].text: [acled("Armed clash")]})
    result = ev.evaluate("case2021", DATA / "case2021", pipeline=fake, limit=None)
    assert result["splits"]["frozen"]["n"] == 2 and result["splits"]["frozen"]["macro_f1"] == 1.0
    assert result["splits"]["tuned"]["n"] == 2 and result["splits"]["tuned"]["macro_f1"] == 0.0
    assert "frozen split (never tuned or trained on)" in ev.render(result)


def test_the_shipped_frozen_split_is_about_a_third_of_the_dev_half():
    assert 120 <= len(ev.frozen_case_ids()) <= 180


# ----------------------------------------------------------------------------------------------------- PLOVER GSR


def test_gsr_names_map_to_the_2021_taxonomy():
    assert ev.gsr_type("DISAPPROVE") == "ACCUSE" and ev.gsr_type("FIGHT") == "ASSAULT"
    assert ev.gsr_mode("COERCE", "detain") == "arrest"
    assert ev.gsr_mode("COERCE", "curfew") == "curfew"
    assert ev.gsr_mode("THREATEN", "martial-law") == "restrict"
    assert ev.gsr_mode("PROTEST", "") is None


def test_read_plover_skips_the_document_record():
    items = ev.read_plover(DATA / "plover-gsr")
    assert [i.id for i in items] == ["TOY-COERCE-0001", "TOY-DEMAND-0001", "TOY-FIGHT-0001", "TOY-AGREE-0001"]
    assert [i.type for i in items] == ["COERCE", "REQUEST", "ASSAULT", "AGREE"]
    assert [i.mode for i in items] == ["arrest", None, "heavy-weapons", None]
    assert items[2].targets == [] and items[3].sources == [] and items[3].targets == []  # "", null, "diplomatic"
    assert items[0].sources[0]["sector"] == "COP"


def test_actor_match_by_span_overlap_or_name():
    text = "Tarnic and allied troops shelled rebel positions overnight."
    ours = {"text": "Tarnic and allied troops", "name": "troops", "start": 0, "end": 24}
    assert ev.actor_match({"actorText": "Tarnic ... troops"}, ours, text)
    assert ev.actor_match({"actorText": "allied"}, ours, text)
    assert not ev.actor_match({"actorText": "rebel positions"}, ours, text)
    # no span: one name must hold the other as whole words, ignoring case and a leading determiner
    assert ev.actor_match({"actorText": "The Dravin government"}, {"name": "Dravin Government"}, "")
    assert ev.actor_match({"actorText": "The Dravin government"}, {"name": "Dravin"}, "")  # one name holds the other
    assert not ev.actor_match({"actorText": "The Dravin government"}, {"name": "Dravinian"}, "")
    assert not ev.actor_match({"actorText": "Velmora"}, {"name": "Tarnic"}, "")
    # a gold word inside another word does not count ("troops" in "paratroopers")
    assert not ev.actor_match({"actorText": "troop"}, ours, text)


def _plover_records(items: list[ev.PloverItem]) -> dict[str, list[dict]]:
    t0, t1 = items[0].text, items[1].text
    velmora = t1.index("Velmora")
    return {
        t0: [
            {
                "type": "COERCE",
                "mode": "arrest",
                "confidence": 0.8,
                "actors": [{"text": "Velmoran police", "name": "Velmoran police", "start": 0, "end": 15,
                            "sector": "POLICE", "country": None}],
                "targets": [{"text": "14 opposition activists", "name": "opposition activists",
                             "start": t0.index("14"), "end": t0.index(" in the"), "sector": "PROTESTERS"}],
            }
        ],
        t1: [
            {
                "type": "ACCUSE",  # ties with the REQUEST event and comes first: it is ours
                "mode": "disapprove",
                "confidence": 0.6,
                "actors": [
                    {"text": "The Dravin government", "name": "Dravin government", "start": 0, "end": 21,
                     "sector": "GOVERNMENT", "country": "FRA"},
                    {"text": "Velmora", "name": "Velmora", "start": velmora, "end": velmora + 7},
                ],
                "targets": [],
            },
            {"type": "REQUEST", "mode": None, "confidence": 0.6, "actors": [], "targets": []},
        ],
        items[3].text: [{"type": "AGREE", "mode": None, "confidence": 0.5, "actors": [], "targets": []}],
    }  # fmt: skip


def test_score_plover_hand_computed():
    items = ev.read_plover(DATA / "plover-gsr")
    fake = FakePipeline(_plover_records(items))
    s = ev.evaluate("plover-gsr", DATA / "plover-gsr", pipeline=fake)
    assert s["n"] == 4 and s["covered"] == 3 and s["coverage"] == 0.75
    assert s["type_accuracy"] == 0.5  # COERCE and AGREE right; ACCUSE for REQUEST; nothing for the shelling
    assert s["type_accuracy_covered"] == pytest.approx(2 / 3, abs=1e-4)
    assert s["any_event_type_accuracy"] == 0.75
    assert (s["mode_n"], s["mode_accuracy"], s["mode_accuracy_type_correct"]) == (2, 0.5, 1.0)
    src, tgt = s["actors"]["source"], s["actors"]["target"]
    assert (src["n"], src["match"], src["no_event"], src["rate_covered"]) == (3, 2, 1, 1.0)
    assert s["source_match"] == pytest.approx(2 / 3, abs=1e-4)
    assert (tgt["n"], tgt["match"], tgt["no_actor"], tgt["swapped"]) == (2, 1, 1, 1)  # Velmora is our actor
    assert s["target_match"] == 0.5
    # matched pairs: police (COP -> POLICE), opposition activists (OPP: no counterpart), Dravin government (GOV)
    assert (s["sector_agreement"]["n"], s["sector_agreement"]["rate"]) == (2, 1.0)
    assert (s["country_agreement"]["n"], s["country_agreement"]["rate"]) == (1, 1.0)  # "VLM" is no country
    assert s["per_type"]["REQUEST"]["predicted"] == {"ACCUSE": 1}
    assert s["confusion"]["ASSAULT"] == {ev.NO_EVENT: 1}
    text = ev.render(s)
    assert "source actor match (3 with a gold source)" in text and "**0.500**" in text


# ---------------------------------------------------------------------------------------------- IndiaPoliceEvents


def test_repair_mojibake():
    assert ev.repair_mojibake("\u00e2\u20ac\u0153quoted\u00e2\u20ac\ufffd") == "\u201cquoted\u201d"
    assert ev.repair_mojibake("it\u00e2\u20ac\u2122s") == "it\u2019s"
    assert ev.repair_mojibake("caf\u00e9 \u2014 plain text stays") == "caf\u00e9 \u2014 plain text stays"


def test_read_ipe_repairs_text_and_takes_dates_from_metadata():
    docs = ev.read_ipe(DATA / "indiapoliceevents")
    assert [d.id for d in docs] == ["101", "102", "103"]
    assert docs[0].title == "This story is from March 3, 2002"
    assert docs[0].text.startswith("ostrava: police arrested")
    assert "\u201cwe will act firmly,\u201d" in docs[0].text
    assert [str(d.published) for d in docs] == ["2002-03-03", "2002-03-04", "None"]
    assert docs[1].labels == frozenset({"KILL", "FORCE", "ANY_ACTION"})


def test_ipe_labels_rules():
    arrest = {"type": "COERCE", "mode": "arrest", "modality": "asserted", "actors": []}
    acled_arrest = {"type": "COERCE", "mode": None, "acled": {"sub_event_type": "Arrests"}, "actors": []}
    counted = {"type": "ASSAULT", "trigger": {"text": "attack"}, "counts": {"killed": {"value": 3}}, "actors": []}
    lynched = {"type": "ASSAULT", "trigger": {"text": "lynched"}, "counts": {}, "actors": []}
    wounded = {"type": "ASSAULT", "trigger": {"text": "wounded"}, "counts": {"killed": None}, "actors": []}
    planned = dict(arrest, modality="planned")
    assert ev.ipe_labels({"events": [arrest]}) == {"ARREST"}
    assert ev.ipe_labels({"events": [acled_arrest]}) == {"ARREST"}
    assert ev.ipe_labels({"events": [counted]}) == {"KILL"}
    assert ev.ipe_labels({"events": [lynched]}) == {"KILL"}
    assert ev.ipe_labels({"events": [wounded, planned]}) == frozenset()
    by_police = dict(counted, actors=[{"text": "the police", "sector": None}])
    by_mob = dict(arrest, actors=[{"text": "villagers", "sector": "CIVILIANS"}])
    assert ev.ipe_labels({"events": [counted, by_mob]}, police=True) == frozenset()
    assert ev.ipe_labels({"events": [by_police, arrest]}, police=True) == {"ARREST", "KILL"}


def test_score_ipe_hand_computed():
    gold = [frozenset({"ARREST"}), frozenset({"ARREST", "KILL"}), frozenset(), frozenset({"KILL"})]
    pred = [frozenset({"ARREST"}), frozenset({"KILL"}), frozenset({"ARREST", "KILL"}), frozenset()]
    s = ev.score_ipe(gold, pred)
    # ARREST: tp 1, fp 1, fn 1; KILL: tp 1, fp 1, fn 1
    assert (s["ARREST"]["precision"], s["ARREST"]["recall"], s["ARREST"]["f1"]) == (0.5, 0.5, 0.5)
    assert (s["KILL"]["gold"], s["KILL"]["predicted"], s["KILL"]["f1"]) == (2, 2, 0.5)


def test_evaluate_ipe_and_render():
    docs = ev.read_ipe(DATA / "indiapoliceevents")
    police = [{"text": "police", "sector": "POLICE"}]
    fake = FakePipeline(
        {
            docs[0].text: [{"type": "COERCE", "mode": "arrest", "modality": "asserted", "actors": police}],
            docs[1].text: [{"type": "ASSAULT", "trigger": {"text": "killed"}, "counts": {"killed": {"value": 2}}}],
            docs[2].text: [{"type": "ASSAULT", "trigger": {"text": "killed"}, "modality": "negated"}],
        }
    )
    r = ev.evaluate("indiapoliceevents", DATA / "indiapoliceevents", pipeline=fake, limit=3)
    assert r["n"] == 3 and r["with_date"] == 2
    assert [str(a.published) for a in fake.seen] == ["2002-03-03", "2002-03-04", "None"]
    assert r["any_event"]["ARREST"]["f1"] == 1.0 and r["any_event"]["KILL"]["f1"] == 1.0
    assert r["police"]["KILL"]["f1"] == 0.0  # the killing has no police actor
    text = ev.render(r)
    assert "--dataset indiapoliceevents" in text and "--limit 3" in text and "| KILL |" in text


def test_evaluate_rejects_an_unknown_dataset():
    with pytest.raises(EventwireError, match="EW202"):
        ev.evaluate("acled", DATA, pipeline=FakePipeline({}))


# -------------------------------------------------------------------------------------------- the real gold sets


@pytest.mark.slow
@pytest.mark.parametrize(
    ("dataset", "folder", "key"),
    [
        ("case2021", "case2021-task2-dev", "macro_f1"),
        ("plover-gsr", "plover-gsr", "type_accuracy"),
        ("indiapoliceevents", "indiapoliceevents", "any_event"),
    ],
)
def test_evaluate_real_gold_set_quick_look(shared, pipeline, dataset, folder, key):
    path = shared / "eval" / folder
    if not path.is_dir():
        pytest.skip(f"{path} is absent")
    result = ev.evaluate(dataset, path, pipeline=pipeline, limit=5)
    assert result["n"] == 5
    assert key in result
    assert result["command"].endswith("--limit 5")
    text = ev.render(result)
    assert text.startswith("### Events:") and "| figure | value |" in text
