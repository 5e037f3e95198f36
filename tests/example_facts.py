"""Compare records extracted from the bundled samples with examples/EXPECTED.yaml, fact by fact.

Used by tests/test_examples.py (a gate whose minimums may only go up) and runnable by hand:
``python tests/example_facts.py`` prints every fact as ok / MISS.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def expected() -> dict:
    return yaml.safe_load((EXAMPLES / "EXPECTED.yaml").read_text("utf-8"))


def _plover(e: dict) -> str:
    return f"{e['type']}/{e['mode']}" if e.get("mode") else e["type"]


def _acled(e: dict) -> str | None:
    a = e.get("acled")
    return f"{a['event_type']}/{a['sub_event_type']}" if a else None


def _count(v) -> tuple[int, str]:
    if isinstance(v, dict):
        return int(v["value"]), v.get("qualifier", "exact")
    return int(v), "exact"


def _date(v) -> tuple[str, str]:
    if isinstance(v, dict):
        return str(v["value"]), v.get("precision", "day")
    if isinstance(v, dt.date):
        return v.isoformat(), "day"
    return str(v), "day"


def _match(exp: dict, events: list[dict]) -> dict | None:
    """The extracted event that best fits an expected one: same PLOVER type, mode or ACLED sub-type."""
    want_type, _, want_mode = str(exp["plover"]).partition("/")
    best, best_score = None, 0
    for e in events:
        score = 0
        if e["type"] == want_type:
            score += 2
            if want_mode and e.get("mode") == want_mode:
                score += 1
        if exp.get("acled") and _acled(e) == exp["acled"]:
            score += 2
        place = exp.get("place")
        if place and any(place.lower() in (loc.get("text") or "").lower() for loc in e.get("locations") or []):
            score += 1
        if score > best_score:
            best, best_score = e, score
    return best if best_score >= 2 else None


def facts(record: dict, exp: dict) -> list[tuple[str, bool]]:
    """(description, holds) for every fact of one sample."""
    out: list[tuple[str, bool]] = []
    events = record["events"]
    for i, ev in enumerate(exp.get("events") or []):
        if ev.get("optional"):
            continue
        tag = f"event {i + 1} {ev['plover']}"
        got = _match(ev, events)
        out.append((f"{tag}: found", got is not None))
        if got is None:
            continue
        out.append((f"{tag}: PLOVER type", got["type"] == str(ev["plover"]).split("/")[0]))
        if "/" in str(ev["plover"]):
            out.append((f"{tag}: PLOVER mode", _plover(got) == ev["plover"]))
        out.append((f"{tag}: ACLED {ev.get('acled')}", _acled(got) == ev.get("acled")))
        for key, value in (ev.get("counts") or {}).items():
            want = _count(value)
            have = (got.get("counts") or {}).get(key) or {}
            out.append((f"{tag}: {key} {want}", (have.get("value"), have.get("qualifier")) == want))
        if ev.get("place"):
            locs = got.get("locations") or []
            out.append(
                (
                    f"{tag}: place {ev['place']}",
                    any(
                        ev["place"].lower() in (loc.get("text") or "").lower()
                        or ev["place"].lower() in (loc.get("name") or "").lower()
                        for loc in locs
                    ),
                )
            )
            if ev.get("country"):
                out.append(
                    (f"{tag}: country {ev['country']}", any(loc.get("country") == ev["country"] for loc in locs))
                )
        if ev.get("date"):
            value, precision = _date(ev["date"])
            d = got.get("date") or {}
            out.append(
                (
                    f"{tag}: date {value} ({precision})",
                    str(d.get("value", "")).startswith(value[:7] if precision == "month" else value)
                    and d.get("precision") == precision,
                )
            )
        if ev.get("modality"):
            out.append((f"{tag}: modality {ev['modality']}", got.get("modality") == ev["modality"]))
        if "aggregate" in ev:
            out.append((f"{tag}: aggregate {ev['aggregate']}", bool(got.get("aggregate")) == bool(ev["aggregate"])))
        if ev.get("attribution"):
            kind = ev["attribution"].get("kind")
            have = got.get("attribution") or {}
            out.append((f"{tag}: attribution kind {kind}", have.get("kind") == kind))
    for j, q in enumerate(exp.get("quotes") or []):
        opens = str(q.get("opens", ""))[:20].lower()
        found = [x for x in record["quotes"] if opens and opens in x["text"].lower()[: len(opens) + 5]]
        out.append((f"quote {j + 1} '{opens}': found", bool(found)))
        if found and q.get("speaker"):
            surname = str(q["speaker"]).split()[-1].lower()
            out.append((f"quote {j + 1}: speaker {q['speaker']}", surname in (found[0].get("speaker") or "").lower()))
    return out


def run(records: dict[str, dict]) -> dict[str, list[tuple[str, bool]]]:
    """Facts per sample id, for records keyed by article id."""
    exp = expected()
    return {sid: facts(records[sid], e) for sid, e in exp.items() if sid in records}


def score(results: dict[str, list[tuple[str, bool]]]) -> float:
    allf = [ok for fs in results.values() for _, ok in fs]
    return sum(allf) / len(allf) if allf else math.nan


if __name__ == "__main__":
    from eventwire.ingest import read_paths
    from eventwire.pipeline import Pipeline

    recs = {r["article"]["id"]: r for r in Pipeline().process(read_paths([EXAMPLES]))}
    results = run(recs)
    for sid, fs in results.items():
        print(f"== {sid}: {sum(ok for _, ok in fs)}/{len(fs)}")
        for desc, ok in fs:
            print(("   ok   " if ok else "   MISS ") + desc)
    print(f"example facts {score(results):.3f}")
