"""Who speaks: the speaker phrase read from a cue in the parse (subjects, agents, "according to" objects,
statement owners), widened to a name with its title, apposition, rank and organisation, and its kind."""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Token

from eventwire.extractors.quotes.context import Mention, QuoteContext
from eventwire.extractors.quotes.cues import is_cue_noun, is_rank, is_sent_punct, phrase_cue

_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})
POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}  # "its report" speaks as "it"
_RELATIVES = frozenset({"who", "which", "that", "whom"})
_DASHES = "―—–"


def _strip_the(text: str) -> str:
    """A name without its leading "the".

    Example:
        >>> _strip_the("The Interior Ministry")
        'Interior Ministry'
    """
    return re.sub(r"(?i)^the\s+", "", text).strip()


def last_word(text: str | None) -> str | None:
    """The last word of a title, lower-cased: the head word its kind is read from.

    Example:
        >>> last_word("Interior Ministry spokesperson"), last_word(None)
        ('spokesperson', None)
    """
    if not text:
        return None
    words = re.findall(r"[\w-]+", text.lower())
    return words[-1] if words else None


def is_name_token(ctx: QuoteContext, tok: Token) -> bool:
    """Whether ``tok`` can be part of a personal name: a capitalised proper noun that is no rank, role or
    organisation word, or a name particle ("al", "bin", "van").
    """
    low = tok.lower_
    if tok.pos_ != "PROPN" and not (tok.text[:1].isupper() and tok.pos_ in ("NOUN", "ADJ", "X")):
        return low in ctx.lex.name_particles
    if is_rank(ctx, tok) or low in ctx.lex.roles or low in ctx.lex.org_words:
        return False
    return tok.text[:1].isupper() or low in ctx.lex.name_particles


def name_span(ctx: QuoteContext, head: Token) -> tuple[int, int]:
    """Token range [a, b) of the personal name ending at (or containing) ``head``."""
    doc = ctx.doc
    a = b = head.i
    ent = ctx.ent_of[head.i]
    # extend right over the rest of a name the parser headed on its first word
    while b + 1 < ctx.n and b - head.i < 4 and doc[b].whitespace_ in ("", " "):
        nxt = doc[b + 1]
        joined = nxt.text == "-" and not doc[b].whitespace_ and not nxt.whitespace_
        if joined or (is_name_token(ctx, nxt) and (nxt.head.i == head.i or (ent is not None and nxt.i < ent.end))):
            b += 1
        else:
            break
    if doc[b].text == "-":
        b -= 1
    # extend left over first names, particles and joined hyphens
    while a - 1 >= 0 and head.i - a < 5:
        prev = doc[a - 1]
        if "\n" in prev.whitespace_ or prev.is_space:
            break
        if prev.text == "-" and not prev.whitespace_ and a - 2 >= 0 and not doc[a - 2].whitespace_:
            a -= 1
            continue
        attached = (ent is not None and ent.label_ == "PERSON" and prev.i >= ent.start) or (prev.i < prev.head.i <= b)
        if is_name_token(ctx, prev) and attached:
            a -= 1
            continue
        break
    if doc[a].text == "-":
        a += 1
    return a, b + 1


