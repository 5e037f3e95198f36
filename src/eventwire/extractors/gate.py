"""The event gate: words that tell no act (questions, captions, stances, concepts) give no event, and an event
the classifier alone found that is told as history is background.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from eventwire.extractors.parse import ancestors_until, span_text, subject_of
from eventwire.extractors.triggers import Draft, Trigger, word_class
from eventwire.lexicons import load, word_set


def tells_no_event(draft: Draft) -> bool:
    """Whether a draft's words tell no act at all: a question, a photo caption or link, a concept ("issues of
    sexual violence", "in the aftermath of bombings", "is committed to an inquiry").

    Example:
        >>> # "Conflicting tolls are common after bombings." -> True; "The bombings killed 12." -> False
    """
    sent = draft.sent
    text = span_text(sent).strip()
    if text.endswith("?") and not any(t.tag_ == "``" or t.lower_ in ('"', "“") for t in sent):
        return True  # a question asks whether something happened; a quoted question may still tell it
    low = text.lower()
    if any(low.startswith(c) or low.endswith(c) for c in load("lexicon")["caption_marks"]):
        return True
    tok = draft.primary.token
    if tok.lemma_.lower() in word_set("lexicon", "stative_participles") and (
        tok.pos_ == "ADJ"
        or (
            tok.tag_ == "VBN"
            and any(c.dep_ in ("auxpass", "cop") for c in tok.children) | (tok.dep_ == "acomp")
            and not any(c.dep_ == "agent" for c in tok.children)
        )
    ):
        return True  # "the government is committed to an inquiry": a stance, not an act
    if (
        tok.dep_ == "acl"
        and tok.pos_ == "VERB"
        and tok.head.pos_ == "NOUN"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
        and tok.head.lemma_.lower() not in word_set("lexicon", "planned") | word_set("lexicon", "decision_nouns")
    ):
        return True  # "in his haste to withdraw", "an effort to negotiate": what someone wants, not what was done
    if habitual(tok) or charge_name(tok) or _speech_sense(tok) or _vote(tok):
        return True
    trig = draft.primary
    return trig.rule.pos == "noun" and len(draft.triggers) == 1 and _concept(tok, trig)


def _clause_heads(tok: Token) -> list[Token]:
    """The token and its heads up to its sentence's root, stopping at a relative clause (which tells its own act)."""
    chain = [tok]
    for head in ancestors_until(tok):
        if chain[-1].dep_ in ("relcl", "ccomp"):
            break
        chain.append(head)
    return chain


def habitual(tok: Token) -> bool:
    """Whether an act is told as a habit or a kind: an adverb of frequency on it or the verbs above it
    ("demonstrators have sometimes gathered while marching"), the act as the subject of "is frequent", "are
    common", or an example in a list ("threats such as farmers' clashes").

    Example:
        >>> # "Clashes are frequent in Dagestan." -> True; "Clashes erupted in Dagestan." -> False
    """
    adverbs = word_set("lexicon", "habitual_adverbs")
    if any(c.dep_ == "advmod" and c.lower_ in adverbs for h in _clause_heads(tok) for c in h.children):
        return True
    if any(c.dep_ == "amod" and c.lower_ in word_set("lexicon", "habitual_modifiers") for c in tok.children):
        return True  # "repeated attacks on police posts"
    verb = tok if tok.pos_ == "VERB" else None
    if (
        verb is not None
        and verb.tag_ == "VBG"
        and {"been"} <= {c.lower_ for c in verb.children if c.dep_ == "aux"}
        and any(c.dep_ == "prep" and c.lower_ in ("since", "for") and _long_span(c) for c in verb.children)
    ):
        return True  # "Mali has been fighting jihadists since 2012": a state that lasts, not an incident
    if tok.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in word_set("lexicon", "habitual_predicates")
        for c in tok.head.children
    ):
        return True
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:  # "such as kidnappings and clashes": the list's head
        first = first.head
    head = first.head
    if first.dep_ == "pobj" and head.lower_ == "as" and any(c.lower_ == "such" for c in head.children):
        return True  # "threats such as clashes and banditry"
    return first.dep_ == "pobj" and head.lower_ == "like" and head.head.pos_ == "NOUN" and tok.tag_ == "NNS"


