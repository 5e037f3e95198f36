"""According to whom, and how sure: an event's source and its modality.

The source is the subject of a reporting verb that governs the event's clause ("police said they arrested ..."),
the object of "according to", or the speaker of the quote the event sits in. Its kind (official, media, monitor,
anonymous, witness, expert, unknown) comes from :func:`eventwire.extractors.sources.source_kind`, the classifier
quote speakers use too.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from eventwire.extractors.numbers import parse_number
from eventwire.extractors.parse import ancestors_until, clause_verb, doc_text

# one classifier for event sources and quote speakers; re-exported here, where callers have always found it
from eventwire.extractors.sources import source_kind
from eventwire.lexicons import load, word_set


def _ents_within(span: Span) -> list[Span]:
    """The entities wholly inside ``span``, read from its own tokens.

    Equal to ``span.ents``, whose cost is that of the whole document's entities: called once per source phrase,
    that made attribution grow with the square of the text's length.

    Example:
        >>> import spacy
        >>> doc = spacy.blank("en")("Police in Kano said")
        >>> doc.ents = [Span(doc, 2, 3, label="GPE")]
        >>> [(e.text, e.label_) for e in _ents_within(doc[0:4])], _ents_within(doc[0:2])
        ([('Kano', 'GPE')], [])
    """
    doc = span.doc
    out: list[Span] = []
    start: int | None = None
    for i in range(span.start, span.end + 1):
        iob = doc[i].ent_iob_ if i < len(doc) else "O"
        if start is not None and iob != "I":  # the open entity ends here
            out.append(Span(doc, start, i, label=doc[start].ent_type_))
            start = None
        if iob == "B" and i < span.end:
            start = i
    return out


def _source_name(span: Span) -> tuple[str, bool, str | None]:
    """(name, named, org) of a source phrase: a person's name if one is there, else the proper-noun part."""
    doc = span.doc
    ents = _ents_within(span)
    # a "person" followed by "for/of Name" is an organisation NER misread ("Syrian Observatory for Human Rights")
    people = [e for e in ents if e.label_ == "PERSON" and not (e.end < span.end and doc[e.end].lower_ in ("for", "of"))]
    orgs = [e for e in ents if e.label_ in ("ORG", "NORP", "GPE")]
    org = orgs[0].text if orgs else None
    if people:
        return people[-1].text, True, org
    tokens = list(span)
    # drop leading descriptors written in lower case: "monitoring group Syrian Observatory ..." -> "Syrian ..."
    i = 0
    while i < len(tokens) and not tokens[i].text[:1].isupper():
        i += 1
    if i < len(tokens) and any(t.pos_ == "PROPN" for t in tokens[i:]):
        start = tokens[i].idx
        return doc_text(span.doc)[start : span.end_char], True, org
    return span.text, False, org


def _subject_phrase(subject: Token) -> Span:
    doc = subject.doc
    left, right = subject.left_edge.i, subject.right_edge.i
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    # a name the parse cut short: "Syrian Observatory | for Human Rights"
    while (
        right + 2 < len(doc)
        and doc[right].pos_ == "PROPN"
        and doc[right + 1].lower_ in ("for", "of")
        and doc[right + 2].pos_ == "PROPN"
    ):
        right += 2
        while right + 1 < len(doc) and doc[right + 1].pos_ == "PROPN":
            right += 1
    return doc[left : right + 1]


def _attribution(source_span: Span, cue_span: Span, head: Token) -> dict:
    name, named, org = _source_name(source_span)
    # the kind reads the whole subject with its modifiers ("a senior official, speaking on background")
    kind = source_kind(source_span.text, name=name, head_word=head.lower_, head_lemma=head.lemma_.lower(), named=named)
    doc = source_span.doc
    start = min(source_span.start_char, cue_span.start_char)
    end = max(source_span.end_char, cue_span.end_char)
    out = {"source": name, "kind": kind, "text": doc_text(doc)[start:end], "start": start, "end": end}
    if org and org != name:
        out["source_org"] = org
    if kind == "anonymous":
        for child in head.children:
            if child.dep_ == "nummod":
                value = parse_number(child.text)
                if value:
                    out["count"] = value
    return out


