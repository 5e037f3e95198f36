"""Indirect speech: clauses reported by speech, belief and object verbs, "according to", claim nouns, and a
headline's "Name: claim" or "Name Says Claim"."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from eventwire.extractors.quotes.context import MAX_CLIMB, Mention, QuoteContext
from eventwire.extractors.quotes.cues import is_attribution_verb, is_cue_noun, is_cue_verb, phrase_cue
from eventwire.extractors.quotes.marks import Piece, piece_end
from eventwire.extractors.quotes.resolve import describe, finish
from eventwire.extractors.quotes.speakers import from_noun, speaker_for, speaker_of_noun_cue

_DATELINE = re.compile(r"[A-Z]{2,}[A-Z'’. ]*(?:,[^\n]{0,40}?)?(?:\s*\([^()\n]{1,40}\))?\s+[-—–]{1,2}\s+")


def _trim_clause(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim a reported clause: leading punctuation and "that", trailing punctuation.

    Example:
        >>> _trim_clause(", that talks failed.", 0, 20)
        (7, 19)
    """
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    lead = re.match(r"that\s+", text[s : min(e, s + 8)])
    if lead:
        s += lead.end()
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-.!?…"):
        e -= 1
    return s, e


def indirect(ctx: QuoteContext, pieces: list[Piece]) -> list[dict]:
    """The indirect quotes of the document (as records with ``_cue`` and ``_speaker``), outer clauses only;
    direct pieces lying inside reported speech become partial.
    """
    doc, text = ctx.doc, ctx.text
    direct_spans = sorted(
        (p.open_at, (p.close_at + 1) if p.close_at is not None else p.end) for p in pieces if p.kind == "direct"
    )
    d_starts = [s for s, _ in direct_spans]

    direct_pieces = sorted((p for p in pieces if p.kind == "direct"), key=lambda p: p.open_at)

    def overlaps_direct(s: int, e: int) -> bool:
        i = bisect.bisect_left(d_starts, e) - 1
        return i >= 0 and direct_spans[i][1] > s

    def embedded(s: int, e: int) -> list[Piece] | None:
        """The direct quotes lying inside reported speech [s, e) with words of the reporter around them
        ('Osei says the plan has failed, and "we will not repeat" it'), else None."""
        inner = [p for p in direct_pieces if p.open_at < e and piece_end(p) > s]
        if not inner or not all(s < p.open_at and piece_end(p) <= e for p in inner):
            return None
        outside = text[s:e]
        for p in reversed(inner):
            outside = outside[: p.open_at - s] + " " + outside[piece_end(p) - s :]
        return inner if len(re.findall(r"\w+", outside)) >= 2 else None

    ctx.opens = [p.open_at for p in pieces]
    out: list[dict] = []
    for t in doc:
        if ctx.inside[t.i]:
            continue
        phrase_end = phrase_cue(ctx, t)
        content: tuple[int, int] | None = None
        mention: Mention | None = None
        if phrase_end is not None:
            cue_text = text[t.idx : doc[phrase_end].idx + len(doc[phrase_end].text)]
            cue_span = (t.idx, doc[phrase_end].idx + len(doc[phrase_end].text))
            root = t
            for _ in range(MAX_CLIMB):
                if root.head.i == root.i:
                    break
                root = root.head
            if root.i == t.i:
                continue
            content = clause_without(ctx, root, t.left_edge.i, max(t.right_edge.i, phrase_end))
            found = (t, cue_text, cue_span[0], cue_span[1])
        elif is_cue_verb(ctx, t) or is_attribution_verb(ctx, t):
            if t.tag_ == "VBN" and t.dep_ == "acl":
                continue  # a participle naming its noun: "his group, called the Legacy Fund, ..."
            content = verb_content(ctx, t)
            found = (t, t.text, t.idx, t.idx + len(t.text))
        elif t.pos_ == "NOUN" and t.lemma_.lower() in ctx.lex.claim_nouns:
            content = noun_content(ctx, t)
            mention = noun_speaker(ctx, t) if content is not None else None
            if mention is None:
                continue  # an unowned claim ("allegations of fraud") is not a quote
            found = (t, t.text, t.idx, t.idx + len(t.text))
        else:
            continue
        if content is None:
            continue
        s, e = content
        p_lo, p_hi = ctx.para_of(t.idx)
        s, e = max(s, p_lo), min(e, p_hi)
        s, e = _trim_clause(text, s, e)
        dateline = _DATELINE.match(text, s, e) if s == p_lo else None
        if dateline:  # "CITY, Nov 9 (Agency) - Fighting flared ..." reports only what follows the dash
            s = dateline.end()
        s, e = snap_to_marks(ctx, pieces, s, e)
        if e - s < 8 or len(text[s:e].split()) < 3:
            continue
        if overlaps_direct(s, e):
            inner = embedded(s, e)
            if inner is None:
                continue
            for p in inner:
                p.kind = "partial"
                direct_pieces.remove(p)
            direct_spans = sorted((p.open_at, piece_end(p)) for p in direct_pieces)
            d_starts = [a for a, _ in direct_spans]
        if ctx.lex.pattern("anonymity").search(text[min(s, found[2]) : max(e, found[3])]) and e - s < 60:
            continue  # "asked not to be named", "speaking on condition of anonymity": about the source
        if mention is None:
            mention = speaker_for(ctx, found)
            if mention is None and phrase_end is None and not is_cue_verb(ctx, t):
                continue  # "is expected to travel": belief or intent of nobody named is not a quote
        rec = {
            "text": text[s:e],
            "kind": "indirect",
            "start": s,
            "end": e,
            "_cue": found,
            "_speaker": describe(ctx, mention),
        }
        out.append(rec)
    # nested reported speech ("X said police told residents that ...") keeps the outer clause only
    out.sort(key=lambda r: (r["start"], -r["end"]))
    kept: list[dict] = []
    reach = -1
    for r in out:
        if r["end"] <= reach:
            continue
        kept.append(r)
        reach = max(reach, r["end"])
    return kept