def pre_title(ctx: QuoteContext, a: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(title span, rank span) as char ranges for the words right before the name starting at token ``a``."""
    doc = ctx.doc
    seq: list[Token] = []
    i = a - 1
    while i >= 0 and len(seq) < 10:
        t = doc[i]
        if "\n" in t.whitespace_ or t.is_space:
            break
        ok = False
        if t.text == "." and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text.lower() in ctx.lex.ranks:
            ok = True
        elif t.text == "-" and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
            ok = True
        elif t.tag_ == "POS" or t.text in ("'s", "’s"):
            ok = True
        elif t.lower_ == "of" and seq and seq[-1].text[:1].isupper() and i > 0 and doc[i - 1].text[:1].isupper():
            ok = True
        elif t.pos_ in ("PROPN", "NOUN", "ADJ") and not is_cue_noun(ctx, t):
            ok = True
        if not ok:
            break
        seq.append(t)
        i -= 1
    seq.reverse()
    if not seq:
        return None, None
    # rank suffix: "Maj. Gen.", "Chief Supt."
    r = len(seq)
    while r > 0 and (is_rank(ctx, seq[r - 1]) or (seq[r - 1].text == "." and r >= 2)):
        if seq[r - 1].text == "." and not is_rank(ctx, seq[r - 2]):
            break
        r -= 1
    title, rank = seq[:r], seq[r:]
    # a title needs a role word; borrow leading rank words that are roles too ("Police Chief", "army commander")
    while rank and not any(t.lower_ in ctx.lex.roles for t in title):
        if rank[0].lower_.rstrip(".") in ctx.lex.roles:
            title.append(rank.pop(0))
        else:
            break
    while rank and rank[0].text == ".":
        rank.pop(0)
    # the title starts at the first word that is a role, an organisation word, or capitalised
    while title and (title[0].tag_ == "POS" or title[0].lower_ == "of"):
        title.pop(0)
    title_span = None
    if title and any(t.lower_ in ctx.lex.roles for t in title):
        # cut anything after the last role word unless it is an "of X" tail ("Secretary of State")
        last_role = max(k for k, t in enumerate(title) if t.lower_ in ctx.lex.roles)
        tail = title[last_role + 1 :]
        if tail and tail[0].lower_ != "of":
            title = title[: last_role + 1]
        title_span = (title[0].idx, title[-1].idx + len(title[-1].text))
    rank_span = (rank[0].idx, rank[-1].idx + len(rank[-1].text)) if rank else None
    return title_span, rank_span


def appos_title(ctx: QuoteContext, b: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """(title span, org span) from ", a Syrian counterterrorism researcher at X" after the name ending at ``b``."""
    doc = ctx.doc
    if b >= ctx.n or doc[b].text != ",":
        return None, None
    seg: list[Token] = []
    i = b + 1
    while i < ctx.n and len(seg) < 16:
        t = doc[i]
        if t.is_punct and t.text not in ("-", "'s", "’s") or t.is_space:
            break
        if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") or t.lower_ in _RELATIVES:
            break
        seg.append(t)
        i += 1
    if seg and seg[0].pos_ == "DET":
        seg = seg[1:]
    roles = [k for k, t in enumerate(seg[:9]) if t.lower_ in ctx.lex.roles and t.pos_ in ("NOUN", "PROPN")]
    if not roles and b + 1 < ctx.n and doc[b + 1].lower_ in ("a", "an", "the"):
        # "Karim Haddou, a baker in the old quarter": the noun heading the apposition
        first_adp = next((k for k, t in enumerate(seg) if t.pos_ == "ADP"), len(seg))
        nouns = [k for k, t in enumerate(seg[:first_adp]) if t.pos_ == "NOUN" and t.text.islower()]
        roles = nouns[-1:]
    if not seg or not roles:
        return None, None
    # the role is the last role word before the first preposition
    first_adp = next((k for k, t in enumerate(seg) if t.pos_ == "ADP"), len(seg))
    before = [k for k in roles if k < first_adp]
    role_k = before[-1] if before else roles[0]
    end_k = role_k
    k = role_k + 1
    org_span = None
    while k < len(seg):
        t = seg[k]
        if t.pos_ != "ADP":
            break
        np = []
        k2 = k + 1
        while k2 < len(seg) and seg[k2].pos_ != "ADP":
            np.append(seg[k2])
            k2 += 1
        # proper names may keep "for"/"of" inside ("Observatory for Human Rights")
        ent = ctx.ent_of[np[-1].i] if np else None
        if ent is not None and ent.label_ in ("ORG", "FAC") and ent.end > (np[-1].i + 1):
            k2 = min(len(seg), k2 + (ent.end - np[-1].i - 1))
            np = seg[k + 1 : k2]
        if not np:
            break
        if org_like(ctx, np):
            words = np[1:] if np[0].pos_ == "DET" else np
            if words:
                org_span = (words[0].idx, words[-1].idx + len(words[-1].text))
            break
        if t.lower_ == "of" and not any(w.text[:1].isupper() for w in np):
            end_k = k2 - 1  # "professor of political science"
            k = k2
            continue
        break
    title = seg[: end_k + 1]
    return (title[0].idx, title[-1].idx + len(title[-1].text)), org_span


def org_like(ctx: QuoteContext, tokens: list[Token]) -> bool:
    """Whether ``tokens`` name an organisation: an ORG/FAC entity, a capitalised org word, or capitalised
    words with a proper noun among them.
    """
    words = [t for t in tokens if t.pos_ != "DET"]
    if not words:
        return False
    ent = ctx.ent_of[words[-1].i]
    if ent is not None:
        return ent.label_ in ("ORG", "FAC")
    if words[-1].lower_ in ctx.lex.org_words and words[-1].text[:1].isupper():
        return True
    return all(w.text[:1].isupper() for w in words if w.pos_ in ("PROPN", "NOUN")) and any(
        w.pos_ == "PROPN" for w in words
    )


def org_in(ctx: QuoteContext, start: int, end: int) -> str | None:
    """An organisation named in ``[start, end)``: an ORG entity, else capitalised words ending in an org word."""
    a, b = ctx.tok_from(start), ctx.tok_from(end)
    for i in range(a, min(b, ctx.n)):
        ent = ctx.ent_of[i]
        if ent is not None and ent.label_ == "ORG" and ent.start_char >= start and ent.end_char <= end:
            return _strip_the(ent.text)
    toks = list(ctx.doc[a:b])
    for k, t in enumerate(toks):
        if t.lower_ in ctx.lex.org_words and t.text[:1].isupper():
            j = k
            while j > 0 and toks[j - 1].text[:1].isupper() and toks[j - 1].lower_ not in ctx.lex.roles:
                j -= 1
            return ctx.text[toks[j].idx : t.idx + len(t.text)]
    return None


def person_record(ctx: QuoteContext, a: int, b: int) -> dict:
    """What the text says about the person whose name is tokens [a, b): name, key, title, org, rank."""
    doc = ctx.doc
    title, rank = pre_title(ctx, a)
    app_title, app_org = appos_title(ctx, b)
    org = None
    if title is None and app_title is not None:
        title = app_title
        org = ctx.text[app_org[0] : app_org[1]] if app_org else org_in(ctx, *app_title)
    elif title is not None:
        org = org_in(ctx, *title)
        if org is None and app_org is not None:
            org = ctx.text[app_org[0] : app_org[1]]
    a0 = ctx.tok_from(rank[0]) if rank else a
    if title is None and a0 >= 2 and doc[a0 - 1].text == ",":
        # "The ministry's spokesman, Col. Ivo Markovic, ...": a role phrase with the name in apposition
        role = doc[b - 1].head if doc[b - 1].dep_ == "appos" else None
        if role is not None and role.i == a0 - 2 and role.lower_ in ctx.lex.roles:
            left = role.left_edge
            first = left.i + 1 if left.pos_ == "DET" and left.i < role.i else left.i
            title = (doc[first].idx, role.idx + len(role.text))
            org = org_in(ctx, *title)
    if title is not None and org is None:
        # "the ministry's spokesman" -> the ministry named earlier ("Interior Ministry")
        for t in doc[ctx.tok_from(title[0]) : ctx.tok_from(title[1])]:
            if t.lower_ in ctx.lex.org_words and t.text.islower():
                org = earlier_org(ctx, t)
                break
    name_tokens = [t for t in doc[a:b] if t.text != "-"]
    last = name_tokens[-1].lower_ if name_tokens else doc[b - 1].lower_
    return {
        "name": ctx.text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1].text)],
        "key": last,
        "full": len(name_tokens) >= 2,
        "start": doc[a].idx,
        "end": doc[b - 1].idx + len(doc[b - 1].text),
        "title": ctx.text[title[0] : title[1]] if title else None,
        "org": org,
        "rank": ctx.text[rank[0] : rank[1]] if rank else None,
    }


def mention_of(ctx: QuoteContext, head: Token) -> Mention:
    """The speaker phrase headed by ``head`` (widened over its name, entity, modifiers)."""
    doc = ctx.doc
    if (head.lower_ in _PRONOUNS or head.lower_ in POSSESSIVES) and head.pos_ == "PRON":
        return Mention(head, head.idx, head.idx + len(head.text), pronoun=True)
    ent = ctx.ent_of[head.i]
    if is_person_head(ctx, head):
        a, b = name_span(ctx, head)
        return Mention(head, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
    # a noun phrase: contiguous left modifiers, right "familiar with ..." / "of ..." / "in ..." modifiers
    a = b = head.i
    kids = ctx.children(head)
    for c in sorted((c for c in kids if c.i < head.i), key=lambda c: -c.i):
        if c.dep_ in ("punct", "cc", "appos", "relcl", "acl", "conj") or c.right_edge.i != a - 1:
            break
        a = c.left_edge.i
    for c in sorted((c for c in kids if c.i > head.i), key=lambda c: c.i):
        if c.dep_ not in ("amod", "prep", "compound", "nummod", "npadvmod") or c.left_edge.i != b + 1:
            break
        if c.right_edge.i - head.i > 12:
            break
        b = c.right_edge.i
    if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC", "PERSON", "LOC"):
        a, b = min(a, ent.start), max(b, ent.end - 1)
    while b > a and (doc[b].is_punct or doc[b].is_space):
        b -= 1
    while a < b and (doc[a].is_punct or doc[a].is_space):
        a += 1
    return Mention(head, doc[a].idx, doc[b].idx + len(doc[b].text))


def is_person_head(ctx: QuoteContext, head: Token) -> bool:
    """Whether ``head`` names a person: a registered surname, a PERSON entity, or a capitalised name with a
    title or of two words that is no organisation, place or news outlet.
    """
    if head.pos_ != "PROPN" and not head.text[:1].isupper():
        return False
    a, b = name_span(ctx, head)
    if b <= a:
        return False
    key = ctx.doc[b - 1].lower_
    if key in ctx.registry:
        return True
    ent = ctx.ent_of[head.i]
    if ent is not None:
        if ent.label_ == "PERSON":
            return True
        if ent.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC"):
            return False
    words = ctx.text[ctx.doc[a].idx : ctx.doc[b - 1].idx + len(ctx.doc[b - 1].text)]
    if ctx.lex.pattern("media_names").search(words) or head.lower_ in ctx.lex.org_words:
        return False
    title, _ = pre_title(ctx, a)
    return title is not None or b - a >= 2


def speaker_from_cue(ctx: QuoteContext, cue: Token, depth: int = 0) -> Mention | None:
    """The speaker of a cue verb: its subject, agent, or the subject of the clause it hangs on."""
    if depth > 4:
        return None
    kids = ctx.children(cue)
    subjects = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
    subj = subjects[0] if subjects else None
    if len(subjects) >= 2 and subjects[1].left_edge.i == subjects[0].right_edge.i + 1:
        # "The state news agency SANA reported": one phrase the parser split in two
        named = next((c for c in subjects[:2] if c.pos_ == "PROPN"), subjects[1])
        mention = from_noun(ctx, named)
        if mention is not None and not mention.pronoun:
            mention.start = min(mention.start, subjects[0].left_edge.idx)
        return mention
    if subj is None and depth > 0:
        subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    if subj is None:
        agent = next((c for c in kids if c.dep_ == "agent"), None)
        if agent is not None:
            subj = next((c for c in ctx.children(agent) if c.dep_ == "pobj"), None)
    if subj is not None:
        if subj.pos_ == "NOUN":
            # "The former rebel leader, Tariq Mansour, told ...": the name in apposition speaks
            named = next((c for c in ctx.children(subj) if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if named is not None:
                subj = named
        if subj.lower_ in _RELATIVES and cue.dep_ == "relcl":
            return from_noun(ctx, cue.head)
        if subj.lower_ == "it" and any(c.dep_ in ("auxpass",) for c in kids):
            return None  # "it was reported that ..."
        if is_cue_noun(ctx, subj):
            # "the ministry's statement said" -> the ministry; "the letter reads" -> the letter
            return speaker_of_noun_cue(ctx, subj) or earlier_issuer(ctx, subj) or mention_of(ctx, subj)
        return from_noun(ctx, subj)
    if cue.head.i != cue.i and cue.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "ccomp", "relcl"):
        head = cue.head
        lo, hi = sorted((head.i, cue.i))
        if any(is_sent_punct(ctx, t) for t in ctx.doc[lo + 1 : hi]):
            return None  # the parse joined two sentences ("... complicated. Said Ellis: ...")
        if head.pos_ in ("NOUN", "PROPN", "PRON"):
            if is_cue_noun(ctx, head):  # "a policy paper calling for ...", "tweets criticizing ..."
                return speaker_of_noun_cue(ctx, head) or mention_of(ctx, head)
            return from_noun(ctx, head)
        if head.dep_ == "prep" or head.pos_ == "ADP":  # "as saying" under "quoted"
            head = head.head
            if head.lemma_.lower() == "quote":  # "Saba quoted the negotiator, X, as saying": X speaks
                obj = next((c for c in ctx.children(head) if c.dep_ in ("dobj", "nsubjpass")), None)
                if obj is not None:
                    named = next((c for c in ctx.children(obj) if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
                    return from_noun(ctx, named if named is not None and obj.pos_ == "NOUN" else obj)
        return speaker_from_cue(ctx, head, depth + 1)
    return None


def from_noun(ctx: QuoteContext, tok: Token) -> Mention | None:
    """The speaker mention a noun stands for; None for dates, numbers, punctuation and quoted words."""
    if tok.pos_ in ("PUNCT", "SPACE", "NUM", "DET") or ctx.inside[tok.i]:
        return None
    if tok.ent_type_ in ("DATE", "TIME"):
        return None  # "Jordan said Monday": a misparsed time, never a speaker
    if is_cue_noun(ctx, tok):
        return speaker_of_noun_cue(ctx, tok)
    return mention_of(ctx, tok)


def speaker_of_noun_cue(ctx: QuoteContext, noun: Token) -> Mention | None:
    """Who a statement is from: "the ministry's statement", "a statement from X", "X released a statement"."""
    kids = ctx.children(noun)
    for c in kids:
        if c.dep_ == "poss":
            return from_noun(ctx, c)
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            pobj = next((p for p in ctx.children(c) if p.dep_ == "pobj"), None)
            if pobj is not None and not is_cue_noun(ctx, pobj):
                return from_noun(ctx, pobj)
    for c in kids:
        if c.dep_ == "compound" and (ctx.ent_of[c.i] is not None or c.lower_ in ctx.lex.org_words):
            return from_noun(ctx, c)
    verb = noun.head
    if noun.dep_ == "pobj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.i != noun.i and noun.dep_ in ("dobj", "pobj", "attr") and verb.pos_ in ("VERB", "AUX"):
        subj = next((c for c in ctx.children(verb) if c.dep_ == "nsubj"), None)
        if subj is not None and not is_cue_noun(ctx, subj):
            return from_noun(ctx, subj)
    return None


def earlier_issuer(ctx: QuoteContext, noun: Token) -> Mention | None:
    """Who issued "the statement": the speaker of the last earlier mention of the same speech noun
    ("the army said in a statement ... the statement said" -> the army)."""
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in ctx.children(noun)):
        return None
    for i in range(noun.i - 1, max(-1, noun.i - 600), -1):
        t = ctx.doc[i]
        if t.lemma_.lower() == noun.lemma_.lower() and is_cue_noun(ctx, t):
            found = speaker_of_noun_cue(ctx, t)
            if found is not None:
                return found
    return None


def plain_word(ctx: QuoteContext, tok: Token) -> bool:
    """A capitalised word that is still a common noun of the lexicon ("State TV", "Police", "Army")."""
    low = tok.lower_
    lex = ctx.lex
    return (
        low in lex.org_words
        or low in lex.roles
        or low in lex.anonymous_heads
        or any(low in words for words in lex.kinds.values())
    )


def name_part(ctx: QuoteContext, head: Token, mention: Mention) -> tuple[int, int] | None:
    """Char span of the proper name inside a non-person phrase that ``head`` heads, or None."""
    doc = ctx.doc
    m_lo = ctx.tok_from(mention.start)
    ent = ctx.ent_of[head.i]
    if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC", "PERSON"):
        a, b = ent.start, ent.end
        if doc[a].lower_ == "the" and a + 1 < b:
            a += 1
    elif head.pos_ == "PROPN" and head.text[:1].isupper():
        a, b = head.i, head.i + 1
        while a - 1 >= m_lo and doc[a - 1].text[:1].isupper() and doc[a - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
            a -= 1
    elif head.lower_ in ctx.lex.org_words or any(head.lower_ in ctx.lex.kinds[k] for k in ("media", "monitor")):
        # "the Eastern Rights Watch monitoring group": the name standing before a descriptor
        k = head.i - 1
        while k >= m_lo and not doc[k].text[:1].isupper():
            if doc[k].pos_ not in ("NOUN", "ADJ", "VERB") or not doc[k].text.isalpha():
                return None
            k -= 1
        if k < m_lo:
            return None
        b = k + 1
        a = b
        while a - 1 >= m_lo and doc[a - 1].text[:1].isupper() and doc[a - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
            a -= 1
        if a == b:
            return None
    else:
        return None
    # a capitalised possessor belongs to the name: "Moscow's Foreign Ministry"
    if a - 2 >= m_lo and doc[a - 1].tag_ == "POS" and doc[a - 2].text[:1].isupper():
        a -= 2
        while a - 1 >= m_lo and doc[a - 1].text[:1].isupper() and doc[a - 1].pos_ == "PROPN":
            a -= 1
    words = [t for t in doc[a:b] if t.tag_ != "POS" and t.is_alpha]
    if not words or all(plain_word(ctx, t) for t in words):
        return None
    return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)


def earlier_org(ctx: QuoteContext, head: Token) -> str | None:
    """The last organisation named before ``head`` whose name ends in the same word ("Interior Ministry").

    Heads that several sides share in one report ("the army", "the police": ``shared_org_heads``) are not
    resolved: "the army said" in a report on the National Liberation Army is not that army.
    """
    if head.lower_ in ctx.lex.shared_org_heads:
        return None
    best = None
    for word in {head.lower_, head.lower_.rstrip("s")}:
        starts, found = ctx.orgs_by_word.get(word, ([], []))
        i = bisect.bisect_left(starts, head.i) - 1
        if i >= 0 and (best is None or found[i].start > best.start):
            best = found[i]
    return _strip_the(best.text) if best is not None else None


def speaker_for(ctx: QuoteContext, cue: tuple[Token, str, int, int]) -> Mention | None:
    """The speaker of a cue found in a window: the object of "according to", else the speech verb's speaker."""
    tok = cue[0]
    if phrase_cue(ctx, tok) is not None:
        last = ctx.doc[phrase_cue(ctx, tok)]
        pobj = next((c for c in ctx.children(last) if c.dep_ == "pobj"), None)
        if pobj is None and last.i + 1 < ctx.n:
            # the parser hung the object elsewhere: take the next noun phrase head
            for j in range(last.i + 1, min(ctx.n, last.i + 10)):
                t = ctx.doc[j]
                if t.is_punct:
                    break
                if t.pos_ in ("NOUN", "PROPN") and (t.head.i < last.i + 1 or t.head.i > j or t.head.i == t.i):
                    pobj = t
                    break
        return from_noun(ctx, pobj) if pobj is not None else None
    return speaker_from_cue(ctx, tok)


def window_speaker(ctx: QuoteContext, cue: Token, lo_tok: int, hi_tok: int, *, tail: bool) -> Mention | None:
    """Fallback when the parse gives the cue no subject: the noun phrase next to it in the window.

    After a closing mark the first phrase of the tail (",” a diplomat, who ..., said"); before an opening
    mark the phrase nearest the cue ("In a statement, the ministry said:"); else the phrase right after
    the cue ("said a diplomat").
    """
    doc = ctx.doc
    before = range(lo_tok, cue.i) if tail else range(cue.i - 1, lo_tok - 1, -1)
    for j in before:
        t = doc[j]
        if not tail and is_sent_punct(ctx, t):
            break  # "... complicated. Said Ellis:" looks after the cue, not into the last sentence
        if ctx.inside[j] or t.is_punct or t.is_space:
            continue
        found = nounish(ctx, t, lo_tok, cue.i)
        if found is not None:
            return from_noun(ctx, found)
        if tail:
            # a name the parser broke up (",” Tulsa police Chief Chuck Jordan said): the words before the cue
            words = [w for w in doc[j : cue.i] if not w.is_space]
            if 0 < len(words) <= 8 and all(w.text[:1].isupper() or w.pos_ in ("NOUN", "ADJ") for w in words):
                if words[-1].pos_ == "PROPN" or words[-1].text[:1].isupper():
                    return from_noun(ctx, words[-1])
            break
    for j in range(cue.i + 1, min(hi_tok, cue.i + 6)):
        t = doc[j]
        if t.is_punct or t.is_space or ctx.inside[j]:
            break
        found = nounish(ctx, t, cue.i + 1, hi_tok)
        if found is not None:
            return from_noun(ctx, found)
    return None


def nounish(ctx: QuoteContext, t: Token, lo: int, hi: int) -> Token | None:
    """The head of the noun phrase ``t`` starts or sits in, kept within tokens [lo, hi)."""
    if t.pos_ in ("DET", "ADJ", "NUM") and lo <= t.head.i < hi and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head
    if t.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if t.pos_ == "PROPN":
        _, b = name_span(ctx, t)
        return ctx.doc[min(b, hi) - 1]
    for _ in range(4):
        if t.dep_ == "compound" and t.i < t.head.i < hi:
            t = t.head
    return t


def span_mention(ctx: QuoteContext, start: int, end: int) -> Mention | None:
    """The mention covering chars [start, end), headed by its last word."""
    a, b = ctx.tok_from(start), ctx.tok_from(end)
    if b <= a:
        return None
    return Mention(ctx.doc[b - 1], start, end)


def signature(ctx: QuoteContext, at: int, limit: int) -> Mention | None:
    """A name signing the quote that closes at ``at``: a dash and a capitalised name ending the paragraph."""
    text = ctx.text
    m = re.compile(r"[^\S\n]*[" + _DASHES + r"][^\S\n]*").match(text, at, limit)
    if m is None:
        return None
    end = m.end()
    line_end = text.find("\n", end, limit)
    name = re.sub(r"[\s.]+$", "", text[end : limit if line_end < 0 else line_end])
    words = name.split()
    if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w in ctx.lex.name_particles for w in words):
        return None
    return span_mention(ctx, end, end + len(name))
