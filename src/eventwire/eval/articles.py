"""Whole reports scored as an analyst grades them: one correct record per incident.

The gold (``../shared/eval/articles-dev/gold.jsonl``, coded per its ``GUIDE.md``) holds, for each real report, every
incident an analyst codes, with its fields and ``mentions`` (the sentences that state it). The scoring is that of
the project's reference scorer (``../shared/tools/score_articles.py``), so both print the same figures:

- Our event **matches** a gold incident when its trigger starts inside one of the incident's mentions; each gold
  incident matches once, our most confident events first, the best-typed incident first.
- A second event of ours of the **same PLOVER type** inside an incident already matched is a **duplicate** and a
  false positive; one of another type there (another act of the same incident) is neither rewarded nor penalised,
  nor is an event inside a background incident or an accident (gold ``background`` or ``plover: null``).
- Not scored: our events marked negated or hypothetical, and verbal PLOVER types (ACCUSE, THREATEN, REQUEST,
  REJECT, SUPPORT) without an ACLED type.
- Field accuracy on matched pairs: PLOVER type, ACLED sub-type, actor (a name of ours shares at least half the
  content words of the gold name or an alternative; no actor on both sides agrees), location within 25 km (where
  the gold has coordinates), date at the gold's precision (where the gold has one), killed (where the gold has a
  figure; none of ours counts as 0). **Fully correct**: the share of gold incidents matched with every field right.
"""

from __future__ import annotations

import json
import math
import re
import sys
import time
from collections import Counter
from pathlib import Path

VERBAL = frozenset({"ACCUSE", "THREATEN", "REQUEST", "REJECT", "SUPPORT"})
#: Words that do not tell actor names apart ("forces", "the"), as the reference scorer drops them.
_STOP = frozenset({"the", "a", "an", "of", "in", "and", "s", "forces", "force", "'s"})
LOCATION_KM = 25.0
_DATE_CHARS = {"day": 10, "week": 10, "month": 7, "year": 4}
#: What one report's score counts (every key present, zero when nothing was found).
_COUNTS = (
    "pred",
    "tp",
    "dup",
    "fp",
    "gold",
    "type",
    "acled",
    "actor",
    "loc",
    "loc_n",
    "date",
    "date_n",
    "killed",
    "killed_n",
    "full",
)


def read_gold(path: Path | str) -> list[dict]:
    """The gold reports of a ``gold.jsonl`` file (or of the folder holding it), each mention checked against its text.

    Example:
        >>> # read_gold("../shared/eval/articles-dev")[0]["events"][0]["mentions"][0]["text"]
    """
    path = Path(path)
    if path.is_dir():
        path = path / "gold.jsonl"
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for a in articles:
        for g in a["events"]:
            for m in g["mentions"]:
                if a["text"][m["start"] : m["end"]] != m["text"]:
                    raise ValueError(f"{a['id']}: a mention's offsets do not give its text ({m['start']})")
    return articles


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(min(1.0, math.sqrt(a)))


