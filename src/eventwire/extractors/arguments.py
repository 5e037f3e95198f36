"""Arguments: who acts and who is acted on in a draft, read from the parse, and the counts its triggers state.

Actors and targets are people, groups, organisations, states or their forces: never numbers, weapons or the
event noun. An arrest or a protest whose statements name no one takes the police or the protesters the report
names.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.extractors import actors as actor_mod
from eventwire.extractors.acled_coding import REMOTE_VIOLENCE
from eventwire.extractors.counts import count_for, left_dead, raids_in
from eventwire.extractors.parse import ancestors_until, objects_of, phrase, subject_of
from eventwire.extractors.triggers import Draft, Trigger, rules, word_class
from eventwire.lexicons import word_set


class _Arguments:
    """The actors and targets of one draft as they are found, each phrase once."""

    def __init__(self, gazetteer) -> None:
        self.gazetteer = gazetteer
        self.actors: list[dict] = []
        self.targets: list[dict] = []
        self.seen: set[tuple[int, int]] = set()

    def keep(self, role: str, actor: dict | None) -> None:
        if actor is None or (actor["start"], actor["end"]) in self.seen:
            return
        self.seen.add((actor["start"], actor["end"]))
        (self.actors if role == "actor" else self.targets).append(actor)

    def add(self, role: str, head: Token | None) -> None:
        """Add the phrase headed by ``head`` as an actor or a target, if it can be one."""
        if head is None:
            return
        if role == "actor" and head.lower_ == "who" and head.dep_ == "nsubj" and head.head.dep_ == "relcl":
            head = head.head.head  # "gunmen who opened fire": the relative pronoun stands for the noun it describes
        if role == "actor":
            if head.pos_ == "PRON":
                head = actor_mod.antecedent(head) or head  # "Hungary said it will support": Hungary supports
            owner = actor_mod.weapon_owner(head, self.gazetteer)
            if owner is not None:  # "Israeli tanks fired": the Israeli military fired
                self.keep(role, owner)
                return
        if _is_argument(head, role == "target"):
            self.keep(role, actor_mod.describe(head, self.gazetteer))


def find_arguments(draft: Draft, gazetteer) -> tuple[list[dict], list[dict]]:
    """(actors, targets) of a draft, from the parse of its triggers.

    A verb's subject (or passive agent) acts and its objects are acted on; a noun's doer is the subject of the
    verb that carries it ("staged rallies"), its "by" phrase or possessor. A weapon acting ("tanks fired") stands
    for whoever its phrase names; an instrument ("killed in police firing") gives the actor it names.

    Example:
        >>> # "Police arrested 5 men" -> ([police], [5 men])
    """
    args = _Arguments(gazetteer)
    ordered = sorted(draft.triggers, key=lambda t: (t is not draft.primary, -t.rule.rank))
    # an instrument names its actor explicitly ("killed in police firing as mobs attacked shops"): it comes first
    for trig in ordered:
        if trig.rule.type == "ASSAULT" and (trig.rule.pos == "verb" or trig.rule.outcome):  # "deaths in police firing"
            args.keep("actor", actor_mod.instrument_actor(trig.token, gazetteer))
    for trig in ordered:
        if trig.rule.pos == "verb":
            _verb_arguments(trig.token, args, victim_subject=trig.rule.victim_subject, witnessed=trig.rule.witnessed)
        else:
            _noun_arguments(trig, args)
    # the trigger's own words are no party to it ("opened fire": "fire" is not what was hit)
    inside = [(t.start, t.end) for t in draft.triggers]
    targets = [x for x in args.targets if not any(a <= x["start"] < b for a, b in inside)]
    return args.actors, targets


def _is_argument(head: Token, as_target: bool) -> bool:
    """Whether a phrase can be an actor or target: not a bare pronoun or number, a date, a weapon or a base, and
    (as a target) not a named place, which is the event's location."""
    weapons = word_class("weapons")
    if head.pos_ in ("PRON", "NUM") and not list(head.children):
        return False
    if head.pos_ == "NUM" or head.like_num:
        return False  # "the 20", "at least nine": a count of people, not who they are
    if head.ent_type_ in ("DATE", "TIME") or (
        as_target and head.ent_type_ in ("GPE", "LOC", "FAC") and head.pos_ == "PROPN"
    ):
        return False  # a place acted on is the event's location; a place acting ("Washington") is an actor
    if head.lemma_.lower() in weapons or head.lemma_.lower() in word_class("base"):
        return False
    # "quantities of explosives": what was seized or used, not whom
    return not (
        any(t.lemma_.lower() in weapons for t in phrase(head)) and head.lemma_.lower() not in word_class("people")
    )


