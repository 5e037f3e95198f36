"""Direct, partial and indirect quotes with their speakers: the record's ``quotes``.

``find_quotes(doc)`` returns one dict per quote, in text order::

    {"text": "We will not allow ...", "kind": "direct",          # direct | partial | indirect
     "speaker": "Fares Khalil", "speaker_title": "Interior Ministry spokesperson",
     "speaker_org": "Interior Ministry", "speaker_rank": "Maj. Gen.", "speaker_kind": "official",
     "pronoun": False, "cue": "said", "start": 10, "end": 65,
     "speaker_start": 80, "speaker_end": 86, "cue_start": 87, "cue_end": 91}

How it works, in order:

1. Quote marks are paired per paragraph from the characters themselves (straight and curly double marks,
   guillemets, doubled apostrophes as news archives print them (``''Yes,'' he said``), and single marks only
   where they cannot be apostrophes). An opening mark left open at the end of a paragraph whose next paragraph
   opens with a mark is a quote running over paragraphs: its piece ends at the paragraph end and the pieces
   share one speaker.
2. A quote piece is *direct* when it stands as an utterance (sentence start, after ``:`` or ``,``), *partial*
   when it sits inside running text (``said Washington was "constantly evaluating its posture"``); a direct
   piece lying inside a clause reported by a cue with the reporter's own words around it becomes partial.
3. Its cue is, in order: a transcript label opening the quote (``"OKAFOR: ...``, the label is the speaker); a
   signature after it (``“...” ― Lena Ortiz``); a speech verb governing the quoted words in the parse; a
   speech verb right after the closing mark (``,” Khalil said``); one before the opening mark in the same
   sentence (``Limbaugh continued: “...”``); a speech noun ("statement") in the sentence; else the previous
   quote's speaker and cue when nothing but its attribution lies between them (continuation: the pieces of
   one utterance share its cue).
4. Indirect quotes are the clausal complements of speech verbs ("X said (that) ..."), including a reported
   sentence around a parenthetical attribution ("The bridge, Mr. Osei said, will ..."); the clauses carrying
   "according to X"; the that-clauses and to-infinitives of verbs of belief, intention and evidence ("believes
   ...", "wants to ...", "urged residents to ..."); the objects of verbs whose object is what was said
   ("cited ...", "called for ...", "accused X of ..."); the that-clauses and objects of claim nouns with an
   owner ("the ministry's claim that ..."); and a headline's "Name: claim" or "Name Says Claim". Belief and
   object verbs need a speaker: "is expected to travel" reports nobody.
5. The speaker is read from the cue in the parse (subject, inverted subject, agent, "according to" object,
   "a statement from X", the subject of "released a statement ...", the issuer of an earlier statement for
   "the statement said"), then widened to a name, a title before the name, an apposition after it ("X, a ...
   analyst at Y"), resolved to the first full mention of the same surname, or, for pronouns (and possessives:
   "its report"), to the most recent named person speaker or subject.

Every cue word, role noun, rank and speaker-kind word comes from ``data/speech.yaml``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from eventwire.extractors.parse import doc_text

SPEECH_YAML = Path(__file__).resolve().parent.parent / "data" / "speech.yaml"

#: Kinds tried in this order when classing a speaker phrase.
KIND_ORDER = ("witness", "monitor", "media", "expert", "official")

# Limits that keep the work linear on long or badly punctuated documents.
_MAX_WINDOW = 40  # tokens searched after a closing mark / before an opening mark
_MAX_CLIMB = 40  # steps up the parse
_MAX_SUBTREE_SCAN = 200  # widest subtree whose children we list directly
_MAX_SINGLE_QUOTE = 300  # characters inside a single-mark quote

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_DOUBLE_MARKS = '"“”„«»'
_OPEN_CONTEXT = "([{—–-/:'‘“„«\""
_CLOSE_CONTEXT = ".,;:!?)]}—–-…'’”»\""
_SENT_PUNCT = frozenset({".", "!", "?", "...", "…"})
_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})
_POSSESSIVES = {"his": "he", "her": "she", "its": "it", "their": "they"}  # "its report" speaks as "it"
_RELATIVES = frozenset({"who", "which", "that", "whom"})
_DATELINE = re.compile(r"[A-Z]{2,}[A-Z'’. ]*(?:,[^\n]{0,40}?)?(?:\s*\([^()\n]{1,40}\))?\s+[-—–]{1,2}\s+")
# a transcript's speaker label opening a quoted turn: "HOST: Let's start ...", "MS. OKAFOR: ..."
_LABEL = re.compile(r"([A-Z][A-Z.'’-]*[A-Z](?: [A-Z][A-Z.'’-]*[A-Z]){0,3}):\s+(?=\S)")
_DASHES = "―—–"
_ELISIONS = ("tis ", "twas ", "em ", "n ", "n'", "cause ", "til ", "till ", "s ")


# --------------------------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class SpeechLexicon:
    """The word lists of ``speech.yaml``, lower-cased into sets (``media_names`` keep their case)."""

    verbs: frozenset[str]
    tail_only_verbs: frozenset[str]
    phrasal_verbs: frozenset[tuple[str, str]]
    phrases: tuple[tuple[str, ...], ...]
    nouns: frozenset[str]
    roles: frozenset[str]
    ranks: frozenset[str]
    name_particles: frozenset[str]
    org_words: frozenset[str]
    kinds: dict[str, frozenset[str]]
    media_names: tuple[str, ...]
    anonymous_heads: frozenset[str]
    anonymity_phrases: tuple[str, ...]
    shared_org_heads: frozenset[str] = frozenset()
    attitude_verbs: frozenset[str] = frozenset()
    object_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    naming_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    headline_labels: frozenset[str] = frozenset()
    headline_sources: frozenset[str] = frozenset()
    issuing_verbs: frozenset[str] = frozenset()
    _patterns: dict[str, re.Pattern] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_yaml(cls, path: str | Path = SPEECH_YAML) -> SpeechLexicon:
        """Read a lexicon file shaped like ``data/speech.yaml``.

        Example:
            >>> lex = SpeechLexicon.from_yaml()
            >>> "say" in lex.verbs and "analyst" in lex.kinds["expert"]
            True
        """
        with open(path, encoding="utf-8") as fh:
            raw = yaml.safe_load(fh) or {}

        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in raw.get(key) or [])

        kinds = {
            k: frozenset(str(w).lower() for w in (raw.get("speaker_kinds") or {}).get(k) or []) for k in KIND_ORDER
        }
        objects: dict[str, set[str]] = {}
        for entry in raw.get("object_verbs") or []:
            parts = str(entry).lower().split()
            if parts:
                objects.setdefault(parts[0], set()).add(parts[-1] if len(parts) > 1 else "")
        phrasal = []
        for entry in raw.get("phrasal_verbs") or []:
            parts = str(entry).lower().split()
            if len(parts) == 2:
                phrasal.append((parts[0], parts[1]))
        lex = cls(
            verbs=words("verbs"),
            tail_only_verbs=words("tail_only_verbs"),
            phrasal_verbs=frozenset(phrasal),
            phrases=tuple(tuple(str(p).lower().split()) for p in raw.get("phrases") or [] if str(p).split()),
            nouns=words("nouns"),
            roles=words("roles") | frozenset().union(*kinds.values()),
            ranks=words("ranks"),
            name_particles=words("name_particles"),
            org_words=words("org_words"),
            kinds=kinds,
            media_names=tuple(str(n) for n in raw.get("media_names") or []),
            anonymous_heads=words("anonymous_heads"),
            shared_org_heads=words("shared_org_heads"),
            attitude_verbs=words("attitude_verbs"),
            object_verbs={k: frozenset(v) for k, v in objects.items()},
            naming_verbs=words("naming_verbs"),
            claim_nouns=words("claim_nouns") | words("nouns"),
            issuing_verbs=words("issuing_verbs"),
            headline_labels=words("headline_labels"),
            headline_sources=words("headline_sources"),
            anonymity_phrases=tuple(str(p).lower() for p in raw.get("anonymity_phrases") or []),
        )
        for kind, entries in kinds.items():
            lex._patterns[kind] = _phrase_pattern(entries, ignore_case=True)
        lex._patterns["media_names"] = _phrase_pattern(lex.media_names, ignore_case=False)
        lex._patterns["anonymity"] = _phrase_pattern(lex.anonymity_phrases, ignore_case=True)
        return lex

    def pattern(self, name: str) -> re.Pattern:
        return self._patterns[name]


def _phrase_pattern(entries, *, ignore_case: bool) -> re.Pattern:
    alts = sorted({str(e) for e in entries if str(e).strip()}, key=len, reverse=True)
    if not alts:
        return re.compile(r"(?!x)x")
    body = "|".join(re.escape(a) for a in alts)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE if ignore_case else 0)


@functools.cache
def default_lexicon() -> SpeechLexicon:
    """The packaged ``data/speech.yaml``, read once."""
    return SpeechLexicon.from_yaml(SPEECH_YAML)


# --------------------------------------------------------------------------------------------- quote marks


@dataclass
class _Piece:
    """One stretch of quoted text: content offsets, mark offsets, and its place in a multi-paragraph chain."""

    start: int  # content start (char)
    end: int  # content end (char, exclusive)
    open_at: int  # the opening mark's offset
    close_at: int | None  # the closing mark's offset, None when the quote runs to the paragraph end
    chain: int | None = None
    kind: str = "direct"
    single: bool = False
    stray: bool = False  # an opening mark never closed, mid-paragraph
    # filled during attribution
    cue: Token | None = None
    cue_text: str | None = None
    cue_span: tuple[int, int] | None = None
    speaker: dict | None = None
    tail_end: int | None = None  # char end of the attribution sentence after the closing mark
    label: tuple[int, int] | None = None  # a transcript speaker label opening the quote ("OKAFOR: ...")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated when the text has blank lines, else line separated."""
    sep = re.compile(r"\n[ \t\r\f\v]*\n\s*") if re.search(r"\n[ \t\r\f\v]*\n", text) else re.compile(r"\n\s*")
    spans = []
    pos = 0
    for m in sep.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def _flanks(text: str, p: int, lo: int, hi: int) -> tuple[bool, bool]:
    """(can open, can close) for the mark at ``p`` inside the paragraph ``[lo, hi)``."""
    before = text[p - 1] if p > lo else " "
    after = text[p + 1] if p + 1 < hi else " "
    can_open = not after.isspace() and (before.isspace() or before in _OPEN_CONTEXT)
    can_close = not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT)
    return can_open, can_close


