"""Events: trigger words typed by ``data/events.yaml``, grouped into incidents, with their arguments.

One sentence may hold several events ("arresting 71 and seizing explosives" is an arrest and a seizure); words
that describe one incident ("an air strike killed 12") join into one event, typed by the most specific word.
A later definite mention of the same kind of event ("the raids", "the visit") is the same event, not a new one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from eventwire.extractors import actors as actor_mod
from eventwire.extractors.attribution import find_attribution, modality, stance
from eventwire.extractors.counts import count_for, raids_in
from eventwire.extractors.parse import ancestors_until, doc_text, embedding, objects_of, phrase, subject_of
from eventwire.lexicons import load, word_set
from eventwire.models import acled as acled_model

_ANAPHOR_DETS = frozenset({"the", "this", "that", "these", "those"})


@dataclass(frozen=True)
class Rule:
    """One trigger entry of ``events.yaml``."""

    words: tuple[str, ...]
    pos: str  # "verb" | "noun"
    type: str
    mode: str | None
    acled: tuple[str, str] | None
    rank: int
    count: str | None = None
    object: tuple[str, ...] = ()
    subject: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    by_target: tuple[tuple[str, tuple[str, str]], ...] = ()
    by_actor: tuple[tuple[str, tuple[str, str]], ...] = ()
    by_context: tuple[tuple[str, tuple[str, str]], ...] = ()
    unless: tuple[str, ...] = ()
    outcome: bool = False
    intervention: bool = False
    place_or_person: bool = False
    intransitive: bool = False
    victim_subject: bool = False

    @property
    def head_index(self) -> int:
        """Which word of a multi-word entry is the trigger's head token."""
        if self.pos == "verb" or "of" in self.words:
            return 0
        return len(self.words) - 1


@functools.cache
def rules() -> dict[str, list[Rule]]:
    """Trigger rules indexed by ``"pos:head-lemma"``, in file order.

    Example:
        >>> rules()["verb:arrest"][0].type
        'COERCE'
    """
    index: dict[str, list[Rule]] = {}
    for entry in load("events")["triggers"]:
        acled = tuple(entry["acled"]) if entry.get("acled") else None

        def pairs(key: str, entry: dict = entry) -> tuple[tuple[str, tuple[str, str]], ...]:
            return tuple((k, tuple(v)) for k, v in (entry.get(key) or {}).items())

        for pos in ("verb", "noun"):
            for words in entry.get(pos + "s") or []:
                rule = Rule(
                    words=tuple(str(words).lower().split()),
                    pos=pos,
                    type=entry["type"],
                    mode=entry.get("mode"),
                    acled=acled,
                    rank=int(entry.get("rank", 10)),
                    count=entry.get("count"),
                    object=tuple(entry.get("object") or ()),
                    subject=tuple(entry.get("subject") or ()),
                    context=tuple(entry.get("context") or ()),
                    by_target=pairs("by_target"),
                    by_actor=pairs("by_actor"),
                    by_context=pairs("by_context"),
                    unless=tuple(entry.get("unless") or ()),
                    outcome=bool(entry.get("outcome")),
                    intervention=bool(entry.get("intervention")),
                    place_or_person=bool(entry.get("place_or_person")),
                    intransitive=bool(entry.get("intransitive")),
                    victim_subject=bool(entry.get("victim_subject")),
                )
                index.setdefault(f"{pos}:{rule.words[rule.head_index]}", []).append(rule)
    return index


@functools.cache
def word_class(name: str) -> frozenset[str]:
    """A word class of ``events.yaml`` (``classes:``) as a set of lemmas.

    Example:
        >>> "rifle" in word_class("weapons")
        True
    """
    return frozenset(str(w).lower() for w in load("events")["classes"][name])


def _lemmas(tokens) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


def _has_class(tokens, classes: tuple[str, ...]) -> bool:
    words = _lemmas(tokens)
    text = " ".join(t.lower_ for t in tokens)
    for c in classes:
        for w in word_class(c):
            if (" " in w and w in text) or w in words:
                return True
    return False


@dataclass
class Trigger:
    """A matched trigger word (or words) and its rule."""

    token: Token
    start: int
    end: int
    rule: Rule

    @property
    def text(self) -> str:
        return doc_text(self.token.doc)[self.start : self.end]


