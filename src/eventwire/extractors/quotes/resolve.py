"""Speakers across the report: every full personal name in a registry, a surname resolved to its first
full mention, pronouns to the most recent person or organisation, and continuations sharing a speaker."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from eventwire.extractors.quotes.context import Mention, QuoteContext
from eventwire.extractors.quotes.cues import is_rank
from eventwire.extractors.quotes.marks import Piece
from eventwire.extractors.quotes.speakers import (
    POSSESSIVES,
    earlier_org,
    is_name_token,
    is_person_head,
    last_word,
    name_part,
    name_span,
    org_in,
    person_record,
)
from eventwire.extractors.sources import source_kind


def build_registry(ctx: QuoteContext) -> None:
    """Every full personal name in the text, with what its mention says about the person, in text order."""
    seen: set[tuple[int, int]] = set()
    candidates: list[Token] = []
    for ent in ctx.ents:
        if ent.label_ == "PERSON":
            candidates.append(ent[-1])
    # names after a role word that the recogniser missed: "spokesperson Maj. Gen. Fares Khalil"
    for t in ctx.doc:
        if t.lower_ in ctx.lex.roles and t.i + 1 < ctx.n:
            j = t.i + 1
            while j < ctx.n and (is_rank(ctx, ctx.doc[j]) or ctx.doc[j].text == "."):
                j += 1
            k = j
            while k < ctx.n and is_name_token(ctx, ctx.doc[k]) and k - j < 4:
                k += 1
            if k - j >= 2:
                candidates.append(ctx.doc[k - 1])
    for head in sorted(candidates, key=lambda t: t.i):
        if ctx.inside[head.i]:
            continue
        a, b = name_span(ctx, head)
        if (a, b) in seen or b <= a:
            continue
        seen.add((a, b))
        rec = person_record(ctx, a, b)
        ctx.registry.setdefault(rec["key"], []).append(rec)
        if head.dep_ in ("nsubj", "nsubjpass") or ctx.doc[b - 1].dep_ in ("nsubj", "nsubjpass"):
            ctx.person_subjects.append((rec["start"], rec))


def resolve_person(ctx: QuoteContext, a: int, b: int) -> dict:
    """The person named by tokens [a, b), merged with the first full mention of the same name."""
    here = person_record(ctx, a, b)
    entries = ctx.registry.get(here["key"], [])
    if here["full"]:
        same = [e for e in entries if e["name"] == here["name"]]
    else:
        same = [e for e in entries if e["full"]]
        earlier = [e for e in same if e["start"] <= here["start"]]
        if earlier:
            first = earlier[0]["name"]
            same = [e for e in same if e["name"] == first]
        elif same:
            first = same[0]["name"]
            same = [e for e in same if e["name"] == first]
    out = dict(here)
    if same:
        out["name"] = same[0]["name"]
        for key in ("title", "org", "rank"):
            for e in same:
                if e[key]:
                    out[key] = e[key]
                    break
            else:
                out[key] = here[key]
        if out["title"] and not out["org"]:
            out["org"] = next((e["org"] for e in same if e["title"] == out["title"] and e["org"]), None)
    out["start"], out["end"] = here["start"], here["end"]
    return out


def describe(ctx: QuoteContext, mention: Mention | None) -> dict:
    """The speaker fields for a mention (pronouns are left for the text-order pass)."""
    empty = {
        "speaker": None,
        "speaker_title": None,
        "speaker_org": None,
        "speaker_rank": None,
        "speaker_kind": "unknown",
        "speaker_start": None,
        "speaker_end": None,
        "pronoun": False,
    }
    if mention is None:
        return empty
    if mention.pronoun:
        word = mention.head.lower_
        if mention.head.dep_ == "poss":
            word = POSSESSIVES.get(word, word)
        return dict(empty, pronoun=True, _pronoun=word, _at=mention.start)
    head = mention.head
    if is_person_head(ctx, head):
        a, b = name_span(ctx, head)
        rec = resolve_person(ctx, a, b)
        kind = source_kind(rec["title"] or "", name=rec["name"], head_word=last_word(rec["title"]), named=True)
        return {
            "speaker": rec["name"],
            "speaker_title": rec["title"],
            "speaker_org": rec["org"],
            "speaker_rank": rec["rank"],
            "speaker_kind": kind,
            "speaker_start": mention.start,
            "speaker_end": mention.end,
            "pronoun": False,
            "_person": rec,
        }
    phrase = ctx.text[mention.start : mention.end]
    ent = ctx.ent_of[head.i]
    part = name_part(ctx, head, mention)
    named = part is not None
    speaker, s_start, s_end = phrase, mention.start, mention.end
    if part is not None:
        s_start, s_end = part
        speaker = ctx.text[s_start:s_end]
    elif head.lower_ in ctx.lex.org_words:
        # "the ministry" -> the organisation named so far with the same head word ("Interior Ministry")
        found = earlier_org(ctx, head)
        if found:
            speaker, named = found, True
    # words after the phrase up to the cue can make it anonymous ("a senior official, speaking on background")
    after = ctx.text[mention.end : min(len(ctx.text), mention.end + 80)].split(".")[0]
    kind = source_kind(
        phrase if speaker == phrase else speaker + " " + phrase,
        name=speaker,
        head_word=head.lower_,
        head_lemma=head.lemma_.lower(),
        named=named,
        after=after,
    )
    if kind == "unknown" and ent is not None and ent.label_ == "GPE":
        kind = "official"  # "Washington said", "Moscow said"
    org = None
    if named and (ent is None or ent.label_ in ("ORG", "FAC")) and kind != "anonymous":
        org = speaker
    elif kind in ("anonymous", "witness", "expert"):
        org = org_in(ctx, mention.start, mention.end)
    return {
        "speaker": speaker,
        "speaker_title": None,
        "speaker_org": org,
        "speaker_rank": None,
        "speaker_kind": kind,
        "speaker_start": s_start,
        "speaker_end": s_end,
        "pronoun": False,
        "_plural": head.tag_ in ("NNS", "NNPS"),
        "_human": head.tag_ == "NN" and head.lower_ in ctx.lex.roles and head.lower_ not in ctx.lex.org_words,
    }


def finish(ctx: QuoteContext, rec: dict, speaker: dict | None, cue_text: str | None, cue_span) -> dict:
    """The output record: ``rec`` (text, kind, span) with the speaker fields of ``speaker`` and the cue; the
    private keys pronoun resolution needs (``_pronoun``, ``_person`` ...) are kept until the end.
    """
    sp = dict(speaker) if speaker else describe(ctx, None)
    out = {
        "text": rec["text"],
        "kind": rec["kind"],
        "speaker": sp.get("speaker"),
        "speaker_title": sp.get("speaker_title"),
        "speaker_org": sp.get("speaker_org"),
        "speaker_rank": sp.get("speaker_rank"),
        "speaker_kind": sp.get("speaker_kind") or "unknown",
        "pronoun": bool(sp.get("pronoun")),
        "cue": cue_text,
        "start": rec["start"],
        "end": rec["end"],
        "speaker_start": sp.get("speaker_start"),
        "speaker_end": sp.get("speaker_end"),
        "cue_start": cue_span[0] if cue_span else None,
        "cue_end": cue_span[1] if cue_span else None,
    }
    for key in ("_pronoun", "_at", "_person", "_plural", "_human"):
        if key in sp:
            out[key] = sp[key]
    return out


def continue_speakers(ctx: QuoteContext, pieces: list[Piece]) -> None:
    """Chained paragraph pieces share a speaker; an adjacent quote with no cue continues the previous one."""
    text = ctx.text
    chains: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.chain is not None:
            chains.setdefault(p.chain, []).append(p)
    for members in chains.values():
        donor = next((m for m in members if m.speaker and m.speaker.get("speaker") or m.cue is not None), None)
        if donor is None:
            continue
        for m in members:
            if m.cue is None and m.speaker is None:
                m.speaker, m.cue_text, m.cue_span = donor.speaker, donor.cue_text, donor.cue_span
                m.cue = donor.cue
    for k in range(1, len(pieces)):
        p, prev = pieces[k], pieces[k - 1]
        if p.speaker is not None or p.cue is not None or p.kind != "direct":
            continue
        if prev.speaker is None or prev.close_at is None and prev.chain is None:
            continue
        gap_from = (prev.close_at + 1) if prev.close_at is not None else prev.end
        if prev.tail_end is not None and prev.cue_span is not None and prev.cue_span[0] >= gap_from:
            gap_from = max(gap_from, prev.tail_end)
        gap = text[gap_from : p.open_at] if gap_from <= p.open_at else ""
        if re.fullmatch(r"[\s.,;:!?…—–-]*", gap):
            # one utterance: the continuation shares the speaker and the cue that attributes it
            p.speaker = prev.speaker
            p.cue, p.cue_text, p.cue_span = prev.cue, prev.cue_text, prev.cue_span


def resolve_pronouns(ctx: QuoteContext, records: list[dict]) -> None:
    """Pronoun speakers take the most recent named person speaker or subject ("he said" -> Khalil)."""
    persons: list[tuple[int, dict, tuple[int, int]]] = []
    for at, rec in ctx.person_subjects:
        persons.append((at, rec, (rec["start"], rec["end"])))
    orgs: list[tuple[int, dict]] = []
    plural: list[tuple[int, dict]] = []
    for r in records:
        if (r.get("_person") is not None or r.get("_human")) and r["speaker_start"] is not None:
            persons.append((r["speaker_start"], r, (r["speaker_start"], r["speaker_end"])))
        elif r["speaker"] is not None and not r["pronoun"]:
            if r["speaker_kind"] != "anonymous":
                orgs.append((r["speaker_start"], r))
            if r.get("_plural") or r["speaker_kind"] != "anonymous":
                plural.append((r["speaker_start"], r))
    persons.sort(key=lambda x: x[0])
    orgs.sort(key=lambda x: x[0])
    plural.sort(key=lambda x: x[0])
    p_keys = [x[0] for x in persons]
    o_keys = [x[0] for x in orgs]
    pl_keys = [x[0] for x in plural]
    for r in records:
        word = r.get("_pronoun")
        if not word:
            continue
        at = r.get("_at", r["start"])
        if word in ("he", "she", "him", "her"):
            i = bisect.bisect_left(p_keys, at) - 1
            if i < 0:
                continue
            _, src, span = persons[i]
            if "speaker_kind" in src:  # a record
                fields = {
                    k: src[k] for k in ("speaker", "speaker_title", "speaker_org", "speaker_rank", "speaker_kind")
                }
            else:  # a registry entry: resolve through the surname
                a, b = ctx.tok_from(src["start"]), ctx.tok_from(src["end"])
                person = resolve_person(ctx, a, b)
                fields = {
                    "speaker": person["name"],
                    "speaker_title": person["title"],
                    "speaker_org": person["org"],
                    "speaker_rank": person["rank"],
                    "speaker_kind": source_kind(
                        person["title"] or "", name=person["name"], head_word=last_word(person["title"]), named=True
                    ),
                }
            r.update(fields)
            r["speaker_start"], r["speaker_end"] = span
        else:
            keys, pool = (o_keys, orgs) if word == "it" else (pl_keys, plural)
            i = bisect.bisect_left(keys, at) - 1
            if i < 0:
                continue
            src = pool[i][1]
            for k in (
                "speaker",
                "speaker_title",
                "speaker_org",
                "speaker_rank",
                "speaker_kind",
                "speaker_start",
                "speaker_end",
            ):
                r[k] = src[k]
        r["pronoun"] = True
