"""Cue words in the parse: speech verbs, belief and object verbs, "according to" phrases, speech nouns,
ranks and sentence ends."""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.extractors.quotes.context import QuoteContext

_SENT_PUNCT = frozenset({".", "!", "?", "...", "…"})


def is_rank(ctx: QuoteContext, tok: Token) -> bool:
    """Whether ``tok`` is a rank word ("Maj.", "Gen", "Col.") written as ranks are: capitalised or abbreviated."""
    word = tok.text.lower().rstrip(".")
    return word in ctx.lex.ranks and (tok.text[:1].isupper() or tok.text.endswith("."))


def is_sent_punct(ctx: QuoteContext, tok: Token) -> bool:
    """Whether ``tok`` ends a sentence; the full stop of a rank the tokenizer split off ("Maj" ".") does not."""
    if tok.text not in _SENT_PUNCT:
        return False
    if tok.text == "." and tok.i > 0:
        prev = ctx.doc[tok.i - 1]
        if not prev.whitespace_ and prev.text.lower() in ctx.lex.ranks:
            return False  # "Maj" "." split by the tokenizer
    return True


def is_cue_verb(ctx: QuoteContext, tok: Token, *, tail: bool = False) -> bool:
    """Whether ``tok`` is a speech verb outside quote marks ("said", "told", "went on");
    tail-only verbs ("added", "continued") count after a quote (``tail``) or before a colon.

    Example:
        >>> # in '"We will stay," Osei added.' is_cue_verb(added, tail=True) -> True
    """
    if ctx.inside[tok.i]:
        return False
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        return False
    if lemma not in ctx.lex.verbs and not any(lemma == v for v, _ in ctx.lex.phrasal_verbs):
        return False  # (before the word ahead is read: most verbs are no cue)
    if tok.i > 0 and ctx.doc[tok.i - 1].text == "-" and not ctx.doc[tok.i - 1].whitespace_:
        return False  # "so-called", "self-declared"
    if lemma in ctx.lex.verbs:
        if tail or lemma not in ctx.lex.tail_only_verbs:
            return True
        # "Limbaugh continued: ..." introduces what follows as well
        return tok.i + 1 < ctx.n and ctx.doc[tok.i + 1].text == ":"
    if any(lemma == v for v, _ in ctx.lex.phrasal_verbs):
        return any((lemma, c.lower_) in ctx.lex.phrasal_verbs for c in ctx.children(tok) if c.dep_ == "prt")
    return False


def is_attribution_verb(ctx: QuoteContext, tok: Token) -> bool:
    """A verb of belief, intention or evidence, or one whose object is what was said (indirect quotes only)."""
    if ctx.inside[tok.i] or (tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB")):
        return False
    lemma = tok.lemma_.lower()
    lex = ctx.lex
    if not (lemma in lex.attitude_verbs or lemma in lex.object_verbs or lemma in lex.naming_verbs):
        return False
    return not (tok.i > 0 and ctx.doc[tok.i - 1].text == "-" and not ctx.doc[tok.i - 1].whitespace_)


def phrase_cue(ctx: QuoteContext, tok: Token) -> int | None:
    """If a cue phrase ("according to") starts at ``tok``, the index of its last token."""
    if ctx.inside[tok.i]:
        return None
    first = tok.lower_
    for words in ctx.lex.phrases:
        if words[0] != first:  # (phrases are never empty) most words start none: no later token is read
            continue
        end = tok.i + len(words)
        if end <= ctx.n and all(ctx.doc[tok.i + k].lower_ == w for k, w in enumerate(words)):
            return end - 1
    return None


def is_cue_noun(ctx: QuoteContext, tok: Token) -> bool:
    """Whether ``tok`` is a speech noun outside quote marks ("statement", "letter", "post")."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in ctx.lex.nouns and not ctx.inside[tok.i]


def window_cue(
    ctx: QuoteContext, lo_tok: int, hi_tok: int, *, last: bool, tail: bool
) -> tuple[Token, str, int, int] | None:
    """The first (or last) cue among tokens [lo_tok, hi_tok): (token, cue text, cue start, cue end)."""
    rng = range(hi_tok - 1, lo_tok - 1, -1) if last else range(lo_tok, hi_tok)
    for i in rng:
        t = ctx.doc[i]
        if is_cue_verb(ctx, t, tail=tail):
            return t, t.text, t.idx, t.idx + len(t.text)
        end = phrase_cue(ctx, t)
        if end is not None and end < ctx.n:
            e = ctx.doc[end]
            return t, ctx.text[t.idx : e.idx + len(e.text)], t.idx, e.idx + len(e.text)
    return None
