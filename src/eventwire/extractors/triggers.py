"""Triggers: the words that signal an event, matched against ``data/events.yaml``, and the drafts they make.

A trigger is a word (or words) whose rule's conditions hold in its sentence; the violence words of one sentence
join into one draft ("an air strike killed 12"), other kinds stay apart.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from eventwire.extractors.parse import doc_text, objects_of, subject_of
from eventwire.lexicons import load, word_class, word_set


@dataclass(frozen=True)
class Rule:
    """One trigger entry of ``events.yaml``.

    Example:
        >>> # rules()["verb:arrest"][0] -> Rule(words=("arrest",), pos="verb", type="COERCE", mode="arrest", ...)
    """

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
    not_object: tuple[str, ...] = ()
    outcome: bool = False
    intervention: bool = False
    place_or_person: bool = False
    intransitive: bool = False
    victim_subject: bool = False
    aimed: bool = False
    witnessed: bool = False
    needs_count: bool = False

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
                    not_object=tuple(entry.get("not_object") or ()),
                    outcome=bool(entry.get("outcome")),
                    intervention=bool(entry.get("intervention")),
                    place_or_person=bool(entry.get("place_or_person")),
                    intransitive=bool(entry.get("intransitive")),
                    victim_subject=bool(entry.get("victim_subject")),
                    aimed=bool(entry.get("aimed")),
                    witnessed=bool(entry.get("witnessed")),
                    needs_count=bool(entry.get("needs_count")),
                )
                index.setdefault(f"{pos}:{rule.words[rule.head_index]}", []).append(rule)
    return index


def _lemmas(tokens) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lemma_.lower())
        out.add(t.lower_)
    return out


def has_class(tokens, classes: tuple[str, ...]) -> bool:
    """Whether the tokens hold a word of one of ``events.yaml``'s word classes (a lemma, or a phrase).

    Example:
        >>> # has_class(sentence_tokens, ("weapons",)) -> True for "seized rifles"
    """
    words = _lemmas(tokens)
    text = " ".join(t.lower_ for t in tokens)
    for c in classes:
        for w in word_class(c):
            if (" " in w and w in text) or w in words:
                return True
    return False


@dataclass
class Trigger:
    """A matched trigger word (or words) and its rule.

    Example:
        >>> # in "Police arrested 5 men", the trigger of "arrested" spans its 7 letters
    """

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
        found = objects_of(token)
        if rule.aimed and token.head != token:
            verb = token.head.head if token.dep_ == "pobj" else token.head
            if token.dep_ == "dobj" or (token.dep_ == "pobj" and token.head.lower_ == "under"):
                # "directed fire at their positions", "returned fire on": the verb carries the noun's aim
                found += [
                    p
                    for c in verb.children
                    if c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "toward", "towards", "from")
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
            if token.dep_ == "pobj" and token.head.lower_ == "under":
                # "their positions came under fire": the subject is what was fired at
                found += [c for c in verb.children if c.dep_ == "nsubj"]
        return found
    direct = [o for o in objects_of(token) if o.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "weapons seized in the raid": the noun is what was seized
        direct.append(token.head)
    if not direct and token.dep_ == "conj" and token.head.pos_ == "VERB" and token.tag_ == "VBN":
        # "the office was vandalised and looted": a participle joined to a passive verb shares its subject
        direct = [c for c in token.head.children if c.dep_ == "nsubjpass"]
        if any(c.dep_ == "auxpass" for c in token.head.children):
            # "the capital has been barricaded and extra police brought in": the auxiliaries are shared, so the
            # participle's own subject is what was brought
            own = [c for c in token.children if c.dep_ == "nsubj"]
            direct = (
                own
                + [
                    p
                    for o in own
                    for c in o.children
                    if c.dep_ == "prep" and c.lower_ == "of"
                    for p in c.children
                    if p.dep_ == "pobj"
                ]
                or direct
            )
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
    if rule.pos == "verb" and len(rule.words) == 1:
        # a particle can make another verb of it: "was sworn in" is no oath, "taken off life support" no capture
        other = word_set("lexicon", "other_phrasal_verbs")
        if any(c.dep_ == "prt" and f"{token.lemma_.lower()} {c.lower_}" in other for c in token.children):
            return False
    if rule.object:
        objs = _condition_objects(token, rule)
        # what was taken is the noun, not the act's own words below it ("a car driven by a man of Las Vegas")
        tokens = [
            t for o in objs for t in o.subtree if not (o in token.ancestors and (t == token or token in t.ancestors))
        ]
        tokens += [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        if "territory" in rule.object:
            # ground is taken when the object itself is ground ("took the town", "seized control of Palmyra"), not
            # when a place only qualifies it ("an officer from Oakland was taken off life support")
            tokens = _ground_words(objs) + [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
        # a named place taken or left is territory ("recaptured Palmyra")
        place = "territory" in rule.object and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in tokens)
        if "territory" in rule.object:
            # a ground word that only describes another noun is no ground taken ("drove a city bus")
            tokens = [t for t in tokens if not (t.dep_ in ("compound", "amod", "nmod") and t.pos_ == "NOUN")]
        if not place and not has_class(tokens, rule.object):
            return False
    if rule.subject:
        subj = subject_of(token)
        agents = [p for c in token.children if c.dep_ == "agent" for p in c.subtree]
        tokens = list(subj.subtree) if subj is not None else []
        # a misparse may give a verb two subjects ("The march set off, but police blocked"): read them all
        tokens += [t for c in token.children if c.dep_ == "nsubj" and c != subj for t in c.subtree]
        if not has_class(tokens + agents, rule.subject):
            return False
    if rule.context and not has_class(list(token.sent), rule.context):
        return False
    if rule.unless and has_class(not_denied(token.sent), rule.unless):
        return False
    if rule.not_object and rule.pos == "verb":
        # "the projects were executed", "shot a video": what the verb acts on makes it another verb
        heads = [o for o in objects_of(token) if o.dep_ in ("dobj", "nsubjpass")]
        if has_class(heads, rule.not_object):
            return False
    if rule.place_or_person and rule.pos == "verb":
        objs = objects_of(token)
        if not any(o.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG") for o in objs):
            return False
    if rule.needs_count and rule.count:
        from eventwire.extractors.counts import count_for  # (counts reads actors, which reads this module)

        if token.dep_ == "compound" or count_for(token, rule.count) is None:
            return False  # "a toll booth", "took a heavy toll": no figure, no event
    return True


_DATELINE_DASHES = ("—", "–", "-", "--", ":")


def _ground_words(objs: list[Token]) -> list[Token]:
    """The words that say what a territory verb's objects are: each object, its compounds and appositions, and its
    "of" phrase ("the town of Tibu", "control of the crossing"), with their own compounds ("Palmyra airbase")."""
    out: list[Token] = []
    for o in objs:
        if o.is_upper and any(c.dep_ == "punct" and c.i == o.i + 1 and c.text in _DATELINE_DASHES for c in o.children):
            continue  # "SAN FRANCISCO — A police officer ... has been taken off life support": a dateline misparsed
        heads = [o] + [p for c in o.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        for h in heads:
            out.append(h)
            out.extend(c for c in h.children if c.dep_ in ("compound", "appos", "amod", "nmod"))
            out.extend(c for c in h.conjuncts)
    return out


def not_denied(sent: Span) -> list[Token]:
    """The sentence's words without those it says did not happen: "withdrew without a fight" has no fight.

    Example:
        >>> # "Troops withdrew from the town without a fight" -> every word but "without a fight"
    """
    denied = {t.i for w in sent if w.dep_ == "prep" and w.lower_ == "without" for t in w.subtree}
    return [t for t in sent if t.i not in denied]


_QUOTES = ('"', "\u201c", "\u201d", "''", "``")


def slogan_words(sent: Span) -> set[int]:
    """The token indices of what a crowd chants, sings or a placard reads, quoted after the verb ("chanting,
    'Hands up, don't shoot'", "signs reading 'Stop the killing'"): a slogan tells no act.

    Example:
        >>> # 'Protesters marched, chanting "No justice, no peace"' -> the indices of No justice, no peace
    """
    verbs = word_set("lexicon", "slogan_verbs")
    out: set[int] = set()
    toks = list(sent)
    for k, tok in enumerate(toks):
        if tok.lemma_.lower() not in verbs or tok.pos_ != "VERB":
            continue
        j = k + 1
        while j < len(toks) and toks[j].text in (",", ":", "-"):
            j += 1
        if j >= len(toks) or toks[j].text not in _QUOTES:
            continue
        end = next((m for m in range(j + 1, len(toks)) if toks[m].text in _QUOTES), len(toks))
        out.update(t.i for t in toks[j:end])
    return out


def find_triggers(sent: Span) -> list[Trigger]:
    """Every trigger in a sentence whose rule's conditions hold, longest match first per token.

    Example:
        >>> # "Police arrested 5 men and seized rifles" -> [arrested (COERCE/arrest), seized (COERCE/seize)]
    """
    index = rules()
    found: list[Trigger] = []
    used: set[int] = slogan_words(sent)
    for token in sent:
        if token.i in used:
            continue
        if token.tag_ == "VBG" and any(c.dep_ == "det" for c in token.children):
            pos = "noun"  # a gerund with an article is a noun the tagger misread ("since the army shelling of")
        elif token.pos_ == "VERB" or (token.pos_ == "ADJ" and any(c.dep_ == "dobj" for c in token.children)):
            pos = "verb"  # an adjective with a direct object is a verb the tagger misread ("and torched cars")
        elif token.pos_ in ("NOUN", "PROPN"):
            pos = "noun"
        else:
            continue
        lemma, lower = token.lemma_.lower(), token.lower_
        candidates = index.get(f"{pos}:{lemma}", []) + (index.get(f"{pos}:{lower}", []) if lower != lemma else [])
        if not candidates:  # most words: no rule to check (the tests below read the parse and entities)
            continue
        if pos == "noun" and token.dep_ == "compound" and token.head.lemma_.lower() not in word_class("event_heads"):
            continue  # "bomb squad", "protest movement": a modifier, not an event ("rape case" is one)
        if token.ent_type_ in ("DATE", "TIME") or lower in word_set("lexicon", "month_names"):
            continue  # "in March", "last May": a date, not a march
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
    """An event being assembled from one or more triggers of one sentence.

    Example:
        >>> # "An air strike killed 12 people" -> one draft with the triggers "air strike" and "killed"
    """

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


def _clause_elsewhere(tok: Token) -> bool:
    """Whether a verb heads a coordinated clause of its own doer and its own named place ("... clashed in a camp,
    and armed groups opened fire on a patrol in the Bekaa Valley"): another incident, not more of the first."""
    if tok.pos_ != "VERB" or tok.dep_ != "conj" or tok.head.pos_ not in ("VERB", "AUX"):
        return False
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON" for c in tok.children)
    if not own_subject or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.head.children):
        return False
    inner = {t.i for c in tok.children if c.dep_ == "conj" for t in c.subtree}
    return any(t.ent_type_ in ("GPE", "LOC", "FAC") and t.i not in inner for t in tok.subtree)


def group_triggers(triggers: list[Trigger], sent: Span, paragraph: int) -> list[Draft]:
    """One draft per incident: violence words of a sentence join; other kinds stay apart unless repeated.

    Example:
        >>> # triggers "air strike", "killed" and "arrested" of one sentence -> two drafts (violence, arrest)
    """
    drafts: list[Draft] = []
    by_key: dict[tuple, Draft] = {}
    for trig in triggers:
        rule = trig.rule
        key: tuple = (
            ("violence",)
            if rule.type == "ASSAULT" and rule.mode not in ("abduct", "sexual", "destroy")
            else (rule.type, rule.mode)
        )
        if key == ("violence",) and _clause_elsewhere(trig.token):
            key = ("violence", trig.token.i)  # "families clashed in a camp and gunmen fired on a patrol in X"
        if key in by_key:
            by_key[key].triggers.append(trig)
            continue
        draft = Draft([trig], sent, paragraph)
        by_key[key] = draft
        drafts.append(draft)
    # "protesters fought running battles with police": the battles are the riot's own object, not a second act
    violence = by_key.get(("violence",))
    riot = next((d for d in drafts if d.primary.rule.type == "PROTEST" and d.primary.rule.mode == "riot"), None)
    if violence is not None and riot is not None:
        riot_tokens = {t.token.i for t in riot.triggers}
        if all(t.rule.pos == "noun" and t.token.head.i in riot_tokens for t in violence.triggers):
            riot.triggers.extend(violence.triggers)
            drafts.remove(violence)
            del by_key[("violence",)]
    # outcome words ("killed") with a kidnapping or destruction in the sentence belong to that incident
    violence = by_key.get(("violence",))
    if violence is not None and all(t.rule.outcome for t in violence.triggers):
        others = [d for d in drafts if d is not violence and d.primary.rule.type == "ASSAULT"]
        if others:
            others[0].triggers.extend(violence.triggers)
            drafts.remove(violence)
    return drafts