def _verb_arguments(tok: Token, args: _Arguments, victim_subject: bool = False, witnessed: bool = False) -> None:
    """A verb trigger: its passive agent and subject act (the subject suffers for ``victim_subject`` verbs: "12
    people died"; it only saw or found the event for ``witnessed`` verbs: "villagers found a body"); its objects and
    "on/against" phrases are acted on."""
    subj = subject_of(tok)
    if witnessed:
        subj = None
    if victim_subject:
        args.add("target", subj)
        subj = None
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj" and not _event_noun(p):
                    args.add("actor", p)
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        # "a juvenile arrested in a bar": the noun the participle describes suffered it; who did it is only its
        # "by" phrase, never the subject of the clause the noun is in ("X ordered the activists arrested last
        # week freed": X did not arrest them)
        if not victim_subject:
            args.add("target", tok.head)
    elif subj is not None and not passive and _headline_passive(tok):
        args.add("target", subj)  # "Juvenile arrested in bar": a headline's passive without its auxiliary
    elif subj is not None and not passive and (not _event_noun(subj) or _weapon(subj)):
        args.add("actor", subj)
    for obj in objects_of(tok):
        if obj.dep_ in ("dobj", "nsubjpass") or (obj.head.dep_ == "prep" and obj.head.lower_ in ("on", "against")):
            args.add("target", obj)


def arrests_by_police(events: list[dict], doc: Doc, gazetteer) -> None:
    """An arrest (or seizure) whose incident names no one who made it was made by the police the report names, as
    ACLED codes arrests by state forces: the first police phrase of the report ("Chicago police", "officers"), with
    its span.
    A report that names no police leaves the actor unknown.

    Example:
        >>> # "Berea police said ... Graham was arrested Sunday." -> the arrest's actor is "Berea police"
    """
    # a seizure of weapons or drugs that no one is said to make is the police's too ("a second device was found")
    todo = [e for e in events if e["type"] == "COERCE" and e["mode"] in ("arrest", "seize") and not e["actors"]]
    if not todo:
        return
    forces = word_set("lexicon", "arresting_forces")
    candidates = [t for t in doc if t.lemma_.lower() in forces and t.pos_ in ("NOUN", "PROPN")]
    described: dict[int, dict | None] = {}

    def police(t: Token) -> dict | None:
        """The actor of ``t``'s phrase when it is the police (described once, and only when asked: most of a
        report's force words are never read)."""
        if t.i not in described:
            actor = actor_mod.describe(t, gazetteer)
            # "officer" may be an army's or a district's: only a phrase that is the police counts
            is_police = actor.get("sector") in ("POLICE", "SECURITY") or "police" in actor["text"].lower()
            described[t.i] = actor if is_police else None
        return described[t.i]

    first = next((a for t in candidates if (a := police(t)) is not None), None)
    if first is None:
        return
    for event in todo:
        spans = [(m["start"], m["end"]) for m in event["mentions"]]
        # the police its own statements name ("police reports said 30 were arrested"), else the report's first
        own = (t for t in candidates if any(x <= t.idx < y for x, y in spans))
        event["actors"] = [next((a for t in own if (a := police(t)) is not None), first)]


def protests_by_protesters(events: list[dict], doc: Doc, gazetteer) -> None:
    """A protest whose statements name no one who protested was held by the protesters the report names ("the
    demonstrators", "about 200 marchers"), as ACLED codes unnamed protesters; none named leaves it unknown.

    Example:
        >>> # "Protesters gathered ... The protest lasted hours." -> the protest's actor is "Protesters"
    """
    todo = [e for e in events if e["type"] == "PROTEST" and not e["actors"]]
    if not todo:
        return
    crowd = word_class("demonstrators")
    named = [t for t in doc if t.lemma_.lower() in crowd and t.pos_ == "NOUN"]
    for event in todo:
        spans = [(m["start"], m["end"]) for m in event["mentions"]]
        head = next((t for t in named if any(a <= t.idx < b for a, b in spans)), named[0] if named else None)
        if head is not None:
            event["actors"] = [actor_mod.describe(head, gazetteer)]


