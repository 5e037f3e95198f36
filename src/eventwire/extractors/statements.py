"""Statements about acts not (yet) done: an intention to cooperate (AGREE), a threat (THREATEN), a refusal
(REJECT), a demand (REQUEST), as events of their own beside the act they are about.
"""

from __future__ import annotations

import dataclasses

from eventwire.extractors.attribution import stance
from eventwire.extractors.triggers import Draft, Rule, Trigger
from eventwire.lexicons import load

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


def statement_drafts(drafts: list[Draft]) -> list[Draft]:
    """Statements about acts not (yet) done, as events of their own: "Chile will back the plan" is Chile
    promising support (AGREE) while the support itself is planned; "the rebels must free the hostages" is a demand.

    One statement per cue word: where a cue governs several acts ("is ready to send troops to help guard"), the
    nearest act, the first told, is what is promised. A cue that is itself an event's trigger ("urged", "vowed")
    needs no statement of its own.

    Example:
        >>> # "Chile will back the plan" -> an AGREE statement beside the planned support
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


def promised_harm_is_threat(drafts: list[Draft]) -> None:
    """A promise (AGREE: "vowed", "pledged") whose clause is a hostile act is a threat: "vowed to crush the
    revolt" is THREATEN, with the act's mode; "pledged to send aid" stays AGREE.

    Example:
        >>> # "vowed to crush the revolt" -> THREATEN, not AGREE
    """
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
