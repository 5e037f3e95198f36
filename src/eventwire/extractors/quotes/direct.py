"""Direct and partial quotes: a marked piece classed as direct or partial, and its cue and speaker found."""

from __future__ import annotations

import re

from spacy.tokens import Token

from eventwire.extractors.quotes.context import MAX_CLIMB, MAX_WINDOW, QuoteContext
from eventwire.extractors.quotes.cues import is_cue_noun, is_cue_verb, is_sent_punct, window_cue
from eventwire.extractors.quotes.marks import DOUBLE_CLOSE, Piece, has_word, trim
from eventwire.extractors.quotes.resolve import describe, finish
from eventwire.extractors.quotes.speakers import (
    signature,
    span_mention,
    speaker_for,
    speaker_of_noun_cue,
    window_speaker,
)

# a transcript's speaker label opening a quoted turn: "HOST: Let's start ...", "MS. OKAFOR: ..."
LABEL = re.compile(r"([A-Z][A-Z.'’-]*[A-Z](?: [A-Z][A-Z.'’-]*[A-Z]){0,3}):\s+(?=\S)")


def ancestor_cue(ctx: QuoteContext, piece: Piece) -> Token | None:
    """The speech verb the quoted words hang on in the parse, nearest the closing mark; None when none does."""
    a, b = ctx.tok_from(piece.start), ctx.tok_from(piece.end)
    best = None
    for i in range(a, min(b, ctx.n)):
        t = ctx.doc[i]
        if a <= t.head.i < b:
            continue
        cur = t
        for _ in range(MAX_CLIMB):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if is_cue_verb(ctx, cur):
                if best is None or abs(cur.i - b) < abs(best.i - b):
                    best = cur
                break
    return best


def attribute(ctx: QuoteContext, piece: Piece, prev_end: int, next_open: int) -> None:
    """Find the cue and speaker of one quote piece."""
    doc, text = ctx.doc, ctx.text
    p_lo, p_hi = ctx.para_of(piece.open_at)
    found: tuple[Token, str, int, int] | None = None
    if piece.label is not None:  # a transcript turn: the label is the speaker
        piece.speaker = describe(ctx, span_mention(ctx, *piece.label))
        return
    if piece.close_at is not None:  # a signed quote: “...” ― Pamela Padilla
        signed = signature(ctx, piece.close_at + 1, min(p_hi, next_open))
        if signed is not None:
            piece.speaker = describe(ctx, signed)
            return
    cue = ancestor_cue(ctx, piece)
    if cue is not None:
        found = (cue, cue.text, cue.idx, cue.idx + len(cue.text))
    # the tail: after the closing mark up to the end of its sentence
    tail_lo = tail_hi = None
    if piece.close_at is not None:
        tail_lo = ctx.tok_from(piece.close_at + 1)
        hi_char = min(p_hi, next_open)
        j = tail_lo
        while j < ctx.n and j - tail_lo < MAX_WINDOW and doc[j].idx < hi_char:
            if is_sent_punct(ctx, doc[j]):
                j += 1
                break
            j += 1
        tail_hi = j
        piece.tail_end = doc[tail_hi - 1].idx + len(doc[tail_hi - 1].text) if tail_hi > tail_lo else None
    if found is None and tail_lo is not None and tail_hi > tail_lo:
        c = window_cue(ctx, tail_lo, tail_hi, last=False, tail=True)
        if c is not None:
            ends_sentence = text[piece.start : piece.end].rstrip()[-1:] in ".!?…"
            own = any(k.dep_ == "ccomp" and k.i >= tail_lo for k in ctx.children(c[0]))
            if not (ends_sentence and own) and c[0].i - tail_lo <= 12:
                found = c
    # the head: before the opening mark, back to the sentence start / the previous quote
    if found is None:
        head_hi = ctx.tok_from(piece.open_at)
        floor = max(p_lo, prev_end)
        j = head_hi - 1
        while j >= 0 and head_hi - j <= MAX_WINDOW and doc[j].idx >= floor and not is_sent_punct(ctx, doc[j]):
            j -= 1
        c = window_cue(ctx, j + 1, head_hi, last=True, tail=False)
        if c is not None:
            found = c
        elif piece.open_at == p_lo or text[floor : piece.open_at].strip() == "":
            # "Khalil said:" closing the previous paragraph
            prev_para = ctx.para_of(p_lo - 1) if p_lo > 0 else None
            if prev_para and prev_para != (p_lo, p_hi) and text[prev_para[0] : prev_para[1]].rstrip().endswith(":"):
                hi_tok = ctx.tok_from(prev_para[1])
                k = hi_tok - 1
                while k >= 0 and hi_tok - k <= MAX_WINDOW and doc[k].idx >= prev_para[0]:
                    if is_sent_punct(ctx, doc[k]):
                        break
                    k -= 1
                found = window_cue(ctx, k + 1, hi_tok, last=True, tail=False)
    if found is None:
        # a speech noun in the sentence: "In a statement, the ministry: ..." / "the ministry's statement:"
        lo = ctx.tok_from(max(p_lo, prev_end))
        hi = min(ctx.n, ctx.tok_from(piece.open_at))
        for i in range(hi - 1, max(lo, hi - MAX_WINDOW) - 1, -1):
            if is_sent_punct(ctx, doc[i]):
                break
            if is_cue_noun(ctx, doc[i]):
                t = doc[i]
                mention = speaker_of_noun_cue(ctx, t)
                if mention is not None:
                    piece.cue, piece.cue_text, piece.cue_span = t, t.text, (t.idx, t.idx + len(t.text))
                    piece.speaker = describe(ctx, mention)
                    return
    if found is None:
        return
    piece.cue, piece.cue_text, piece.cue_span = found[0], found[1], (found[2], found[3])
    mention = speaker_for(ctx, found)
    if mention is None:
        in_tail = tail_lo is not None and found[0].i >= tail_lo
        lo = tail_lo if in_tail else ctx.tok_from(max(p_lo, prev_end))
        hi = tail_hi if in_tail else ctx.tok_from(piece.open_at)
        mention = window_speaker(ctx, found[0], lo, hi, tail=in_tail)
    piece.speaker = describe(ctx, mention)


