"""How many: numbers of people killed, injured, arrested ... with their qualifiers and evidence spans.

Conventions follow ACLED: the lowest figure of a range, vague words mapped to numbers ("dozens" -> 12), and
"casualties" alone gives no fatality count.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

# parse_number lives in numbers.py (dates read number words too); imported here, where callers have found it
from eventwire.extractors.actors import sector_of
from eventwire.extractors.numbers import parse_number
from eventwire.extractors.parse import clause_verb, conjuncts, doc_text, objects_of
from eventwire.lexicons import load


def _qualifier(token: Token) -> str:
    """The qualifier written just before a number ("at least 12" -> at_least)."""
    doc = token.doc
    before = doc_text(doc)[max(0, token.idx - 30) : token.idx].lower()
    best, best_len = "exact", 0
    for phrase, qual in load("lexicon")["qualifiers"].items():
        if (before.endswith(" " + phrase + " ") or before == phrase + " ") and len(phrase) > best_len:
            best, best_len = qual, len(phrase)
    if best == "exact" and re.match(r"\s*(?:-|–|to)\s*\d", doc_text(doc)[token.idx + len(token.text) : token.idx + 40]):
        return "at_least"  # "10 to 15": ACLED keeps the lowest, which is then a floor
    if best == "exact" and before.rstrip().endswith("between"):
        return "at_least"
    return best


def number_of(head: Token) -> dict | None:
    """The count that a noun phrase headed by ``head`` states, as a record count dict, or None.

    Handles "71 suspected members", "more than 40 people", "dozens of protesters", "killing 12" (the number as the
    head itself) and "two soldiers and three civilians" (the sum over coordinated groups). Subsets after
    "including" are ignored.

    Example:
        >>> # in "police arrested at least 12 men", number_of(men) -> {"value": 12, "qualifier": "at_least", ...}
    """
    total = 0
    qualifier = None
    first = last = None
    groups: list[list] = []  # [value, the group's sector]: which part of the victims each figure counts
    for group in conjuncts(head):
        found = _number_in_group(group)
        if found is None:
            continue
        value, qual, tok_first, tok_last = found
        if value is None:
            continue
        total += value
        groups.append([value, sector_of([group])])
        qualifier = qualifier or qual
        if qual != "exact":
            qualifier = qual
        # conjuncts can come head first ("five officers and a dozen militants" from "militants"): keep text order
        first = tok_first if first is None or tok_first.i < first.i else first
        last = tok_last if last is None or tok_last.i > last.i else last
    if first is None or last is None:
        return None
    doc = head.doc
    start, end = first.idx, last.idx + len(last.text)
    return {
        "value": total,
        "qualifier": qualifier or "exact",
        "text": doc_text(doc)[start:end],
        "start": start,
        "end": end,
        "_groups": groups,
    }


def _number_in_group(group: Token) -> tuple[int | None, str, Token, Token] | None:
    vague = load("lexicon")["vague_numbers"]
    doc = group.doc
    # the head itself is a number: "killing 12", "12 of them", or a vague quantity: "dozens of people"
    candidates = [group] + [c for c in group.children if c.dep_ in ("nummod", "quantmod", "amod", "det")]
    for tok in candidates:
        if tok.like_num or tok.ent_type_ == "CARDINAL":
            # collect a multi-token number ("3 million", "twenty - five")
            left, right = tok, tok
            for c in tok.children:
                if c.dep_ in ("compound", "quantmod", "nummod") and c.like_num:
                    left = doc[min(left.i, c.i)]
                    right = doc[max(right.i, c.i)]
            value = parse_number(doc[left.i : right.i + 1].text)
            if value is not None:
                return value, _qualifier(left), left, right
        lowered = tok.lower_
        phrase2 = f"{doc[tok.i - 1].lower_} {lowered}" if tok.i > 0 else lowered
        for key in (phrase2, lowered):
            if key in vague and vague[key][0] is not None:
                value, qual = vague[key]
                first = doc[tok.i - 1] if key == phrase2 else tok
                return int(value), str(qual), first, tok
    return None


def count_for(trigger: Token, key: str) -> dict | None:
    """The count of ``key`` (killed, arrested ...) that a trigger word states about the people it acts on.

    Verbs: the object ("arrested 71 men"), the passive subject ("40 people were killed") or, for intransitive
    words ("12 people died"), the subject. Nouns: a number on the noun or its "of" phrase ("the arrest of 5").

    Example:
        >>> # "Gunmen killed at least 12 villagers" -> count_for(killed, "killed")["value"] == 12
    """
    heads: list[Token] = []
    if trigger.pos_ == "VERB":
        heads = [o for o in objects_of(trigger) if o.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
        heads += [c for c in trigger.children if c.dep_ == "nsubjpass" and c not in heads]
        if not heads and trigger.lemma_ in ("die",):
            heads = [c for c in trigger.children if c.dep_ == "nsubj"]
        if not heads and trigger.dep_ in ("acl", "amod") and trigger.head.pos_ in ("NOUN", "PROPN", "NUM"):
            heads = [trigger.head]  # "40 people killed in ...", "the 12 detained men"
        if trigger.dep_ == "relcl" and (key != "killed" or _tells_death(trigger)):
            # "a 17-year-old girl who drowned in custody": the relative pronoun stands for the noun the clause describes
            heads = [trigger.head if h.tag_ in ("WP", "WDT") else h for h in heads]
        if not heads and trigger.dep_ == "conj" and trigger.head.pos_ == "VERB":
            # "Scott was shot and killed": the verbs share the victim
            heads = [c for c in trigger.head.children if c.dep_ in ("nsubjpass", "dobj")]
    else:
        heads = [trigger]
        heads += [
            p
            for c in trigger.children
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "at")
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if trigger.dep_ == "nsubj" and trigger.lemma_.lower() in load("lexicon")["figure_nouns"]:
            # "the toll rose to 12", "the toll stood at 40", "the toll reached 12", "the toll is 12"
            verb = trigger.head
            heads += [c for c in verb.children if c.dep_ in ("dobj", "attr")]
            heads += [
                p
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in ("to", "at")
                for p in c.children
                if p.dep_ == "pobj"
            ]
    for h in heads:
        # one victim: the verb's object ("killed a man") or the noun's "of" phrase ("the death of a teacher")
        found = number_of(h) or (one_person(h) if trigger.pos_ == "VERB" or h is not trigger else None)
        if found:
            return found
    return None


def left_dead(trigger: Token) -> dict | None:
    """The count of "left N dead" in the trigger's clause: "the fighting left five officers and 12 militants dead",
    "ended with four soldiers and several rebels left dead", "attacked a bus, leaving three dead" (the people
    "dead" describes, summed over coordinated groups), or None.

    Example:
        >>> # "The blast left 12 people dead" -> left_dead(blast)["value"] == 12
    """
    clause = clause_verb(trigger)
    for leave in clause.subtree:
        if leave.lemma_.lower() != "leave" or leave.pos_ != "VERB":
            continue
        groups = [leave.head] if leave.dep_ in ("acl", "relcl") else [c for c in leave.children if c.dep_ == "dobj"]
        if not groups:  # "12 people were left dead", "... with a dozen rebels left dead" parsed as its subject
            groups = [c for c in leave.children if c.dep_ in ("nsubj", "nsubjpass")]
        for group in groups:
            members = set(conjuncts(group))
            dead = [
                t for t in leave.subtree if t.lower_ == "dead" and (t == group or t.head == leave or t.head in members)
            ]
            if dead:
                return number_of(group)
    return None


def one_person(head: Token) -> dict | None:
    """Count 1 for a single named or singular victim ("a man was killed", "a policeman was shot dead", "he was
    arrested"), with the phrase as evidence; None for a plural, a group ("the mob") or anything else.

    Example:
        >>> # in "a policeman was shot dead", one_person(policeman) -> {"value": 1, "qualifier": "exact", ...}
    """
    if head.conjuncts or head.lemma_.lower() in load("lexicon")["collective_nouns"]:
        return None
    person = _names_person(head) or head.lower_ in ("he", "she", "him", "her") or _aged(head)
    singular = head.tag_ == "NN" and any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("no", "some") for c in head.children
    )
    if not (person or singular):
        return None
    first = min([head, *(c for c in head.children if c.dep_ in ("det", "poss", "amod", "compound"))], key=lambda t: t.i)
    doc = head.doc
    start, end = first.idx, head.idx + len(head.text)
    return {"value": 1, "qualifier": "exact", "text": doc_text(doc)[start:end], "start": start, "end": end}


def _tells_death(verb: Token) -> bool:
    """Whether a verb of the killing rule tells a death: all do but a bare "shot" ("an officer who was shot" may
    have lived; "shot dead", "fatally shot" did not)."""
    if verb.lemma_.lower() != "shoot":
        return True
    return any(t.lower_ in ("dead", "fatally", "death") for t in verb.subtree)


def _aged(head: Token) -> bool:
    """Whether a phrase is a person named by age: "a 16-year-old", "the 43-year-old" (the parser makes "old" its
    head, an adjective)."""
    return (
        head.lower_ == "old"
        and any(c.lower_ == "year" for c in head.children)
        and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in head.children)
    )


def _names_person(head: Token) -> bool:
    """Whether a proper name is a person's: tagged so, or a name the tagger left untyped or called an
    organisation that the report tags or treats as a person elsewhere (a PERSON entity, or an age: "the fatal
    stabbing of Ray Ardell Benton" ... "Benton, 51, a bus driver"): the small model often mistypes names.

    Example:
        >>> # in "Mixon was fatally shot", with "Mixon, 26, was monitored" later in the report -> True
    """
    if head.ent_type_ == "PERSON":
        return True
    if head.pos_ != "PROPN" or head.tag_ != "NNP" or head.ent_type_ not in ("", "ORG", "PRODUCT", "WORK_OF_ART"):
        return False
    doc = head.doc
    if any(ent.label_ == "PERSON" and head.text in ent.text.split() for ent in doc.ents):
        return True
    # a name given an age somewhere ("Benton, 51, a bus driver"), as news style gives people
    for tok in doc[:-3]:
        if tok.text == head.text and doc[tok.i + 1].text == "," and doc[tok.i + 3].text == ",":
            age = doc[tok.i + 2]
            if age.like_num and age.text.isdigit() and 0 < int(age.text) < 120:
                return True
    return False


def raids_in(sentence_tokens: list[Token]) -> dict | None:
    """The number of raids a sentence reports ("carried out 61 raids"), if any."""
    for tok in sentence_tokens:
        if tok.lemma_.lower() in ("raid", "operation") and tok.pos_ == "NOUN" and tok.tag_ == "NNS":
            found = number_of(tok)
            if found:
                return found
    return None
