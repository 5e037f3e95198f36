"""ACLED coding: the sub-type a draft's words give, refined by its targets, actors and paragraph, and by the
sentence classifier where a sentence tells one event; events the classifier reads where no trigger fired.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from eventwire.extractors import actors as actor_mod
from eventwire.extractors.parse import objects_of
from eventwire.extractors.triggers import Draft, Rule, Trigger, has_class, not_denied, slogan_words, word_class
from eventwire.lexicons import load, word_set
from eventwire.models import acled as acled_model


def _target_words(targets: list[dict]) -> set[str]:
    """The words of the targets' phrases, lower-case and singular ("protesters" -> "protester")."""
    return {w.rstrip("s") for t in targets for w in re.findall(r"[a-z]+", (t.get("text") or "").lower())}


def _at_a_protest(draft: Draft, targets: list[dict]) -> bool:
    """Whether the people of the protesters' sector hit by an act were protesting: named as demonstrators, or in a
    paragraph that tells a protest ("two students were stabbed" alone is an attack on civilians)."""
    return bool(_target_words(targets) & word_class("demonstrators")) or bool(draft.paragraph_has_protest)


def _fired_back(draft: Draft) -> bool:
    """Whether the people an attack hit are told to have fired themselves ("shot four men who ... began shooting at
    officers", "killed two gunmen who had opened fire"): an exchange of fire, ACLED's armed clash."""
    firing = word_set("lexicon", "firing_verbs")
    for obj in objects_of(draft.primary.token):
        for clause in obj.children:
            if clause.dep_ != "relcl":
                continue
            verbs = [
                clause,
                *clause.conjuncts,
                *(c for v in (clause, *clause.conjuncts) for c in v.children if c.dep_ == "xcomp"),
            ]
            if any(v.lemma_.lower() in firing for v in verbs):
                return True
    return False


def acled_code(draft: Draft, actors: list[dict], targets: list[dict], counts: dict | None = None) -> dict | None:
    """The ACLED (event type, sub-type) of a draft: its rule's code, chosen by target (civilians, armed, protesters),
    by actor (who took ground), by context words; an Attack needs a victim, named or counted.

    Example:
        >>> # "Rebels seized the town" -> Battles / "Non-state actor overtakes territory"
    """
    rule = draft.primary.rule
    codes = rule.acled
    if codes is None:
        return None
    target_sector = next((t.get("sector") for t in targets if t.get("sector")), None)
    by_target = dict(rule.by_target)
    armed_target = bool(target_sector) and actor_mod.is_armed({"sector": target_sector})
    if (armed_target or _fired_back(draft)) and "armed" in by_target:
        codes = by_target["armed"]
    elif target_sector == "PROTESTERS" and "protesters" in by_target and _at_a_protest(draft, targets):
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
        if has_class(sentence, (word_cls,)):
            codes = by_codes
            break
    victims = any((counts or {}).get(k) for k in ("killed", "injured"))
    if codes == _ATTACK and not targets and not victims:
        # ACLED's "Attack" is violence against civilians: with no one named as its victim ("because of rebel
        # attacks", "came under attack") the sub-type cannot be told, and the words are rarely the report's event;
        # people counted dead or hurt are its victims ("the stabbing death of a shopkeeper")
        return None
    return {"event_type": codes[0], "sub_event_type": codes[1]}


_ATTACK = ("Violence against civilians", "Attack")

REMOTE_VIOLENCE = "Explosions/Remote violence"


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