def classify(ctx: QuoteContext, piece: Piece) -> str:
    """direct or partial, from what stands before the opening mark and the shape of the content."""
    text = ctx.text
    p_lo, _ = ctx.para_of(piece.open_at)
    before = text[p_lo : piece.open_at].rstrip()
    c = before[-1:] if before else ""
    content = text[piece.start : piece.end]
    words = content.split()
    if not before or c in ".!?…" or c in DOUBLE_CLOSE or c == '"' or (c == "’" and piece.single):
        return "direct"
    if c == ":":
        return "direct"
    if c in ",;—–" and (content[:1].isupper() or cue_just_before(ctx, piece)):
        return "direct"
    if content[:1].isupper() and content.rstrip()[-1:] in ".?!" and len(words) >= 3:
        return "direct"
    if len(words) >= 4 and full_clause(ctx, piece):
        return "direct"  # 'emphasizing that "dialogue is the only path."'
    return "partial"


def full_clause(ctx: QuoteContext, piece: Piece) -> bool:
    """Whether the quoted words hold a whole clause: a verb with its subject, all inside the marks."""
    a, b = ctx.tok_from(piece.start), min(ctx.n, ctx.tok_from(piece.end))
    for i in range(a, b):
        t = ctx.doc[i]
        if a <= t.head.i < b and t.head.i != t.i:
            continue
        if t.pos_ in ("VERB", "AUX"):
            kids = ctx.children(t)
            if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.left_edge.i >= a and c.i < b for c in kids):
                return True
    return False


def cue_just_before(ctx: QuoteContext, piece: Piece) -> bool:
    """Whether a cue verb stands right before the opening mark, past punctuation only ("said: '...'")."""
    i = ctx.tok_from(piece.open_at) - 1
    for _ in range(4):
        if i < 0:
            return False
        t = ctx.doc[i]
        if is_cue_verb(ctx, t):
            return True
        if not t.is_punct and not t.is_space:
            return False
        i -= 1
    return False


def is_title_case(ctx: QuoteContext, piece: Piece) -> bool:
    """Whether a piece reads as a quoted name or title (at most five words, all capitalised but small
    words): told «Radio North», the operation "Dawn of Freedom".
    """
    words = re.findall(r"[^\W\d_][\w'’-]*", ctx.text[piece.start : piece.end])
    small = {"of", "the", "and", "for", "in", "on", "at", "a", "an", "to", "de", "al"}
    return 0 < len(words) <= 5 and all(w[0].isupper() or w.lower() in small for w in words) and (words[0][0].isupper())


def repair_unclosed(ctx: QuoteContext, piece: Piece) -> None:
    """A quote whose closing mark was forgotten: end it before an attribution inside (", he said.")."""
    doc = ctx.doc
    a, b = ctx.tok_from(piece.start), min(ctx.n, ctx.tok_from(piece.end))
    for i in range(a + 1, b):
        t = doc[i]
        if t.text != ",":
            continue
        j = i + 1
        while j < b and j - i <= 5 and doc[j].pos_ in ("PRON", "PROPN", "DET", "NOUN", "ADJ", "PUNCT"):
            if doc[j].text in (",", ".", ";"):
                break
            j += 1
        if j < b and is_cue_verb(ctx, doc[j], tail=True) and (j > i + 1 or j + 1 < b):
            start, end = trim(ctx.text, piece.start, t.idx)
            if has_word(ctx.text, start, end):
                piece.start, piece.end, piece.close_at = start, end, t.idx
            return


def piece_record(ctx: QuoteContext, p: Piece) -> dict:
    """The output record of a quote piece, with its speaker and cue."""
    rec = {"text": ctx.text[p.start : p.end], "kind": p.kind, "start": p.start, "end": p.end}
    return finish(ctx, rec, p.speaker, p.cue_text, p.cue_span)
