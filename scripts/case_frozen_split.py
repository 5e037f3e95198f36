"""Write the frozen, never-tuned split of the CASE 2021 dev half: ``src/eventwire/data/case2021_frozen_ids.txt``.

Fixed once (2026-12-03), before any tuning of the sub-type classifier: within each gold code, the snippets are
ordered by the SHA-256 of ``"eventwire-frozen:" + id`` and the first 30 % (rounded, at least one) are frozen.
No rule, threshold or hyper-parameter is tuned on them, and no model is trained on them; ``eventwire eval events
--dataset case2021`` reports them apart. Only snippet ids are written (no gold text).

Usage: python scripts/case_frozen_split.py ../shared/eval/case2021-task2-dev [--check]
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from eventwire.eval.events import FROZEN_IDS_FILE, read_case

SHARE = 0.30


def frozen_ids(items) -> list[str]:
    by_code: dict[str, list] = {}
    for it in items:
        by_code.setdefault(it.code, []).append(it)
    out = []
    for code in sorted(by_code):
        group = sorted(by_code[code], key=lambda it: hashlib.sha256(f"eventwire-frozen:{it.id}".encode()).hexdigest())
        out.extend(it.id for it in group[: max(1, round(len(group) * SHARE))])
    return sorted(out, key=lambda s: (len(s), s))


def main(argv: list[str]) -> int:
    ids = frozen_ids(read_case(Path(argv[0])))
    text = "# CASE 2021 dev: frozen split (scripts/case_frozen_split.py); never trained or tuned on\n" + "\n".join(ids)
    if "--check" in argv:
        same = FROZEN_IDS_FILE.read_text("utf-8").strip() == text.strip()
        print("frozen split unchanged" if same else "frozen split differs")
        return 0 if same else 1
    FROZEN_IDS_FILE.write_text(text + "\n", "utf-8")
    print(f"{len(ids)} frozen ids written to {FROZEN_IDS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