def _words(s: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", (s or "").lower()) if w not in _STOP}


def same_actor(ours: list[str], gold: str | None, alternatives: list[str] | None) -> bool:
    """Whether one of our actor names shares at least half the content words of the gold name or an alternative;
    with no gold actor, right only when we name none.

    Example:
        >>> same_actor(["Chicago police"], "police", None), same_actor([], None, None), same_actor(["army"], None, None)
        (True, True, False)
    """
    golds = [g for g in [gold, *(alternatives or [])] if g]
    if not golds:
        return not ours
    for p in ours:
        pw = _words(p)
        for g in golds:
            gw = _words(g)
            if pw and gw and len(pw & gw) / min(len(pw), len(gw)) >= 0.5:
                return True
    return False


def scored(event: dict) -> bool:
    """Whether an event of ours is scored: it happened (not negated or hypothetical) and is an act, not speech.

    Example:
        >>> scored({"type": "ACCUSE", "acled": None, "modality": "asserted"})
        False
    """
    if event.get("modality") in ("negated", "hypothetical"):
        return False
    return bool(event.get("acled")) or event.get("type") not in VERBAL


def _sub(event: dict) -> str:
    return (event.get("acled") or {}).get("sub_event_type") or ""


def score_article(article: dict, record: dict | None) -> dict:
    """Match one report's events to its gold incidents and check each matched pair's fields.

    Returns counts (``pred``, ``tp``, ``dup``, ``fp``, ``gold``, field hits and how many were checked) and, for the
    report, the spurious events (``spurious``: our event and why it is false).

    Example:
        >>> art = {"id": "a", "text": "Police arrested 5.", "events": [{"plover": "COERCE", "acled": "Arrests",
        ...        "actor": "police", "mentions": [{"start": 0, "end": 18, "text": "Police arrested 5."}]}]}
        >>> ev = {"type": "COERCE", "acled": {"sub_event_type": "Arrests"}, "trigger": {"start": 7},
        ...       "actors": [{"name": "police"}], "modality": "asserted", "confidence": 0.7}
        >>> score_article(art, {"events": [ev]})["full"]
        1
    """
    gold = [g for g in article["events"] if not g.get("background") and g.get("plover")]
    context = [g for g in article["events"] if g.get("background") or not g.get("plover")]
    preds = [e for e in (record or {}).get("events", []) if scored(e)]
    preds.sort(key=lambda e: -(e.get("confidence") or 0))  # stable: text order on a tie
    t: Counter = Counter(dict.fromkeys(_COUNTS, 0))
    spurious: list[tuple[str, dict]] = []
    matched: dict[int, dict] = {}
    ignored = 0
    for e in preds:
        pos = (e.get("trigger") or {}).get("start")

        def inside(g: dict, pos: int | None = pos) -> bool:
            return pos is not None and any(m["start"] <= pos < m["end"] for m in g["mentions"])

        cands = [i for i, g in enumerate(gold) if inside(g)]
        free = [i for i in cands if i not in matched]
        if free:
            free.sort(key=lambda i: (gold[i].get("plover") != e.get("type"), (gold[i].get("acled") or "") != _sub(e)))
            matched[free[0]] = e
        elif cands:
            if any(matched[i].get("type") == e.get("type") for i in cands):
                t["dup"] += 1
                spurious.append(("duplicate", e))
            else:
                ignored += 1  # another act of an incident already matched
        elif any(inside(g) for g in context):
            ignored += 1
        else:
            t["fp"] += 1
            spurious.append(("no such incident", e))
    t["pred"] += len(preds) - ignored
    t["tp"] += len(matched)
    t["gold"] += len(gold)
    for i, e in matched.items():
        g = gold[i]
        ok_type = g.get("plover") == e.get("type")
        ok_acled = (g.get("acled") or None) == (_sub(e) or None)
        names = [x.get("name") or x.get("text") for x in e.get("actors") or []]
        ok_actor = same_actor(names, g.get("actor"), g.get("actor_alt"))
        ok_loc = ok_date = ok_killed = True
        if g.get("lat") is not None:
            loc = e.get("location") or {}
            t["loc_n"] += 1
            ok_loc = loc.get("lat") is not None and _km(loc["lat"], loc["lon"], g["lat"], g["lon"]) <= LOCATION_KM
            t["loc"] += ok_loc
        if g.get("date"):
            t["date_n"] += 1
            n = _DATE_CHARS.get(g.get("date_precision") or "day", 10)
            ok_date = str((e.get("date") or {}).get("value") or "")[:n] == g["date"][:n]
            t["date"] += ok_date
        if g.get("killed") is not None:
            t["killed_n"] += 1
            value = ((e.get("counts") or {}).get("killed") or {}).get("value")
            ok_killed = int(value or 0) == int(g["killed"])  # "no one was killed" and no count agree
            t["killed"] += ok_killed
        t["type"] += ok_type
        t["acled"] += ok_acled
        t["actor"] += ok_actor
        t["full"] += ok_type and ok_acled and ok_actor and ok_loc and ok_date and ok_killed
    return {**t, "spurious": spurious}


def summarise(counts: Counter) -> dict:
    """The figures from summed per-report counts (the reference scorer's definitions).

    Example:
        >>> summarise(Counter(pred=4, tp=3, gold=6, dup=1, type=3, full=2))["precision"]
        0.75
    """
    p = counts["tp"] / counts["pred"] if counts["pred"] else 0.0
    r = counts["tp"] / counts["gold"] if counts["gold"] else 0.0
    m = max(1, counts["tp"])
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "dup_rate": counts["dup"] / max(1, counts["pred"]),
        "type": counts["type"] / m,
        "acled": counts["acled"] / m,
        "actor": counts["actor"] / m,
        "loc25": counts["loc"] / max(1, counts["loc_n"]),
        "date": counts["date"] / max(1, counts["date_n"]),
        "killed": counts["killed"] / max(1, counts["killed_n"]),
        "full": counts["full"] / max(1, counts["gold"]),
        "n_gold": counts["gold"],
        "n_pred": counts["pred"],
    }