def verb_content(ctx: QuoteContext, t: Token) -> tuple[int, int] | None:
    """The char span of what the verb ``t`` reports: its clause, its to-infinitive, or its object."""
    doc, lex = ctx.doc, ctx.lex
    lemma = t.lemma_.lower()
    kids = ctx.children(t)
    right = [c for c in kids if c.i > t.i and not ctx.inside[c.i]]
    if is_cue_verb(ctx, t) or lemma in lex.attitude_verbs:
        comp = next((c for c in kids if c.dep_ == "ccomp"), None)
        if comp is None:
            comp = that_clause(ctx, t)
        if comp is None and t.dep_ == "parataxis" and t.head.i != t.i:
            span = clause_without(ctx, t.head, t.left_edge.i, t.right_edge.i, edge_only=True)
            if span is None and parenthetical(ctx, t):  # "The talks, Ms. Varga said, are ..."
                span = token_range_chars(ctx, t.head.left_edge.i, t.head.right_edge.i)
            return span
        if comp is not None:
            a, b = comp.left_edge.i, comp.right_edge.i
            if a <= t.i <= b:
                # the cue sits inside its clause: "The bridge, Mr. Osei said, reopened ..."
                return token_range_chars(ctx, a, b) if parenthetical(ctx, t) else None
            # drop a trailing ", citing a police source" / ", he added"
            for c in sorted(ctx.children(comp), key=lambda c: -c.i):
                if c.i <= comp.i or c.right_edge.i != b:
                    break
                if (
                    c.dep_ in ("advcl", "parataxis")
                    and (is_cue_verb(ctx, c) or c.lemma_.lower() == "cite")
                    and c.left_edge.i > a
                    and doc[c.left_edge.i - 1].text == ","
                ):
                    b = c.left_edge.i - 2
                break
            return token_range_chars(ctx, a, b) if b >= a else None
        # "wants to sign up ...", "urged supporters to monitor ..."
        x = next((c for c in right if c.dep_ == "xcomp" and to_clause(ctx, c)), None)
        if x is not None:
            obj = next((c for c in right if c.dep_ in ("dobj", "dative") and c.i < x.i), None)
            return token_range_chars(ctx, (obj or x).left_edge.i, x.right_edge.i)
    preps = lex.object_verbs.get(lemma)
    if preps:
        for c in right:
            if c.dep_ == "prep" and c.lower_ in preps:
                obj = next((k for k in ctx.children(c) if k.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return object_span(ctx, obj, right)
            if c.dep_ == "dobj" and "" in preps:
                return object_span(ctx, c, right)
    if lemma in lex.naming_verbs:
        obj = next((c for c in right if c.dep_ == "dobj"), None)
        # the name given may be quoted: called half of his supporters “deplorables”
        comp = next((c for c in kids if c.dep_ in ("oprd", "xcomp", "ccomp") and obj is not None and c.i > obj.i), None)
        if obj is not None and comp is not None:
            return token_range_chars(ctx, obj.left_edge.i, comp.right_edge.i)
    return None


def noun_content(ctx: QuoteContext, noun: Token) -> tuple[int, int] | None:
    """What a claim noun carries: its that-clause, to-infinitive, or the object of about/on/of/over/for."""
    for c in ctx.children(noun):
        if c.i < noun.i or ctx.inside[c.i]:
            continue
        if c.dep_ in ("acl", "ccomp") and (
            to_clause(ctx, c) or any(k.dep_ == "mark" and k.lower_ == "that" for k in ctx.children(c))
        ):
            return token_range_chars(ctx, c.left_edge.i, c.right_edge.i)
        if c.dep_ == "prep" and c.lower_ in ("about", "on", "of", "over", "for", "against", "that"):
            obj = next((k for k in ctx.children(c) if k.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return token_range_chars(ctx, obj.left_edge.i, obj.right_edge.i)
    return None


def noun_speaker(ctx: QuoteContext, noun: Token) -> Mention | None:
    """Who owns a claim noun: "the mayor's claim", "a claim by/from X", "a Gazette report", or the subject of an
    issuing verb ("Varga made the claim"); None when the text does not say."""
    kids = ctx.children(noun)
    if any(c.dep_ == "poss" for c in kids) or any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in kids):
        return speaker_of_noun_cue(ctx, noun)
    for c in kids:
        if c.dep_ == "compound" and ctx.ent_of[c.i] is not None and ctx.ent_of[c.i].label_ in ("ORG", "PERSON"):
            return from_noun(ctx, c)
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in ctx.lex.issuing_verbs:
        subj = next((c for c in ctx.children(verb) if c.dep_ == "nsubj"), None)
        if subj is not None and not is_cue_noun(ctx, subj):
            return from_noun(ctx, subj)
    return None


def to_clause(ctx: QuoteContext, verb: Token) -> bool:
    """Whether ``verb`` heads a to-infinitive ("to sign", "to monitor")."""
    return any(k.dep_ == "aux" and k.lower_ == "to" for k in ctx.children(verb))


def object_span(ctx: QuoteContext, obj: Token, siblings: list[Token]) -> tuple[int, int] | None:
    """An object and the complements right after it ("X as examples of Y", "her of lying", "X a hoax")."""
    a, b = obj.left_edge.i, obj.right_edge.i
    for c in siblings:
        if c.i <= obj.i or c.left_edge.i != b + 1:
            continue
        if c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("as", "of", "for")):
            b = c.right_edge.i
    return token_range_chars(ctx, a, b)


def parenthetical(ctx: QuoteContext, cue: Token) -> bool:
    """Whether the cue and its subject stand between commas or dashes inside the reported sentence."""
    doc = ctx.doc
    subj = next((c for c in ctx.children(cue) if c.dep_ in ("nsubj", "nsubjpass")), None)
    first = min(subj.left_edge.i, cue.i) if subj is not None else cue.i
    if first == 0 or doc[first - 1].text not in (",", "—", "–", "--"):
        return False
    return any(doc[k].text in (",", "—", "–", "--") for k in range(cue.i + 1, min(ctx.n, cue.i + 5)))


def that_clause(ctx: QuoteContext, cue: Token) -> Token | None:
    """A "that" clause the parser hung below the cue's objects ("told AFP on condition of anonymity that ...")."""
    doc = ctx.doc
    for i in range(cue.i + 1, min(cue.right_edge.i, cue.i + 25) + 1):
        t = doc[i]
        if t.lower_ != "that" or t.dep_ != "mark" or ctx.inside[i]:
            continue
        clause = t.head
        cur = clause
        for _ in range(6):
            if cur.head.i == cur.i or cur.dep_ not in (
                "prep",
                "pobj",
                "dobj",
                "npadvmod",
                "dative",
                "acl",
                "ccomp",
                "advcl",
                "relcl",
                "advmod",
            ):
                break
            cur = cur.head
            if cur.i == cue.i:
                return clause
        return None
    return None


def snap_to_marks(ctx: QuoteContext, pieces: list[Piece], s: int, e: int) -> tuple[int, int]:
    """Widen an indirect clause so that it never cuts a quoted fragment between its marks."""
    opens = ctx.opens

    def close(p: Piece) -> int:
        return (p.close_at + 1) if p.close_at is not None else p.end

    i = bisect.bisect_left(opens, s) - 1
    if i >= 0 and s < close(pieces[i]):
        s = pieces[i].open_at
    j = bisect.bisect_left(opens, e) - 1
    if j >= 0 and pieces[j].open_at < e <= close(pieces[j]):
        e = close(pieces[j])
    return s, e


def token_range_chars(ctx: QuoteContext, a: int, b: int) -> tuple[int, int]:
    """Char span of tokens [a, b] without a leading "that"/"whether"/"if", run on over a sentence break the
    parser made mid-clause.
    """
    doc = ctx.doc
    if doc[a].dep_ == "mark" and doc[a].lower_ in ("that", "whether", "if") and a < b:
        a += 1
    # the parser may start a new sentence mid-clause ("mentioned remarks | Varga had made about ..."):
    # with no punctuation or line break there, the clause runs on to the end of that sentence
    for _ in range(3):
        nxt = b + 1
        if nxt >= ctx.n or not doc[nxt].is_sent_start or doc[b].is_punct or doc[nxt].is_punct:
            break
        if "\n" in doc[b].whitespace_ or doc[nxt].is_space or ctx.inside[nxt]:
            break
        end = doc[nxt].sent.end - 1
        while end > nxt and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        b = end
    return doc[a].idx, doc[b].idx + len(doc[b].text)


def clause_without(
    ctx: QuoteContext, root: Token, cut_a: int, cut_b: int, edge_only: bool = False
) -> tuple[int, int] | None:
    """The clause of ``root`` minus tokens [cut_a, cut_b] when they sit at its start or end."""
    a, b = root.left_edge.i, root.right_edge.i
    if cut_a <= a <= cut_b:
        a = cut_b + 1
    elif cut_a <= b <= cut_b or cut_b >= b:
        b = cut_a - 1
    elif edge_only:
        return None
    while a <= b and (ctx.doc[a].is_punct or ctx.doc[a].is_space):
        a += 1
    if a > b:
        return None
    return token_range_chars(ctx, a, b)


def headline(ctx: QuoteContext, records: list[dict]) -> list[dict]:
    """A headline's attribution, from the conventions of headlines the parse often misreads in Title Case:
    "Varga: Budget Vote Will Go Ahead" (a name, a colon, the claim) and "Osei Says Talks Were
    Useful" (a name, a cue verb, the claim). Only for a short first paragraph followed by more text, and only
    when no quote was found there already."""
    if len(ctx.paras) < 2:
        return []
    lo, hi = ctx.paras[0]
    text = ctx.text
    line = text[lo:hi]
    if "\n" in line or len(line.split()) > 25 or any(r["start"] < hi and r["end"] > lo for r in records):
        return []
    end = hi
    while end > lo and (text[end - 1].isspace() or text[end - 1] in ".;"):
        end -= 1
    a, b = ctx.tok_from(lo), ctx.tok_from(hi)
    toks = [t for t in ctx.doc[a:b]]
    colon = next((k for k, t in enumerate(toks) if t.text == ":"), None)
    cue, speaker_toks, start = None, None, None
    if colon is not None and 1 <= colon <= 4:
        speaker_toks = toks[:colon]
        start = toks[colon].idx + 1
    else:
        for k, t in enumerate(toks[1:7], 1):
            if headline_cue(ctx, t.lower_):
                cue, speaker_toks, start = t, toks[:k], t.idx + len(t.text)
                break
    if not speaker_toks or start is None:
        return []
    words = [t.text for t in speaker_toks if not t.is_punct]
    if not words or not all(w[:1].isupper() or w.lower() in ctx.lex.name_particles for w in words):
        return []
    if words[0].lower() in ctx.lex.headline_labels:
        return []  # "Analysis: ...", "Update: ..."
    if colon is not None and not headline_speaker(ctx, speaker_toks):
        return []  # "Stealth Over Health: ..." is a title, not a speaker
    while start < end and text[start].isspace():
        start += 1
    if end - start < 8 or len(text[start:end].split()) < 3:
        return []
    mention = Mention(speaker_toks[-1], speaker_toks[0].idx, speaker_toks[-1].idx + len(speaker_toks[-1].text))
    rec = {"text": text[start:end], "kind": "indirect", "start": start, "end": end}
    span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
    return [finish(ctx, rec, describe(ctx, mention), cue.text if cue is not None else None, span)]


def headline_speaker(ctx: QuoteContext, toks: list[Token]) -> bool:
    """Whether the words before a headline's colon name a speaker: a person, organisation or place, or one
    word such as "Poll" or "Police"."""
    ent = ctx.ent_of[toks[-1].i]
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    words = [t.lower_ for t in toks if not t.is_punct]
    lex = ctx.lex
    return len(words) == 1 and (words[0] in lex.headline_sources or words[0] in lex.roles or words[0] in lex.org_words)


def headline_cue(ctx: QuoteContext, word: str) -> bool:
    """A cue verb as headlines inflect it ("says", "calls", "vows", "urges", "denies")."""
    lex = ctx.lex
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    known = lex.verbs | lex.attitude_verbs | lex.naming_verbs | frozenset(lex.object_verbs)
    return word.endswith("s") and bool(forms & known) and not (forms & lex.tail_only_verbs)
