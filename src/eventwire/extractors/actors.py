"""Actors and targets: who acts and who is acted on, normalised with the actor dictionary (``data/actors.yaml``).

Each actor is a record dict: ``text`` and its span, a normalised ``name``, ``country`` (ISO3), ``sector``, and
``acled_name`` where ACLED's naming applies ("Military Forces of Syria").
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from eventwire.extractors.parse import ancestors_until, doc_text, phrase, span_dict, subject_of
from eventwire.lexicons import load, word_set

_LEADING_NOISE = frozenset({"det", "nummod", "quantmod", "predet", "advmod", "punct"})


@functools.cache
def _alias_patterns() -> list[tuple[re.Pattern[str], dict]]:
    patterns = []
    for entry in load("actors")["named"]:
        for alias in entry["aliases"]:
            alias = str(alias)
            strict = alias.isupper() and len(alias) <= 4
            flags = 0 if strict else re.IGNORECASE
            patterns.append((re.compile(r"(?<![\w-])" + re.escape(alias) + r"(?![\w-])", flags), entry))
    # longest aliases first, so "Islamic State West Africa Province" beats "Islamic State"
    patterns.sort(key=lambda p: -len(p[0].pattern))
    return patterns


@functools.cache
def _sector_nouns() -> list[tuple[tuple[str, ...], str]]:
    out = []
    for sector, nouns in load("actors")["sectors"].items():
        for noun in nouns:
            out.append((tuple(str(noun).lower().split()), sector))
    out.sort(key=lambda p: -len(p[0]))
    return out


def named_actor(text: str) -> dict | None:
    """The dictionary entry whose alias appears in ``text``, or None.

    Example:
        >>> named_actor("71 suspected IS members")["name"]
        'Islamic State'
        >>> named_actor("this is fine") is None
        True
    """
    for pattern, entry in _alias_patterns():
        if pattern.search(text):
            return entry
    return None


@functools.cache
def _sector_index() -> tuple[dict[tuple[str, ...], tuple[str, ...]], tuple[int, ...]]:
    """The sector noun sequences with their sectors (file order), and the sequence lengths, longest first."""
    index: dict[tuple[str, ...], list[str]] = {}
    for nouns, sector in _sector_nouns():
        index.setdefault(nouns, []).append(sector)
    return {k: tuple(v) for k, v in index.items()}, tuple(sorted({len(k) for k in index}, reverse=True))


@functools.cache
def _role_nouns() -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("actors")["role_nouns"])


def _sector_matches(words: list[str]) -> list[tuple[int, int, str]]:
    """Every (end, length, sector) where a sector noun sequence ends in ``words``: nearest the end first, longer
    before shorter, then in file order. One look-up per end and length (there are hundreds of sector nouns).

    Example:
        >>> _sector_matches(["riot", "police", "officer"])[2:]
        [(2, 2, 'POLICE'), (2, 1, 'POLICE')]
    """
    index, lengths = _sector_index()
    found = []
    for end in range(len(words), -1, -1):
        for n in lengths:
            if n <= end:
                found.extend((end, n, sector) for sector in index.get(tuple(words[end - n : end]), ()))
    return found


def sector_of(tokens: Span | list[Token]) -> str | None:
    """The sector a phrase's head nouns name ("Syrian security forces" -> SECURITY), or None.

    The match nearest the end of the phrase wins (the head noun of an English noun phrase comes last), longer
    before shorter; a role noun that any organisation has ("leader", "official", "officer") gives way to the
    sector of the word before it: "police officer" is POLICE, "rebel leader" REBEL.

    Example:
        >>> # "rebel leader" -> REBEL; "army officer" -> MILITARY; "protest leaders" -> PROTESTERS
    """
    roles = _role_nouns()
    toks = [t for t in tokens if not t.is_punct]
    for seq in ([t.lemma_.lower() for t in toks], [t.lower_ for t in toks]):
        found = _sector_matches(seq)  # nearest the end first, longer before shorter
        if not found:
            continue
        end, n, sector = found[0]
        if " ".join(seq[end - n : end]) in roles:
            modifier = next(
                (m for m in found if m[0] < end - n + 1 and " ".join(seq[m[0] - m[1] : m[0]]) not in roles), None
            )
            if modifier is not None and modifier[0] == end - n:  # the word just before the role noun
                return modifier[2]
        return sector
    return None


def core_head(head: Token) -> Token:
    """The noun that names who a phrase is: past partitive and group words ("a group of Moroccan diplomats",
    "members of the militia", "hundreds of protesters") to their "of" object.

    Example:
        >>> # core_head(group) in "a group of Moroccan diplomats" -> diplomats
    """
    partitive = frozenset(str(w).lower() for w in load("actors")["partitive_nouns"])
    for _ in range(4):
        if head.lemma_.lower() not in partitive and not head.like_num:
            return head
        pobj = next(
            (g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
            None,
        )
        if pobj is None:
            return head
        head = pobj
    return head


def _head_sector(head: Token, span: Span) -> str | None:
    """The sector named by the phrase's core head and its modifiers, else by any word of the phrase."""
    core = core_head(head)
    mods = [c for c in core.children if c.dep_ in ("compound", "amod", "nmod") and c.i < core.i]
    core_tokens = sorted([*(t for m in mods for t in m.subtree), core], key=lambda t: t.i)
    return sector_of(core_tokens) or sector_of(span)


