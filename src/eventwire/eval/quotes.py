"""Quotes and attributions scored on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

PolNeAR annotates attributions in 2016 US election news as brat standoff: ``T`` spans labelled ``Source``
(who), ``Cue`` (the reporting word) and ``Content`` (what was said), joined by ``E`` relations
``Attribution:Tn Content:Tn Cue:Tn Source:Tn`` (``Attribution-no-source`` when nobody is named). Spans may be
discontinuous (``575 842;843 1076``); a relation may hold several contents (``Content2``).

The layout read (the ``dev`` split as shipped in ``../shared/eval/polnear-dev``)::

    PATH/dev/text/NAME.txt                  the article (headline, blank line, body)
    PATH/dev/attributions/NAME_ANNO.ann     one annotator's attributions for NAME (ANNO: 4 hex digits)

``PATH`` may also be the split folder itself (holding ``text/`` and ``attributions/``). A few texts were
annotated by several annotators (the agreement study); the first annotation file in name order is scored, so
every text counts once.

Definitions (what the figures mean):

- **Direct** gold attribution: its Content is inside quotation marks. Double quotation marks (straight ``"``
  and curly) are paired per paragraph from the text itself (a curly mark opens or closes by its shape, a
  straight one toggles; an opening mark left open runs to the paragraph end, as in multi-paragraph quotes).
  A Content is direct when at least 90% of its letters and digits lie between paired marks, so a stray word
  or a dangling bracket at an edge does not turn a quotation into reported speech, while "said that X was
  ``"absolutely right"``" (reported speech holding a quoted phrase) stays indirect.
- **Our quotes as attributions**: PolNeAR's unit is the attribution, one Source and Cue with a Content that
  may run in fragments ("“A,” she said. “B.”" is one Content of two fragments). Our records hold one quote
  piece each, and the pieces of one utterance share its cue (same ``cue_start``/``cue_end``): a quote split by
  its attribution, one running over paragraphs, a continuation, a quoted phrase inside the clause reported by
  the same verb. So our quotes sharing a cue span are scored as one attribution covering the union of their
  spans; a quote without a cue stands alone. (``precision_piece_alone`` scores every piece on its own, for
  comparison.)
- **Found**: a gold attribution is found when one of our quotes (any kind, grouped as above) covers at least
  half of its Content: characters of the quote's span(s) that fall inside the gold Content's fragments,
  divided by the Content's length (the sum of its fragments), is at least 0.5.
- **Recall**: found / gold, for direct attributions and for all of them (direct and indirect).
- **Precision**: the share of our quotes that cover at least half of some gold Content in the same text
  (all our quotes; and our ``direct`` quotes only).
- **Speaker accuracy**: over found attributions whose gold Source exists and is not a pronoun ("he", "they",
  "who" ...). The quote scored is the one covering the largest share of the Content (its first piece with a
  speaker). Our speaker is right
  when our speaker span overlaps the gold Source span, or our speaker name matches the gold Source text by
  name: equal (case-insensitive, without a leading "the" and a trailing possessive), one contained in the
  other as whole words where the contained one is a capitalised name ("Anna Varga" in "opposition leader
  Anna Varga"), or, for personal names, the same surname ("Varga" and "Anna Varga").
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

DIRECT_SHARE = 0.9  # share of a Content's letters/digits inside quotation marks for it to count as direct
FOUND_SHARE = 0.5  # share of a gold Content a quote must cover

#: Gold Sources that are pronouns (personal and relative): left out of speaker accuracy.
PRONOUNS = frozenset(
    "i me we us you he him she her it they them one who whom which that this these those his its their "
    "theirs hers himself herself themselves itself myself ourselves yourself".split()
)

Spans = tuple[tuple[int, int], ...]


# --------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: Content, Cue and Source spans (Source empty when the annotation has none)."""

    id: str
    content: Spans
    cue: Spans
    source: Spans
    content_text: str
    source_text: str | None
    direct: bool

    @property
    def content_len(self) -> int:
        return sum(e - s for s, e in self.content)


