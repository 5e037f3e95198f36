"""The ACLED sentence classifier: it trains from the project's sentences, ships built, and reads sentences."""

from __future__ import annotations

from pathlib import Path

from eventwire.models import acled


def test_classes_map_to_acled_and_plover():
    classes = acled.classes()
    assert len(classes) == 30
    assert classes["AIR_STRIKE"].acled == {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
    }
    assert classes["NATURAL_DISASTER"].acled is None


def test_training_data_covers_every_class():
    pairs = acled.read_training(Path(__file__).resolve().parent.parent / "training" / "acled")
    counts = {code: sum(c == code for _, c in pairs) for code in acled.classes()}
    assert min(counts.values()) >= 30, counts


def test_train_builds_a_loadable_model(tmp_path):
    import spacy

    data = tmp_path / "data"
    data.mkdir()
    # each class gets a word of its own, so a model that learned anything tells the classes apart
    for code in acled.classes():
        word = code.lower().replace("_", "")
        (data / f"{code}.txt").write_text(f"reports of {word} came in\n{word} was seen again\n")
    figures = acled.train(data, tmp_path / "model", epochs=10)
    assert figures["examples"] == 60 and (tmp_path / "model" / "config.cfg").is_file()
    model = spacy.load(tmp_path / "model")
    assert set(model.get_pipe("textcat").labels) == set(acled.classes())
    for code in ("ARREST", "AIR_STRIKE", "NATURAL_DISASTER"):
        cats = model(f"{code.lower().replace('_', '')} was seen again").cats
        assert max(cats, key=cats.get) == code, cats


def test_shipped_model_reads_clear_sentences():
    cats = acled.classify(
        [
            "Police arrested the opposition leader at his home on Monday.",
            "Warplanes bombed rebel positions outside the town, killing 12 fighters.",
            "A magnitude 6.8 earthquake struck the region, killing dozens and flattening homes.",
        ]
    )
    top = [max(c.items(), key=lambda kv: kv[1])[0] for c in cats]
    assert top == ["ARREST", "AIR_STRIKE", "NATURAL_DISASTER"]


def test_temperature_flattens_probabilities_and_keeps_their_order(tmp_path):
    cats = {"A": 0.7, "B": 0.2, "C": 0.1}
    flat = acled.calibrate(cats, 2.0)
    assert abs(sum(flat.values()) - 1) < 1e-9 and flat["A"] < 0.7 and max(flat, key=flat.get) == "A"
    assert acled.calibrate(cats, 1.0) == cats
    assert acled.temperature(tmp_path) == 1.0
    (tmp_path / acled.CALIBRATION_FILE).write_text('{"temperature": 2.5}')
    assert acled.temperature(tmp_path) == 2.5


def test_the_ensemble_architecture_builds():
    nlp = acled.build_pipeline("ensemble")
    assert set(nlp.get_pipe("textcat").labels) == set(acled.classes())