def _country_of(span: Span, gazetteer) -> str | None:
    """ISO3 of a demonym or place name inside the phrase ("Syrian forces", "Nigeria's army")."""
    if gazetteer is None:
        return None
    for tok in span:
        if tok.pos_ in ("ADJ", "PROPN", "NOUN") and tok.text[:1].isupper():
            iso2 = gazetteer.demonym(tok.text)
            if iso2 is None and tok.ent_type_ == "GPE":
                best = gazetteer.lookup(tok.text, limit=1)
                iso2 = best[0].country if best and best[0].feature == "country" else None
            if iso2:
                place = gazetteer.country(iso2)
                return place.country_iso3 if place else None
    return None


def describe(head: Token, gazetteer=None) -> dict:
    """The actor dict for the noun phrase headed by ``head``.

    Example:
        >>> # "Syrian security forces" -> {"name": "Syrian security forces", "country": "SYR", "sector": "SECURITY"}
    """
    span = phrase(head)
    # a leading number or determiner is evidence of a count, not part of the actor's name
    name_tokens = [t for t in span if not (t.dep_ in _LEADING_NOISE and t.i < head.i) and not t.like_num]
    while name_tokens and name_tokens[0].lower_ in ("suspected", "alleged", "more", "than", "least", "at"):
        name_tokens = name_tokens[1:]
    # the name as written (original spacing), from the first kept word to the end of the phrase
    name = doc_text(head.doc)[name_tokens[0].idx : span.end_char] if name_tokens else span.text
    name = re.sub(r"[’']s$", "", name.strip())
    entry = named_actor(span.text)
    sector = entry["sector"] if entry else _head_sector(head, span)
    country = entry.get("country") if entry else None
    country = country or _country_of(span, gazetteer)
    actor = span_dict(span, name=entry["name"] if entry else name, country=country, sector=sector)
    return _with_acled_name(actor, entry, gazetteer)


def _with_acled_name(actor: dict, entry: dict | None, gazetteer) -> dict:
    """Add ACLED's name for the actor: the dictionary's, else the sector's template for its country."""
    acled_name = entry.get("acled_name") if entry else None
    sector, country = actor.get("sector"), actor.get("country")
    if not acled_name and sector and country and gazetteer is not None:
        template = load("actors")["acled_names"].get(sector)
        place = gazetteer.country(country)
        if template and place:
            acled_name = template.format(country=place.country_name or place.name)
    actor["acled_name"] = acled_name
    return actor


# ------------------------------------------------------------------------------------- finding actors in the parse


@functools.cache
def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in load("actors")[key])


def _forms(tok: Token) -> set[str]:
    """A verb's lemma and surface forms ("staged", whose lemma the small model may get wrong, -> "stage")."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    if low.endswith("ed"):
        forms |= {low[:-1], low[:-2]}
    return forms


def _verb_key(verb: Token) -> set[str]:
    """The verb's forms, with its particle for phrasal verbs ("carried out" -> "carry out")."""
    forms = _forms(verb)
    prts = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return forms | {f"{f} {p}" for f in forms for p in prts}


def _agent(verb: Token) -> Token | None:
    """The "by" agent of a passive verb."""
    return next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)


def support_subject(noun: Token) -> Token | None:
    """Who does a noun event: the subject (or passive agent) of the verb that carries it.

    Example:
        >>> # "activists staged rallies" -> activists; "a curfew was imposed by the army" -> army;
        >>> # "workers struck in protest" -> workers; "X, who was then on a tour of Asia" -> X
    """
    tok = noun
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "in" and tok.lemma_.lower() == "protest":
        verb = head.head
        return subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    if tok.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_ == "be":
        # "X was then on a tour of Asia", "X, currently on a trip to Y": whoever is on it makes it
        subj = subject_of(head.head)
        if subj is not None and subj.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            subj = head.head.head  # the relative pronoun stands for the noun the clause describes
        return subj
    if tok.dep_ not in ("dobj", "nsubjpass") or head.pos_ != "VERB" or not (_verb_key(head) & _words("support_verbs")):
        return None
    if tok.dep_ == "nsubjpass" or any(c.dep_ == "nsubjpass" for c in head.children):
        return _agent(head)
    return subject_of(head)