def find_attribution(trigger: Token, quotes: list[dict] | None = None) -> dict | None:
    """The attribution of the event triggered by ``trigger``, or None when the report speaks in its own voice.

    Example:
        >>> # "Police said they arrested five men" -> {"source": "Police", "kind": "official", ...}
    """
    sent = trigger.sent
    # 1. a reporting verb above the trigger: its subject is the source
    for anc in _reporting_verbs_above(trigger):
        # two subjects is a parse gone wrong ("MAKHACHKALA -- Three days of fighting ... , officials said" makes the
        # dateline a subject of "said"): the one nearest the verb is the speaker
        subjects = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")]
        subj = min(subjects, key=lambda c: abs(c.i - anc.i)) if subjects else None
        if subj is not None and subj.pos_ != "PRON":
            cue_end = anc
            for c in anc.children:  # "told Reuters": keep the medium in the evidence
                if c.dep_ in ("dobj", "dative") and c.i > anc.i and c.ent_type_ == "ORG":
                    cue_end = c
            attribution = _attribution(_subject_phrase(subj), trigger.doc[anc.i : cue_end.i + 1], subj)
            if cue_end != anc:
                attribution["via"] = cue_end.text
            return attribution
    # 2. "according to X" in the sentence
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(trigger.doc) and trigger.doc[tok.i + 1].lower_ == "to":
            to = trigger.doc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                # the parse may hang part of the name on "according" itself: read to the end of its phrase
                source = _subject_phrase(pobj)
                right = max(source.end, tok.right_edge.i + 1)
                doc = trigger.doc
                while right > source.start + 1 and (doc[right - 1].is_punct or doc[right - 1].is_space):
                    right -= 1
                if tok.right_edge.i >= trigger.i > tok.i:  # the event is inside the phrase: keep the core
                    right = source.end
                return _attribution(doc[source.start : right], doc[tok.i : tok.i + 2], pobj)
    # 3. the event is told inside a quote: the quote's speaker
    for q in quotes or []:
        if q.get("speaker") and q["start"] <= trigger.idx < q["end"]:
            return {
                "source": q["speaker"],
                "kind": q.get("speaker_kind") or "unknown",
                "text": doc_text(trigger.doc)[q["speaker_start"] : q["speaker_end"]]
                if q.get("speaker_start") is not None
                else q["speaker"],
                "start": q.get("speaker_start"),
                "end": q.get("speaker_end"),
            }
    return None


def _reporting_verbs_above(trigger: Token) -> Iterator[Token]:
    """The reporting verbs ("said", "denied", "reported") among the trigger's heads, nearest first."""
    reporting = word_set("lexicon", "reporting_verbs")
    for anc in ancestors_until(trigger):
        if anc.lemma_.lower() in reporting and anc.pos_ == "VERB":
            yield anc


#: Dependencies that make a clause describe a noun: "the activists arrested last week" is asserted on its own,
#: whatever the sentence says about the activists ("demanded the release of activists arrested last week").
_MODIFIER_CLAUSES = frozenset({"relcl", "amod"})


def _governing_chain(trigger: Token, cue: Token | None) -> list[Token]:
    """The trigger and its heads up to the reporting verb ``cue`` (what the source says, not that it says), stopping
    at a relative or participial clause, which asserts its own event."""
    chain = [trigger]
    current = trigger
    for anc in ancestors_until(trigger):
        if cue is not None and anc == cue:
            break
        if current.dep_ in _MODIFIER_CLAUSES or (current.dep_ == "acl" and current.tag_ in ("VBN", "VBD")):
            break
        chain.append(anc)
        current = anc
    return chain


def _topic_cut(chain: list[Token]) -> list[Token]:
    """The chain up to a noun the act is only the topic of ("asked for news about the deadly stabbing",
    "no word on the attack"): what is asked for, denied or doubted there is that noun, not the act, which the
    report takes as known; and up to an aim the act is the subject of ("the talks aim at a truce").

    Example:
        >>> # chain [stabbing, about, news, for, ask] -> [stabbing]
    """
    topic = word_set("lexicon", "topic_prepositions")
    aims = word_set("lexicon", "planned") | word_set("lexicon", "intent")
    for k in range(len(chain) - 1):
        if k and chain[k].lower_ in topic and chain[k].dep_ == "prep" and chain[k + 1].pos_ in ("NOUN", "PROPN"):
            return chain[:k]
        head = chain[k + 1]
        if chain[k].dep_ == "nsubj" and head.lemma_.lower() in aims and any(c.dep_ == "xcomp" for c in head.children):
            return chain[: k + 1]  # "the talks aim at a truce": the talks are held; what they aim at is not
    return chain


