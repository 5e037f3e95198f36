"""The cleaned body text that every span indexes into.

Cleaning only removes (page residue, a repeated headline) and normalises line ends; it never rewrites words, so
what remains is the writer's text character for character.
"""

from __future__ import annotations

import functools
import re

from eventwire.lexicons import load as load_data


@functools.cache
def _residue_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("boilerplate")
    cut = re.compile(r"^\s*(?:" + "|".join(data["cut_from"]) + r")\b.*$", re.IGNORECASE)
    drop = re.compile(r"^\s*(?:" + "|".join(data["drop_line"]) + r")\s*$", re.IGNORECASE)
    return cut, drop


def clean_text(text: str) -> tuple[str, list[str]]:
    """Return ``(body, notes)``: line ends normalised, page residue removed, surrounding blank lines trimmed.

    A line such as "Related Posts" or "Read more" starts the page's trailing residue, so it and everything after it
    go; lone "Advertisement" / "Share this article" lines go too. ``notes`` says what was removed.

    Example:
        >>> clean_text("Police arrested 3 men.\\n\\nRelated Posts  Other story")[0]
        'Police arrested 3 men.'
    """
    notes: list[str] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    cut, drop = _residue_patterns()
    lines = text.split("\n")
    kept: list[str] = []
    for i, line in enumerate(lines):
        # Only cut in the last part of the text: "Related posts" in the first lines is more likely a headline word.
        if cut.match(line) and i > 0 and len(line) < 400:
            notes.append(f"dropped {len(lines) - i} trailing line(s) of page residue from {line.strip()[:30]!r}")
            break
        if drop.match(line):
            notes.append(f"dropped page residue line {line.strip()!r}")
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip(), notes


_HEADLINE_END = re.compile(r"[.!?:;\"”’)]$")


def split_headline(text: str) -> tuple[str | None, str]:
    """Split a plain-text report into ``(headline, body)`` when its first line is a headline.

    A headline is a first line under 250 characters, followed by a blank line, not ending like a sentence.

    Example:
        >>> split_headline("Floods hit town\\n\\nHeavy rain fell on Monday.")
        ('Floods hit town', 'Heavy rain fell on Monday.')
    """
    first, sep, rest = text.partition("\n")
    if sep and rest.startswith("\n") and 0 < len(first.strip()) < 250 and not _HEADLINE_END.search(first.strip()):
        return first.strip(), rest.strip()
    return None, text
