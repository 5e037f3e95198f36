"""Quote marks paired into pieces of quoted text, from the characters alone (no parse needed)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Token

_MAX_SINGLE_QUOTE = 300  # characters inside a single-mark quote
_DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
_DOUBLE_MARKS = '"“”„«»'
_OPEN_CONTEXT = "([{—–-/:'‘“„«\""
_CLOSE_CONTEXT = ".,;:!?)]}—–-…'’”»\""
_ELISIONS = ("tis ", "twas ", "em ", "n ", "n'", "cause ", "til ", "till ", "s ")


@dataclass
class Piece:
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


def paragraphs(text: str) -> list[tuple[int, int]]:
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


def piece_end(p: Piece) -> int:
    """The end of a piece with its closing mark (its content end when it runs to the paragraph end)."""
    return (p.close_at + 1) if p.close_at is not None else p.end


def mark_view(text: str) -> str:
    """``text`` with doubled apostrophes and backticks used as quotation marks (``''Yes,'' he said``, as news
    archives print them) rewritten as one straight mark and a space, so offsets are unchanged.

    Example:
        >>> mark_view("''Yes,'' he said.")
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


def has_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a word character.

    Example:
        >>> has_word("a -- b", 1, 4), has_word("a -- b", 0, 1)
        (False, True)
    """
    return re.search(r"\w", text[start:end]) is not None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace, and a trailing comma (``“We will win,” he said`` -> ``We will win``)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def double_pieces(text: str, paras: list[tuple[int, int]]) -> list[Piece]:
    """Pieces in double marks (straight, curly, guillemets), paired per paragraph from the characters' context;
    a quote left open at a paragraph end whose next paragraph opens with a mark runs on (shared ``chain``).

    Example:
        >>> [(p.start, p.end) for p in double_pieces('"We stay," he said.', [(0, 19)])]
        [(1, 8)]
    """
    pieces: list[Piece] = []
    chain_id = 0
    prev_runs_on: Piece | None = None
    for k, (lo, hi) in enumerate(paras):
        marks = [m.start() for m in re.finditer(r'["“”„«»]', text[lo:hi])]
        open_at: int | None = None
        first_piece_here: Piece | None = None
        for rel in marks:
            p = lo + rel
            ch = text[p]
            can_open, can_close = _flanks(text, p, lo, hi)
            nxt = text[p + 1] if p + 1 < hi else " "
            prv = text[p - 1] if p > lo else " "
            if ch in _DOUBLE_OPEN:  # trust the glyph unless the context clearly says otherwise
                role = "close" if (can_close and not can_open and prv.isalnum()) else "open"
            elif ch in DOUBLE_CLOSE:
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
                s, e = trim(text, open_at + 1, p)
                if has_word(text, s, e):
                    piece = Piece(s, e, open_at, p)
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
            s, e = trim(text, open_at + 1, hi)
            if has_word(text, s, e):
                piece = Piece(s, e, open_at, None)
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


def single_pieces(text: str, paras: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Piece]:
    """Quotes in single marks, outside double-quoted text, only where the marks cannot be apostrophes."""
    pieces: list[Piece] = []
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
            s, e = trim(text, o + 1, close)
            if has_word(text, s, e):
                pieces.append(Piece(s, e, o, close, single=True))
            p = close + 1
    return pieces
