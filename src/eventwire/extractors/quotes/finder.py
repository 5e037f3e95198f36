"""The quote finder's order of work: pair marks, class and attribute pieces, find indirect speech, resolve
speakers, and shape the records."""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.extractors.parse import doc_text
from eventwire.extractors.quotes.context import QuoteContext
from eventwire.extractors.quotes.direct import LABEL, attribute, classify, is_title_case, piece_record, repair_unclosed
from eventwire.extractors.quotes.indirect import headline, indirect
from eventwire.extractors.quotes.lexicon import SpeechLexicon, default_lexicon
from eventwire.extractors.quotes.marks import double_pieces, has_word, single_pieces
from eventwire.extractors.quotes.resolve import build_registry, continue_speakers, finish, resolve_pronouns


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
    return run(QuoteContext(doc, lexicon or default_lexicon()))


def run(ctx: QuoteContext) -> list[dict]:
    """Every quote in the context's document, in text order: pair marks, class and attribute pieces, find
    indirect speech and headlines, resolve pronouns, and shape the records ``find_quotes`` returns.
    """
    text = ctx.text
    pieces = double_pieces(text, ctx.paras)
    spans = sorted((p.open_at, (p.close_at + 1) if p.close_at is not None else p.end) for p in pieces)
    pieces += single_pieces(text, ctx.paras, spans)
    pieces.sort(key=lambda p: p.start)
    for p in pieces:
        if p.close_at is None and p.chain is None:
            repair_unclosed(ctx, p)
    pieces = [p for p in pieces if not (p.stray and p.close_at is None)]
    for p in pieces:
        lo = ctx.tok_at(p.open_at) if p.open_at < len(text) else ctx.n
        hi = ctx.tok_from(p.close_at + 1) if p.close_at is not None else ctx.tok_from(p.end)
        for i in range(lo, min(hi, ctx.n)):
            if ctx.doc[i].idx >= p.open_at:
                ctx.inside[i] = 1
    build_registry(ctx)
    for p in pieces:
        m = LABEL.match(text, p.start, p.end)
        if m and not p.single and has_word(text, m.end(), p.end):
            p.label, p.start = (m.start(1), m.end(1)), m.end()
        p.kind = classify(ctx, p)
    for k, p in enumerate(pieces):
        prev_end = (
            (pieces[k - 1].close_at + 1)
            if k and pieces[k - 1].close_at is not None
            else (pieces[k - 1].end if k else 0)
        )
        next_open = pieces[k + 1].open_at if k + 1 < len(pieces) else len(text)
        try:
            attribute(ctx, p, prev_end, next_open)
        except Exception:  # noqa: BLE001 - a broken parse must not sink the whole record
            p.cue = None
            p.speaker = None
    continue_speakers(ctx, pieces)
    try:
        reported = indirect(ctx, pieces)  # may turn quotes inside reported speech into partial ones
    except Exception:  # noqa: BLE001 - same: keep the direct quotes
        reported = []
    records: list[dict] = []
    for p in pieces:
        if p.kind == "partial" and is_title_case(ctx, p):
            continue  # a quoted name or title: told «Radio North», the operation "Dawn of Freedom"
        if p.speaker is None or p.speaker.get("speaker") is None and not p.speaker.get("pronoun"):
            words = text[p.start : p.end].split()
            if p.kind == "partial" or len(words) < 3:
                continue  # scare quotes, names, titles
        records.append(piece_record(ctx, p))
    for r in reported:
        cue = r.pop("_cue")
        sp = r.pop("_speaker")
        records.append(finish(ctx, r, sp, cue[1], (cue[2], cue[3])))
    try:
        records += headline(ctx, records)
    except Exception:  # noqa: BLE001 - the headline is a bonus, never a failure
        pass
    records.sort(key=lambda r: (r["start"], r["end"]))
    resolve_pronouns(ctx, records)
    source = doc_text(ctx.doc)
    for r in records:
        for key in [k for k in r if k.startswith("_")]:
            del r[key]
        r["text"] = source[r["start"] : r["end"]]
        if r["cue"] is not None:
            r["cue"] = source[r["cue_start"] : r["cue_end"]]
    return records
