"""The state the quote finder shares between its steps: one :class:`QuoteContext` per document.

It holds the parsed document, the text with archive-style marks normalised, entity and paragraph lookups,
which tokens lie inside quote marks, and the person registry that speaker resolution fills in.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.extractors.parse import doc_text
from eventwire.extractors.quotes.lexicon import SpeechLexicon
from eventwire.extractors.quotes.marks import mark_view, paragraphs

# Limits that keep the work linear on long or badly punctuated documents.
MAX_WINDOW = 40  # tokens searched after a closing mark / before an opening mark
MAX_CLIMB = 40  # steps up the parse
MAX_SUBTREE_SCAN = 200  # widest subtree whose children we list directly


@dataclass
class Mention:
    """A stretch naming a speaker: its head token and char span."""

    head: Token
    start: int
    end: int
    pronoun: bool = False


class QuoteContext:
    """One document as the quote finder sees it, and what its steps learn about it."""

    def __init__(self, doc: Doc, lex: SpeechLexicon) -> None:
        self.doc = doc
        self.text = mark_view(doc_text(doc))  # same length and offsets as doc.text; '' and `` read as "
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
        self.paras = paragraphs(self.text)
        self.para_starts = [a for a, _ in self.paras]
        self.inside = bytearray(self.n)  # 1 for tokens inside quote marks (marks included)
        self.registry: dict[str, list[dict]] = {}
        self.person_subjects: list[tuple[int, dict]] = []  # (char start, person record) for pronouns
        self.opens: list[int] = []  # opening-mark offsets of the pieces, for the indirect pass

    def tok_at(self, char: int) -> int:
        """Index of the token covering (or preceding) ``char``."""
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def tok_from(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        return bisect.bisect_left(self.tok_starts, char)

    def para_of(self, char: int) -> tuple[int, int]:
        """The paragraph span holding ``char`` (the whole text when it precedes the first)."""
        i = bisect.bisect_right(self.para_starts, char) - 1
        if i < 0:
            return (0, len(self.text))
        return self.paras[i]

    def children(self, tok: Token) -> list[Token]:
        """The children of ``tok``, listed directly from the doc for very wide subtrees (linear on long texts)."""
        if tok.right_edge.i - tok.left_edge.i <= MAX_SUBTREE_SCAN:
            return list(tok.children)
        lo, hi = max(0, tok.i - MAX_WINDOW), min(self.n, tok.i + MAX_WINDOW)
        return [t for t in self.doc[lo:hi] if t.head.i == tok.i and t.i != tok.i]