def _match_words(token: Token, rule: Rule) -> tuple[int, int] | None:
    """Token index range of a (multi-word) rule around its head token, or None."""
    doc = token.doc
    words = rule.words
    if len(words) == 1:
        return token.i, token.i + 1
    h = rule.head_index
    start = token.i - h
    if start >= 0 and start + len(words) <= len(doc):
        seq = doc[start : start + len(words)]
        if all(w in (t.lemma_.lower(), t.lower_) for w, t in zip(words, seq, strict=True)):
            return start, start + len(words)
    if rule.pos == "verb":
        # phrasal verbs: the particle or complement is a child ("rounded them up", "shot him dead")
        rest = set(words[1:])
        kids = {c.lower_ for c in token.children if c.dep_ in ("prt", "acomp", "oprd", "advmod", "dobj", "prep")}
        if rest <= kids:
            last = max((c.i for c in token.children if c.lower_ in rest), default=token.i)
            return token.i, last + 1
    else:
        # "air and drone strikes", "air strikes": the modifier as a child of the head noun
        mods = {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
        if len(words) == 2 and words[0] in mods:
            first = min(c.i for c in token.children if c.lemma_.lower() == words[0])
            return first, token.i + 1
    return None


def _condition_objects(token: Token, rule: Rule) -> list[Token]:
    """What a rule's object condition reads: a verb's direct objects (with their "of" phrase: "took control of
    the town"), or a noun's prepositional objects ("seizure of weapons")."""
    if rule.pos == "noun":
        return objects_of(token)
    direct = [o for o in objects_of(token) if o.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "weapons seized in the raid": the noun is what was seized
        direct.append(token.head)
    if not direct and token.dep_ == "conj" and token.head.pos_ == "VERB" and token.tag_ == "VBN":
        # "the office was vandalised and looted": a participle joined to a passive verb shares its subject
        direct = [c for c in token.head.children if c.dep_ == "nsubjpass"]
    if rule.object == ("territory",):  # "drove the militants out of the town": the place left is what was taken
        direct += [
            p
            for c in token.children
            if c.dep_ in ("prep", "prt") and c.lower_ in ("from", "out")
            for p in [*c.children, *(g for k in c.children if k.dep_ == "prep" for g in k.children)]
            if p.dep_ == "pobj"
        ]
    if not direct:  # "agreed to a ceasefire", "withdrew from the crossing": the object of the first preposition
        direct = [
            p
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in ("to", "on", "upon", "from", "of", "out")
            for p in [*c.children, *(g for k in c.children if k.dep_ == "prep" for g in k.children)]
            if p.dep_ == "pobj"
        ]
    return direct


def _conditions_hold(token: Token, rule: Rule) -> bool:
    if rule.intransitive and any(c.dep_ == "dobj" for c in token.children):
        return False
    if rule.object:
        objs = _condition_objects(token, rule)
        tokens = [t for o in objs for t in o.subtree]
        tokens += [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        # a named place taken or left is territory ("recaptured Palmyra")
        place = "territory" in rule.object and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in tokens)
        if not place and not _has_class(tokens, rule.object):
            return False
    if rule.subject:
        subj = subject_of(token)
        agents = [p for c in token.children if c.dep_ == "agent" for p in c.subtree]
        tokens = list(subj.subtree) if subj is not None else []
        # a misparse may give a verb two subjects ("The march set off, but police blocked"): read them all
        tokens += [t for c in token.children if c.dep_ == "nsubj" and c != subj for t in c.subtree]
        if not _has_class(tokens + agents, rule.subject):
            return False
    if rule.context and not _has_class(list(token.sent), rule.context):
        return False
    if rule.unless and _has_class(_not_denied(token.sent), rule.unless):
        return False
    if rule.place_or_person and rule.pos == "verb":
        objs = objects_of(token)
        if not any(o.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG") for o in objs):
            return False
    return True


def _not_denied(sent: Span) -> list[Token]:
    """The sentence's words without those it says did not happen: "withdrew without a fight" has no fight.

    Example:
        >>> # "Troops withdrew from the town without a fight" -> every word but "without a fight"
    """
    denied = {t.i for w in sent if w.dep_ == "prep" and w.lower_ == "without" for t in w.subtree}
    return [t for t in sent if t.i not in denied]


def find_triggers(sent: Span) -> list[Trigger]:
    """Every trigger in a sentence whose rule's conditions hold, longest match first per token.

    Example:
        >>> # "Police arrested 5 men and seized rifles" -> [arrested (COERCE/arrest), seized (COERCE/seize)]
    """
    index = rules()
    found: list[Trigger] = []
    used: set[int] = set()
    for token in sent:
        if token.i in used:
            continue
        if token.pos_ == "VERB" or (token.pos_ == "ADJ" and any(c.dep_ == "dobj" for c in token.children)):
            pos = "verb"  # an adjective with a direct object is a verb the tagger misread ("and torched cars")
        elif token.pos_ in ("NOUN", "PROPN"):
            pos = "noun"
        else:
            continue
        if pos == "noun" and token.dep_ == "compound" and token.head.lemma_.lower() not in word_class("event_heads"):
            continue  # "bomb squad", "protest movement": a modifier, not an event ("rape case" is one)
        if token.ent_type_ in ("DATE", "TIME") or token.lower_ in word_set("lexicon", "month_names"):
            continue  # "in March", "last May": a date, not a march
        candidates = index.get(f"{pos}:{token.lemma_.lower()}", []) + (
            index.get(f"{pos}:{token.lower_}", []) if token.lower_ != token.lemma_.lower() else []
        )
        best: tuple[int, int, Rule] | None = None
        for rule in sorted(candidates, key=lambda r: -len(r.words)):
            matched = _match_words(token, rule)
            if matched is None or not _conditions_hold(token, rule):
                continue
            best = (*matched, rule)
            break
        if best is None:
            continue
        i, j, rule = best
        doc = token.doc
        used.update(range(i, j))
        found.append(Trigger(token, doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text), rule))
    return _drop_arguments(found)


def _drop_arguments(found: list[Trigger]) -> list[Trigger]:
    """Remove weapon nouns that are what a seizure seized ("seized explosives and a bomb")."""
    seizures = [t for t in found if t.rule.mode == "seize"]
    weapons = word_class("weapons")
    keep = []
    for trig in found:
        if (
            trig.rule.pos == "noun"
            and trig.token.lemma_.lower() in weapons | {"device", "bomb", "ied"}
            and any(trig.token in s.token.subtree for s in seizures)
        ):
            continue
        keep.append(trig)
    return keep


@dataclass
class Draft:
    """An event being assembled from one or more triggers of one sentence."""

    triggers: list[Trigger]
    sent: Span
    paragraph: int
    record: dict = field(default_factory=dict)
    paragraph_has_protest: bool = False
    #: for a statement about an act (an intention, a demand, a refusal): the act's draft, whose arguments it shares
    act: Draft | None = None
    #: the ACLED sub-type was settled by who acted (a state or a non-state winner of territory): the sentence
    #: classifier does not recode it
    settled: bool = False

    @property
    def primary(self) -> Trigger:
        non_outcome = [t for t in self.triggers if not t.rule.outcome]
        return max(non_outcome or self.triggers, key=lambda t: t.rule.rank)


def _group(triggers: list[Trigger], sent: Span, paragraph: int) -> list[Draft]:
    """One draft per incident: violence words of a sentence join; other kinds stay apart unless repeated."""
    drafts: list[Draft] = []
    by_key: dict[tuple, Draft] = {}
    for trig in triggers:
        rule = trig.rule
        key: tuple = (
            ("violence",)
            if rule.type == "ASSAULT" and rule.mode not in ("abduct", "sexual", "destroy")
            else (rule.type, rule.mode)
        )
        if key in by_key:
            by_key[key].triggers.append(trig)
            continue
        draft = Draft([trig], sent, paragraph)
        by_key[key] = draft
        drafts.append(draft)
    # outcome words ("killed") with a kidnapping or destruction in the sentence belong to that incident
    violence = by_key.get(("violence",))
    if violence is not None and all(t.rule.outcome for t in violence.triggers):
        others = [d for d in drafts if d is not violence and d.primary.rule.type == "ASSAULT"]
        if others:
            others[0].triggers.extend(violence.triggers)
            drafts.remove(violence)
    return drafts


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
        if role == "actor":
            if head.pos_ == "PRON":
                head = actor_mod.antecedent(head) or head  # "Hungary said it will support": Hungary supports
            owner = actor_mod.weapon_owner(head, self.gazetteer)
            if owner is not None:  # "Israeli tanks fired": the Israeli military fired
                self.keep(role, owner)
                return
        if _is_argument(head, role == "target"):
            self.keep(role, actor_mod.describe(head, self.gazetteer))


def _actors(draft: Draft, gazetteer) -> tuple[list[dict], list[dict]]:
    """(actors, targets) of a draft, from the parse of its triggers.

    A verb's subject (or passive agent) acts and its objects are acted on; a noun's doer is the subject of the
    verb that carries it ("staged rallies"), its "by" phrase or possessor. A weapon acting ("tanks fired") stands
    for whoever its phrase names; an instrument ("killed in police firing") gives the actor it names.
    """
    args = _Arguments(gazetteer)
    ordered = sorted(draft.triggers, key=lambda t: (t is not draft.primary, -t.rule.rank))
    # an instrument names its actor explicitly ("killed in police firing as mobs attacked shops"): it comes first
    for trig in ordered:
        if trig.rule.type == "ASSAULT" and (trig.rule.pos == "verb" or trig.rule.outcome):  # "deaths in police firing"
            args.keep("actor", actor_mod.instrument_actor(trig.token, gazetteer))
    for trig in ordered:
        if trig.rule.pos == "verb":
            _verb_arguments(trig.token, args, victim_subject=trig.rule.victim_subject)
        else:
            _noun_arguments(trig, args)
    return args.actors, args.targets


def _is_argument(head: Token, as_target: bool) -> bool:
    """Whether a phrase can be an actor or target: not a bare pronoun or number, a date, a weapon or a base, and
    (as a target) not a named place, which is the event's location."""
    weapons = word_class("weapons")
    if head.pos_ in ("PRON", "NUM") and not list(head.children):
        return False
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


def _verb_arguments(tok: Token, args: _Arguments, victim_subject: bool = False) -> None:
    """A verb trigger: its passive agent and subject act (the subject suffers for ``victim_subject`` verbs: "12
    people died"); its objects and "on/against" phrases are acted on."""
    subj = subject_of(tok)
    if victim_subject:
        args.add("target", subj)
        subj = None
    passive = any(c.dep_ == "nsubjpass" for c in tok.children)
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    args.add("actor", p)
    if subj is not None and not passive and (subj.lemma_.lower() not in word_class("violence") or _weapon(subj)):
        args.add("actor", subj)
    for obj in objects_of(tok):
        if obj.dep_ in ("dobj", "nsubjpass") or (obj.head.dep_ == "prep" and obj.head.lower_ in ("on", "against")):
            args.add("target", obj)


def _weapon(tok: Token) -> bool:
    return actor_mod.weapon_owner(tok) is not None or tok.lemma_.lower() in word_class("weapons")


def _noun_arguments(trig: Trigger, args: _Arguments) -> None:
    """A noun trigger: the doer is its "by" phrase, its possessor, the subject of the verb that carries it ("staged
    rallies"), or a demonym on it ("Palestinian riots"); it acts on its "on/against" phrases and what its clause
    hits ("an air strike killed 12")."""
    tok = trig.token
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            for p in child.children:
                if p.dep_ == "pobj":
                    args.add("actor", p)
        elif child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            args.add("actor", child)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "targeting"):
            for p in child.children:
                if p.dep_ == "pobj":
                    args.add("target", p)
        elif child.dep_ == "acl" and child.lemma_ in ("target", "hit", "kill"):
            for o in objects_of(child):
                args.add("target", o)
    if not args.actors:
        args.add("actor", actor_mod.support_subject(tok))
    if not args.actors:
        # "Palestinian riots", "Israeli air raids": the people or state the event is of
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE", "ORG"):
                args.add("actor", child)
                break
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and trig.rule.type == "ASSAULT":
        # "an air strike killed 12 people": the strike's victims are the verb's object
        for o in objects_of(tok.head):
            if o.dep_ == "dobj":
                args.add("target", o)


def _acled(draft: Draft, actors: list[dict], targets: list[dict]) -> dict | None:
    rule = draft.primary.rule
    codes = rule.acled
    if codes is None:
        return None
    target_sector = next((t.get("sector") for t in targets if t.get("sector")), None)
    by_target = dict(rule.by_target)
    if target_sector and actor_mod.is_armed({"sector": target_sector}) and "armed" in by_target:
        codes = by_target["armed"]
    elif target_sector == "PROTESTERS" and "protesters" in by_target:
        codes = by_target["protesters"]
    by_actor = dict(rule.by_actor)
    if by_actor and _aim(draft.primary.token):
        # "attacked to capture the post", "an offensive to retake the town": ground fought for, not yet taken
        draft.settled = True
        return {"event_type": "Battles", "sub_event_type": "Armed clash"}
    if by_actor and (any(actor_mod.is_state(a) for a in actors) or _non_state(actors)):
        draft.settled = True  # who won the ground is known: the default or the actor's code stands
    if "state" in by_actor and any(actor_mod.is_state(a) for a in actors):
        codes = by_actor["state"]
    elif "nonstate" in by_actor and _non_state(actors):
        codes = by_actor["nonstate"]
    elif by_actor and not draft.settled:
        # no winner named: whom the ground was taken from tells it ("retook the village from government forces"
        # is a non-state gain; "seized the hill from the rebels" a state one)
        loser = _territory_loser(draft.primary.token)
        if loser == "state" and "nonstate" in by_actor:
            codes, draft.settled = by_actor["nonstate"], True
        elif loser == "state":
            codes, draft.settled = rule.acled, True
        elif loser == "nonstate" and "state" in by_actor:
            codes, draft.settled = by_actor["state"], True
        elif loser == "nonstate":
            codes, draft.settled = rule.acled, True
    # a word anywhere in the sentence that settles the kind ("clashes between police and protesters")
    sentence = list(draft.sent)
    for word_cls, by_codes in rule.by_context:
        if _has_class(sentence, (word_cls,)):
            codes = by_codes
            break
    if codes == _ATTACK and not targets:
        # ACLED's "Attack" is violence against civilians: with no one named as its victim ("because of rebel
        # attacks", "came under attack") the sub-type cannot be told, and the words are rarely the report's event
        return None
    return {"event_type": codes[0], "sub_event_type": codes[1]}


_ATTACK = ("Violence against civilians", "Attack")
_REMOTE = "Explosions/Remote violence"


def _aim(verb: Token) -> bool:
    """Whether a verb tells the aim of another act, not an act done: an infinitive on a noun or a verb ("an attack
    to capture the post", "moved to retake the town")."""
    return verb.dep_ in ("acl", "advcl", "xcomp", "relcl") and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children
    )


