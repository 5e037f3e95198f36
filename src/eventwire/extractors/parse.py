"""Small helpers over the dependency parse, shared by the extractors."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from eventwire.lexicons import word_class, word_set

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Dependents that do not belong to a noun phrase's core when we cut its text.
_PHRASE_CUT = frozenset({"relcl", "acl", "appos", "punct", "cc", "advcl", "prep", "conj", "parataxis"})
# Clauses that borrow their subject from the verb they hang on ("forces raided ..., arresting 71").
_SUBJECT_SHARING = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp"})
_TEXT_KEY = "eventwire_text"


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, joined once and kept in ``doc.user_data``: spaCy rebuilds ``Doc.text`` from all its
    tokens on every access, so slicing it for each value extracted cost more than the extractors' own work.

    Example:
        >>> import spacy; d = spacy.blank("en")("Police came")
        >>> doc_text(d)[7:11]
        'came'
    """
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, sliced from the Doc's joined text (:func:`doc_text`) instead of joined from its tokens.

    Example:
        >>> import spacy; d = spacy.blank("en")("Police came. They left.")
        >>> span_text(d[3:6]), d[3:6].text
        ('They left.', 'They left.')
    """
    return doc_text(span.doc)[span.start_char : span.end_char]


def span_dict(span: Span | Token, **extra: object) -> dict:
    """``{"text", "start", "end"}`` of a span or token, character offsets into the doc text.

    Example:
        >>> import spacy; d = spacy.blank("en")("Police came")
        >>> span_dict(d[1:2])
        {'text': 'came', 'start': 7, 'end': 11}
    """
    if isinstance(span, Token):
        start, end = span.idx, span.idx + len(span.text)
    else:
        start, end = span.start_char, span.end_char
    return {"text": doc_text(span.doc)[start:end], "start": start, "end": end, **extra}


def ancestors_until(token: Token) -> Iterator[Token]:
    """The token's heads, nearest first, up to its sentence's root."""
    for _ in range(60):  # a parse is a tree; the bound only guards against a malformed one
        if token.head == token:
            return
        token = token.head
        yield token


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, borrowed from the governing verb for participles, infinitives and conjuncts.

    Example: in "forces carried out raids, arresting 71", the subject of "arresting" is "forces".
    """
    current = verb
    for _ in range(6):
        # a governing verb's passive subject counts too: "the envoy is set to travel"
        found = [
            c for c in current.children if c.dep_ in ("nsubj", "csubj") or (c.dep_ == "nsubjpass" and current != verb)
        ]
        if len(found) > 1:
            # a dateline parsed as a second subject ("NAIROBI, Nov 20 - Police fired"): the dateline is no subject
            found = [c for c in found if not (c.i == c.sent.start and c.text.isupper() and len(c.text) > 1)] or found
        # a label before a colon is no subject ("The Latest: opposition leader detained")
        found = [c for c in found if not any(t.text == ":" for t in c.doc[min(c.i, current.i) : max(c.i, current.i)])]
        if found:
            return found[0]
        if current.dep_ in _SUBJECT_SHARING and current.head != current:
            controller = _object_controller(current)
            if controller is not None:
                return controller
            current = current.head
            # "finalizing plans to establish": through the plan noun to the verb that has it
            if current.pos_ == "NOUN" and current.dep_ in ("dobj", "nsubjpass") and current.head != current:
                current = current.head
            continue
        return None
    return None