def _event_noun(tok: Token) -> bool:
    """Whether a noun names an event ("the bombing", "a shootout", "the explosion"): it is no one who acts."""
    lemma = tok.lemma_.lower()
    if actor_mod.sector_of([tok]) is not None:
        return False  # "gunmen", "militants", "insurgents": the violence word class holds them, but they act
    return tok.pos_ in ("NOUN", "PROPN") and (lemma in word_class("violence") or f"noun:{lemma}" in rules())


def _headline_passive(verb: Token) -> bool:
    """Whether a verb is a headline's passive participle with its auxiliary left out ("Father arrested after ...",
    "Soldier killed in blast, reports say"): a verb that always takes an object, here with none, no auxiliary and
    no agent."""
    blockers = ("dobj", "aux", "auxpass", "agent", "prt", "ccomp", "xcomp", "dative")
    # a clause past a semicolon is another headline's ("police fire tear gas ...; teenager shot dead"), whatever
    # the parser hung it on
    own = [c for c in verb.children if not _across_semicolon(verb, c)]
    if any(c.dep_ in blockers for c in own) or verb.dep_ not in ("ROOT", "ccomp", "conj", "csubj"):
        return False
    # the verbs listed never go without their object in the active ("police arrested" always says whom)
    return verb.lemma_.lower() in word_set("lexicon", "headline_passives")