def _territory_loser(verb: Token) -> str | None:
    """Who lost the ground a territory verb tells of, from its "from" phrase (on the verb or on its object):
    ``state``, ``nonstate`` (an armed group) or None when no such phrase names either.

    Example:
        >>> # "militants took the post from the army" -> "state"
    """
    # "from" on the verb, or anywhere in its object ("took control of the camp from the militia")
    preps = [c for c in verb.children if c.dep_ == "prep"]
    preps += [t for o in verb.children if o.dep_ in ("dobj", "nsubjpass") for t in o.subtree if t.dep_ == "prep"]
    for prep in preps:
        if prep.lower_ == "from":
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                # the noun phrase up to its head ("a militia backed by the government" is a militia)
                who = {"sector": actor_mod.sector_of([t for t in pobj.subtree if t.i <= pobj.i])}
                if actor_mod.is_state(who):
                    return "state"
                if actor_mod.is_armed(who):
                    return "nonstate"
    return None


def _non_state(actors: list[dict]) -> bool:
    """Whether the actors are armed groups and none acts for a state ("rebels retook the town")."""
    return any(actor_mod.is_armed(a) for a in actors) and not any(actor_mod.is_state(a) for a in actors)


def _counts(draft: Draft) -> dict:
    counts: dict[str, dict | None] = {"killed": None, "injured": None, "arrested": None}
    for trig in sorted(draft.triggers, key=lambda t: t.start):
        key = trig.rule.count
        if key and counts.get(key) is None:
            found = count_for(trig.token, key)
            if found:
                counts[key] = found
    raids = raids_in(list(draft.sent))
    if raids:
        counts["raids"] = raids
    return counts


def _event_id(text_key: str, draft: Draft) -> str:
    p = draft.primary
    raw = f"{text_key}:{p.start}:{p.rule.type}:{p.rule.mode}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


#: A run of sentences with no blank line is cut into paragraphs of at most this many sentences, or tokens. News
#: paragraphs hold a handful of sentences; an unbroken text (one line, no blank lines) would otherwise be one
#: paragraph, and the paragraph checks that read every word of an event's paragraph would grow with its length
#: squared. The token limit only binds on run-on sentences (25 news sentences are about 600 tokens).
MAX_PARAGRAPH_SENTENCES = 25
MAX_PARAGRAPH_TOKENS = 1_000


