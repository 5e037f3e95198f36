"""Compare ACLED sentence-classifier variants on data they never saw: the CASE 2021 dev half, classifier alone.

Each variant is trained on ``training/acled`` only (``--cv K`` adds K-fold cross-validation: the non-frozen dev
snippets of the other folds are added to training, folds by snippet; the frozen split is never trained on). Each
snippet's label is the classifier's top class over the whole snippet; the five classes outside ACLED count as
"no ACLED event". Printed: macro F1 on all / frozen / the rest (in CV, the rest are the held-out folds).

Usage: python scripts/acled_heldout.py ../shared/eval/case2021-task2-dev --arch bow [--epochs 25] [--cv 5]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
from pathlib import Path

import spacy

from eventwire.eval.events import NO_ACLED, frozen_case_ids, read_case, score_case
from eventwire.models import acled


def _label(cats: dict[str, float]) -> str:
    code = max(cats.items(), key=lambda kv: kv[1])[0]
    return acled.classes()[code].sub_event_type or NO_ACLED


def _predict(model_dir: Path, texts: list[str]) -> list[str]:
    nlp = spacy.load(model_dir)
    return [_label(doc.cats) for doc in nlp.pipe(texts, batch_size=64)]


def _fold(snippet_id: str, k: int) -> int:
    return int(hashlib.sha256(f"eventwire-fold:{snippet_id}".encode()).hexdigest(), 16) % k


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("case")
    ap.add_argument("--arch", default="bow", choices=sorted(acled.ARCHITECTURES))
    ap.add_argument("--epochs", type=int, default=25)
    ap.add_argument("--data", type=Path, default=Path("training/acled"))
    ap.add_argument("--cv", type=int, default=0)
    args = ap.parse_args()
    items = read_case(args.case)
    frozen = frozen_case_ids()
    gold = [it.gold for it in items]
    pred = [""] * len(items)
    with tempfile.TemporaryDirectory() as tmp:
        if not args.cv:
            acled.train(args.data, Path(tmp), epochs=args.epochs, arch=args.arch)
            pred = _predict(Path(tmp), [it.text for it in items])
        else:
            for k in range(args.cv):
                extra = [(it.text, it.code) for it in items if it.id not in frozen and _fold(it.id, args.cv) != k]
                acled.train(args.data, Path(tmp), epochs=args.epochs, arch=args.arch, extra=extra)
                idx = [i for i, it in enumerate(items) if it.id not in frozen and _fold(it.id, args.cv) == k]
                for i, p in zip(idx, _predict(Path(tmp), [items[i].text for i in idx]), strict=True):
                    pred[i] = p
            # the frozen split: a model trained on every non-frozen snippet
            extra = [(it.text, it.code) for it in items if it.id not in frozen]
            acled.train(args.data, Path(tmp), epochs=args.epochs, arch=args.arch, extra=extra)
            idx = [i for i, it in enumerate(items) if it.id in frozen]
            for i, p in zip(idx, _predict(Path(tmp), [items[i].text for i in idx]), strict=True):
                pred[i] = p
    out = {"arch": args.arch, "epochs": args.epochs, "cv": args.cv}
    for part, keep in (("all", None), ("frozen", True), ("rest", False)):
        idx = [i for i, it in enumerate(items) if keep is None or (it.id in frozen) == keep]
        s = score_case([gold[i] for i in idx], [pred[i] for i in idx])
        out[part] = {"n": s["n"], "macro_f1": s["macro_f1"], "micro_f1": s["micro"]["f1"]}
        if part == "frozen":
            out["frozen_weakest"] = sorted((round(c["f1"], 2), sub) for sub, c in s["per_class"].items())[:6]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
