"""The ACLED sentence classifier: which ACLED sub-event type (or none) a sentence describes.

A spaCy text classifier (bag of words and word pairs: small, fast, CPU only) trained on sentences written for the
project (``training/acled/<CODE>.txt``, one example per line). It never sees the evaluation gold sets. The event
extractor uses it to choose among ACLED sub-types where the trigger words alone do not decide (an "attack" on
soldiers or on villagers, a seizure of weapons or of a town); rules keep deciding whether there is an event.

Build: ``eventwire train acled`` (or ``make model``); the weights ship in ``eventwire/data/models/acled``.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import math
import random
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.training import Example

log = logging.getLogger("eventwire.models.acled")

MODEL_DIR = "models/acled"


@dataclass(frozen=True)
class AcledClass:
    """One classifier label and what it means in the two schemes."""

    code: str
    event_type: str | None
    sub_event_type: str | None
    plover_type: str | None
    plover_mode: str | None

    @property
    def acled(self) -> dict | None:
        """The record's ``acled`` value for this class (None outside ACLED's scope)."""
        if not self.event_type:
            return None
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type}


@functools.cache
def classes() -> dict[str, AcledClass]:
    """The classifier's labels, from ``data/acled_classes.tsv``.

    Example:
        >>> classes()["ARREST"].sub_event_type
        'Arrests'
    """
    text = resources.files("eventwire.data").joinpath("acled_classes.tsv").read_text("utf-8")
    out = {}
    for row in csv.reader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t"):
        row = [*row, "", "", "", ""][:5]
        out[row[0]] = AcledClass(row[0], row[1] or None, row[2] or None, row[3] or None, row[4] or None)
    return out


def read_training(folder: Path) -> list[tuple[str, str]]:
    """(text, code) pairs from ``folder/<CODE>.txt`` files, for the codes in ``acled_classes.tsv``."""
    pairs = []
    for code in classes():
        path = folder / f"{code}.txt"
        if not path.is_file():
            raise FileNotFoundError(f"training file missing: {path}")
        pairs.extend((line.strip(), code) for line in path.read_text("utf-8").splitlines() if line.strip())
    return pairs


BOW_MODEL = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 2**16,  # hashed n-gram features: ~8 MB of weights for 30 classes
}
#: bag of words plus a small CNN over subword features (norm, prefix, suffix, shape), averaged
ENSEMBLE_MODEL = {
    "@architectures": "spacy.TextCatEnsemble.v2",
    "nO": None,
    "linear_model": dict(BOW_MODEL, nO=None),
    "tok2vec": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {
            "@architectures": "spacy.MultiHashEmbed.v2",
            "width": 64,
            "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
            "rows": [5000, 1000, 2500, 1000],
            "include_static_vectors": False,
        },
        "encode": {
            "@architectures": "spacy.MaxoutWindowEncoder.v2",
            "width": 64,
            "window_size": 1,
            "maxout_pieces": 3,
            "depth": 2,
        },
    },
}
ARCHITECTURES = {"bow": BOW_MODEL, "ensemble": ENSEMBLE_MODEL}


def build_pipeline(arch: str = "bow") -> Language:
    """A blank English pipeline with an untrained exclusive text classifier over every class."""
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": ARCHITECTURES[arch]})
    for code in classes():
        textcat.add_label(code)
    return nlp


def train(
    folder: Path,
    output: Path,
    *,
    epochs: int = 25,
    seed: int = 0,
    holdout: float = 0.0,
    arch: str = "bow",
    extra: list[tuple[str, str]] | None = None,
) -> dict:
    """Train the classifier on ``folder`` and save it to ``output``; return accuracy figures.

    With ``holdout`` > 0 a random share of each class is kept out and scored (a check of the training data, not
    of the task: the gold sets measure that). ``arch``: a key of :data:`ARCHITECTURES`. ``extra``: more (text,
    code) pairs to train on (cross-validation folds of a dev set; never the shipped model).

    Example:
        >>> # train(Path("training/acled"), Path("src/eventwire/data/models/acled"))
    """
    rng = random.Random(seed)
    spacy.util.fix_random_seed(seed)
    pairs = read_training(folder) + list(extra or [])
    rng.shuffle(pairs)
    test: list[tuple[str, str]] = []
    if holdout:
        by_code: dict[str, list] = {}
        for p in pairs:
            by_code.setdefault(p[1], []).append(p)
        pairs, test = [], []
        for items in by_code.values():
            k = max(1, int(len(items) * holdout))
            test.extend(items[:k])
            pairs.extend(items[k:])
    nlp = build_pipeline(arch)
    labels = list(classes())

    def example(text: str, code: str) -> Example:
        return Example.from_dict(nlp.make_doc(text), {"cats": {c: float(c == code) for c in labels}})

    examples = [example(t, c) for t, c in pairs]
    optimizer = nlp.initialize(lambda: examples)
    for epoch in range(epochs):
        rng.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in spacy.util.minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, losses=losses, drop=0.2)
        log.info("epoch %d loss %.3f", epoch + 1, losses.get("textcat", 0.0))
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    figures = {"examples": len(pairs), "classes": len(labels), "epochs": epochs}
    if test:
        right = sum(max(nlp(t).cats.items(), key=lambda kv: kv[1])[0] == c for t, c in test)
        figures["holdout_accuracy"] = round(right / len(test), 3)
        figures["holdout_examples"] = len(test)
    return figures


CALIBRATION_FILE = "calibration.json"


def temperature(model_dir: Path) -> float:
    """The softmax temperature saved beside a model (``calibration.json``; 1.0 when there is none)."""
    path = Path(model_dir) / CALIBRATION_FILE
    if not path.is_file():
        return 1.0
    return float(json.loads(path.read_text("utf-8")).get("temperature", 1.0))


def calibrate(cats: dict[str, float], temp: float) -> dict[str, float]:
    """Class probabilities with the softmax temperature ``temp`` applied (``temp`` 1: unchanged).

    Example:
        >>> p = calibrate({"A": 0.9, "B": 0.1}, 2.0)
        >>> round(p["A"], 3)
        0.75
    """
    if temp == 1.0 or not cats:
        return cats
    logs = {k: math.log(max(v, 1e-9)) / temp for k, v in cats.items()}
    top = max(logs.values())
    exp = {k: math.exp(v - top) for k, v in logs.items()}
    total = sum(exp.values())
    return {k: v / total for k, v in exp.items()}


@functools.cache
def load() -> Language | None:
    """The shipped classifier, or None when it has not been built (extraction then uses rules alone).

    Example:
        >>> nlp = load()  # doctest: +SKIP
    """
    path = resources.files("eventwire.data").joinpath(MODEL_DIR)
    if not Path(str(path)).joinpath("config.cfg").is_file():
        log.warning("ACLED classifier not built (run `eventwire train acled`); using rules alone")
        return None
    return spacy.load(Path(str(path)))


def classify(texts: list[str]) -> list[dict[str, float]]:
    """Class probabilities for each text (empty dicts when no classifier is built).

    Example:
        >>> # classify(["Police arrested 12 opposition activists."])[0]["ARREST"] > 0.5
    """
    nlp = load()
    if nlp is None:
        return [{} for _ in texts]
    temp = _temperature()
    return [calibrate(dict(doc.cats), temp) for doc in nlp.pipe(texts, batch_size=64)]


@functools.cache
def _temperature() -> float:
    return temperature(Path(str(resources.files("eventwire.data").joinpath(MODEL_DIR))))