def _paragraph_index(doc: Doc) -> list[int]:
    """Paragraph number of every sentence (a blank line, or the limits above, start one)."""
    out = []
    n = 0
    run = tokens = 0
    for sent in doc.sents:
        out.append(n)
        run += 1
        tokens += len(sent)
        if (
            "\n\n" in sent.text_with_ws[len(sent.text) :]
            or sent.text.endswith("\n\n")
            or "\n\n" in sent.text
            or run >= MAX_PARAGRAPH_SENTENCES
            or tokens >= MAX_PARAGRAPH_TOKENS
        ):
            n += 1
            run = tokens = 0
    return out


def _located(places: list[dict], sent: Span, exclude: list[tuple[int, int]]) -> list[dict]:
    out = []
    for p in places:
        if not (sent.start_char <= p["start"] < sent.end_char) or p["_prep"] is None or p["_metonym"]:
            continue
        if any(a <= p["start"] < b for a, b in exclude):
            continue
        out.append(p)
    return out


def _location_dict(place: dict) -> dict:
    loc = {k: v for k, v in place.items() if not k.startswith("_") and k not in ("role", "kind")}
    loc["precision"] = place["_precision"]
    return loc


def _place_owners(root: Token, drafts: list[Draft]) -> list[Draft]:
    """The events a located place belongs to.

    The first trigger among the place's heads owns it ("attacked a village near X"). Otherwise the place
    phrase hangs on a verb: it belongs to the events whose triggers that verb governs ("carried out raids in X,
    arresting ..."). A place on a noun that is no event ("a hospital in X") belongs to none.
    """
    for anc in [root, *root.ancestors]:
        # the trigger itself, or a noun trigger that is the object of this verb ("fired tear gas at ... in X")
        owner = next(
            (
                d
                for d in drafts
                if any(
                    t.token == anc or (anc.pos_ == "VERB" and t.rule.pos == "noun" and t.token.head == anc)
                    for t in d.triggers
                )
            ),
            None,
        )
        if owner is not None:
            return [owner]
    tok = root
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok = tok.head
    if tok.dep_ != "pobj":
        return []
    attach = tok.head.head  # the word the preposition modifies
    if attach.pos_ not in ("VERB", "AUX"):
        return []
    return [d for d in drafts if any(attach == t.token or attach in t.token.ancestors for t in d.triggers)]


def _assign_locations(
    drafts: list[Draft], places: list[dict], doc: Doc, sents: list[Span], paragraphs: list[int]
) -> None:
    by_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        by_sent.setdefault(d.sent.start, []).append(d)
    restatement = word_set("lexicon", "locative_restatement")
    last_with_events: int | None = None
    for si, sent in enumerate(sents):
        sent_drafts = by_sent.get(sent.start, [])
        if sent_drafts:
            exclude = [
                (d.record["attribution"]["start"], d.record["attribution"]["end"])
                for d in sent_drafts
                if d.record.get("attribution") and d.record["attribution"].get("start") is not None
            ]
            located = _located(places, sent, exclude)
            for p in located:
                owners = _place_owners(doc[p["_root"]], sent_drafts)
                for d in owners:
                    d.record["locations"].append(_location_dict(p))
                if owners:
                    p["role"] = "event"
            # "arrested 14 men in X and seized rifles": coordinated events without a place share X
            for d in sent_drafts:
                if d.record["locations"]:
                    continue
                mates = {c.i for t in d.triggers for c in t.token.conjuncts}
                donor = next(
                    (o for o in sent_drafts if o.record["locations"] and any(t.token.i in mates for t in o.triggers)),
                    None,
                )
                if donor is not None:
                    d.record["locations"] = list(donor.record["locations"])
            last_with_events = si
            continue
        # "The operations took place in X and Y": places for the events just told, same paragraph
        if last_with_events is None or paragraphs[last_with_events] != paragraphs[si]:
            continue
        anaphoric = False
        for tok in sent:
            lemma = tok.lemma_.lower()
            two = f"{lemma} {tok.nbor(1).lower_}" if tok.i + 1 < len(doc) else lemma
            if tok.pos_ == "VERB" and (lemma in restatement or two in restatement):
                subj = subject_of(tok)
                if (
                    subj is not None
                    and subj.pos_ == "NOUN"
                    and any(c.lower_ in _ANAPHOR_DETS or c.dep_ == "poss" for c in subj.children)
                ):
                    anaphoric = True
        if not anaphoric:
            continue
        located = _located(places, sent, [])
        for d in by_sent.get(sents[last_with_events].start, []):
            if not d.record["locations"]:
                for p in located:
                    d.record["locations"].append(_location_dict(p))
                    p["role"] = "event"


def _date_fit(draft: Draft, date: dict) -> tuple[int, int]:
    """How well a date in the sentence fits an event: attached to its trigger (or a coordinated one) first,
    then any date not on a reporting verb ("police said on Saturday" dates the statement), then distance."""
    doc = draft.sent.doc
    span = doc.char_span(date["start"], date["end"], alignment_mode="expand")
    distance = abs(date["start"] - draft.primary.start)
    if span is None:
        return 3, distance
    heads = list(span.root.ancestors)
    triggers = {t.token.i for t in draft.triggers}
    coordinated = {c.i for t in draft.triggers for c in t.token.conjuncts}
    if any(h.i in triggers for h in heads):
        return 0, distance
    if any(h.i in coordinated for h in heads):
        return 1, distance
    verb = next((h for h in heads if h.pos_ == "VERB"), None)
    if verb is not None and verb.lemma_.lower() in word_set("lexicon", "reporting_verbs"):
        return 3, distance
    return 2, distance


_PAST_WORDS = ("last", "ago", "yesterday", "earlier", "past", "previous", "recent")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _forward(date: dict, published: dt.date) -> dict:
    """Move a date that the resolver read as past ("on Saturday", "in August") forward, for a planned event.

    News dates resolve to the past by default; "will visit on Saturday" means the coming Saturday.
    """
    text = (date.get("text") or "").lower()
    value = dt.date.fromisoformat(date["value"])
    if value >= published or any(w in text for w in _PAST_WORDS) or re.search(r"\b(?:1[89]|2[01])\d\d\b", text):
        return date  # already ahead, explicitly past, or its year is written
    if date["precision"] == "day" and any(w in text for w in _WEEKDAYS):

        def step(d: dt.date) -> dt.date:
            return d + dt.timedelta(days=7)

    elif date["precision"] in ("day", "month"):

        def step(d: dt.date) -> dt.date:
            return d.replace(year=d.year + 1)

    else:
        return date
    try:
        moved = {"value": step(value).isoformat()}
        if date.get("value_end"):
            moved["value_end"] = step(dt.date.fromisoformat(date["value_end"])).isoformat()
    except ValueError:  # 29 February has no twin next year
        return date
    return {**date, **moved}