@dataclass
class GoldDoc:
    """A PolNeAR text with one annotator's attributions."""

    name: str
    text: str
    annotator: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _spans(field_: str) -> Spans:
    """``"575 842;843 1076"`` -> ((575, 842), (843, 1076))."""
    out = []
    for part in field_.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(sorted(out))


def quoted_mask(text: str) -> bytearray:
    """1 for every character between paired double quotation marks (marks excluded), paragraph by paragraph.

    A curly mark opens (``“``) or closes (``”``) by its shape; a straight ``"`` (or a doubled apostrophe or
    backtick, as news archives print them) closes when a quote is open and opens otherwise; a quote still open
    at the paragraph end runs to it (multi-paragraph quotations).

    Example:
        >>> m = quoted_mask('He said "yes" twice.')
        >>> ''.join('x' if v else '.' for v in m)
        '.........xxx........'
    """
    mask = bytearray(len(text))
    text = text.replace("''", '" ').replace("``", '" ')  # archive style: ''Yes,'' he said
    for para in re.finditer(r"[^\n]+", text):
        depth = 0
        for k in range(para.start(), para.end()):
            ch = text[k]
            if ch in "“«„":
                depth += 1
            elif ch in "”»":
                depth = max(0, depth - 1)
            elif ch == '"':
                depth = depth - 1 if depth else 1
            elif depth:
                mask[k] = 1
    return mask