def _after_nor(trigger: Token) -> bool:
    """Whether the trigger is the verb after "nor" ("gave no order, nor offered a timetable"): denied like the first."""
    return trigger.dep_ == "conj" and any(
        c.dep_ in ("cc", "preconj") and c.lower_ == "nor" and c.i < trigger.i for c in trigger.head.children
    )


def _sought_for(trigger: Token, unrealised: set[str]) -> bool:
    """Whether the act is what a warrant or a call is for ("a warrant was issued for his arrest"), the phrase hanging
    on the verb whose subject or object asks for it."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "for":
        return False
    verb = trigger.head.head
    return any(c.dep_ in ("nsubjpass", "nsubj", "dobj") and c.lemma_.lower() in unrealised for c in verb.children)


def _wanted_for(tok: Token) -> bool:
    """Whether a word is "wanted" in the police's sense ("wanted for murder"), not a wish ("wanted to leave")."""
    return (
        tok.lemma_.lower() == "want"
        and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)
        and not any(c.dep_ == "xcomp" for c in tok.children)
    )


def _nobody(trigger: Token) -> bool:
    """Whether the trigger acts on no one: "no arrests were made", "nobody was arrested", "none were hurt"."""
    for child in trigger.children:
        if child.dep_ not in ("nsubjpass", "nsubj", "dobj"):
            continue
        if child.lower_ in ("nobody", "none", "nothing") or any(
            c.dep_ == "det" and c.lower_ == "no" for c in child.children
        ):
            return True
    return any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children) and trigger.pos_ == "NOUN"


def _carries_intent(tok: Token) -> bool:
    """Whether an intention on the word above ``tok`` reaches ``tok``: it is that word's object or infinitive."""
    if tok.dep_ in ("xcomp", "acomp", "dobj", "attr", "oprd"):
        return True
    return tok.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)