def _object_controller(clause: Token) -> Token | None:
    """Who does what an infinitive says when the verb above it names a doer as its object: "troops forced them to
    withdraw" (they withdraw), "the general ordered his men to attack" (the men attack). Only for verbs that make
    someone act (``object_control_verbs``): in "the army used drones to strike" the drones strike nothing.

    Example:
        >>> import spacy
        >>> _object_controller(spacy.blank("en")("withdraw")[0]) is None  # no parse: no verb above
        True
    """
    head = clause.head
    if clause.dep_ not in ("xcomp", "advcl") or head == clause:
        return None
    if head.lemma_.lower() not in word_set("lexicon", "object_control_verbs"):
        return None
    if any(c.dep_ in ("auxpass", "nsubjpass", "mark") for c in clause.children):
        return None  # "ordered the activists to be freed": they undergo it (objects_of)
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < clause.i and c.pos_ in ("NOUN", "PROPN", "PRON")]
    if not objects:
        return None
    if clause.dep_ == "advcl":
        # a purpose clause ("sent his platoon to storm the depot") is the object's act only when the object is a
        # force or a group: "deployed tear gas to scatter them" is the police's act
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            return None
        obj = objects[0]
        if obj.ent_type_ not in ("PERSON", "ORG", "NORP") and obj.lemma_.lower() not in word_class("forces"):
            return None
    return objects[0]


def phrase(head: Token, *, keep_of: bool = True) -> Span:
    """The core noun phrase of ``head``: its subtree without relative clauses, appositions and trailing PPs.

    "of" phrases stay ("members of the group"), so do compounds and modifiers.
    """
    left = head.i
    right = head.i
    for child in head.children:
        if child.dep_ in _PHRASE_CUT and not (keep_of and child.dep_ == "prep" and child.lower_ == "of"):
            continue
        sub = list(child.subtree)
        left = min(left, sub[0].i)
        right = max(right, sub[-1].i)
    doc = head.doc
    while left < right and (doc[left].is_punct or doc[left].is_space):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left : right + 1]


def clause_verb(token: Token) -> Token:
    """The verb of the clause a word stands in: itself, or the first verb above it ("fighting" in "Three days of
    fighting ended ..." -> "ended"); the root when no verb is above.

    Example:
        >>> import spacy
        >>> clause_verb(spacy.blank("en")("fighting")[0]).text  # no parse: the word is its own head
        'fighting'
    """
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def conjuncts(token: Token) -> list[Token]:
    """The token and the words coordinated with it ("soldiers and civilians")."""
    return [token, *token.conjuncts]


def objects_of(token: Token) -> list[Token]:
    """What a verb acts on: direct objects, passive subjects, attributes, and the objects of its prepositions.

    For a noun trigger, the objects of its prepositions ("a strike on a convoy", "seizure of arms"). A passive
    complement acts on its controller's object ("ordered the activists to be freed": the activists).
    """
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            found.extend(conjuncts(child))
        elif child.dep_ == "prep":
            found.extend(t for p in child.children if p.dep_ == "pobj" for t in conjuncts(p))
        elif child.dep_ == "agent":
            continue
    if (
        token.dep_ == "xcomp"
        and any(c.dep_ == "auxpass" for c in token.children)
        and not any(c.dep_ == "nsubjpass" for c in token.children)
    ):
        # "ordered the activists to be freed": the verb that controls the passive names who undergoes it
        found.extend(t for c in token.head.children if c.dep_ == "dobj" for t in conjuncts(c))
    return found


# Edges into a clause or phrase that tells background to the main clause: relative and adverbial clauses,
# participles on nouns, clausal complements, prepositional objects ("lifted a curfew imposed after riots").
_SUBORDINATE = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "pcomp", "pobj"})


def embedding(token: Token, transparent: frozenset[str] = frozenset()) -> int:
    """How many subordinate clauses or prepositional phrases lie between ``token`` and its sentence's main clause.

    The root, its conjuncts, and their subjects and objects are 0. A clause under a verb in ``transparent`` (the
    reporting verbs: "officials said rebels attacked") counts as main, since the report is what the sentence tells.

    Example:
        >>> # "The governor lifted a curfew imposed after riots": lifted 0, curfew 0, imposed 1, riots 2
    """
    depth = 0
    for _ in range(60):  # bounded: a parse is a tree
        head = token.head
        if head == token:
            break
        if token.dep_ in _SUBORDINATE and not (token.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in transparent):
            depth += 1
        token = head
    return depth
