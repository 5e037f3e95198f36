"""How much of the parser's work selective parsing could save: the share of sentences (and of their tokens) that
hold an event trigger word or a speech cue, which would still need the dependency parse.

Usage: python benchmarks/parse_share.py [--reports 300] [--seed 15] [PATH.jsonl ...]

Without paths, reads ``--reports`` reports composed as ``throughput.py`` composes them (from ``examples/``); with
JSON Lines paths (one ``{"text": ...}`` a line), their texts. A sentence "needs the parse" when one of its words
(lemma or lower-cased form) heads a trigger rule of ``data/events.yaml``, or is a speech, belief or claim word of
``data/speech.yaml`` (verbs, nouns, the first word of its phrases), or it holds a quotation mark: what the event
and quote extractors start from. The sentences are the parser's own (an upper bound on the share a sentence
recogniser without the parser would give, near enough for a go/no-go).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

#: The word lists of ``speech.yaml`` whose words cue a quote or an attribution.
SPEECH_LISTS = (
    "verbs",
    "tail_only_verbs",
    "attitude_verbs",
    "object_verbs",
    "naming_verbs",
    "phrasal_verbs",
    "phrases",
    "nouns",
    "claim_nouns",
)


def cue_words() -> frozenset[str]:
    """The first words of every trigger rule's head (``events.yaml``) and speech cue (``speech.yaml``)."""
    from eventwire.extractors.triggers import rules
    from eventwire.lexicons import load

    words = {key.split(":", 1)[1] for key in rules()}
    speech = load("speech")
    for name in SPEECH_LISTS:
        for entry in speech.get(name) or []:
            if str(entry).split():
                words.add(str(entry).split()[0].lower())
    return frozenset(words)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()

    if args.paths:
        texts = [json.loads(line)["text"] for p in args.paths for line in p.open(encoding="utf-8") if line.strip()]
        what = ", ".join(str(p) for p in args.paths)
    else:
        from throughput import compose

        texts, _ = compose(args.reports, 500, args.seed, Path(tempfile.mkdtemp()) / "reports.jsonl")
        what = f"{args.reports} reports composed from examples/ (seed {args.seed})"

    from eventwire import nlp as nlp_mod

    cues = cue_words()
    nlp = nlp_mod.load()
    sents = needing = tokens = needing_tokens = 0
    for doc in nlp.pipe(texts, batch_size=16):
        for sent in doc.sents:
            words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
            needs = bool(words & cues) or any(t.is_quote for t in sent)
            sents += 1
            tokens += len(sent)
            needing += needs
            needing_tokens += len(sent) if needs else 0
    print(f"texts: {len(texts)} ({what}); cue words: {len(cues)}")
    print(f"sentences needing the parse: {needing:,} of {sents:,} ({needing / sents:.0%})")
    print(f"their tokens: {needing_tokens:,} of {tokens:,} ({needing_tokens / tokens:.0%})")


if __name__ == "__main__":
    main()