def _across_semicolon(a: Token, b: Token) -> bool:
    """Whether a semicolon stands between two words of a sentence."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo:hi])


def _weapon(tok: Token) -> bool:
    return actor_mod.weapon_owner(tok) is not None or tok.lemma_.lower() in word_class("weapons")


#: Types whose noun names two parties that act together ("a meeting between", "an agreement between").
_MUTUAL = ("CONSULT", "AGREE", "COOPERATE")


def _noun_arguments(trig: Trigger, args: _Arguments) -> None:
    """A noun trigger: the doer is its "by" phrase (both sides of "fighting between"), its possessor, the subject
    of the verb that carries it ("staged rallies"), or a demonym on it ("Palestinian riots"); it acts on its
    "on/against" phrases and what its clause hits ("an air strike killed 12")."""
    tok = trig.token
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for p in child.children:
                if p.dep_ == "pobj":
                    args.add("actor", p)
        elif child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            args.add("actor", child)
        elif child.dep_ == "prep" and child.lower_ == "between" and trig.rule.type == "ASSAULT":
            # "fighting between police and insurgents": both sides fight, as ACLED's actor 1 and actor 2
            for p in child.children:
                if p.dep_ == "pobj":
                    for side in (p, *p.conjuncts):
                        args.add("actor", side)
        elif child.dep_ == "prep" and child.lower_ == "of" and trig.rule.type in ("ASSAULT", "COERCE"):
            # "the police shooting of a black man", "the arrest of two suspects": the one it was done to
            for p in child.children:
                if p.dep_ == "pobj" and not _event_noun(p) and p.ent_type_ not in ("DATE", "TIME"):
                    args.add("target", p)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting"):
            for p in child.children:
                if p.dep_ == "pobj":
                    args.add("target", p)
        elif child.dep_ == "acl" and child.lemma_ in ("target", "hit", "kill"):
            for o in objects_of(child):
                args.add("target", o)
    if (
        tok.dep_ == "dobj"
        and trig.rule.mode == "explosives"
        and tok.head.lemma_.lower() in word_set("lexicon", "device_encounter_verbs")
    ):
        # "a bus struck an explosive device", "a patrol hit a landmine": what ran into the bomb suffered it
        args.add("target", subject_of(tok.head))
    elif not args.actors:
        args.add("actor", actor_mod.support_subject(tok))
    if not args.actors:
        args.add("actor", actor_mod.accused_of(tok))  # "X was charged in the robbery": the alleged robber
    if not args.actors:
        # "Palestinian riots", "Israeli air raids": the people or state the event is of
        # a state before a strike or a shelling fired it ("US strikes"); a place before a protest, a clash or a riot
        # is where it happened ("the Tulsa protest", "Gujarat clashes")
        remote = trig.rule.acled is not None and trig.rule.acled[0] == REMOTE_VIOLENCE
        labels = ("NORP", "GPE", "ORG") if remote else ("NORP", "ORG")
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod") and (
                child.ent_type_ in labels or (child.dep_ == "compound" and actor_mod.sector_of([child]) is not None)
            ):
                args.add("actor", child)  # "Palestinian riots", "the police shooting of a man", "army raids"
                break
    if not args.actors and trig.rule.type in _MUTUAL:
        # "a meeting between Putin and Dagestan's leader", "talks between the two sides": with no one else said to
        # hold it (a mediator "undertook a mission between X and Y"), the first party named is actor 1, the other
        # its counterpart
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                for p in child.children:
                    if p.dep_ == "pobj":
                        args.add("actor", p)
                        for other in p.conjuncts:
                            args.add("target", other)
    if (
        tok.dep_ == "nsubj"
        and tok.head.pos_ == "VERB"
        and trig.rule.type == "ASSAULT"
        and any(r.type == "ASSAULT" for r in rules().get(f"verb:{tok.head.lemma_.lower()}", []))
    ):
        # "an air strike killed 12 people": the strike's victims are the verb's object; what it "sparked" or
        # "angered" is none
        for o in objects_of(tok.head):
            if o.dep_ == "dobj":
                args.add("target", o)


def draft_counts(draft: Draft) -> dict:
    """The counts (killed, injured, arrested ..., raids) that a draft's triggers state, first trigger first.

    Example:
        >>> # "Gunmen killed 12 villagers" -> {"killed": {"value": 12, ...}, "injured": None, "arrested": None}
    """
    counts: dict[str, dict | None] = {"killed": None, "injured": None, "arrested": None}
    for trig in sorted(draft.triggers, key=lambda t: t.start):
        key = trig.rule.count
        if key and counts.get(key) is None:
            found = count_for(trig.token, key)
            if found:
                counts[key] = found
                if _additive(trig.token):
                    found["_added"] = True  # "a guard was also hurt": more victims of the incident
    if counts["killed"] is None:
        # "a fatal stabbing of two guards", "the deadly shooting of a driver": the victims it names died
        for trig in sorted(draft.triggers, key=lambda t: t.start):
            fatal = any(c.dep_ == "amod" and c.lower_ in ("fatal", "deadly", "lethal") for c in trig.token.children)
            if trig.rule.type == "ASSAULT" and trig.rule.pos == "noun" and fatal:
                found = count_for(trig.token, "killed")
                if found is not None and found["text"] != trig.token.text and _people(found, draft.sent):
                    counts["killed"] = found  # victims, not the noun itself nor what was hit ("a market")
                    break
    if counts["killed"] is None:
        # "the fighting left five officers and 12 militants dead": a toll told through "leave", on the attack itself
        for trig in sorted(draft.triggers, key=lambda t: t.start):
            if trig.rule.type in ("ASSAULT", "FIGHT") and (found := left_dead(trig.token)):
                counts["killed"] = found
                break
    raids = raids_in(list(draft.sent))
    if raids:
        counts["raids"] = raids
    return counts


def _additive(verb: Token) -> bool:
    """Whether a verb tells victims in addition to those told before ("a guard was also hurt", "she died
    beside him"), not a figure for the same ones."""
    cues = word_set("lexicon", "additive_cues")
    return any(c.dep_ in ("advmod", "prep") and c.lower_ in cues for c in verb.children)


def _people(count: dict, sent) -> bool:
    """Whether a count of one names a person (a name, or a noun of people: "a driver", "a teenager"), not what was
    hit ("the deadly bombing of a market"); a number counts whoever it counts."""
    if count["value"] != 1:
        return True
    words = [t for t in sent if count["start"] <= t.idx < count["end"]]
    head = max(words, key=lambda t: t.idx) if words else None
    return head is not None and (head.pos_ == "PROPN" or actor_mod.sector_of([head]) is not None)


def statement_actors(draft: Draft, gazetteer) -> tuple[list[dict], list[dict]]:
    """(actors, targets) of a statement. An intention or refusal is its act's actor's; a demand ("X said Y must
    return the helicopter") is the speaker's, made of the party that must act.

    Example:
        >>> # "X said Y must return the helicopter" -> ([X], [Y])
    """
    act = draft.act
    assert act is not None
    actors, targets = find_arguments(act, gazetteer)
    if draft.primary.rule.type != "REQUEST":
        return actors, targets
    speaker = next(
        (
            c
            for a in ancestors_until(draft.primary.token)
            if a.pos_ == "VERB" and a.lemma_.lower() in word_set("lexicon", "reporting_verbs")
            for c in a.children
            if c.dep_ == "nsubj"
        ),
        None,
    )
    if speaker is None:
        return actors, targets
    args = _Arguments(gazetteer)
    args.add("actor", speaker)
    for a in actors:
        args.keep("target", a)
    return args.actors, args.targets or targets
