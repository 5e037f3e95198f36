"""List lines a change adds that share a run of words with the gold sets or the corpus in ``../shared``.

Gold sets are for measuring only, and text written by others never goes into the repository: not as data, not as
a test sentence, not as an example in a comment. An example phrase remembered from an error analysis slips in
easily; this check finds it before it lands. It reads every text file under ``../shared/eval`` and
``../shared/corpus``, indexes their runs of ``--words`` words (lower case, punctuation ignored), and prints each
added line of ``git diff BASE`` (tracked files under src, tests, training, examples, docs, scripts and
benchmarks) that holds one of them, with the shared runs.

Usage (from the repository root):

    .venv/bin/python scripts/check_gold_overlap.py                 # the uncommitted change, runs of 5 words
    .venv/bin/python scripts/check_gold_overlap.py --base HEAD~3 --words 6

A hit is a place to look, not a verdict: common news phrases ("in the Central African Republic", "said in a
statement") recur everywhere. Exit status 0 with no hits, 1 with hits, 2 when ``../shared`` is absent.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FOLDERS = ("eval", "corpus")
CHECKED = ("src", "tests", "training", "examples", "docs", "scripts", "benchmarks")
SKIP_SUFFIXES = (".md",)  # a gold set's SOURCE.md describes it; its words are not gold text
MAX_BYTES = 300_000_000
_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    """Lower-case words, punctuation dropped.

    Example:
        >>> words("Police said: 12 were held.")
        ['police', 'said', '12', 'were', 'held']
    """
    return _WORD.findall(text.lower())


def runs(seq: list[str], n: int) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive items of ``seq``.

    Example:
        >>> sorted(runs(["a", "b", "c"], 2))
        [('a', 'b'), ('b', 'c')]
    """
    return {tuple(seq[i : i + n]) for i in range(len(seq) - n + 1)}


def gold_runs(shared: Path, n: int) -> set[tuple[str, ...]]:
    """The runs of ``n`` words in every text file of ``shared``'s gold sets and corpus."""
    found: set[tuple[str, ...]] = set()
    for folder in FOLDERS:
        for path in sorted((shared / folder).rglob("*")):
            if not path.is_file() or path.suffix in SKIP_SUFFIXES or path.stat().st_size > MAX_BYTES:
                continue
            found |= runs(words(path.read_text(encoding="utf-8", errors="ignore")), n)
    return found


def added_lines(base: str) -> list[tuple[str, str]]:
    """``(file, line)`` for each line ``git diff base`` adds under the checked folders."""
    diff = subprocess.run(
        ["git", "diff", "--no-color", base, "--", *CHECKED], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout
    out: list[tuple[str, str]] = []
    current = ""
    for line in diff.splitlines():
        if line.startswith("+++ "):
            current = line[6:] if line.startswith("+++ b/") else ""
        elif line.startswith("+") and current:
            out.append((current, line[1:]))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="what the change is measured against (default HEAD)")
    parser.add_argument("--words", type=int, default=5, help="length of a shared run (default 5)")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"no {SHARED}: nothing to compare against", file=sys.stderr)
        return 2
    gold = gold_runs(SHARED, args.words)
    hits = 0
    for path, line in added_lines(args.base):
        shared = [" ".join(r) for r in sorted(runs(words(line), args.words) & gold)]
        if shared:
            hits += 1
            print(f"{path}: {line.strip()[:110]}\n    shares: {'; '.join(shared[:3])}")
    print(f"{hits} added line(s) share a run of {args.words} words with ../shared", file=sys.stderr)
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main())