def _choose_date(draft: Draft, dates: list[dict], published: dt.date | None) -> dict | None:
    sent = draft.sent
    pub = published.isoformat() if published else None
    future = draft.record["modality"] in ("planned", "hypothetical")
    own = [d for d in dates if sent.start_char <= d["start"] < sent.end_char]
    if future and published is not None:
        own = [_forward(d, published) for d in own]
    if pub is not None:
        # a plan is dated by when it should happen, a past event by when it happened
        own = [
            d
            for d in own
            if ((d.get("value_end") or d["value"]) >= pub) == future
            or d["value"] <= pub <= (d.get("value_end") or d["value"])
        ]
    if own:
        best = min(own, key=lambda d: _date_fit(draft, d))
        return {**best, "inherited": False}
    if future:
        return None
    earlier = [
        d
        for d in dates
        if d["start"] < sent.start_char and d["precision"] in ("day", "week") and (pub is None or d["value"] <= pub)
    ]
    if earlier:
        return {**earlier[-1], "inherited": True}
    if published is not None:
        start = published - dt.timedelta(days=6)
        return {
            "value": start.isoformat(),
            "value_end": published.isoformat(),
            "precision": "week",
            "time_precision": 2,
            "text": None,
            "start": None,
            "end": None,
            "inherited": True,
        }
    return None


def _aggregate(draft: Draft) -> bool:
    rec = draft.record
    if rec["type"] not in ("ASSAULT", "PROTEST"):
        return False
    date = rec.get("date") or {}
    if date and not date.get("inherited") and date.get("precision") in ("month", "year"):
        return True
    text = draft.sent.text.lower()
    if any(cue in text for cue in load("lexicon")["aggregate_cues"]):
        return bool(rec["counts"].get("killed") or rec["counts"].get("injured"))
    return any(t.rule.pos == "noun" and t.token.tag_ == "NNS" and not t.rule.outcome for t in draft.triggers)