def _close(p: _Piece) -> int:
    """The end of a piece with its closing mark (its content end when it runs to the paragraph end)."""
    return (p.close_at + 1) if p.close_at is not None else p.end


def _mark_view(text: str) -> str:
    """``text`` with doubled apostrophes and backticks used as quotation marks (``''Yes,'' he said``, as news
    archives print them) rewritten as one straight mark and a space, so offsets are unchanged.

    Example:
        >>> _mark_view("''Yes,'' he said.")
        ' "Yes,"  he said.'
    """
    if "''" not in text and "``" not in text:
        return text

    def swap(m: re.Match) -> str:
        p = m.start()
        before = text[p - 1] if p > 0 else " "
        after = text[p + 2] if p + 2 < len(text) else " "
        if not after.isspace() and (before.isspace() or before in _OPEN_CONTEXT):
            return ' "'
        if not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT):
            return '" '
        return m.group()

    return re.sub(r"(?<!')''(?!')|``", swap, text)


def _has_word(text: str, start: int, end: int) -> bool:
    return re.search(r"\w", text[start:end]) is not None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, and a trailing comma (``“We will win,” he said`` -> ``We will win``)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _double_pieces(text: str, paras: list[tuple[int, int]]) -> list[_Piece]:
    pieces: list[_Piece] = []
    chain_id = 0
    prev_runs_on: _Piece | None = None
    for k, (lo, hi) in enumerate(paras):
        marks = [m.start() for m in re.finditer(r'["“”„«»]', text[lo:hi])]
        open_at: int | None = None
        first_piece_here: _Piece | None = None
        for rel in marks:
            p = lo + rel
            ch = text[p]
            can_open, can_close = _flanks(text, p, lo, hi)
            nxt = text[p + 1] if p + 1 < hi else " "
            prv = text[p - 1] if p > lo else " "
            if ch in _DOUBLE_OPEN:  # trust the glyph unless the context clearly says otherwise
                role = "close" if (can_close and not can_open and prv.isalnum()) else "open"
            elif ch in _DOUBLE_CLOSE:
                role = "open" if (can_open and not can_close and nxt.isalnum()) else "close"
            elif can_open and not can_close:
                role = "open"
            elif can_close and not can_open:
                role = "close"
            else:
                role = "either"
            if open_at is None:
                if role in ("open", "either"):
                    open_at = p
                continue
            if role in ("close", "either"):
                s, e = _trim(text, open_at + 1, p)
                if _has_word(text, s, e):
                    piece = _Piece(s, e, open_at, p)
                    pieces.append(piece)
                    first_piece_here = first_piece_here or piece
                open_at = None
            else:  # a second opening mark: the first one was a stray
                open_at = p
        # a piece opening this paragraph continues the quote left open at the end of the previous one
        if prev_runs_on is not None and first_piece_here is not None and first_piece_here.open_at == lo:
            first_piece_here.chain = prev_runs_on.chain
        runs_on = None
        if open_at is not None:
            next_opens = k + 1 < len(paras) and text[paras[k + 1][0]] in _DOUBLE_MARKS
            s, e = _trim(text, open_at + 1, hi)
            if _has_word(text, s, e):
                piece = _Piece(s, e, open_at, None)
                # kept only if an attribution inside ends it ("... , he said.")
                piece.stray = not (next_opens or open_at == lo)
                if prev_runs_on is not None and open_at == lo:
                    piece.chain = prev_runs_on.chain
                if next_opens:
                    if piece.chain is None:
                        chain_id += 1
                        piece.chain = chain_id
                    runs_on = piece
                pieces.append(piece)
        prev_runs_on = runs_on
    return pieces