def accused_of(noun: Token) -> Token | None:
    """Who a report says did an act it names as a charge or a suspicion: the person charged, accused, suspected or
    convicted ("a man has been charged with murder in the stabbing death", "X is suspected in the armed robbery",
    "X was charged in three kidnappings"); ACLED codes the alleged perpetrator.

    Example:
        >>> # "A local man was charged in the robbery" -> accused_of(robbery) == man
    """
    tok = noun
    for _ in range(3):  # "kidnapping and sexual assaults", "the stabbing death": climb to the phrase's head
        if tok.dep_ in ("conj", "compound", "amod") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "with", "of", "for"):
        return None
    verb = tok.head.head
    if verb.dep_ == "pobj" and verb.head.lower_ == "in" and verb.head.head.pos_ in ("VERB", "ADJ"):
        verb = verb.head.head  # "charged with murder in the stabbing death": the charge's verb
    if verb.lemma_.lower() not in _words("accusation_verbs"):
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a man suspected in the robbery"
    if verb.dep_ == "acomp":
        verb = verb.head  # "X is suspected in ...": the subject of "is"
    subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
    return subject if subject is not None and subject.pos_ != "PRON" else None


#: Object pronouns, read as the subject pronoun of the same person and number.
_AS_SUBJECT = {"them": "they", "him": "he", "her": "she", "us": "we"}


def antecedent(pron: Token) -> Token | None:
    """The noun a pronoun stands for: the subject of a clause above it ("Hungary said it will ..."). An object
    pronoun skips its own verb's subject ("the rebels say troops forced them to withdraw": the rebels).

    Example:
        >>> # "Syria says it is willing to withdraw" -> antecedent(it) == Syria
    """
    low = _AS_SUBJECT.get(pron.lower_, pron.lower_)
    if low not in ("it", "they", "he", "she", "we"):
        return None
    for anc in ancestors_until(pron):
        if anc == pron.head and pron.lower_ in _AS_SUBJECT:
            continue  # an object pronoun is never its own verb's subject: "troops forced them" (them: not troops)
        subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pron.i), None)
        if subj is None or subj.pos_ == "PRON":
            continue
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in subj.children):
            continue  # "his patience was running out as he met aides": something of his, not who he is
        person = subj.ent_type_ == "PERSON"
        plural = subj.tag_ in ("NNS", "NNPS")
        if (low == "it" and (person or plural)) or (low in ("he", "she") and plural):
            return None
        return subj
    return None


def _is_weapon(head: Token) -> bool:
    weapons = _words("weapon_subjects")
    mods = [c.lower_ for c in head.children if c.dep_ == "compound"]
    return head.lemma_.lower() in weapons or any(f"{m} {head.lemma_.lower()}" in weapons for m in mods)


def weapon_owner(head: Token, gazetteer=None) -> dict | None:
    """Who fired a weapon that stands as a subject ("Israeli tanks fired", "a Hezbollah drone struck"), from the
    demonym, country, named group or force in its phrase; None when the phrase names nobody ("a drone struck").

    Example:
        >>> # "Israeli tanks" -> {"name": "Israeli military", "country": "ISR", "sector": "MILITARY", ...}
    """
    if not _is_weapon(head):
        return None
    span = phrase(head)
    mods = [t for t in span if t.i < head.i and t.dep_ not in _LEADING_NOISE and not t.like_num]
    if not mods:
        return None
    entry = named_actor(span.text)
    country = (entry or {}).get("country") or _country_of(span, gazetteer)
    sector = (entry or {}).get("sector") or sector_of(mods)
    if entry is None and country is None and sector is None:
        return None
    if entry:
        name = entry["name"]
    elif sector:
        name = doc_text(head.doc)[mods[0].idx : mods[-1].idx + len(mods[-1].text)]
    else:
        name = f"{mods[0].text} military"
    actor = span_dict(span, name=name, country=country, sector=sector or "MILITARY")
    return _with_acled_name(actor, entry, gazetteer)


def _instrument_in(tokens: list[Token], key: str) -> Token | None:
    words = _words(key)
    for i, t in enumerate(tokens):
        two = f"{t.lower_} {tokens[i + 1].lower_}" if i + 1 < len(tokens) else ""
        if t.lemma_.lower() in words or t.lower_ in words or two in words:
            return t
    return None