def stance(trigger: Token, stop: frozenset[int] = frozenset()) -> tuple[Token, str, bool] | None:
    """What the words governing an act say a party means to do about it: ``(cue, kind, threat)`` or None.

    ``kind`` is "intent" ("Norway will back the plan", "is ready to pull back"), "obligation" ("the rebels
    must free the hostages") or "refusal" ("will not accept", "failed to agree"); ``threat`` is
    true when a condition makes the intention a threat ("will withdraw its force unless ..."). PLOVER codes such a
    statement as an event of its own, apart from the act it is about. The path stops at a reporting verb, at a
    relative clause, and at any word in ``stop`` (another event's trigger, which tells the statement itself:
    "urged the EU to support"); an act inside a condition ("if its border is crossed") is no one's intention.

    Example:
        >>> # "Chile will back the proposal" -> (will, "intent", False)
    """
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ not in ("dobj", "attr", "oprd"):
        return None  # "will hold a protest"; not "the visit will focus on trade", "... under negotiation"
    lex = load("lexicon")["stance"]
    intent, possible = set(lex["intent"]), set(lex["possible"])
    obligation, refusal = set(lex["obligation"]), set(lex["refusal"])
    cue_verb = next(_reporting_verbs_above(trigger), None)
    chain = _governing_chain(trigger, cue_verb)
    # the intention reaches the act through its object and infinitives ("will hold a protest", "is ready to lift",
    # "must keep the road open to let convoys through"), not through a clause of its own: an adverbial clause ("while
    # the terms are discussed") or a coordinated verb ("to stay in the shelters rather than face a raid")
    cut = next((i for i, t in enumerate(chain) if not _carries_intent(t)), None)
    chain = chain if cut is None else chain[: cut + 1]
    if any(t.i in stop for t in chain[1:]):
        return None
    conditions = set(lex["condition_marks"])
    cues: dict[str, Token] = {}  # the nearest cue of each kind
    negated = False
    threat = False
    for tok in chain:
        if any(c.dep_ == "mark" and c.lower_ in conditions for c in tok.children):
            return None  # the condition, not the intention
        kids = [c for c in tok.children if c.dep_ in ("aux", "neg", "advmod") and c not in chain]
        negated = negated or any(c.dep_ == "neg" or c.lower_ == "longer" for c in kids)
        marks = {m.lower_ for c in tok.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"}
        threat = threat or bool(marks & set(lex["threat_marks"]))
        conditional = bool(marks & conditions)
        for word in [*(c for c in kids if c.dep_ == "aux"), *([tok] if tok is not trigger else [])]:
            low, lemma = word.lower_, word.lemma_.lower()
            if low in obligation:
                cues.setdefault("obligation", word)
            elif low in intent or (word is tok and lemma in intent) or (low in possible and conditional):
                cues.setdefault("intent", word)
            elif word is tok and lemma in refusal:
                cues.setdefault("refusal", word)
    # what another party must do is asked of it, whatever it is to be ready for ("the envoy must be prepared to talk")
    kind = next((k for k in ("obligation", "refusal", "intent") if k in cues), None)
    if kind is None:
        return None
    cue = cues[kind]
    if negated and kind == "intent":
        kind = "refusal"
    return cue, kind, threat


def _conditional(trigger: Token) -> bool:
    """Whether the clause of a trigger holds a condition ("would withdraw if attacked", "unless talks resume")."""
    verb = clause_verb(trigger)
    if any(t.dep_ == "mark" and t.lower_ in word_set("lexicon", "condition_marks") for t in verb.subtree):
        return True
    # an inverted condition opens a clause above the act ("Should the talks collapse, they would return to ...")
    clauses = [c for a in [verb, *verb.ancestors] for c in a.children if c.dep_ == "advcl"]
    return any(
        c.left_edge.lower_ in ("should", "were", "had") and c.left_edge.dep_ in ("aux", "auxpass") for c in clauses
    )


def modality(trigger: Token, attribution: dict | None = None) -> str:
    """asserted | reported | planned | negated | hypothetical, from the words governing the trigger.

    A plain "police said" leaves a claim asserted (its source is in ``attribution``); "reported" is kept for
    hedged claims: "reportedly", "allegedly", "state TV reported", "the group claimed".

    Example:
        >>> # "the group denied carrying out the attack" -> negated; "is expected to visit" -> planned
    """
    lex = load("lexicon")
    negated, planned = set(lex["negated"]), set(lex["planned"])
    hypothetical, hedges = set(lex["hypothetical"]), set(lex["hedges"])
    unrealised, intent = set(lex["unrealised"]), set(lex["intent"])
    cue = next(_reporting_verbs_above(trigger), None)
    chain = _topic_cut(_governing_chain(trigger, cue))
    words: list[Token] = []
    for tok in chain:
        words.append(tok)
        words.extend(
            c
            for c in tok.children
            if c.dep_ in ("neg", "aux", "auxpass", "advmod", "mark", "amod", "acl") and c not in chain
        )
    # "a man wanted for violating his parole": sought by the police, no one's wish (the parser may make it the
    # sentence's verb)
    words = [w for w in words if not _wanted_for(w)]
    lemmas = [w.lemma_.lower() for w in words]
    lowers = [w.lower_ for w in words]
    if (
        _nobody(trigger)
        or _after_nor(trigger)
        # "gave no order to pull out", "has no plans to attack": the noun that would carry the act is denied
        or any(c.dep_ == "det" and c.lower_ == "no" for t in chain[1:] if t.pos_ == "NOUN" for c in t.children)
        or any(w.dep_ == "neg" for w in words)
        or any(lem in negated for lem in lemmas[1:])
        or (cue is not None and cue.lemma_.lower() in negated)
    ):
        return "negated"
    # "officials said the army would withdraw": a future told in reported speech is a plan, unless a condition
    # goes with it ("would withdraw if attacked")
    told_future = cue is not None and "would" in lowers and not _conditional(trigger)
    if told_future:
        lowers = [low for low in lowers if low != "would"]
    # verbs that ask for or promise the event count only above it, not beside it ("protests demanding justice")
    above = [t.lemma_.lower() for t in chain[1:]]
    if (
        any(low in hypothetical for low in lowers)
        or any(lem in unrealised for lem in above)
        or _sought_for(trigger, unrealised)
    ):
        return "hypothetical"
    if (
        told_future
        or any(lem in intent for lem in above)
        or any(lem in planned for lem in lemmas[1:])
        or any(low in word_set("lexicon", "planned_marks") for low in lowers)
    ):
        return "planned"
    # a claim passed on with a distancing verb ("state TV reported", "the group claimed") is only reported
    if any(low in hedges for low in lowers) or (
        cue is not None and cue.lemma_.lower() in word_set("lexicon", "hedging_cues")
    ):
        return "reported"
    return "asserted"