def _intervention(draft: Draft, sents_in_paragraph: list[Span]) -> None:
    """A protest that turned violent is a "Violent demonstration" (its paragraph tells stones thrown, fires set);
    one that police broke up (tear gas, dispersal in its paragraph; arrests in its own sentence, so that a later,
    separate arrest does not recode it, nor an arrest the protest is about: "marched over the arrest of"), "Protest
    with intervention"; one met with severe force in its own sentence, "Excessive force". Tear gas fired at a crowd
    that turned violent is part of the riot; activists arrested at a protest of their sentence, of the protest.

    Example:
        >>> # "Protesters marched in X. Some threw stones at police." -> the march is a Violent demonstration
    """
    rec = draft.record
    if rec["type"] == "COERCE" and rec["mode"] == "arrest" and rec.get("acled"):
        # protesters arrested: ACLED codes the protest, with intervention; other arrests stay Arrests
        # protesters arrested, or people arrested with no other name beside a protest of the same paragraph
        demonstrators = word_class("demonstrators")
        words = {w.rstrip("s") for t in rec["targets"] for w in re.findall(r"[a-z]+", t["text"].lower())}
        vague = not words or words <= _CROWD_WORDS
        # activists (not named as demonstrators) held at a protest of their sentence: "detained during the rally"
        at_protest = any(
            t.lemma_.lower() in word_class("protests") and t.head.dep_ == "prep" and t.head.lower_ in _AT_PREPS
            for t in draft.sent
        )
        protesters = at_protest and any(t.get("sector") == "PROTESTERS" for t in rec["targets"])
        if words & demonstrators or (draft.paragraph_has_protest and (vague or protesters)):
            rec["acled"] = {"event_type": "Protests", "sub_event_type": "Protest with intervention"}
        return
    paragraph = [t for s in sents_in_paragraph for t in s]
    if rec["type"] == "ASSAULT" and rec["mode"] == "crowd-control" and rec.get("acled"):
        # tear gas against a crowd that threw stones: ACLED codes the riot, not the police response
        if _has_class(paragraph, ("riot_cues",)):
            rec["acled"] = {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
        return
    if rec["type"] != "PROTEST" or not rec.get("acled") or rec["mode"] != "demo":
        return
    tokens = list(draft.sent)
    killed = rec["counts"].get("killed")
    # what the protest is about is no intervention: "protested over the arrest of", "killed in an accident"
    arrests = [t for t in tokens if not (t.head.dep_ == "prep" and t.head.lower_ in _GRIEVANCE_PREPS)]
    if _has_class(paragraph, ("riot_cues",)):
        rec["acled"] = {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
    elif _has_class(tokens, ("severe_force",)) or (
        _has_class(tokens, ("force",))
        and not _has_class(tokens, ("disaster",))
        and (killed or any(t.lemma_ in ("shoot", "kill") for t in tokens))
    ):
        rec["acled"] = {"event_type": "Protests", "sub_event_type": "Excessive force against protesters"}
    elif _has_class(paragraph, ("intervene",)) or _has_class(arrests, ("intervene_arrest",)):
        rec["acled"] = {"event_type": "Protests", "sub_event_type": "Protest with intervention"}


#: Prepositions that place an act at a protest ("detained during the march").
_AT_PREPS = frozenset({"during", "at", "amid", "in"})
#: Prepositions that give a protest's grievance ("rallied against the arrest of", "marched after the killing of").
_GRIEVANCE_PREPS = frozenset({"over", "against", "following", "after", "for", "about"})


_TERRITORY_GAINS = ("Government regains territory", "Non-state actor overtakes territory")


def _unopposed(draft: Draft, sents_in_paragraph: list[Span]) -> None:
    """A capture of ground that its paragraph tells was left or not defended ("seized the town after the army
    withdrew", "entered it without resistance"), or a withdrawal from ground that its paragraph tells another side
    took, with no fighting told in its sentence, is a "Non-violent transfer of territory".

    Example:
        >>> # "Rebels took the town. Troops had pulled out the day before." -> Non-violent transfer of territory
    """
    rec = draft.record
    sub = (rec.get("acled") or {}).get("sub_event_type")
    rule = draft.primary.rule
    # a withdrawal forced by the attack ("forcing the troops to withdraw") is no handover
    paragraph = [t for s in sents_in_paragraph for t in s if t.head.lemma_.lower() not in ("force", "compel", "oblige")]
    if sub in _TERRITORY_GAINS:
        left = _has_class(paragraph, ("unopposed",))
    elif sub == "Change to group/activity" and rule.mode == "withdraw" and rule.object == ("territory",):
        left = _has_class(paragraph, ("takeover",))  # troops left a town that another side then took
    else:
        return
    if left and not _has_class(_not_denied(draft.sent), ("fighting",)):
        rec["acled"] = {"event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory"}
        draft.settled = True


def _is_anaphor(trig: Trigger) -> bool:
    tok = trig.token
    return trig.rule.pos == "noun" and any(c.lower_ in _ANAPHOR_DETS or c.dep_ == "poss" for c in tok.children)


def _same_when_and_where(event: dict, mention: dict) -> bool:
    """Whether a mention in another paragraph can restate an event: its own date and places, where it gives them,
    are the event's ("The visit will focus on trade" restates a visit; "the raids on Monday in X" not Sunday's in Y).
    """
    loc_a = {loc.get("geonameid") for loc in event["locations"]}
    loc_b = {loc.get("geonameid") for loc in mention["locations"]}
    if loc_a and loc_b and not loc_a & loc_b:
        return False
    own = mention.get("date") or {}
    if own and not own.get("inherited"):
        told = event.get("date") or {}
        return own.get("value") == told.get("value")
    return True


def _same_actors(mine: list[dict], theirs: list[dict]) -> bool:
    """Whether an outcome's actors can be an attack's: none named on either side, or a name or sector shared."""
    if not mine or not theirs:
        return True
    keys = {(a.get("name") or a["text"]).lower() for a in theirs} | {a.get("sector") for a in theirs if a.get("sector")}
    return any((a.get("name") or a["text"]).lower() in keys or a.get("sector") in keys for a in mine)


def _merge_restated(drafts: list[Draft]) -> list[Draft]:
    """A definite mention of an event kind already told ("the raids", "the visit") adds to that event."""
    kept: list[Draft] = []
    for d in drafts:
        rec = d.record
        target = None
        if (
            all(t.rule.outcome for t in d.triggers)
            and not rec["locations"]
            and (not rec.get("date") or rec["date"].get("inherited"))
        ):
            # "Four other soldiers were wounded": more about the attack just told, not a new one
            # (same paragraph only: a count told further on may be another incident's)
            # (nor an attack that did not happen: "rather than risk another attack")
            target = next(
                (
                    p
                    for p in reversed(kept)
                    if p.record["type"] == "ASSAULT"
                    and d.paragraph == p.paragraph
                    and p.record["modality"] not in _UNREALISED
                ),
                None,
            )
            if target is not None and not _same_actors(rec["actors"], target.record["actors"]):
                target = None  # "... while one was killed in police firing": another actor, another incident
        elif _is_anaphor(d.primary):
            for prev in reversed(kept):
                p = prev.record
                same_kind = p["type"] == rec["type"] and (p["mode"] == rec["mode"] or not rec["mode"] or not p["mode"])
                if same_kind and (prev.paragraph == d.paragraph or _same_when_and_where(p, rec)):
                    target = prev
                    break
        if target is None:
            kept.append(d)
            continue
        t = target.record
        for key in ("actors", "targets", "locations"):
            if not t[key] and rec[key]:
                t[key] = rec[key]
        for key, value in rec["counts"].items():
            if value and not t["counts"].get(key):
                t["counts"][key] = value
        if (not t.get("date") or t["date"].get("inherited")) and rec.get("date") and not rec["date"].get("inherited"):
            t["date"] = rec["date"]
        if not t.get("attribution") and rec.get("attribution"):
            t["attribution"] = rec["attribution"]
        t.setdefault("mentions", []).append(
            {"text": rec["trigger"]["text"], "start": rec["trigger"]["start"], "end": rec["trigger"]["end"]}
        )
    return kept


#: The classifier replaces a rule's ACLED sub-type only when at least this sure of another ACLED class ...
CLASSIFIER_MIN = 0.5
#: ... and declares an event out of ACLED's scope (crime, accident, diplomacy) only when at least this sure.
OUT_OF_SCOPE_MIN = 0.7
_CONTEXT_SUBTYPES = ("Protest with intervention", "Excessive force against protesters")


#: A sentence with no event from the trigger words becomes an event when the classifier is this sure of it.
CLASSIFIER_EVENT_MIN = 0.6


def _classifier_drafts(sents: list[Span], paragraphs: list[int], drafts: list[Draft], cats: dict[int, dict]) -> list:
    """Events the trigger lexicon missed but the classifier reads with confidence (unusual wording).

    The sentence's main verb (or noun) stands as the trigger; the event is typed from the class and goes through
    the same argument, place, date and source extraction as any other.
    """
    covered = {d.sent.start for d in drafts if d.primary.rule.acled or d.primary.rule.type in _VIOLENT_TYPES}
    found = []
    for si, sent in enumerate(sents):
        if sent.start in covered or not cats.get(sent.start):
            continue
        label, prob = max(cats[sent.start].items(), key=lambda kv: kv[1])
        cls = acled_model.classes()[label]
        root = _event_root(sent)
        if cls.acled is None or prob < CLASSIFIER_EVENT_MIN or not _may_tell_event(sent):
            continue
        rule = Rule(
            words=(root.lemma_.lower(),),
            pos="verb" if root.pos_ == "VERB" else "noun",
            type=cls.plover_type or "ASSAULT",
            mode=cls.plover_mode,
            acled=(cls.event_type, cls.sub_event_type),
            rank=1,
        )
        trigger = Trigger(root, root.idx, root.idx + len(root.text), rule)
        found.append(Draft([trigger], sent, paragraphs[si]))
    return found


def _event_root(sent: Span) -> Token:
    """The word that tells a sentence's act: its root, or where the root reports speech ("witnesses said soldiers had
    raped two women") the verb of the reported clause when that clause tells a past act ("raped": no modal, no
    "be" or "have" as its main verb). Otherwise the root itself, which :func:`_may_tell_event` then rejects.
    """
    root = sent.root
    if root.lemma_.lower() not in word_set("lexicon", "reporting_verbs"):
        return root
    for child in root.children:
        if (
            child.dep_ == "ccomp"
            and child.pos_ == "VERB"
            and child.tag_ in ("VBD", "VBN")
            and child.lemma_.lower() not in ("be", "have")
            and not any(c.tag_ == "MD" or c.dep_ == "neg" for c in child.children)
        ):
            return child
    return root


def _may_tell_event(sent: Span) -> bool:
    """Whether a sentence can tell an event of its own for the classifier: its act (:func:`_event_root`) is an action,
    not a statement ("a resident said gunfire could be heard"), and it holds a word of an event class
    (``classifier_evidence``).

    Example:
        >>> # "Gunmen stormed the compound at dawn." -> True; "He said the town was calm." -> False
    """
    root = _event_root(sent)
    if root.pos_ not in ("VERB", "NOUN", "PROPN") or root.lemma_.lower() in word_set("lexicon", "reporting_verbs"):
        return False
    return _has_class(list(sent), tuple(load("events")["classifier_evidence"]))


#: PLOVER types of acts a party can promise (an intention is AGREE) and of acts it can threaten (THREATEN).
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
_HOSTILE = frozenset({"COERCE", "SANCTION", "ASSAULT", "PROTEST"})
#: The THREATEN mode of a threatened act, by its (type, mode) or type. An arrest threatened gets no mode: a mode
#: "arrest" would read as an arrest made.
_THREAT_MODES: dict[tuple[str, str | None] | str, str | None] = {
    ("COERCE", "deport"): "expel",
    ("COERCE", "arrest"): None,
    ("SANCTION", "expel"): "expel",
    ("SANCTION", "withdraw"): "relations",
    ("PROTEST", "boycott"): "restrict",
    "COERCE": "restrict",
    "SANCTION": "restrict",
    "ASSAULT": "violence",
    "PROTEST": "relations",
}


def _statement_type(act: Rule, kind: str, threat: bool) -> tuple[str, str | None] | None:
    """The PLOVER (type, mode) of a statement about an act: promising to cooperate is AGREE, promising harm (or
    cooperation only on a condition: "will withdraw unless") THREATEN, refusing to cooperate REJECT, saying another
    party must act REQUEST."""
    if kind == "obligation":
        return ("REQUEST", None) if act.type in _COOPERATIVE | _HOSTILE | {"MOBILIZE"} else None
    if act.type in _COOPERATIVE:
        if kind == "refusal":
            return "REJECT", None
        return ("THREATEN", "relations") if threat else ("AGREE", None)
    if act.type in _HOSTILE and kind == "intent":
        mode = _THREAT_MODES.get((act.type, act.mode), _THREAT_MODES.get(act.type))
        return "THREATEN", mode
    return None


def _statement_drafts(drafts: list[Draft]) -> list[Draft]:
    """Statements about acts not (yet) done, as events of their own: "Chile will back the plan" is Chile
    promising support (AGREE) while the support itself is planned; "the rebels must free the hostages" is a demand.

    One statement per cue word: where a cue governs several acts ("is ready to send troops to help guard"), the
    nearest act, the first told, is what is promised. A cue that is itself an event's trigger ("urged", "vowed")
    needs no statement of its own.
    """
    triggers = frozenset(t.token.i for d in drafts for t in d.triggers)
    out: list[Draft] = []
    cues: set[int] = set()
    for d in sorted(drafts, key=lambda d: d.primary.start):
        act = d.primary
        if act.rule.rank == 1 or d.act is not None:
            continue
        found = stance(act.token, stop=triggers)
        if found is None:
            continue
        cue, kind, threat = found
        coded = _statement_type(act.rule, kind, threat)
        if coded is None or cue.i in cues or cue.i in triggers:
            continue
        cues.add(cue.i)
        # the cue with the act when they stand close ("will support", "ready to lift"), else the cue alone
        first, last = (cue, act.token) if 0 < act.token.i - cue.i <= 4 else (cue, cue)
        rule = Rule(words=(cue.lower_,), pos="verb", type=coded[0], mode=coded[1], acled=None, rank=act.rule.rank)
        trigger = Trigger(cue, first.idx, last.idx + len(last.text), rule)
        out.append(Draft([trigger], d.sent, d.paragraph, act=d))
    return out


def _promised_harm_is_threat(drafts: list[Draft]) -> None:
    """A promise (AGREE: "vowed", "pledged") whose clause is a hostile act is a threat: "vowed to crush the
    revolt" is THREATEN, with the act's mode; "pledged to send aid" stays AGREE."""
    promise = frozenset(load("lexicon")["stance"]["promise"])
    for d in drafts:
        say = d.primary
        if say.rule.type != "AGREE" or say.rule.acled is not None or say.token.lemma_.lower() not in promise:
            continue
        harm = next(
            (
                o.primary.rule
                for o in drafts
                if o is not d
                and o.primary.rule.type in _HOSTILE
                and o.primary.token.dep_ in ("xcomp", "ccomp")
                and o.primary.token.head == say.token
            ),
            None,
        )
        if harm is not None:
            mode = _THREAT_MODES.get((harm.type, harm.mode), _THREAT_MODES.get(harm.type))
            rule = dataclasses.replace(say.rule, type="THREATEN", mode=mode)
            d.triggers = [Trigger(t.token, t.start, t.end, rule) if t is say else t for t in d.triggers]


def _statement_actors(draft: Draft, gazetteer) -> tuple[list[dict], list[dict]]:
    """(actors, targets) of a statement. An intention or refusal is its act's actor's; a demand ("X said Y must
    return the helicopter") is the speaker's, made of the party that must act."""
    act = draft.act
    assert act is not None
    actors, targets = _actors(act, gazetteer)
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


def _stale(draft: Draft, published: dt.date | None) -> bool:
    """Whether an event's own date ends more than a year before publication (background, not news)."""
    date = draft.record.get("date") or {}
    if published is None or not date or date.get("inherited"):
        return False
    end = dt.date.fromisoformat(date.get("value_end") or date["value"])
    return (published - end).days > 365


#: Words of an arrest's target that name no group of its own ("dozens", "some 40 people").
_CROWD_WORDS = frozenset(
    {
        "dozen",
        "score",
        "hundred",
        "thousand",
        "some",
        "several",
        "many",
        "people",
        "person",
        "at",
        "least",
        "more",
        "than",
        "about",
        "around",
        "nearly",
        "of",
        "them",
        "other",
        "few",
        "a",
    }
)
_UNREALISED = ("planned", "hypothetical", "negated")
_VIOLENT_TYPES = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "AGREE", "RETREAT")


def _class_code(draft: Draft) -> str:
    wanted = draft.primary.rule.acled
    return next(
        c.code for c in acled_model.classes().values() if c.acled and (c.event_type, c.sub_event_type) == wanted
    )


def _refine_with_classifier(drafts: list[Draft], cats: dict[int, dict]) -> None:
    """Let the ACLED sentence classifier choose the sub-type where a sentence tells one ACLED event.

    Trigger words decide that there is an event and its PLOVER code; which ACLED sub-type it is often depends on
    the rest of the sentence (who was attacked, what was seized, whether it was a crime or an accident), which the
    classifier reads. Sentences with several events keep the rules' codes, as do sub-types read from the
    paragraph around the sentence (a protest that police broke up) and those settled by who acted (who won
    ground). The classifier only picks among the sub-types of the event type the words give (a battle stays a
    battle), and neither names a weapon (an explosion's sub-type is its weapon word) nor a change of territory.
    """
    by_sent: dict[int, list[Draft]] = {}
    for d in drafts:
        if d.record.get("acled"):
            by_sent.setdefault(d.sent.start, []).append(d)
    for ds in by_sent.values():
        d = ds[0]
        if len(ds) > 1 or not cats.get(d.sent.start) or d.primary.rule.rank == 1 or d.settled:
            continue
        if d.record["acled"]["sub_event_type"] in _CONTEXT_SUBTYPES or (
            d.paragraph_has_protest and d.record["mode"] == "arrest"
        ):
            continue
        label, prob = max(cats[d.sent.start].items(), key=lambda kv: kv[1])
        cls = acled_model.classes()[label]
        d.record["acled_classifier"] = {"label": label, "probability": round(prob, 3)}
        if cls.acled is None:
            if prob >= OUT_OF_SCOPE_MIN:
                d.record["acled"] = None
        elif (
            prob >= CLASSIFIER_MIN
            and cls.acled["event_type"] == d.record["acled"]["event_type"] != _REMOTE
            and not {cls.acled["sub_event_type"], d.record["acled"]["sub_event_type"]} & set(_TERRITORY_GAINS)
        ):
            # the words say what kind of event it is (a protest, a battle); the classifier picks the sub-type, but
            # not a change of territory, which takes words that tell ground taken (and who took it), nor the
            # weapon of an explosion, which its words name
            d.record["acled"] = cls.acled


def find_events(
    doc: Doc,
    *,
    places: list[dict],
    dates: list[dict],
    quotes: list[dict],
    published: dt.date | None,
    gazetteer=None,
    limit_char: int | None = None,
    text_key: str = "",
) -> list[dict]:
    """Every event in ``doc`` as a record event dict (format 1), in text order.

    ``places`` come from :func:`eventwire.extractors.places.find_places` (their ``role`` is set here),
    ``dates`` from :func:`eventwire.extractors.dates.find_dates`, ``quotes`` from
    :func:`eventwire.extractors.quotes.find_quotes`.

    Example:
        >>> # "Police arrested 12 men in Kano on Monday." -> [{"type": "COERCE", "mode": "arrest", ...}]
    """
    limit = len(doc_text(doc)) if limit_char is None else limit_char
    sents = [s for s in doc.sents if s.start_char < limit]
    paragraphs = _paragraph_index(doc)[: len(sents)]
    drafts: list[Draft] = []
    for si, sent in enumerate(sents):
        drafts.extend(_group(find_triggers(sent), sent, paragraphs[si]))
    cats = dict(zip((s.start for s in sents), acled_model.classify([s.text for s in sents]), strict=True))
    drafts.extend(_classifier_drafts(sents, paragraphs, drafts, cats))
    drafts.extend(_statement_drafts(drafts))
    _promised_harm_is_threat(drafts)
    drafts.sort(key=lambda d: d.primary.start)
    for d in drafts:
        p = d.primary
        actors, targets = _statement_actors(d, gazetteer) if d.act else _actors(d, gazetteer)
        attribution = find_attribution(d.act.primary.token if d.act else p.token, quotes)
        d.record = {
            "id": _event_id(text_key, d),
            "type": p.rule.type,
            "mode": p.rule.mode,
            "acled": _acled(d, actors, targets),
            "trigger": {"text": p.text, "start": p.start, "end": p.end},
            "actors": actors,
            "targets": targets,
            "location": None,
            "locations": [],
            "date": None,
            "counts": _counts(d),
            "attribution": attribution,
            "modality": "asserted" if d.act else modality(p.token, attribution),
            "aggregate": False,
            "sentence": {"start": d.sent.start_char, "end": d.sent.end_char},
            "confidence": 0.0,
        }
        if p.rule.rank == 1:  # typed by the classifier alone: say so
            d.record["acled_classifier"] = {
                "label": _class_code(d),
                "probability": round(max(cats[d.sent.start].values()), 3),
            }
    _assign_locations(drafts, places, doc, sents, paragraphs)
    sent_para = {s.start: paragraphs[i] for i, s in enumerate(sents)}
    protest_paragraphs = {
        d.paragraph for d in drafts if d.primary.rule.type == "PROTEST" and d.record["modality"] not in _UNREALISED
    }
    for d in drafts:
        d.paragraph_has_protest = d.paragraph in protest_paragraphs
    for d in drafts:
        rec = d.record
        rec["date"] = _choose_date(d, dates, published)
        rec["aggregate"] = _aggregate(d)
        in_paragraph = [s for s in sents if sent_para[s.start] == d.paragraph]
        _intervention(d, in_paragraph)
        _unopposed(d, in_paragraph)
    # a classifier-only event told as history ("in 2015, gunmen ...") is background to the report
    drafts = [d for d in drafts if not (d.primary.rule.rank == 1 and _stale(d, published))]
    _refine_with_classifier(drafts, cats)
    drafts = _merge_restated(drafts)
    subordination = _subordination(drafts)
    events = []
    for d in drafts:
        rec = d.record
        # one place named twice in a sentence is one location
        unique: dict[tuple, dict] = {}
        for loc in rec["locations"]:
            unique.setdefault(
                (loc.get("geonameid"), loc["text"]) if loc.get("geonameid") is None else (loc["geonameid"],), loc
            )
        rec["locations"] = list(unique.values())
        rec["location"] = rec["locations"][0] if rec["locations"] else None
        if rec["modality"] in _UNREALISED:
            rec["acled"] = None  # ACLED codes what took place: a planned, conditional or denied event is none
        rec["confidence"] = _confidence(d, cats.get(d.sent.start), subordination[id(d)])
        events.append(rec)
    return events


#: What each level of subordination (a relative or adverbial clause, a prepositional phrase) takes off an event's
#: confidence: the main clause tells the report's event, the rest its background ("lifted a curfew imposed after
#: riots" reports the lifting).
SUBORDINATE_PENALTY = 0.15


def _embedding(draft: Draft) -> int:
    """How deep the draft's most central trigger lies below the main clause (:func:`parse.embedding`).

    Example:
        >>> # "an air strike killed 12": strike and killed are both on the main clause -> 0
    """
    reporting = word_set("lexicon", "reporting_verbs")
    return min(embedding(t.token, reporting) for t in draft.triggers)


#: PLOVER types of what a party says (blames, asks, refuses, threatens, backs) rather than does.
_SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT"})


def _topic_of_statement(draft: Draft, drafts: list[Draft]) -> int:
    """Levels of subordination for being what a statement of its sentence is about: in "the ministry protested
    to the envoy over the shelling of its border posts" the protest is the sentence's event and the shelling its
    topic, however specific its words; so is the object of an act defined by its object ("called off the talks").
    Only events with no ACLED code govern: what ACLED codes is an act, not a statement about one."""
    for other in drafts:
        say = other.primary
        if (
            other is draft
            or other is draft.act  # a statement's cue hangs on its act ("will support"): it is no topic of it
            or other.sent.start != draft.sent.start
            or say.rule.pos != "verb"
            or say.rule.acled is not None
        ):
            continue
        if say.rule.type in _SPEECH_ACTS and any(say.token in t.token.ancestors for t in draft.triggers):
            return 2  # below its statement however specific its words ("condemned the air strikes")
        # what a verb's rule acts on ("called off the talks", "lifted the blockade") is that act's topic
        if say.rule.object and any(t.token.head == say.token and t.token.dep_ == "dobj" for t in draft.triggers):
            return 1
    return 0


def _subordination(drafts: list[Draft]) -> dict[int, int]:
    """How many levels below the sentence's most central event each draft lies (by ``id``).

    Only events of one sentence compete: the only event of a sentence is its main event however deep it lies
    ("the victims showed signs of exposure to sarin").

    Example:
        >>> # "The governor lifted a curfew in X where 28 were killed in riots": lifted 0, killed/riots 2
    """
    depth = {id(d): _embedding(d) + _topic_of_statement(d, drafts) for d in drafts}
    shallowest: dict[int, int] = {}
    for d in drafts:
        shallowest[d.sent.start] = min(shallowest.get(d.sent.start, 99), depth[id(d)])
    return {id(d): depth[id(d)] - shallowest[d.sent.start] for d in drafts}


def _confidence(draft: Draft, cats: dict | None, subordinate: int = 0) -> float:
    """How sure the event is, and how central to its report: the specificity of its trigger first.

    A specific word ("mortar shells", "sarin") outranks a generic one ("attack", "killed"), so that where one report
    tells one incident in several words, its most telling event scores highest; the ACLED classifier agreeing with
    the sub-type, and arguments found (actor, place, own date), add a little. An event told below another event of
    its sentence (``subordinate`` levels: in a relative clause or a prepositional phrase) is background and loses,
    as does an event that did not happen (negated, hypothetical) or has yet to (planned).

    Example:
        >>> # "an air strike killed 12 in X on Monday" (rank 90, all arguments) -> about 0.9
    """
    rec = draft.record
    rank = min(draft.primary.rule.rank, 100)
    score = 0.45 + 0.25 * rank / 100
    score += 0.04 * bool(rec["actors"]) + 0.04 * bool(rec["location"]) + 0.04 * bool(rec["acled"])
    score += 0.04 * bool(rec["date"] and not rec["date"].get("inherited"))
    if cats and rec["acled"] and draft.primary.rule.rank > 1:
        label = max(cats.items(), key=lambda kv: kv[1])[0]
        if acled_model.classes()[label].acled == rec["acled"]:
            score += 0.05
    score -= SUBORDINATE_PENALTY * min(subordinate, 2)
    if rec["modality"] in ("hypothetical", "negated"):
        score -= 0.2
    elif rec["modality"] == "planned":
        score -= 0.1
    return round(max(min(score, 0.95), 0.05), 3)


__all__ = ["find_events", "find_triggers", "rules", "word_class", "Rule", "Trigger"]