def _instrument_owners(inst: Token) -> list[Token]:
    """Who an instrument phrase says wields it: its modifiers ("police firing", "the army's shelling"), the noun
    it describes ("police | firing" parsed as a noun with a clause) and its "by" phrase ("bullets fired by
    troops")."""
    # "police firing" may be parsed as a clause with "police" its subject; a hedge on it ("suspected IS attacks")
    # says how sure the report is, not who attacked
    hedges = word_set("lexicon", "hedges")
    owners = [
        c for c in inst.children if c.dep_ in ("compound", "amod", "poss", "nmod", "nsubj") and c.lower_ not in hedges
    ]
    if inst.dep_ in ("acl", "compound") and inst.head.pos_ in ("NOUN", "PROPN"):
        owners.append(inst.head)
    owners += [
        p
        for t in inst.subtree
        if t.dep_ in ("agent", "prep") and t.lower_ == "by"
        for p in t.children
        if p.dep_ == "pobj"
    ]
    # the noun just before it, however parsed ("in police firing" read as "in police" + a clause "firing")
    before = inst.doc[inst.i - 1] if inst.i > 0 else None
    if before is not None and before.pos_ in ("NOUN", "PROPN") and before not in owners:
        owners.append(before)
    return owners


def _instrument_carriers(trigger: Token) -> list[Token]:
    """The words whose phrases may name a killing's instrument: the trigger's own (and its modifiers'), and for an
    event noun that is the subject of a verb of happening, that verb's ("three deaths took place due to police
    firing")."""
    carriers = list(trigger.children)
    # "deaths due to police firing": the preposition may hang on "due" (or "owing") as a modifier
    carriers += [g for c in trigger.children if c.dep_ in ("amod", "advmod", "acomp") for g in c.children]
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return carriers
    tok = trigger
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head != tok.head:  # "two of the deaths"
        tok = tok.head.head
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB":
        carriers += [c for c in tok.head.children if c.dep_ == "prep"]
    return carriers


def _antecedent_phrases(trigger: Token) -> list[list[Token]]:
    """For a killing told in a relative clause ("a firing at the mob in which four were killed", "the police firing
    that left one dead"), the phrase the clause describes and the words above it up to the first verb that is no
    instrument: where the killing's instrument is named."""
    if trigger.dep_ != "relcl":
        return []
    own = {t.i for t in trigger.subtree}
    ante = trigger.head
    phrases = [[t for t in ante.subtree if t.i not in own]]
    instruments = _words("instruments")
    for anc in list(ancestors_until(ante))[:4]:
        if anc.lemma_.lower() in instruments or anc.lower_ in instruments:
            phrases.append([anc])
            break
        if anc.pos_ in ("VERB", "AUX"):
            break
    return phrases


def instrument_actor(trigger: Token, gazetteer=None) -> dict | None:
    """The actor named in the instrument of a killing or wounding: "killed in police firing", "died of bullets
    fired by troops", "injured in a lathi-charge" (an instrument only the police wield), "killed when police opened
    fire" (the subject of a clause of force).

    Example:
        >>> # "Two men were killed in police firing" -> {"name": "police", "sector": "POLICE", ...}
    """
    phrases: list[list[Token]] = []
    for child in _instrument_carriers(trigger):
        if child.dep_ in ("prep", "agent"):
            # "in police firing" may be parsed as a clause ("pcomp"); "due to police firing": the object may hang
            # on the second word of the preposition
            objs = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
            objs = objs or [g for g in child.subtree if g.dep_ == "pobj"][:1]
            phrases += [list(o.subtree) for o in objs]
        elif child.dep_ == "advcl" and _forms(child) & _words("force_verbs"):
            subj = subject_of(child)
            if subj is not None and subj.pos_ != "PRON" and sector_of([subj]) in load("actors")["armed_sectors"]:
                return describe(subj, gazetteer)
            phrases.append([child])  # "died in police | firing", the clause a misparse of the instrument noun
    subj = next((c for c in trigger.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        phrases.append(list(subj.subtree))
    phrases += _antecedent_phrases(trigger)
    armed = load("actors")["armed_sectors"]
    for tokens in phrases:
        inst = _instrument_in(tokens, "instruments")
        if inst is None:
            continue
        owners = _instrument_owners(inst)
        if inst.pos_ == "VERB" and not owners:  # "the SP ordered firing at the mob": who ordered it fired
            owners = [s for s in [subject_of(inst)] if s is not None and s.pos_ != "PRON"]
        for t in owners:
            if named_actor(t.text) or sector_of(list(phrase(t))) in armed:
                return describe(t, gazetteer)
        police = _instrument_in(tokens, "police_instruments")
        if police is not None:
            doc, end = police.doc, police.i + 1
            while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
                end += 2  # "lathi-charge", split in three tokens
            return span_dict(doc[police.i : end], name="police", country=None, sector="POLICE", acled_name=None)
    return None


def is_armed(actor: dict | None) -> bool:
    """Whether ACLED counts the actor as armed (an attack on it is a battle)."""
    return bool(actor) and actor.get("sector") in load("actors")["armed_sectors"]


def is_state(actor: dict | None) -> bool:
    """Whether the actor speaks or acts for a state (army, police, government)."""
    return bool(actor) and actor.get("sector") in load("actors")["state_sectors"]