def _single_pieces(text: str, paras: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[_Piece]:
    """Quotes in single marks, outside double-quoted text, only where the marks cannot be apostrophes."""
    pieces: list[_Piece] = []
    starts = [a for a, _ in taken]
    for lo, hi in paras:
        p = lo
        while True:
            m = re.compile(r"['‘]").search(text, p, hi)
            if m is None:
                break
            o = m.start()
            p = o + 1
            i = bisect.bisect_right(starts, o) - 1
            if i >= 0 and taken[i][0] <= o < taken[i][1]:
                p = taken[i][1]
                continue
            can_open, _ = _flanks(text, o, lo, hi)
            after = text[o + 1 : o + 8].lower()
            if not can_open or not text[o + 1 : o + 2].isalpha() or after.startswith(_ELISIONS):
                continue
            limit = min(hi, o + _MAX_SINGLE_QUOTE)
            close = None
            q = o + 1
            depth = 0
            while True:
                c = re.compile(r"['‘’]").search(text, q, limit)
                if c is None:
                    break
                q = c.start() + 1
                inner_open, can_close = _flanks(text, c.start(), lo, hi)
                nxt = text[c.start() + 1] if c.start() + 1 < hi else " "
                if inner_open and not can_close:
                    depth += 1  # an inner mark opening: "'rock 'n' roll'"
                elif can_close and not nxt.isalnum():
                    if depth:
                        depth -= 1
                        continue
                    close = c.start()
                    break
            if close is None:
                continue
            j = bisect.bisect_left(starts, o)
            if j < len(taken) and taken[j][0] < close:
                continue  # would cross a double-quoted stretch
            s, e = _trim(text, o + 1, close)
            if _has_word(text, s, e):
                pieces.append(_Piece(s, e, o, close, single=True))
            p = close + 1
    return pieces


# --------------------------------------------------------------------------------------------- the finder


@dataclass
class _Mention:
    """A stretch naming a speaker: its head token and char span."""

    head: Token
    start: int
    end: int
    pronoun: bool = False


class _Finder:
    def __init__(self, doc: Doc, lex: SpeechLexicon):
        self.doc = doc
        self.text = _mark_view(doc_text(doc))  # same length and offsets as doc.text; '' and `` read as "
        self.lex = lex
        self.n = len(doc)
        self.tok_starts = [t.idx for t in doc]
        self.ents = list(doc.ents)
        self.ent_of: list = [None] * self.n
        self.orgs_by_word: dict[str, tuple[list[int], list]] = {}  # head/last word -> (starts, ORG entities)
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_of[i] = ent
            if ent.label_ == "ORG":
                for word in {ent[-1].lower_, ent.root.lower_}:
                    starts, found = self.orgs_by_word.setdefault(word, ([], []))
                    starts.append(ent.start)
                    found.append(ent)
        self.paras = _paragraphs(self.text)
        self.para_starts = [a for a, _ in self.paras]
        self.inside = bytearray(self.n)  # 1 for tokens inside quote marks (marks included)
        self.registry: dict[str, list[dict]] = {}
        self.person_subjects: list[tuple[int, dict]] = []  # (char start, person record) for pronouns
        self._opens: list[int] = []  # opening-mark offsets of the pieces, for the indirect pass

    # ---------------------------------------------------------------- small helpers

    def tok_at(self, char: int) -> int:
        """Index of the token covering (or preceding) ``char``."""
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def tok_from(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.tok_starts, char)

    def para_of(self, char: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.para_starts, char) - 1
        if i < 0:
            return (0, len(self.text))
        return self.paras[i]

    def children(self, tok: Token) -> list[Token]:
        if tok.right_edge.i - tok.left_edge.i <= _MAX_SUBTREE_SCAN:
            return list(tok.children)
        lo, hi = max(0, tok.i - _MAX_WINDOW), min(self.n, tok.i + _MAX_WINDOW)
        return [t for t in self.doc[lo:hi] if t.head.i == tok.i and t.i != tok.i]

    def is_rank(self, tok: Token) -> bool:
        word = tok.text.lower().rstrip(".")
        return word in self.lex.ranks and (tok.text[:1].isupper() or tok.text.endswith("."))

    def is_sent_punct(self, tok: Token) -> bool:
        if tok.text not in _SENT_PUNCT:
            return False
        if tok.text == "." and tok.i > 0:
            prev = self.doc[tok.i - 1]
            if not prev.whitespace_ and prev.text.lower() in self.lex.ranks:
                return False  # "Maj" "." split by the tokenizer
        return True

    def is_cue_verb(self, tok: Token, *, tail: bool = False) -> bool:
        if self.inside[tok.i]:
            return False
        if tok.i > 0 and self.doc[tok.i - 1].text == "-" and not self.doc[tok.i - 1].whitespace_:
            return False  # "so-called", "self-declared"
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
            return False
        if lemma in self.lex.verbs:
            if tail or lemma not in self.lex.tail_only_verbs:
                return True
            # "Limbaugh continued: ..." introduces what follows as well
            return tok.i + 1 < self.n and self.doc[tok.i + 1].text == ":"
        if any(lemma == v for v, _ in self.lex.phrasal_verbs):
            return any((lemma, c.lower_) in self.lex.phrasal_verbs for c in self.children(tok) if c.dep_ == "prt")
        return False

    def is_attribution_verb(self, tok: Token) -> bool:
        """A verb of belief, intention or evidence, or one whose object is what was said (indirect quotes only)."""
        if self.inside[tok.i] or (tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB")):
            return False
        if tok.i > 0 and self.doc[tok.i - 1].text == "-" and not self.doc[tok.i - 1].whitespace_:
            return False
        lemma = tok.lemma_.lower()
        lex = self.lex
        return lemma in lex.attitude_verbs or lemma in lex.object_verbs or lemma in lex.naming_verbs

    def phrase_cue(self, tok: Token) -> int | None:
        """If a cue phrase ("according to") starts at ``tok``, the index of its last token."""
        if self.inside[tok.i]:
            return None
        for words in self.lex.phrases:
            end = tok.i + len(words)
            if end <= self.n and all(self.doc[tok.i + k].lower_ == w for k, w in enumerate(words)):
                return end - 1
        return None

    def is_cue_noun(self, tok: Token) -> bool:
        return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in self.lex.nouns and not self.inside[tok.i]

    # ---------------------------------------------------------------- names, titles, the person registry

    def is_name_token(self, tok: Token) -> bool:
        low = tok.lower_
        if tok.pos_ != "PROPN" and not (tok.text[:1].isupper() and tok.pos_ in ("NOUN", "ADJ", "X")):
            return low in self.lex.name_particles
        if self.is_rank(tok) or low in self.lex.roles or low in self.lex.org_words:
            return False
        return tok.text[:1].isupper() or low in self.lex.name_particles

    def name_span(self, head: Token) -> tuple[int, int]:
        """Token range [a, b) of the personal name ending at (or containing) ``head``."""
        doc = self.doc
        a = b = head.i
        ent = self.ent_of[head.i]
        # extend right over the rest of a name the parser headed on its first word
        while b + 1 < self.n and b - head.i < 4 and doc[b].whitespace_ in ("", " "):
            nxt = doc[b + 1]
            joined = nxt.text == "-" and not doc[b].whitespace_ and not nxt.whitespace_
            if joined or (self.is_name_token(nxt) and (nxt.head.i == head.i or (ent is not None and nxt.i < ent.end))):
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
            attached = (ent is not None and ent.label_ == "PERSON" and prev.i >= ent.start) or (
                prev.i < prev.head.i <= b
            )
            if self.is_name_token(prev) and attached:
                a -= 1
                continue
            break
        if doc[a].text == "-":
            a += 1
        return a, b + 1

    def pre_title(self, a: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """(title span, rank span) as char ranges for the words right before the name starting at token ``a``."""
        doc = self.doc
        seq: list[Token] = []
        i = a - 1
        while i >= 0 and len(seq) < 10:
            t = doc[i]
            if "\n" in t.whitespace_ or t.is_space:
                break
            ok = False
            if t.text == "." and i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].text.lower() in self.lex.ranks:
                ok = True
            elif t.text == "-" and not t.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
                ok = True
            elif t.tag_ == "POS" or t.text in ("'s", "’s"):
                ok = True
            elif t.lower_ == "of" and seq and seq[-1].text[:1].isupper() and i > 0 and doc[i - 1].text[:1].isupper():
                ok = True
            elif t.pos_ in ("PROPN", "NOUN", "ADJ") and not self.is_cue_noun(t):
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
        while r > 0 and (self.is_rank(seq[r - 1]) or (seq[r - 1].text == "." and r >= 2)):
            if seq[r - 1].text == "." and not self.is_rank(seq[r - 2]):
                break
            r -= 1
        title, rank = seq[:r], seq[r:]
        # a title needs a role word; borrow leading rank words that are roles too ("Police Chief", "army commander")
        while rank and not any(t.lower_ in self.lex.roles for t in title):
            if rank[0].lower_.rstrip(".") in self.lex.roles:
                title.append(rank.pop(0))
            else:
                break
        while rank and rank[0].text == ".":
            rank.pop(0)
        # the title starts at the first word that is a role, an organisation word, or capitalised
        while title and (title[0].tag_ == "POS" or title[0].lower_ == "of"):
            title.pop(0)
        title_span = None
        if title and any(t.lower_ in self.lex.roles for t in title):
            # cut anything after the last role word unless it is an "of X" tail ("Secretary of State")
            last_role = max(k for k, t in enumerate(title) if t.lower_ in self.lex.roles)
            tail = title[last_role + 1 :]
            if tail and tail[0].lower_ != "of":
                title = title[: last_role + 1]
            title_span = (title[0].idx, title[-1].idx + len(title[-1].text))
        rank_span = (rank[0].idx, rank[-1].idx + len(rank[-1].text)) if rank else None
        return title_span, rank_span

    def appos_title(self, b: int) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
        """(title span, org span) from ", a Syrian counterterrorism researcher at X" after the name ending at ``b``."""
        doc = self.doc
        if b >= self.n or doc[b].text != ",":
            return None, None
        seg: list[Token] = []
        i = b + 1
        while i < self.n and len(seg) < 16:
            t = doc[i]
            if t.is_punct and t.text not in ("-", "'s", "’s") or t.is_space:
                break
            if t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") or t.lower_ in _RELATIVES:
                break
            seg.append(t)
            i += 1
        if seg and seg[0].pos_ == "DET":
            seg = seg[1:]
        roles = [k for k, t in enumerate(seg[:9]) if t.lower_ in self.lex.roles and t.pos_ in ("NOUN", "PROPN")]
        if not roles and b + 1 < self.n and doc[b + 1].lower_ in ("a", "an", "the"):
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
            ent = self.ent_of[np[-1].i] if np else None
            if ent is not None and ent.label_ in ("ORG", "FAC") and ent.end > (np[-1].i + 1):
                k2 = min(len(seg), k2 + (ent.end - np[-1].i - 1))
                np = seg[k + 1 : k2]
            if not np:
                break
            if self.org_like(np):
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

    def org_like(self, tokens: list[Token]) -> bool:
        words = [t for t in tokens if t.pos_ != "DET"]
        if not words:
            return False
        ent = self.ent_of[words[-1].i]
        if ent is not None:
            return ent.label_ in ("ORG", "FAC")
        if words[-1].lower_ in self.lex.org_words and words[-1].text[:1].isupper():
            return True
        return all(w.text[:1].isupper() for w in words if w.pos_ in ("PROPN", "NOUN")) and any(
            w.pos_ == "PROPN" for w in words
        )

    def org_in(self, start: int, end: int) -> str | None:
        """An organisation named in ``[start, end)``: an ORG entity, else capitalised words ending in an org word."""
        a, b = self.tok_from(start), self.tok_from(end)
        for i in range(a, min(b, self.n)):
            ent = self.ent_of[i]
            if ent is not None and ent.label_ == "ORG" and ent.start_char >= start and ent.end_char <= end:
                return _strip_the(ent.text)
        toks = list(self.doc[a:b])
        for k, t in enumerate(toks):
            if t.lower_ in self.lex.org_words and t.text[:1].isupper():
                j = k
                while j > 0 and toks[j - 1].text[:1].isupper() and toks[j - 1].lower_ not in self.lex.roles:
                    j -= 1
                return self.text[toks[j].idx : t.idx + len(t.text)]
        return None

    def person_record(self, a: int, b: int) -> dict:
        """What the text says about the person whose name is tokens [a, b): name, key, title, org, rank."""
        doc = self.doc
        title, rank = self.pre_title(a)
        app_title, app_org = self.appos_title(b)
        org = None
        if title is None and app_title is not None:
            title = app_title
            org = self.text[app_org[0] : app_org[1]] if app_org else self.org_in(*app_title)
        elif title is not None:
            org = self.org_in(*title)
            if org is None and app_org is not None:
                org = self.text[app_org[0] : app_org[1]]
        a0 = self.tok_from(rank[0]) if rank else a
        if title is None and a0 >= 2 and doc[a0 - 1].text == ",":
            # "The ministry's spokesman, Col. Ivo Markovic, ...": a role phrase with the name in apposition
            role = doc[b - 1].head if doc[b - 1].dep_ == "appos" else None
            if role is not None and role.i == a0 - 2 and role.lower_ in self.lex.roles:
                left = role.left_edge
                first = left.i + 1 if left.pos_ == "DET" and left.i < role.i else left.i
                title = (doc[first].idx, role.idx + len(role.text))
                org = self.org_in(*title)
        if title is not None and org is None:
            # "the ministry's spokesman" -> the ministry named earlier ("Interior Ministry")
            for t in doc[self.tok_from(title[0]) : self.tok_from(title[1])]:
                if t.lower_ in self.lex.org_words and t.text.islower():
                    org = self.earlier_org(t)
                    break
        name_tokens = [t for t in doc[a:b] if t.text != "-"]
        last = name_tokens[-1].lower_ if name_tokens else doc[b - 1].lower_
        return {
            "name": self.text[doc[a].idx : doc[b - 1].idx + len(doc[b - 1].text)],
            "key": last,
            "full": len(name_tokens) >= 2,
            "start": doc[a].idx,
            "end": doc[b - 1].idx + len(doc[b - 1].text),
            "title": self.text[title[0] : title[1]] if title else None,
            "org": org,
            "rank": self.text[rank[0] : rank[1]] if rank else None,
        }

    def build_registry(self) -> None:
        """Every full personal name in the text, with what its mention says about the person, in text order."""
        seen: set[tuple[int, int]] = set()
        candidates: list[Token] = []
        for ent in self.ents:
            if ent.label_ == "PERSON":
                candidates.append(ent[-1])
        # names after a role word that the recogniser missed: "spokesperson Maj. Gen. Fares Khalil"
        for t in self.doc:
            if t.lower_ in self.lex.roles and t.i + 1 < self.n:
                j = t.i + 1
                while j < self.n and (self.is_rank(self.doc[j]) or self.doc[j].text == "."):
                    j += 1
                k = j
                while k < self.n and self.is_name_token(self.doc[k]) and k - j < 4:
                    k += 1
                if k - j >= 2:
                    candidates.append(self.doc[k - 1])
        for head in sorted(candidates, key=lambda t: t.i):
            if self.inside[head.i]:
                continue
            a, b = self.name_span(head)
            if (a, b) in seen or b <= a:
                continue
            seen.add((a, b))
            rec = self.person_record(a, b)
            self.registry.setdefault(rec["key"], []).append(rec)
            if head.dep_ in ("nsubj", "nsubjpass") or self.doc[b - 1].dep_ in ("nsubj", "nsubjpass"):
                self.person_subjects.append((rec["start"], rec))

    def resolve_person(self, a: int, b: int) -> dict:
        """The person named by tokens [a, b), merged with the first full mention of the same name."""
        here = self.person_record(a, b)
        entries = self.registry.get(here["key"], [])
        if here["full"]:
            same = [e for e in entries if e["name"] == here["name"]]
        else:
            same = [e for e in entries if e["full"]]
            earlier = [e for e in same if e["start"] <= here["start"]]
            if earlier:
                first = earlier[0]["name"]
                same = [e for e in same if e["name"] == first]
            elif same:
                first = same[0]["name"]
                same = [e for e in same if e["name"] == first]
        out = dict(here)
        if same:
            out["name"] = same[0]["name"]
            for key in ("title", "org", "rank"):
                for e in same:
                    if e[key]:
                        out[key] = e[key]
                        break
                else:
                    out[key] = here[key]
            if out["title"] and not out["org"]:
                out["org"] = next((e["org"] for e in same if e["title"] == out["title"] and e["org"]), None)
        out["start"], out["end"] = here["start"], here["end"]
        return out

    # ---------------------------------------------------------------- speakers

    def mention_of(self, head: Token) -> _Mention:
        """The speaker phrase headed by ``head`` (widened over its name, entity, modifiers)."""
        doc = self.doc
        if (head.lower_ in _PRONOUNS or head.lower_ in _POSSESSIVES) and head.pos_ == "PRON":
            return _Mention(head, head.idx, head.idx + len(head.text), pronoun=True)
        ent = self.ent_of[head.i]
        if self.is_person_head(head):
            a, b = self.name_span(head)
            return _Mention(head, doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))
        # a noun phrase: contiguous left modifiers, right "familiar with ..." / "of ..." / "in ..." modifiers
        a = b = head.i
        kids = self.children(head)
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
        return _Mention(head, doc[a].idx, doc[b].idx + len(doc[b].text))

    def is_person_head(self, head: Token) -> bool:
        if head.pos_ != "PROPN" and not head.text[:1].isupper():
            return False
        a, b = self.name_span(head)
        if b <= a:
            return False
        key = self.doc[b - 1].lower_
        if key in self.registry:
            return True
        ent = self.ent_of[head.i]
        if ent is not None:
            if ent.label_ == "PERSON":
                return True
            if ent.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC"):
                return False
        words = self.text[self.doc[a].idx : self.doc[b - 1].idx + len(self.doc[b - 1].text)]
        if self.lex.pattern("media_names").search(words) or head.lower_ in self.lex.org_words:
            return False
        title, _ = self.pre_title(a)
        return title is not None or b - a >= 2

    def speaker_from_cue(self, cue: Token, depth: int = 0) -> _Mention | None:
        """The speaker of a cue verb: its subject, agent, or the subject of the clause it hangs on."""
        if depth > 4:
            return None
        kids = self.children(cue)
        subjects = [c for c in kids if c.dep_ in ("nsubj", "csubj")]
        subj = subjects[0] if subjects else None
        if len(subjects) >= 2 and subjects[1].left_edge.i == subjects[0].right_edge.i + 1:
            # "The state news agency SANA reported": one phrase the parser split in two
            named = next((c for c in subjects[:2] if c.pos_ == "PROPN"), subjects[1])
            mention = self.from_noun(named)
            if mention is not None and not mention.pronoun:
                mention.start = min(mention.start, subjects[0].left_edge.idx)
            return mention
        if subj is None and depth > 0:
            subj = next((c for c in kids if c.dep_ == "nsubjpass"), None)
        if subj is None:
            agent = next((c for c in kids if c.dep_ == "agent"), None)
            if agent is not None:
                subj = next((c for c in self.children(agent) if c.dep_ == "pobj"), None)
        if subj is not None:
            if subj.pos_ == "NOUN":
                # "The former rebel leader, Tariq Mansour, told ...": the name in apposition speaks
                named = next((c for c in self.children(subj) if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
                if named is not None:
                    subj = named
            if subj.lower_ in _RELATIVES and cue.dep_ == "relcl":
                return self.from_noun(cue.head)
            if subj.lower_ == "it" and any(c.dep_ in ("auxpass",) for c in kids):
                return None  # "it was reported that ..."
            if self.is_cue_noun(subj):
                # "the ministry's statement said" -> the ministry; "the letter reads" -> the letter
                return self.speaker_of_noun_cue(subj) or self.earlier_issuer(subj) or self.mention_of(subj)
            return self.from_noun(subj)
        if cue.head.i != cue.i and cue.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "ccomp", "relcl"):
            head = cue.head
            lo, hi = sorted((head.i, cue.i))
            if any(self.is_sent_punct(t) for t in self.doc[lo + 1 : hi]):
                return None  # the parse joined two sentences ("... complicated. Said Ellis: ...")
            if head.pos_ in ("NOUN", "PROPN", "PRON"):
                if self.is_cue_noun(head):  # "a policy paper calling for ...", "tweets criticizing ..."
                    return self.speaker_of_noun_cue(head) or self.mention_of(head)
                return self.from_noun(head)
            if head.dep_ == "prep" or head.pos_ == "ADP":  # "as saying" under "quoted"
                head = head.head
                if head.lemma_.lower() == "quote":  # "Saba quoted the negotiator, X, as saying": X speaks
                    obj = next((c for c in self.children(head) if c.dep_ in ("dobj", "nsubjpass")), None)
                    if obj is not None:
                        named = next((c for c in self.children(obj) if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
                        return self.from_noun(named if named is not None and obj.pos_ == "NOUN" else obj)
            return self.speaker_from_cue(head, depth + 1)
        return None

    def from_noun(self, tok: Token) -> _Mention | None:
        if tok.pos_ in ("PUNCT", "SPACE", "NUM", "DET") or self.inside[tok.i]:
            return None
        if tok.ent_type_ in ("DATE", "TIME"):
            return None  # "Jordan said Monday": a misparsed time, never a speaker
        if self.is_cue_noun(tok):
            return self.speaker_of_noun_cue(tok)
        return self.mention_of(tok)

    def speaker_of_noun_cue(self, noun: Token) -> _Mention | None:
        """Who a statement is from: "the ministry's statement", "a statement from X", "X released a statement"."""
        kids = self.children(noun)
        for c in kids:
            if c.dep_ == "poss":
                return self.from_noun(c)
        for c in kids:
            if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
                pobj = next((p for p in self.children(c) if p.dep_ == "pobj"), None)
                if pobj is not None and not self.is_cue_noun(pobj):
                    return self.from_noun(pobj)
        for c in kids:
            if c.dep_ == "compound" and (self.ent_of[c.i] is not None or c.lower_ in self.lex.org_words):
                return self.from_noun(c)
        verb = noun.head
        if noun.dep_ == "pobj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.i != noun.i and noun.dep_ in ("dobj", "pobj", "attr") and verb.pos_ in ("VERB", "AUX"):
            subj = next((c for c in self.children(verb) if c.dep_ == "nsubj"), None)
            if subj is not None and not self.is_cue_noun(subj):
                return self.from_noun(subj)
        return None

    def earlier_issuer(self, noun: Token) -> _Mention | None:
        """Who issued "the statement": the speaker of the last earlier mention of the same speech noun
        ("the army said in a statement ... the statement said" -> the army)."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in self.children(noun)):
            return None
        for i in range(noun.i - 1, max(-1, noun.i - 600), -1):
            t = self.doc[i]
            if t.lemma_.lower() == noun.lemma_.lower() and self.is_cue_noun(t):
                found = self.speaker_of_noun_cue(t)
                if found is not None:
                    return found
        return None

    def describe(self, mention: _Mention | None) -> dict:
        """The speaker fields for a mention (pronouns are left for the text-order pass)."""
        empty = {
            "speaker": None,
            "speaker_title": None,
            "speaker_org": None,
            "speaker_rank": None,
            "speaker_kind": "unknown",
            "speaker_start": None,
            "speaker_end": None,
            "pronoun": False,
        }
        if mention is None:
            return empty
        if mention.pronoun:
            word = mention.head.lower_
            if mention.head.dep_ == "poss":
                word = _POSSESSIVES.get(word, word)
            return dict(empty, pronoun=True, _pronoun=word, _at=mention.start)
        head = mention.head
        if self.is_person_head(head):
            a, b = self.name_span(head)
            rec = self.resolve_person(a, b)
            kind = self.kind_of(rec["title"] or "", rec["name"], head_word=_last_word(rec["title"]))
            return {
                "speaker": rec["name"],
                "speaker_title": rec["title"],
                "speaker_org": rec["org"],
                "speaker_rank": rec["rank"],
                "speaker_kind": kind,
                "speaker_start": mention.start,
                "speaker_end": mention.end,
                "pronoun": False,
                "_person": rec,
            }
        phrase = self.text[mention.start : mention.end]
        ent = self.ent_of[head.i]
        part = self.name_part(head, mention)
        named = part is not None
        speaker, s_start, s_end = phrase, mention.start, mention.end
        if part is not None:
            s_start, s_end = part
            speaker = self.text[s_start:s_end]
        elif head.lower_ in self.lex.org_words:
            # "the ministry" -> the organisation named so far with the same head word ("Interior Ministry")
            found = self.earlier_org(head)
            if found:
                speaker, named = found, True
        # words after the phrase up to the cue can make it anonymous ("a senior official, speaking on background")
        after = self.text[mention.end : min(len(self.text), mention.end + 80)].split(".")[0]
        anon = bool(self.lex.pattern("anonymity").search(phrase + " " + after))
        kind = self.kind_of(phrase if speaker == phrase else speaker + " " + phrase, speaker, head_word=head.lower_)
        anon_head = head.lemma_.lower() in self.lex.anonymous_heads or head.lower_ in self.lex.anonymous_heads
        if kind != "witness" and not named and (anon or anon_head):
            kind = "anonymous"
        elif kind == "unknown" and ent is not None and ent.label_ == "GPE":
            kind = "official"  # "Washington said", "Moscow said"
        org = None
        if named and (ent is None or ent.label_ in ("ORG", "FAC")) and kind != "anonymous":
            org = speaker
        elif kind in ("anonymous", "witness", "expert"):
            org = self.org_in(mention.start, mention.end)
        return {
            "speaker": speaker,
            "speaker_title": None,
            "speaker_org": org,
            "speaker_rank": None,
            "speaker_kind": kind,
            "speaker_start": s_start,
            "speaker_end": s_end,
            "pronoun": False,
            "_plural": head.tag_ in ("NNS", "NNPS"),
            "_human": head.tag_ == "NN" and head.lower_ in self.lex.roles and head.lower_ not in self.lex.org_words,
        }

    def plain_word(self, tok: Token) -> bool:
        """A capitalised word that is still a common noun of the lexicon ("State TV", "Police", "Army")."""
        low = tok.lower_
        lex = self.lex
        return (
            low in lex.org_words
            or low in lex.roles
            or low in lex.anonymous_heads
            or any(low in words for words in lex.kinds.values())
        )

    def name_part(self, head: Token, mention: _Mention) -> tuple[int, int] | None:
        """Char span of the proper name inside a non-person phrase that ``head`` heads, or None."""
        doc = self.doc
        m_lo = self.tok_from(mention.start)
        ent = self.ent_of[head.i]
        if ent is not None and ent.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC", "PERSON"):
            a, b = ent.start, ent.end
            if doc[a].lower_ == "the" and a + 1 < b:
                a += 1
        elif head.pos_ == "PROPN" and head.text[:1].isupper():
            a, b = head.i, head.i + 1
            while a - 1 >= m_lo and doc[a - 1].text[:1].isupper() and doc[a - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
                a -= 1
        elif head.lower_ in self.lex.org_words or any(head.lower_ in self.lex.kinds[k] for k in ("media", "monitor")):
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
        if not words or all(self.plain_word(t) for t in words):
            return None
        return doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)

    def earlier_org(self, head: Token) -> str | None:
        """The last organisation named before ``head`` whose name ends in the same word ("Interior Ministry").

        Heads that several sides share in one report ("the army", "the police": ``shared_org_heads``) are not
        resolved: "the army said" in a report on the National Liberation Army is not that army.
        """
        if head.lower_ in self.lex.shared_org_heads:
            return None
        best = None
        for word in {head.lower_, head.lower_.rstrip("s")}:
            starts, found = self.orgs_by_word.get(word, ([], []))
            i = bisect.bisect_left(starts, head.i) - 1
            if i >= 0 and (best is None or found[i].start > best.start):
                best = found[i]
        return _strip_the(best.text) if best is not None else None

    def kind_of(self, phrase: str, name: str, head_word: str | None = None) -> str:
        lex = self.lex
        if head_word:
            for kind in KIND_ORDER:
                if head_word in lex.kinds[kind]:
                    return kind
        if lex.pattern("media_names").search(name):
            return "media"
        for kind in KIND_ORDER:
            if lex.pattern(kind).search(phrase):
                return kind
        return "unknown"

    # ---------------------------------------------------------------- cues for a quote piece

    def window_cue(self, lo_tok: int, hi_tok: int, *, last: bool, tail: bool) -> tuple[Token, str, int, int] | None:
        """The first (or last) cue among tokens [lo_tok, hi_tok): (token, cue text, cue start, cue end)."""
        rng = range(hi_tok - 1, lo_tok - 1, -1) if last else range(lo_tok, hi_tok)
        for i in rng:
            t = self.doc[i]
            if self.is_cue_verb(t, tail=tail):
                return t, t.text, t.idx, t.idx + len(t.text)
            end = self.phrase_cue(t)
            if end is not None and end < self.n:
                e = self.doc[end]
                return t, self.text[t.idx : e.idx + len(e.text)], t.idx, e.idx + len(e.text)
        return None

    def speaker_for(self, cue: tuple[Token, str, int, int]) -> _Mention | None:
        tok = cue[0]
        if self.phrase_cue(tok) is not None:
            last = self.doc[self.phrase_cue(tok)]
            pobj = next((c for c in self.children(last) if c.dep_ == "pobj"), None)
            if pobj is None and last.i + 1 < self.n:
                # the parser hung the object elsewhere: take the next noun phrase head
                for j in range(last.i + 1, min(self.n, last.i + 10)):
                    t = self.doc[j]
                    if t.is_punct:
                        break
                    if t.pos_ in ("NOUN", "PROPN") and (t.head.i < last.i + 1 or t.head.i > j or t.head.i == t.i):
                        pobj = t
                        break
            return self.from_noun(pobj) if pobj is not None else None
        return self.speaker_from_cue(tok)

    def window_speaker(self, cue: Token, lo_tok: int, hi_tok: int, *, tail: bool) -> _Mention | None:
        """Fallback when the parse gives the cue no subject: the noun phrase next to it in the window.

        After a closing mark the first phrase of the tail (",” a diplomat, who ..., said"); before an opening
        mark the phrase nearest the cue ("In a statement, the ministry said:"); else the phrase right after
        the cue ("said a diplomat").
        """
        doc = self.doc
        before = range(lo_tok, cue.i) if tail else range(cue.i - 1, lo_tok - 1, -1)
        for j in before:
            t = doc[j]
            if not tail and self.is_sent_punct(t):
                break  # "... complicated. Said Ellis:" looks after the cue, not into the last sentence
            if self.inside[j] or t.is_punct or t.is_space:
                continue
            found = self.nounish(t, lo_tok, cue.i)
            if found is not None:
                return self.from_noun(found)
            if tail:
                # a name the parser broke up (",” Tulsa police Chief Chuck Jordan said): the words before the cue
                words = [w for w in doc[j : cue.i] if not w.is_space]
                if 0 < len(words) <= 8 and all(w.text[:1].isupper() or w.pos_ in ("NOUN", "ADJ") for w in words):
                    if words[-1].pos_ == "PROPN" or words[-1].text[:1].isupper():
                        return self.from_noun(words[-1])
                break
        for j in range(cue.i + 1, min(hi_tok, cue.i + 6)):
            t = doc[j]
            if t.is_punct or t.is_space or self.inside[j]:
                break
            found = self.nounish(t, cue.i + 1, hi_tok)
            if found is not None:
                return self.from_noun(found)
        return None

    def nounish(self, t: Token, lo: int, hi: int) -> Token | None:
        """The head of the noun phrase ``t`` starts or sits in, kept within tokens [lo, hi)."""
        if t.pos_ in ("DET", "ADJ", "NUM") and lo <= t.head.i < hi and t.head.pos_ in ("NOUN", "PROPN"):
            t = t.head
        if t.pos_ not in ("NOUN", "PROPN", "PRON"):
            return None
        if t.pos_ == "PROPN":
            _, b = self.name_span(t)
            return self.doc[min(b, hi) - 1]
        for _ in range(4):
            if t.dep_ == "compound" and t.i < t.head.i < hi:
                t = t.head
        return t

    def span_mention(self, start: int, end: int) -> _Mention | None:
        """The mention covering chars [start, end), headed by its last word."""
        a, b = self.tok_from(start), self.tok_from(end)
        if b <= a:
            return None
        return _Mention(self.doc[b - 1], start, end)

    def signature(self, at: int, limit: int) -> _Mention | None:
        """A name signing the quote that closes at ``at``: a dash and a capitalised name ending the paragraph."""
        text = self.text
        m = re.compile(r"[^\S\n]*[" + _DASHES + r"][^\S\n]*").match(text, at, limit)
        if m is None:
            return None
        end = m.end()
        line_end = text.find("\n", end, limit)
        name = re.sub(r"[\s.]+$", "", text[end : limit if line_end < 0 else line_end])
        words = name.split()
        if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w in self.lex.name_particles for w in words):
            return None
        return self.span_mention(end, end + len(name))

    def ancestor_cue(self, piece: _Piece) -> Token | None:
        a, b = self.tok_from(piece.start), self.tok_from(piece.end)
        best = None
        for i in range(a, min(b, self.n)):
            t = self.doc[i]
            if a <= t.head.i < b:
                continue
            cur = t
            for _ in range(_MAX_CLIMB):
                if cur.head.i == cur.i:
                    break
                cur = cur.head
                if self.is_cue_verb(cur):
                    if best is None or abs(cur.i - b) < abs(best.i - b):
                        best = cur
                    break
        return best

    def attribute(self, piece: _Piece, prev_end: int, next_open: int) -> None:
        """Find the cue and speaker of one quote piece."""
        doc, text = self.doc, self.text
        p_lo, p_hi = self.para_of(piece.open_at)
        found: tuple[Token, str, int, int] | None = None
        if piece.label is not None:  # a transcript turn: the label is the speaker
            piece.speaker = self.describe(self.span_mention(*piece.label))
            return
        if piece.close_at is not None:  # a signed quote: “...” ― Pamela Padilla
            signed = self.signature(piece.close_at + 1, min(p_hi, next_open))
            if signed is not None:
                piece.speaker = self.describe(signed)
                return
        cue = self.ancestor_cue(piece)
        if cue is not None:
            found = (cue, cue.text, cue.idx, cue.idx + len(cue.text))
        # the tail: after the closing mark up to the end of its sentence
        tail_lo = tail_hi = None
        if piece.close_at is not None:
            tail_lo = self.tok_from(piece.close_at + 1)
            hi_char = min(p_hi, next_open)
            j = tail_lo
            while j < self.n and j - tail_lo < _MAX_WINDOW and doc[j].idx < hi_char:
                if self.is_sent_punct(doc[j]):
                    j += 1
                    break
                j += 1
            tail_hi = j
            piece.tail_end = doc[tail_hi - 1].idx + len(doc[tail_hi - 1].text) if tail_hi > tail_lo else None
        if found is None and tail_lo is not None and tail_hi > tail_lo:
            c = self.window_cue(tail_lo, tail_hi, last=False, tail=True)
            if c is not None:
                ends_sentence = text[piece.start : piece.end].rstrip()[-1:] in ".!?…"
                own = any(k.dep_ == "ccomp" and k.i >= tail_lo for k in self.children(c[0]))
                if not (ends_sentence and own) and c[0].i - tail_lo <= 12:
                    found = c
        # the head: before the opening mark, back to the sentence start / the previous quote
        if found is None:
            head_hi = self.tok_from(piece.open_at)
            floor = max(p_lo, prev_end)
            j = head_hi - 1
            while j >= 0 and head_hi - j <= _MAX_WINDOW and doc[j].idx >= floor and not self.is_sent_punct(doc[j]):
                j -= 1
            c = self.window_cue(j + 1, head_hi, last=True, tail=False)
            if c is not None:
                found = c
            elif piece.open_at == p_lo or text[floor : piece.open_at].strip() == "":
                # "Khalil said:" closing the previous paragraph
                prev_para = self.para_of(p_lo - 1) if p_lo > 0 else None
                if prev_para and prev_para != (p_lo, p_hi) and text[prev_para[0] : prev_para[1]].rstrip().endswith(":"):
                    hi_tok = self.tok_from(prev_para[1])
                    k = hi_tok - 1
                    while k >= 0 and hi_tok - k <= _MAX_WINDOW and doc[k].idx >= prev_para[0]:
                        if self.is_sent_punct(doc[k]):
                            break
                        k -= 1
                    found = self.window_cue(k + 1, hi_tok, last=True, tail=False)
        if found is None:
            # a speech noun in the sentence: "In a statement, the ministry: ..." / "the ministry's statement:"
            lo = self.tok_from(max(p_lo, prev_end))
            hi = min(self.n, self.tok_from(piece.open_at))
            for i in range(hi - 1, max(lo, hi - _MAX_WINDOW) - 1, -1):
                if self.is_sent_punct(doc[i]):
                    break
                if self.is_cue_noun(doc[i]):
                    t = doc[i]
                    mention = self.speaker_of_noun_cue(t)
                    if mention is not None:
                        piece.cue, piece.cue_text, piece.cue_span = t, t.text, (t.idx, t.idx + len(t.text))
                        piece.speaker = self.describe(mention)
                        return
        if found is None:
            return
        piece.cue, piece.cue_text, piece.cue_span = found[0], found[1], (found[2], found[3])
        mention = self.speaker_for(found)
        if mention is None:
            in_tail = tail_lo is not None and found[0].i >= tail_lo
            lo = tail_lo if in_tail else self.tok_from(max(p_lo, prev_end))
            hi = tail_hi if in_tail else self.tok_from(piece.open_at)
            mention = self.window_speaker(found[0], lo, hi, tail=in_tail)
        piece.speaker = self.describe(mention)

    # ---------------------------------------------------------------- kinds of pieces

    def classify(self, piece: _Piece) -> str:
        """direct or partial, from what stands before the opening mark and the shape of the content."""
        text = self.text
        p_lo, _ = self.para_of(piece.open_at)
        before = text[p_lo : piece.open_at].rstrip()
        c = before[-1:] if before else ""
        content = text[piece.start : piece.end]
        words = content.split()
        if not before or c in ".!?…" or c in _DOUBLE_CLOSE or c == '"' or (c == "’" and piece.single):
            return "direct"
        if c == ":":
            return "direct"
        if c in ",;—–" and (content[:1].isupper() or self.cue_just_before(piece)):
            return "direct"
        if content[:1].isupper() and content.rstrip()[-1:] in ".?!" and len(words) >= 3:
            return "direct"
        if len(words) >= 4 and self.full_clause(piece):
            return "direct"  # 'emphasizing that "dialogue is the only path."'
        return "partial"

    def full_clause(self, piece: _Piece) -> bool:
        """Whether the quoted words hold a whole clause: a verb with its subject, all inside the marks."""
        a, b = self.tok_from(piece.start), min(self.n, self.tok_from(piece.end))
        for i in range(a, b):
            t = self.doc[i]
            if a <= t.head.i < b and t.head.i != t.i:
                continue
            if t.pos_ in ("VERB", "AUX"):
                kids = self.children(t)
                if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.left_edge.i >= a and c.i < b for c in kids):
                    return True
        return False

    def cue_just_before(self, piece: _Piece) -> bool:
        i = self.tok_from(piece.open_at) - 1
        for _ in range(4):
            if i < 0:
                return False
            t = self.doc[i]
            if self.is_cue_verb(t):
                return True
            if not t.is_punct and not t.is_space:
                return False
            i -= 1
        return False

    # ---------------------------------------------------------------- indirect quotes

    def indirect(self, pieces: list[_Piece]) -> list[dict]:
        doc, text = self.doc, self.text
        direct_spans = sorted(
            (p.open_at, (p.close_at + 1) if p.close_at is not None else p.end) for p in pieces if p.kind == "direct"
        )
        d_starts = [s for s, _ in direct_spans]

        direct_pieces = sorted((p for p in pieces if p.kind == "direct"), key=lambda p: p.open_at)

        def overlaps_direct(s: int, e: int) -> bool:
            i = bisect.bisect_left(d_starts, e) - 1
            return i >= 0 and direct_spans[i][1] > s

        def embedded(s: int, e: int) -> list[_Piece] | None:
            """The direct quotes lying inside reported speech [s, e) with words of the reporter around them
            ('Osei says the plan has failed, and "we will not repeat" it'), else None."""
            inner = [p for p in direct_pieces if p.open_at < e and _close(p) > s]
            if not inner or not all(s < p.open_at and _close(p) <= e for p in inner):
                return None
            outside = text[s:e]
            for p in reversed(inner):
                outside = outside[: p.open_at - s] + " " + outside[_close(p) - s :]
            return inner if len(re.findall(r"\w+", outside)) >= 2 else None

        self._opens = [p.open_at for p in pieces]
        out: list[dict] = []
        for t in doc:
            if self.inside[t.i]:
                continue
            phrase_end = self.phrase_cue(t)
            content: tuple[int, int] | None = None
            mention: _Mention | None = None
            if phrase_end is not None:
                cue_text = text[t.idx : doc[phrase_end].idx + len(doc[phrase_end].text)]
                cue_span = (t.idx, doc[phrase_end].idx + len(doc[phrase_end].text))
                root = t
                for _ in range(_MAX_CLIMB):
                    if root.head.i == root.i:
                        break
                    root = root.head
                if root.i == t.i:
                    continue
                content = self.clause_without(root, t.left_edge.i, max(t.right_edge.i, phrase_end))
                found = (t, cue_text, cue_span[0], cue_span[1])
            elif self.is_cue_verb(t) or self.is_attribution_verb(t):
                if t.tag_ == "VBN" and t.dep_ == "acl":
                    continue  # a participle naming its noun: "his group, called the Legacy Fund, ..."
                content = self.verb_content(t)
                found = (t, t.text, t.idx, t.idx + len(t.text))
            elif t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.claim_nouns:
                content = self.noun_content(t)
                mention = self.noun_speaker(t) if content is not None else None
                if mention is None:
                    continue  # an unowned claim ("allegations of fraud") is not a quote
                found = (t, t.text, t.idx, t.idx + len(t.text))
            else:
                continue
            if content is None:
                continue
            s, e = content
            p_lo, p_hi = self.para_of(t.idx)
            s, e = max(s, p_lo), min(e, p_hi)
            s, e = _trim_clause(text, s, e)
            dateline = _DATELINE.match(text, s, e) if s == p_lo else None
            if dateline:  # "CITY, Nov 9 (Agency) - Fighting flared ..." reports only what follows the dash
                s = dateline.end()
            s, e = self.snap_to_marks(pieces, s, e)
            if e - s < 8 or len(text[s:e].split()) < 3:
                continue
            if overlaps_direct(s, e):
                inner = embedded(s, e)
                if inner is None:
                    continue
                for p in inner:
                    p.kind = "partial"
                    direct_pieces.remove(p)
                direct_spans = sorted((p.open_at, _close(p)) for p in direct_pieces)
                d_starts = [a for a, _ in direct_spans]
            if self.lex.pattern("anonymity").search(text[min(s, found[2]) : max(e, found[3])]) and e - s < 60:
                continue  # "asked not to be named", "speaking on condition of anonymity": about the source
            if mention is None:
                mention = self.speaker_for(found)
                if mention is None and phrase_end is None and not self.is_cue_verb(t):
                    continue  # "is expected to travel": belief or intent of nobody named is not a quote
            rec = {
                "text": text[s:e],
                "kind": "indirect",
                "start": s,
                "end": e,
                "_cue": found,
                "_speaker": self.describe(mention),
            }
            out.append(rec)
        # nested reported speech ("X said police told residents that ...") keeps the outer clause only
        out.sort(key=lambda r: (r["start"], -r["end"]))
        kept: list[dict] = []
        reach = -1
        for r in out:
            if r["end"] <= reach:
                continue
            kept.append(r)
            reach = max(reach, r["end"])
        return kept

    def verb_content(self, t: Token) -> tuple[int, int] | None:
        """The char span of what the verb ``t`` reports: its clause, its to-infinitive, or its object."""
        doc, lex = self.doc, self.lex
        lemma = t.lemma_.lower()
        kids = self.children(t)
        right = [c for c in kids if c.i > t.i and not self.inside[c.i]]
        if self.is_cue_verb(t) or lemma in lex.attitude_verbs:
            comp = next((c for c in kids if c.dep_ == "ccomp"), None)
            if comp is None:
                comp = self.that_clause(t)
            if comp is None and t.dep_ == "parataxis" and t.head.i != t.i:
                span = self.clause_without(t.head, t.left_edge.i, t.right_edge.i, edge_only=True)
                if span is None and self.parenthetical(t):  # "The talks, Ms. Varga said, are ..."
                    span = self.token_range_chars(t.head.left_edge.i, t.head.right_edge.i)
                return span
            if comp is not None:
                a, b = comp.left_edge.i, comp.right_edge.i
                if a <= t.i <= b:
                    # the cue sits inside its clause: "The bridge, Mr. Osei said, reopened ..."
                    return self.token_range_chars(a, b) if self.parenthetical(t) else None
                # drop a trailing ", citing a police source" / ", he added"
                for c in sorted(self.children(comp), key=lambda c: -c.i):
                    if c.i <= comp.i or c.right_edge.i != b:
                        break
                    if (
                        c.dep_ in ("advcl", "parataxis")
                        and (self.is_cue_verb(c) or c.lemma_.lower() == "cite")
                        and c.left_edge.i > a
                        and doc[c.left_edge.i - 1].text == ","
                    ):
                        b = c.left_edge.i - 2
                    break
                return self.token_range_chars(a, b) if b >= a else None
            # "wants to sign up ...", "urged supporters to monitor ..."
            x = next((c for c in right if c.dep_ == "xcomp" and self.to_clause(c)), None)
            if x is not None:
                obj = next((c for c in right if c.dep_ in ("dobj", "dative") and c.i < x.i), None)
                return self.token_range_chars((obj or x).left_edge.i, x.right_edge.i)
        preps = lex.object_verbs.get(lemma)
        if preps:
            for c in right:
                if c.dep_ == "prep" and c.lower_ in preps:
                    obj = next((k for k in self.children(c) if k.dep_ in ("pobj", "pcomp")), None)
                    if obj is not None:
                        return self.object_span(obj, right)
                if c.dep_ == "dobj" and "" in preps:
                    return self.object_span(c, right)
        if lemma in lex.naming_verbs:
            obj = next((c for c in right if c.dep_ == "dobj"), None)
            # the name given may be quoted: called half of his supporters “deplorables”
            comp = next(
                (c for c in kids if c.dep_ in ("oprd", "xcomp", "ccomp") and obj is not None and c.i > obj.i), None
            )
            if obj is not None and comp is not None:
                return self.token_range_chars(obj.left_edge.i, comp.right_edge.i)
        return None

    def noun_content(self, noun: Token) -> tuple[int, int] | None:
        """What a claim noun carries: its that-clause, to-infinitive, or the object of about/on/of/over/for."""
        for c in self.children(noun):
            if c.i < noun.i or self.inside[c.i]:
                continue
            if c.dep_ in ("acl", "ccomp") and (
                self.to_clause(c) or any(k.dep_ == "mark" and k.lower_ == "that" for k in self.children(c))
            ):
                return self.token_range_chars(c.left_edge.i, c.right_edge.i)
            if c.dep_ == "prep" and c.lower_ in ("about", "on", "of", "over", "for", "against", "that"):
                obj = next((k for k in self.children(c) if k.dep_ in ("pobj", "pcomp")), None)
                if obj is not None:
                    return self.token_range_chars(obj.left_edge.i, obj.right_edge.i)
        return None

    def noun_speaker(self, noun: Token) -> _Mention | None:
        """Who owns a claim noun: "the mayor's claim", "a claim by/from X", "a Gazette report", or the subject of an
        issuing verb ("Varga made the claim"); None when the text does not say."""
        kids = self.children(noun)
        if any(c.dep_ == "poss" for c in kids) or any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in kids):
            return self.speaker_of_noun_cue(noun)
        for c in kids:
            if c.dep_ == "compound" and self.ent_of[c.i] is not None and self.ent_of[c.i].label_ in ("ORG", "PERSON"):
                return self.from_noun(c)
        verb = noun.head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in self.lex.issuing_verbs:
            subj = next((c for c in self.children(verb) if c.dep_ == "nsubj"), None)
            if subj is not None and not self.is_cue_noun(subj):
                return self.from_noun(subj)
        return None

    def to_clause(self, verb: Token) -> bool:
        return any(k.dep_ == "aux" and k.lower_ == "to" for k in self.children(verb))

    def object_span(self, obj: Token, siblings: list[Token]) -> tuple[int, int] | None:
        """An object and the complements right after it ("X as examples of Y", "her of lying", "X a hoax")."""
        a, b = obj.left_edge.i, obj.right_edge.i
        for c in siblings:
            if c.i <= obj.i or c.left_edge.i != b + 1:
                continue
            if c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("as", "of", "for")):
                b = c.right_edge.i
        return self.token_range_chars(a, b)

    def parenthetical(self, cue: Token) -> bool:
        """Whether the cue and its subject stand between commas or dashes inside the reported sentence."""
        doc = self.doc
        subj = next((c for c in self.children(cue) if c.dep_ in ("nsubj", "nsubjpass")), None)
        first = min(subj.left_edge.i, cue.i) if subj is not None else cue.i
        if first == 0 or doc[first - 1].text not in (",", "—", "–", "--"):
            return False
        return any(doc[k].text in (",", "—", "–", "--") for k in range(cue.i + 1, min(self.n, cue.i + 5)))

    def that_clause(self, cue: Token) -> Token | None:
        """A "that" clause the parser hung below the cue's objects ("told AFP on condition of anonymity that ...")."""
        doc = self.doc
        for i in range(cue.i + 1, min(cue.right_edge.i, cue.i + 25) + 1):
            t = doc[i]
            if t.lower_ != "that" or t.dep_ != "mark" or self.inside[i]:
                continue
            clause = t.head
            cur = clause
            for _ in range(6):
                if cur.head.i == cur.i or cur.dep_ not in (
                    "prep",
                    "pobj",
                    "dobj",
                    "npadvmod",
                    "dative",
                    "acl",
                    "ccomp",
                    "advcl",
                    "relcl",
                    "advmod",
                ):
                    break
                cur = cur.head
                if cur.i == cue.i:
                    return clause
            return None
        return None

    def snap_to_marks(self, pieces: list[_Piece], s: int, e: int) -> tuple[int, int]:
        """Widen an indirect clause so that it never cuts a quoted fragment between its marks."""
        opens = self._opens

        def close(p: _Piece) -> int:
            return (p.close_at + 1) if p.close_at is not None else p.end

        i = bisect.bisect_left(opens, s) - 1
        if i >= 0 and s < close(pieces[i]):
            s = pieces[i].open_at
        j = bisect.bisect_left(opens, e) - 1
        if j >= 0 and pieces[j].open_at < e <= close(pieces[j]):
            e = close(pieces[j])
        return s, e

    def token_range_chars(self, a: int, b: int) -> tuple[int, int]:
        doc = self.doc
        if doc[a].dep_ == "mark" and doc[a].lower_ in ("that", "whether", "if") and a < b:
            a += 1
        # the parser may start a new sentence mid-clause ("mentioned remarks | Varga had made about ..."):
        # with no punctuation or line break there, the clause runs on to the end of that sentence
        for _ in range(3):
            nxt = b + 1
            if nxt >= self.n or not doc[nxt].is_sent_start or doc[b].is_punct or doc[nxt].is_punct:
                break
            if "\n" in doc[b].whitespace_ or doc[nxt].is_space or self.inside[nxt]:
                break
            end = doc[nxt].sent.end - 1
            while end > nxt and (doc[end].is_punct or doc[end].is_space):
                end -= 1
            b = end
        return doc[a].idx, doc[b].idx + len(doc[b].text)

    def clause_without(self, root: Token, cut_a: int, cut_b: int, edge_only: bool = False) -> tuple[int, int] | None:
        """The clause of ``root`` minus tokens [cut_a, cut_b] when they sit at its start or end."""
        a, b = root.left_edge.i, root.right_edge.i
        if cut_a <= a <= cut_b:
            a = cut_b + 1
        elif cut_a <= b <= cut_b or cut_b >= b:
            b = cut_a - 1
        elif edge_only:
            return None
        while a <= b and (self.doc[a].is_punct or self.doc[a].is_space):
            a += 1
        if a > b:
            return None
        return self.token_range_chars(a, b)

    # ---------------------------------------------------------------- everything

    def run(self) -> list[dict]:
        text = self.text
        pieces = _double_pieces(text, self.paras)
        spans = sorted((p.open_at, (p.close_at + 1) if p.close_at is not None else p.end) for p in pieces)
        pieces += _single_pieces(text, self.paras, spans)
        pieces.sort(key=lambda p: p.start)
        for p in pieces:
            if p.close_at is None and p.chain is None:
                self.repair_unclosed(p)
        pieces = [p for p in pieces if not (p.stray and p.close_at is None)]
        for p in pieces:
            lo = self.tok_at(p.open_at) if p.open_at < len(text) else self.n
            hi = self.tok_from(p.close_at + 1) if p.close_at is not None else self.tok_from(p.end)
            for i in range(lo, min(hi, self.n)):
                if self.doc[i].idx >= p.open_at:
                    self.inside[i] = 1
        self.build_registry()
        for p in pieces:
            m = _LABEL.match(text, p.start, p.end)
            if m and not p.single and _has_word(text, m.end(), p.end):
                p.label, p.start = (m.start(1), m.end(1)), m.end()
            p.kind = self.classify(p)
        for k, p in enumerate(pieces):
            prev_end = (
                (pieces[k - 1].close_at + 1)
                if k and pieces[k - 1].close_at is not None
                else (pieces[k - 1].end if k else 0)
            )
            next_open = pieces[k + 1].open_at if k + 1 < len(pieces) else len(text)
            try:
                self.attribute(p, prev_end, next_open)
            except Exception:  # noqa: BLE001 - a broken parse must not sink the whole record
                p.cue = None
                p.speaker = None
        self.continue_speakers(pieces)
        try:
            indirect = self.indirect(pieces)  # may turn quotes inside reported speech into partial ones
        except Exception:  # noqa: BLE001 - same: keep the direct quotes
            indirect = []
        records: list[dict] = []
        for p in pieces:
            if p.kind == "partial" and self.is_title_case(p):
                continue  # a quoted name or title: told «Radio North», the operation "Dawn of Freedom"
            if p.speaker is None or p.speaker.get("speaker") is None and not p.speaker.get("pronoun"):
                words = text[p.start : p.end].split()
                if p.kind == "partial" or len(words) < 3:
                    continue  # scare quotes, names, titles
            records.append(self.piece_record(p))
        for r in indirect:
            cue = r.pop("_cue")
            sp = r.pop("_speaker")
            records.append(self.finish(r, sp, cue[1], (cue[2], cue[3])))
        try:
            records += self.headline(records)
        except Exception:  # noqa: BLE001 - the headline is a bonus, never a failure
            pass
        records.sort(key=lambda r: (r["start"], r["end"]))
        self.resolve_pronouns(records)
        source = doc_text(self.doc)
        for r in records:
            for key in [k for k in r if k.startswith("_")]:
                del r[key]
            r["text"] = source[r["start"] : r["end"]]
            if r["cue"] is not None:
                r["cue"] = source[r["cue_start"] : r["cue_end"]]
        return records

    def headline(self, records: list[dict]) -> list[dict]:
        """A headline's attribution, from the conventions of headlines the parse often misreads in Title Case:
        "Varga: Budget Vote Will Go Ahead" (a name, a colon, the claim) and "Osei Says Talks Were
        Useful" (a name, a cue verb, the claim). Only for a short first paragraph followed by more text, and only
        when no quote was found there already."""
        if len(self.paras) < 2:
            return []
        lo, hi = self.paras[0]
        text = self.text
        line = text[lo:hi]
        if "\n" in line or len(line.split()) > 25 or any(r["start"] < hi and r["end"] > lo for r in records):
            return []
        end = hi
        while end > lo and (text[end - 1].isspace() or text[end - 1] in ".;"):
            end -= 1
        a, b = self.tok_from(lo), self.tok_from(hi)
        toks = [t for t in self.doc[a:b]]
        colon = next((k for k, t in enumerate(toks) if t.text == ":"), None)
        cue, speaker_toks, start = None, None, None
        if colon is not None and 1 <= colon <= 4:
            speaker_toks = toks[:colon]
            start = toks[colon].idx + 1
        else:
            for k, t in enumerate(toks[1:7], 1):
                if self.headline_cue(t.lower_):
                    cue, speaker_toks, start = t, toks[:k], t.idx + len(t.text)
                    break
        if not speaker_toks or start is None:
            return []
        words = [t.text for t in speaker_toks if not t.is_punct]
        if not words or not all(w[:1].isupper() or w.lower() in self.lex.name_particles for w in words):
            return []
        if words[0].lower() in self.lex.headline_labels:
            return []  # "Analysis: ...", "Update: ..."
        if colon is not None and not self.headline_speaker(speaker_toks):
            return []  # "Stealth Over Health: ..." is a title, not a speaker
        while start < end and text[start].isspace():
            start += 1
        if end - start < 8 or len(text[start:end].split()) < 3:
            return []
        mention = _Mention(speaker_toks[-1], speaker_toks[0].idx, speaker_toks[-1].idx + len(speaker_toks[-1].text))
        rec = {"text": text[start:end], "kind": "indirect", "start": start, "end": end}
        span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
        return [self.finish(rec, self.describe(mention), cue.text if cue is not None else None, span)]

    def headline_speaker(self, toks: list[Token]) -> bool:
        """Whether the words before a headline's colon name a speaker: a person, organisation or place, or one
        word such as "Poll" or "Police"."""
        ent = self.ent_of[toks[-1].i]
        if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            return True
        words = [t.lower_ for t in toks if not t.is_punct]
        lex = self.lex
        return len(words) == 1 and (
            words[0] in lex.headline_sources or words[0] in lex.roles or words[0] in lex.org_words
        )

    def headline_cue(self, word: str) -> bool:
        """A cue verb as headlines inflect it ("says", "calls", "vows", "urges", "denies")."""
        lex = self.lex
        forms = {word}
        if word.endswith("ies"):
            forms.add(word[:-3] + "y")
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("s"):
            forms.add(word[:-1])
        known = lex.verbs | lex.attitude_verbs | lex.naming_verbs | frozenset(lex.object_verbs)
        return word.endswith("s") and bool(forms & known) and not (forms & lex.tail_only_verbs)

    def is_title_case(self, piece: _Piece) -> bool:
        words = re.findall(r"[^\W\d_][\w'’-]*", self.text[piece.start : piece.end])
        small = {"of", "the", "and", "for", "in", "on", "at", "a", "an", "to", "de", "al"}
        return (
            0 < len(words) <= 5 and all(w[0].isupper() or w.lower() in small for w in words) and (words[0][0].isupper())
        )

    def repair_unclosed(self, piece: _Piece) -> None:
        """A quote whose closing mark was forgotten: end it before an attribution inside (", he said.")."""
        doc = self.doc
        a, b = self.tok_from(piece.start), min(self.n, self.tok_from(piece.end))
        for i in range(a + 1, b):
            t = doc[i]
            if t.text != ",":
                continue
            j = i + 1
            while j < b and j - i <= 5 and doc[j].pos_ in ("PRON", "PROPN", "DET", "NOUN", "ADJ", "PUNCT"):
                if doc[j].text in (",", ".", ";"):
                    break
                j += 1
            if j < b and self.is_cue_verb(doc[j], tail=True) and (j > i + 1 or j + 1 < b):
                start, end = _trim(self.text, piece.start, t.idx)
                if _has_word(self.text, start, end):
                    piece.start, piece.end, piece.close_at = start, end, t.idx
                return

    def piece_record(self, p: _Piece) -> dict:
        rec = {"text": self.text[p.start : p.end], "kind": p.kind, "start": p.start, "end": p.end}
        return self.finish(rec, p.speaker, p.cue_text, p.cue_span)

    def finish(self, rec: dict, speaker: dict | None, cue_text: str | None, cue_span) -> dict:
        sp = dict(speaker) if speaker else self.describe(None)
        out = {
            "text": rec["text"],
            "kind": rec["kind"],
            "speaker": sp.get("speaker"),
            "speaker_title": sp.get("speaker_title"),
            "speaker_org": sp.get("speaker_org"),
            "speaker_rank": sp.get("speaker_rank"),
            "speaker_kind": sp.get("speaker_kind") or "unknown",
            "pronoun": bool(sp.get("pronoun")),
            "cue": cue_text,
            "start": rec["start"],
            "end": rec["end"],
            "speaker_start": sp.get("speaker_start"),
            "speaker_end": sp.get("speaker_end"),
            "cue_start": cue_span[0] if cue_span else None,
            "cue_end": cue_span[1] if cue_span else None,
        }
        for key in ("_pronoun", "_at", "_person", "_plural", "_human"):
            if key in sp:
                out[key] = sp[key]
        return out

    def continue_speakers(self, pieces: list[_Piece]) -> None:
        """Chained paragraph pieces share a speaker; an adjacent quote with no cue continues the previous one."""
        text = self.text
        chains: dict[int, list[_Piece]] = {}
        for p in pieces:
            if p.chain is not None:
                chains.setdefault(p.chain, []).append(p)
        for members in chains.values():
            donor = next((m for m in members if m.speaker and m.speaker.get("speaker") or m.cue is not None), None)
            if donor is None:
                continue
            for m in members:
                if m.cue is None and m.speaker is None:
                    m.speaker, m.cue_text, m.cue_span = donor.speaker, donor.cue_text, donor.cue_span
                    m.cue = donor.cue
        for k in range(1, len(pieces)):
            p, prev = pieces[k], pieces[k - 1]
            if p.speaker is not None or p.cue is not None or p.kind != "direct":
                continue
            if prev.speaker is None or prev.close_at is None and prev.chain is None:
                continue
            gap_from = (prev.close_at + 1) if prev.close_at is not None else prev.end
            if prev.tail_end is not None and prev.cue_span is not None and prev.cue_span[0] >= gap_from:
                gap_from = max(gap_from, prev.tail_end)
            gap = text[gap_from : p.open_at] if gap_from <= p.open_at else ""
            if re.fullmatch(r"[\s.,;:!?…—–-]*", gap):
                # one utterance: the continuation shares the speaker and the cue that attributes it
                p.speaker = prev.speaker
                p.cue, p.cue_text, p.cue_span = prev.cue, prev.cue_text, prev.cue_span

    def resolve_pronouns(self, records: list[dict]) -> None:
        """Pronoun speakers take the most recent named person speaker or subject ("he said" -> Khalil)."""
        persons: list[tuple[int, dict, tuple[int, int]]] = []
        for at, rec in self.person_subjects:
            persons.append((at, rec, (rec["start"], rec["end"])))
        orgs: list[tuple[int, dict]] = []
        plural: list[tuple[int, dict]] = []
        for r in records:
            if (r.get("_person") is not None or r.get("_human")) and r["speaker_start"] is not None:
                persons.append((r["speaker_start"], r, (r["speaker_start"], r["speaker_end"])))
            elif r["speaker"] is not None and not r["pronoun"]:
                if r["speaker_kind"] != "anonymous":
                    orgs.append((r["speaker_start"], r))
                if r.get("_plural") or r["speaker_kind"] != "anonymous":
                    plural.append((r["speaker_start"], r))
        persons.sort(key=lambda x: x[0])
        orgs.sort(key=lambda x: x[0])
        plural.sort(key=lambda x: x[0])
        p_keys = [x[0] for x in persons]
        o_keys = [x[0] for x in orgs]
        pl_keys = [x[0] for x in plural]
        for r in records:
            word = r.get("_pronoun")
            if not word:
                continue
            at = r.get("_at", r["start"])
            if word in ("he", "she", "him", "her"):
                i = bisect.bisect_left(p_keys, at) - 1
                if i < 0:
                    continue
                _, src, span = persons[i]
                if "speaker_kind" in src:  # a record
                    fields = {
                        k: src[k] for k in ("speaker", "speaker_title", "speaker_org", "speaker_rank", "speaker_kind")
                    }
                else:  # a registry entry: resolve through the surname
                    a, b = self.tok_from(src["start"]), self.tok_from(src["end"])
                    person = self.resolve_person(a, b)
                    fields = {
                        "speaker": person["name"],
                        "speaker_title": person["title"],
                        "speaker_org": person["org"],
                        "speaker_rank": person["rank"],
                        "speaker_kind": self.kind_of(
                            person["title"] or "", person["name"], head_word=_last_word(person["title"])
                        ),
                    }
                r.update(fields)
                r["speaker_start"], r["speaker_end"] = span
            else:
                keys, pool = (o_keys, orgs) if word == "it" else (pl_keys, plural)
                i = bisect.bisect_left(keys, at) - 1
                if i < 0:
                    continue
                src = pool[i][1]
                for k in (
                    "speaker",
                    "speaker_title",
                    "speaker_org",
                    "speaker_rank",
                    "speaker_kind",
                    "speaker_start",
                    "speaker_end",
                ):
                    r[k] = src[k]
            r["pronoun"] = True


def _trim_clause(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    lead = re.match(r"that\s+", text[s : min(e, s + 8)])
    if lead:
        s += lead.end()
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-.!?…"):
        e -= 1
    return s, e


def _strip_the(text: str) -> str:
    return re.sub(r"(?i)^the\s+", "", text).strip()


def _last_word(text: str | None) -> str | None:
    if not text:
        return None
    words = re.findall(r"[\w-]+", text.lower())
    return words[-1] if words else None


def find_quotes(doc: Doc, lexicon: SpeechLexicon | None = None) -> list[dict]:
    """Direct, partial and indirect quotes in ``doc`` with their speakers, in text order.

    Never raises on odd input: unbalanced marks are skipped, and a quote whose parse is broken keeps a null
    speaker.

    Example:
        >>> from eventwire.nlp import load  # doctest: +SKIP
        >>> q = find_quotes(load()('"We will win," Khalil said.'))  # doctest: +SKIP
        >>> q[0]["text"], q[0]["speaker"], q[0]["kind"]  # doctest: +SKIP
        ('We will win', 'Khalil', 'direct')
    """
    if not len(doc):
        return []
    return _Finder(doc, lexicon or default_lexicon()).run()