def _spurious_kind(reason: str, event: dict) -> str:
    """A spurious event's category for the report: a duplicate, or what kind of event was made of a non-event."""
    if reason == "duplicate":
        return "duplicate (same incident, same PLOVER type)"
    how = "classifier" if event.get("acled_classifier") and not event.get("mode") else "trigger words"
    return f"no such incident: {event.get('type')} ({how})"


def evaluate(dataset: str, path: Path | str, *, pipeline, limit: int | None = None, **_: object) -> dict:
    """Run ``pipeline`` over the gold reports and score the records (figures as plain values).

    Example:
        >>> # evaluate("articles-dev", "../shared/eval/articles-dev", pipeline=Pipeline())["precision"]
    """
    from eventwire.ingest.readers import Article, parse_published

    articles = read_gold(path)[:limit] if limit else read_gold(path)
    items = [
        Article(id=str(a["id"]), text=a["text"], published=parse_published(a.get("published")), origin=str(a["id"]))
        for a in articles
    ]
    t0 = time.perf_counter()
    total: Counter = Counter()
    kinds: Counter = Counter()
    per_article = []
    for k, (article, record) in enumerate(zip(articles, pipeline.process(items), strict=True), 1):
        result = score_article(article, record)
        for reason, event in result.pop("spurious"):
            kinds[_spurious_kind(reason, event)] += 1
        total.update(result)
        per_article.append({"id": article["id"], "src": article.get("src"), **result})
        print(f"\r[eval articles] {k}/{len(articles)} reports", end="", file=sys.stderr, flush=True)
    if articles:
        print(file=sys.stderr)
    command = f"eventwire eval articles --dataset {dataset} {path}" + (f" --limit {limit}" if limit else "")
    return {
        **summarise(total),
        "dataset": dataset,
        "path": str(path),
        "limit": limit,
        "command": command,
        "seconds": round(time.perf_counter() - t0, 1),
        "reports": len(articles),
        "counts": dict(total),
        "spurious": dict(kinds.most_common()),
        "per_article": per_article,
    }


def summary_line(result: dict) -> str:
    """The one-line summary, word for word as the reference scorer prints it.

    Example:
        >>> r = summarise(Counter(pred=2, tp=1, gold=2))
        >>> summary_line(r).split()[:2]
        ['articles', 'precision=0.500']
    """
    r = result
    return (
        f"articles precision={r['precision']:.3f} recall={r['recall']:.3f} f1={r['f1']:.3f} "
        f"dup_rate={r['dup_rate']:.3f} type={r['type']:.3f} acled={r['acled']:.3f} actor={r['actor']:.3f} "
        f"loc25={r['loc25']:.3f} date={r['date']:.3f} killed={r['killed']:.3f} full={r['full']:.3f} "
        f"n_gold={r['n_gold']} n_pred={r['n_pred']}"
    )


def render(result: dict) -> str:
    """The figures as Markdown (for docs/EVALUATION.md), with the command that produced them and the summary line."""
    r = result
    c = r["counts"]
    lines = [
        f"### Whole reports: {r['dataset']} ({r['reports']} reports, {r['n_gold']} scored incidents)",
        "",
        f"Command: `{r['command']}` ({r['seconds']} s)",
        "",
        "| measure | figure |",
        "|---|---|",
        f"| event precision (duplicates count as false) | **{r['precision']:.3f}** ({c.get('tp', 0)}/{r['n_pred']}) |",
        f"| recall | **{r['recall']:.3f}** ({c.get('tp', 0)}/{r['n_gold']}) |",
        f"| F1 | {r['f1']:.3f} |",
        f"| duplicate rate | {r['dup_rate']:.3f} ({c.get('dup', 0)}) |",
        f"| PLOVER type right, on matched events | {r['type']:.3f} |",
        f"| ACLED sub-type right, on matched events | {r['acled']:.3f} |",
        f"| actor right, on matched events | {r['actor']:.3f} |",
        f"| location within 25 km, on matched events | {r['loc25']:.3f} ({c.get('loc', 0)}/{c.get('loc_n', 0)}) |",
        f"| date right (at the gold precision) | {r['date']:.3f} ({c.get('date', 0)}/{c.get('date_n', 0)}) |",
        f"| killed right, on matched events | {r['killed']:.3f} ({c.get('killed', 0)}/{c.get('killed_n', 0)}) |",
        f"| fully correct, share of gold incidents | **{r['full']:.3f}** ({c.get('full', 0)}/{r['n_gold']}) |",
        "",
        "Spurious events by kind:",
        "",
        "| kind | n |",
        "|---|---|",
        *(f"| {kind} | {n} |" for kind, n in r["spurious"].items()),
        "",
        "```",
        summary_line(r),
        "```",
    ]
    return "\n".join(lines)
