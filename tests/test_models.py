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
    data = tmp_path / "data"
    data.mkdir()
    for code in acled.classes():
        (data / f"{code}.txt").write_text(f"an example sentence about {code.lower()}\nanother line {code}\n")
    figures = acled.train(data, tmp_path / "model", epochs=2)
    assert figures["examples"] == 60 and (tmp_path / "model" / "config.cfg").is_file()


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