def is_direct(text: str, content: Spans, mask: bytearray | None = None) -> bool:
    """Whether at least 90% of the letters and digits of ``content`` lie inside quotation marks."""
    mask = quoted_mask(text) if mask is None else mask
    total = inside = 0
    for s, e in content:
        for k in range(s, min(e, len(text))):
            if text[k].isalnum():
                total += 1
                inside += mask[k]
    return total > 0 and inside >= DIRECT_SHARE * total


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """The attributions of one brat ``.ann`` file over ``text`` (relations without a Content are skipped).

    Example:
        >>> ann = "T1\\tSource 0 3\\tAna\\nT2\\tCue 4 8\\tsaid\\nT3\\tContent 10 13\\tyes\\n"
        >>> ann += "E1\\tAttribution:T2 Source:T1 Cue:T2 Content:T3\\n"
        >>> [(a.source_text, a.content_text, a.direct) for a in parse_ann(ann, 'Ana said "yes".')]
        [('Ana', 'yes', True)]
    """
    spans: dict[str, Spans] = {}
    relations: list[tuple[str, list[tuple[str, str]]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            _label, _, where = parts[1].partition(" ")
            try:
                spans[parts[0]] = _spans(where)
            except ValueError:
                continue
        elif parts[0].startswith("E"):
            args = [tuple(a.split(":", 1)) for a in parts[1].split() if ":" in a]
            relations.append((parts[0], args[1:]))
    mask = quoted_mask(text)
    out = []
    for rid, args in relations:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Cue": [], "Source": []}
        for role, tid in args:
            base = role.rstrip("0123456789")
            if base in roles and tid in spans:
                roles[base].extend(spans[tid])
        if not roles["Content"]:
            continue
        content = tuple(sorted(set(roles["Content"])))
        source = tuple(sorted(set(roles["Source"])))
        out.append(
            GoldAttribution(
                id=rid,
                content=content,
                cue=tuple(sorted(set(roles["Cue"]))),
                source=source,
                content_text=" ".join(text[s:e] for s, e in content),
                source_text=" ".join(text[s:e] for s, e in source) if source else None,
                direct=is_direct(text, content, mask),
            )
        )
    return out


def _split_dir(path: Path) -> Path:
    for cand in (path, path / "dev"):
        if (cand / "text").is_dir() and (cand / "attributions").is_dir():
            return cand
    raise FileNotFoundError(f"no text/ and attributions/ folders in {path} or {path / 'dev'}")


def read_polnear(path: str | Path, *, limit: int | None = None) -> Iterator[GoldDoc]:
    """The annotated texts of a PolNeAR split folder, in name order (one annotator per text).

    Example:
        >>> docs = list(read_polnear("tests/data/polnear"))  # doctest: +SKIP
    """
    split = _split_dir(Path(path))
    by_text: dict[str, Path] = {}
    for ann in sorted((split / "attributions").glob("*.ann")):
        m = re.fullmatch(r"(.+)_([0-9A-Za-z]+)\.ann", ann.name)
        name = m.group(1) if m else ann.stem
        if not (split / "text" / f"{name}.txt").is_file():
            name = ann.stem
        by_text.setdefault(name, ann)
    count = 0
    for name, ann in sorted(by_text.items()):
        txt = split / "text" / f"{name}.txt"
        if not txt.is_file():
            continue
        if limit is not None and count >= limit:
            return
        text = txt.read_text(encoding="utf-8")
        annotator = ann.stem[len(name) + 1 :] if ann.stem != name else ""
        yield GoldDoc(name, text, annotator, parse_ann(ann.read_text(encoding="utf-8"), text))
        count += 1


# --------------------------------------------------------------------------------------------- scoring


def overlap(a: int, b: int, spans: Spans) -> int:
    """Characters of ``[a, b)`` inside ``spans``."""
    return sum(max(0, min(b, e) - max(a, s)) for s, e in spans)


def _norm(name: str) -> str:
    name = re.sub(r"[’']s?$", "", name.strip())
    name = re.sub(r"(?i)^the\s+", "", name)
    return " ".join(re.findall(r"[\w.-]+", name.lower()))


def _capitalised(name: str) -> bool:
    words = re.findall(r"[^\W\d_][\w.'’-]*", name)
    return bool(words) and all(w[0].isupper() for w in words)


def names_match(ours: str | None, gold: str | None) -> bool:
    """Whether our speaker name and a gold Source text name the same speaker (see the module notes).

    Example:
        >>> names_match("Anna Varga", "Varga"), names_match("Kofi Osei", "party leader Kofi Osei")
        (True, True)
        >>> names_match("police", "the police"), names_match("Osei", "Osei's campaign manager")
        (True, False)
    """
    if not ours or not gold:
        return False
    a, b = _norm(ours), _norm(gold)
    if not a or not b:
        return False
    if a == b:
        return True
    gold_core = re.sub(r"[’']s?$", "", gold.strip())
    # a capitalised name ending the other phrase: "Kofi Osei" / "party leader Kofi Osei"
    for small, big, raw in ((a, b, ours), (b, a, gold_core)):
        if _capitalised(raw) and re.search(rf"(?:^|\s){re.escape(small)}$", big):
            return True
    # personal names: the same surname ("Varga" / "Anna Varga")
    last_ours = ours.split()[-1] if ours.split() else ""
    last_gold = gold_core.split()[-1] if gold_core.split() else ""
    return (
        last_ours[:1].isupper()
        and last_gold[:1].isupper()
        and _norm(last_ours) == _norm(last_gold)
        and _capitalised(ours)
        and len(ours.split()) <= 4
    )


def speaker_right(quote: dict, gold: GoldAttribution) -> bool:
    """Our speaker span overlaps the gold Source, or our speaker names it."""
    s, e = quote.get("speaker_start"), quote.get("speaker_end")
    if s is not None and e is not None and overlap(s, e, gold.source) > 0:
        return True
    return names_match(quote.get("speaker"), gold.source_text)


def is_pronoun(source_text: str | None) -> bool:
    return bool(source_text) and source_text.strip().lower() in PRONOUNS


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def _union(spans: Iterable[tuple[int, int]]) -> Spans:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return tuple((s, e) for s, e in out)


def units(quotes: list[dict]) -> list[list[dict]]:
    """Our quotes grouped into attributions: quotes sharing a cue (the same cue span) are one attribution.

    PolNeAR's unit is the attribution: one Source and Cue with a Content that may run in fragments
    ("“A,” she said. “B.”" is one Content of two fragments). Our records hold one quote piece each, and the
    pieces of one utterance share its cue: a quote split by its attribution, one running over paragraphs, a
    continuation, a quoted fragment inside the reported clause of the same verb.
    """
    groups: dict[tuple, list[dict]] = {}
    for k, q in enumerate(quotes):
        key = ("cue", q["cue_start"], q["cue_end"]) if q.get("cue_start") is not None else ("alone", k)
        groups.setdefault(key, []).append(q)
    return list(groups.values())


def _share(spans: Spans, g: GoldAttribution) -> float:
    return sum(overlap(s, e, g.content) for s, e in spans) / (g.content_len or 1)


def score_doc(gold: GoldDoc, quotes: list[dict]) -> dict:
    """Counts and per-item outcomes for one text (see :func:`summarise` for the figures)."""
    golds = gold.attributions
    groups = [(_union((q["start"], q["end"]) for q in members), members) for members in units(quotes)]
    items = []
    for g in golds:
        best, best_share = None, 0.0
        by_direct = False
        for spans, members in groups:
            share = _share(spans, g)
            if share > best_share:
                best, best_share = members, share
            if share >= FOUND_SHARE and any(q["kind"] == "direct" for q in members):
                by_direct = True
        found = best_share >= FOUND_SHARE
        scored = found and g.source_text is not None and not is_pronoun(g.source_text)
        speaker = None
        if found:
            speaker = next((q for q in best if q.get("speaker") is not None), best[0])
        items.append(
            {
                "gold": g,
                "found": found,
                "found_by_direct": by_direct,
                "quote": speaker,
                "speaker_scored": scored,
                "speaker_right": scored and speaker_right(speaker, g),
            }
        )
    preds = []
    for spans, members in groups:
        hit = any(_share(spans, g) >= FOUND_SHARE for g in golds)
        for q in members:
            alone = any(_share(((q["start"], q["end"]),), g) >= FOUND_SHARE for g in golds)
            preds.append({"quote": q, "correct": hit, "correct_alone": alone})
    return {"name": gold.name, "gold": items, "predicted": preds}


def summarise(scored: Iterable[dict]) -> dict:
    """The figures over scored texts: recall, precision and speaker accuracy with their counts."""
    c = dict.fromkeys(
        (
            "docs",
            "gold_direct",
            "gold_all",
            "found_direct",
            "found_all",
            "found_direct_by_direct",
            "pred_all",
            "pred_direct",
            "correct_all",
            "correct_direct",
            "alone_all",
            "alone_direct",
            "spk_direct_n",
            "spk_direct_ok",
            "spk_all_n",
            "spk_all_ok",
        ),
        0,
    )
    for doc in scored:
        c["docs"] += 1
        for it in doc["gold"]:
            direct = it["gold"].direct
            c["gold_all"] += 1
            c["found_all"] += it["found"]
            c["spk_all_n"] += it["speaker_scored"]
            c["spk_all_ok"] += it["speaker_right"]
            if direct:
                c["gold_direct"] += 1
                c["found_direct"] += it["found"]
                c["found_direct_by_direct"] += it["found_by_direct"]
                c["spk_direct_n"] += it["speaker_scored"]
                c["spk_direct_ok"] += it["speaker_right"]
        for p in doc["predicted"]:
            c["pred_all"] += 1
            c["correct_all"] += p["correct"]
            c["alone_all"] += p["correct_alone"]
            if p["quote"]["kind"] == "direct":
                c["pred_direct"] += 1
                c["correct_direct"] += p["correct"]
                c["alone_direct"] += p["correct_alone"]
    return {
        "counts": c,
        "direct": {
            "recall": _ratio(c["found_direct"], c["gold_direct"]),
            "recall_by_direct_quotes": _ratio(c["found_direct_by_direct"], c["gold_direct"]),
            "precision": _ratio(c["correct_direct"], c["pred_direct"]),
            "precision_piece_alone": _ratio(c["alone_direct"], c["pred_direct"]),
            "speaker_accuracy": _ratio(c["spk_direct_ok"], c["spk_direct_n"]),
            "speaker_n": c["spk_direct_n"],
        },
        "all": {
            "recall": _ratio(c["found_all"], c["gold_all"]),
            "precision": _ratio(c["correct_all"], c["pred_all"]),
            "precision_piece_alone": _ratio(c["alone_all"], c["pred_all"]),
            "speaker_accuracy": _ratio(c["spk_all_ok"], c["spk_all_n"]),
            "speaker_n": c["spk_all_n"],
        },
    }


def evaluate(dataset: str, path: str | Path, *, pipeline, limit: int | None = None) -> dict:
    """Run ``pipeline`` over the PolNeAR texts at ``path`` and score its quotes (figures as plain values).

    Example:
        >>> # evaluate("polnear", "../shared/eval/polnear-dev", pipeline=Pipeline(), limit=5)["direct"]["recall"]
    """
    from eventwire.ingest.readers import Article

    if dataset != "polnear":
        raise ValueError(f"eval quotes reads the polnear dataset, not {dataset!r}")
    docs = list(read_polnear(path, limit=limit))
    t0 = time.perf_counter()
    scored = []
    articles = (Article(id=d.name, text=d.text, origin=d.name) for d in docs)
    for k, (gold, record) in enumerate(zip(docs, pipeline.process(articles), strict=True), 1):
        scored.append(score_doc(gold, record["quotes"]))
        print(f"\r[eval quotes] {k}/{len(docs)} texts", end="", file=sys.stderr, flush=True)
    if docs:
        print(file=sys.stderr)
    result = summarise(scored)
    command = "eventwire eval quotes --dataset polnear " + str(path) + (f" --limit {limit}" if limit else "")
    result.update(
        {
            "dataset": "polnear",
            "path": str(path),
            "limit": limit,
            "command": command,
            "seconds": round(time.perf_counter() - t0, 1),
            "definitions": {"direct_share": DIRECT_SHARE, "found_share": FOUND_SHARE},
        }
    )
    return result


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def render(result: dict) -> str:
    """The figures as Markdown (for docs/EVALUATION.md), with the command that produced them."""
    c = result["counts"]
    d, a = result["direct"], result["all"]
    lines = [
        f"### Quotes and attributions: PolNeAR ({c['docs']} texts)",
        "",
        f"Command: `{result['command']}`",
        "",
        "| attributions | gold | recall | precision (our quotes) | speaker accuracy (n) |",
        "|---|---|---|---|---|",
        f"| direct (Content inside quotation marks) | {c['gold_direct']} | {_fmt(d['recall'])} "
        f"({c['found_direct']}/{c['gold_direct']}) | {_fmt(d['precision'])} "
        f"({c['correct_direct']}/{c['pred_direct']} direct) | {_fmt(d['speaker_accuracy'])} ({d['speaker_n']}) |",
        f"| all (direct and indirect) | {c['gold_all']} | {_fmt(a['recall'])} "
        f"({c['found_all']}/{c['gold_all']}) | {_fmt(a['precision'])} "
        f"({c['correct_all']}/{c['pred_all']} all) | {_fmt(a['speaker_accuracy'])} ({a['speaker_n']}) |",
        "",
        f"Direct attributions found by one of our `direct` quotes: {_fmt(d['recall_by_direct_quotes'])} "
        f"({c['found_direct_by_direct']}/{c['gold_direct']}).",
        "",
        f"Each quote piece scored on its own (pieces of one utterance not joined): precision "
        f"{_fmt(a['precision_piece_alone'])} all, {_fmt(d['precision_piece_alone'])} direct.",
        "",
        "Found: one of our quotes covers at least half of the gold Content (characters); our quotes sharing a cue "
        "(the pieces of one utterance) count as one, as PolNeAR's Content may run in fragments. Precision: share "
        "of our quotes covering at least half of some gold Content. Speaker accuracy: over found attributions "
        "whose gold Source is named (not a pronoun); right when our speaker span overlaps the gold Source or our "
        "speaker names it (same name, or surname for persons). Direct: at least 90% of the Content's letters lie "
        "between paired double quotation marks. One annotator per text (the first file in name order). "
        "Definitions in `src/eventwire/eval/quotes.py`.",
    ]
    return "\n".join(lines)
