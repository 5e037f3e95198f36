"""Confidence: how sure an event is and how central to its report (the specificity of its trigger first, less
for an event told below another of its sentence or one that did not happen).
"""

from __future__ import annotations

from eventwire.extractors.parse import embedding
from eventwire.extractors.triggers import Draft
from eventwire.lexicons import word_set
from eventwire.models import acled as acled_model

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


def subordination_of(drafts: list[Draft]) -> dict[int, int]:
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


def event_confidence(draft: Draft, cats: dict | None, subordinate: int = 0) -> float:
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