def _long_span(prep: Token) -> bool:
    """Whether "since ..." or "for ..." spans years: a year ("since 2012") or years, decades, months."""
    return any(
        (t.like_num and len(t.text) == 4 and t.text[:2] in ("19", "20"))
        or t.lemma_.lower() in ("year", "decade", "month")
        for t in prep.subtree
    )


def _speech_sense(tok: Token) -> bool:
    """A verb that reports what someone says, not what they do: "its organisers concede" with a clause of what is
    conceded and no object ("conceded defeat" is an act)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in word_set("lexicon", "speech_senses"):
        return False
    if any(c.dep_ in ("dobj", "nsubjpass", "xcomp") for c in tok.children):
        return False
    return tok.dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in tok.children)


def _vote(tok: Token) -> bool:
    """A legislature approving or passing something: a vote, which analysts do not code ("levies which parliament
    approved last week")."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in word_set("lexicon", "vote_verbs"):
        return False
    subj = subject_of(tok)
    if tok.dep_ == "acl" and tok.tag_ == "VBD":
        subj = tok.head  # "the tax, which lawmakers approved": parsed as a participle on "lawmakers"
    return subj is not None and subj.lemma_.lower() in word_set("lexicon", "legislatures")


def charge_name(tok: Token) -> bool:
    """Whether a trigger names the offence a suspect is charged with, convicted of or pleads to ("charged with
    robbery and resisting arrest", "on four counts of selling narcotics"): a charge, not an act the report tells.
    An act named as known ("charged with murder in the stabbing death of ...") stays.

    Example:
        >>> # "He was charged with robbery." -> True (for "robbery")
    """
    if any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children):
        return False
    heads = word_set("lexicon", "charge_heads")
    for anc in tok.ancestors:
        if anc.dep_ == "prep" and anc.lower_ in ("with", "of", "on", "for", "to") and anc.head.lemma_.lower() in heads:
            return True
        if anc.pos_ == "VERB" and anc.dep_ not in ("pcomp", "conj", "pobj", "xcomp", "advcl", "acl"):
            return False  # a clause of its own: its act is told, not charged
        if anc.dep_ in ("relcl", "ccomp"):
            return False
    return False


def _concept(tok: Token, trig: Trigger) -> bool:
    """A noun that names a kind of act, not one act: plural or mass, with no determiner, number, possessor or
    modifier of its own (beyond the trigger's words: "sexual violence"), and the object of a preposition on a noun
    ("issues of violence", "the aftermath of bombings")."""
    if tok.tag_ not in ("NNS", "NN") or tok.ent_type_:
        return False
    own = [c for c in tok.children if not trig.start <= c.idx < trig.end]
    if any(c.dep_ in ("det", "nummod", "poss", "amod", "compound", "nmod", "acl", "relcl") for c in own):
        return False
    if tok.tag_ == "NN" and tok.lemma_.lower() not in word_class("violence") | {"violence"}:
        return False
    if any(c.dep_ == "prep" for c in own):
        return False  # its own place or victims make it one act ("sexual assault on women")
    # the noun it belongs to names an idea about acts ("issues of", "the aftermath of"), not a number of them
    # ("dozens of arrests", "incidents of")
    return tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in word_set("lexicon", "concept_heads")


def is_stale(draft: Draft, published: dt.date | None) -> bool:
    """Whether an event's own date ends more than a year before publication (background, not news).

    Example:
        >>> # "In 2015, gunmen attacked ..." published 2025 -> True
    """
    date = draft.record.get("date") or {}
    if published is None or not date or date.get("inherited"):
        return False
    end = dt.date.fromisoformat(date.get("value_end") or date["value"])
    return (published - end).days > 365


UNREALISED = ("planned", "hypothetical", "negated")