def recode_intervention(draft: Draft, sents_in_paragraph: list[Span]) -> None:
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
        words = _target_words(rec["targets"])
        vague = not words or words <= word_set("lexicon", "crowd_words")
        # activists (not named as demonstrators) held at a protest of their sentence: "detained during the rally"
        at_protest = any(
            t.lemma_.lower() in word_class("protests")
            and t.head.dep_ == "prep"
            and t.head.lower_ in word_set("lexicon", "at_protest_preps")
            for t in draft.sent
        )
        protesters = at_protest and any(t.get("sector") == "PROTESTERS" for t in rec["targets"])
        if words & word_class("demonstrators") or (draft.paragraph_has_protest and (vague or protesters)):
            rec["acled"] = {"event_type": "Protests", "sub_event_type": "Protest with intervention"}
        return
    if rec["type"] == "ASSAULT" and rec["mode"] == "crowd-control" and rec.get("acled"):
        # tear gas against a crowd that threw stones: ACLED codes the riot, not the police response
        if has_class([t for s in sents_in_paragraph for t in s], ("riot_cues",)):
            rec["acled"] = {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
        return
    if rec["type"] != "PROTEST" or not rec.get("acled") or rec["mode"] != "demo":
        return
    paragraph = [t for s in sents_in_paragraph for t in s]  # (built only here: most events return above)
    tokens = list(draft.sent)
    killed = rec["counts"].get("killed")
    # what the protest is about is no intervention: "protested over the arrest of", "killed in an accident"
    arrests = [
        t for t in tokens if not (t.head.dep_ == "prep" and t.head.lower_ in word_set("lexicon", "grievance_preps"))
    ]
    # nor is force the protest is about ("asked for news regarding the deadly stabbing of a guard")
    about = word_set("lexicon", "grievance_preps") | word_set("lexicon", "topic_prepositions")
    topic = {w.i for t in tokens if t.dep_ == "prep" and t.lower_ in about for w in t.subtree}
    topic |= slogan_words(draft.sent)  # nor what the crowd chants ("don't shoot")
    own = [t for t in tokens if t.i not in topic]
    if has_class(paragraph, ("riot_cues",)):
        rec["acled"] = {"event_type": "Riots", "sub_event_type": "Violent demonstration"}
    elif has_class(own, ("severe_force",)) or (
        has_class(own, ("force",))
        and not has_class(tokens, ("disaster",))
        and (killed or any(t.lemma_ in ("shoot", "kill") for t in own))
    ):
        rec["acled"] = {"event_type": "Protests", "sub_event_type": "Excessive force against protesters"}
    elif has_class(paragraph, ("intervene",)) or has_class(arrests, ("intervene_arrest",)):
        rec["acled"] = {"event_type": "Protests", "sub_event_type": "Protest with intervention"}


_TERRITORY_GAINS = ("Government regains territory", "Non-state actor overtakes territory")


def recode_unopposed(draft: Draft, sents_in_paragraph: list[Span]) -> None:
    """A capture of ground that its paragraph tells was left or not defended ("seized the town after the army
    withdrew", "entered it without resistance"), or a withdrawal from ground that its paragraph tells another side
    took, with no fighting told in its sentence, is a "Non-violent transfer of territory".

    Example:
        >>> # "Rebels took the town. Troops had pulled out the day before." -> Non-violent transfer of territory
    """
    rec = draft.record
    sub = (rec.get("acled") or {}).get("sub_event_type")
    rule = draft.primary.rule
    withdrawal = sub == "Change to group/activity" and rule.mode == "withdraw" and rule.object == ("territory",)
    if sub not in _TERRITORY_GAINS and not withdrawal:
        return  # (before the paragraph's words are read: most events are neither)
    # a withdrawal forced by the attack ("forcing the troops to withdraw") is no handover
    paragraph = [t for s in sents_in_paragraph for t in s if t.head.lemma_.lower() not in ("force", "compel", "oblige")]
    if sub in _TERRITORY_GAINS:
        left = has_class(paragraph, ("unopposed",))
    else:
        left = has_class(paragraph, ("takeover",))  # troops left a town that another side then took
    if left and not has_class(not_denied(draft.sent), ("fighting",)):
        rec["acled"] = {"event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory"}
        draft.settled = True


#: The classifier replaces a rule's ACLED sub-type only when at least this sure of another ACLED class ...
CLASSIFIER_MIN = 0.5

#: ... and declares an event out of ACLED's scope (crime, accident, diplomacy) only when at least this sure.
OUT_OF_SCOPE_MIN = 0.7

_CONTEXT_SUBTYPES = ("Protest with intervention", "Excessive force against protesters")

#: A sentence with no event from the trigger words becomes an event when the classifier is this sure of it.
CLASSIFIER_EVENT_MIN = 0.6


def classifier_drafts(sents: list[Span], paragraphs: list[int], drafts: list[Draft], cats: dict[int, dict]) -> list:
    """Events the trigger lexicon missed but the classifier reads with confidence (unusual wording).

    The sentence's main verb (or noun) stands as the trigger; the event is typed from the class and goes through
    the same argument, place, date and source extraction as any other.

    Example:
        >>> # "Gunmen stormed the compound at dawn" with no trigger word -> a draft typed by the classifier
    """
    covered = {d.sent.start for d in drafts if d.primary.rule.acled or d.primary.rule.type in _VIOLENT_TYPES}
    found = []
    for si, sent in enumerate(sents):
        if sent.start in covered or not cats.get(sent.start):
            continue
        label, prob = max(cats[sent.start].items(), key=lambda kv: kv[1])
        cls = acled_model.classes()[label]
        root = event_root(sent)
        if cls.acled is None or prob < CLASSIFIER_EVENT_MIN or not may_tell_event(sent):
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


def event_root(sent: Span) -> Token:
    """The word that tells a sentence's act: its root, or where the root reports speech ("witnesses said soldiers had
    raped two women") the verb of the reported clause when that clause tells a past act ("raped": no modal, no
    "be" or "have" as its main verb). Otherwise the root itself, which :func:`may_tell_event` then rejects.

    Example:
        >>> # "witnesses said soldiers had raped two women" -> "raped"
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


def may_tell_event(sent: Span) -> bool:
    """Whether a sentence can tell an event of its own for the classifier: its act (:func:`event_root`) is an action,
    not a statement ("a resident said gunfire could be heard"), and it holds a word of an event class
    (``classifier_evidence``).

    Example:
        >>> # "Gunmen stormed the compound at dawn." -> True; "He said the town was calm." -> False
    """
    root = event_root(sent)
    if root.pos_ not in ("VERB", "NOUN", "PROPN") or root.lemma_.lower() in word_set("lexicon", "reporting_verbs"):
        return False
    return has_class(list(sent), tuple(load("events")["classifier_evidence"]))


_VIOLENT_TYPES = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "AGREE", "RETREAT")


def class_code(draft: Draft) -> str:
    """The classifier's label for the ACLED sub-type a draft's rule gives.

    Example:
        >>> # a draft typed Arrests -> "ARREST"
    """
    wanted = draft.primary.rule.acled
    return next(
        c.code for c in acled_model.classes().values() if c.acled and (c.event_type, c.sub_event_type) == wanted
    )


def refine_with_classifier(drafts: list[Draft], cats: dict[int, dict]) -> None:
    """Let the ACLED sentence classifier choose the sub-type where a sentence tells one ACLED event.

    Trigger words decide that there is an event and its PLOVER code; which ACLED sub-type it is often depends on
    the rest of the sentence (who was attacked, what was seized, whether it was a crime or an accident), which the
    classifier reads. Sentences with several events keep the rules' codes, as do sub-types read from the
    paragraph around the sentence (a protest that police broke up) and those settled by who acted (who won
    ground). The classifier only picks among the sub-types of the event type the words give (a battle stays a
    battle), and neither names a weapon (an explosion's sub-type is its weapon word) nor a change of territory.

    Example:
        >>> # "Police fired tear gas at the march" (one event) -> the classifier picks the protest sub-type
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
            and cls.acled["event_type"] == d.record["acled"]["event_type"] != REMOTE_VIOLENCE
            and not {cls.acled["sub_event_type"], d.record["acled"]["sub_event_type"]} & set(_TERRITORY_GAINS)
        ):
            # the words say what kind of event it is (a protest, a battle); the classifier picks the sub-type, but
            # not a change of territory, which takes words that tell ground taken (and who took it), nor the
            # weapon of an explosion, which its words name
            d.record["acled"] = cls.acled
