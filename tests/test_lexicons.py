"""Data files: packaged YAML, overridden key by key by a user's folder (``EVENTWIRE_DATA``)."""

from __future__ import annotations

import pytest

from eventwire import lexicons


@pytest.fixture
def fresh_cache():
    """Clear the loaders' caches before and after, so an override neither leaks in nor out."""
    lexicons.load.cache_clear()
    lexicons.word_set.cache_clear()
    yield
    lexicons.load.cache_clear()
    lexicons.word_set.cache_clear()


def test_a_users_file_replaces_only_the_keys_it_holds(tmp_path, monkeypatch, fresh_cache):
    (tmp_path / "lexicon.yaml").write_text("crowd_words: [throng, multitude]\n", encoding="utf-8")
    monkeypatch.setenv(lexicons.OVERRIDE_ENV, str(tmp_path))
    assert lexicons.word_set("lexicon", "crowd_words") == {"throng", "multitude"}
    assert "say" in lexicons.word_set("lexicon", "reporting_verbs")  # untouched keys stay as shipped


def test_without_an_override_the_packaged_file_is_read(monkeypatch, fresh_cache):
    monkeypatch.delenv(lexicons.OVERRIDE_ENV, raising=False)
    assert "dozen" in lexicons.word_set("lexicon", "crowd_words")


def test_every_loader_honours_the_override(tmp_path, monkeypatch, fresh_cache):
    from eventwire.extractors.quotes.lexicon import SpeechLexicon

    (tmp_path / "speech.yaml").write_text("verbs: [opine]\n", encoding="utf-8")
    (tmp_path / "boilerplate.yaml").write_text("cut_from: ['Sponsored stories']\ndrop_line: []\n", encoding="utf-8")
    monkeypatch.setenv(lexicons.OVERRIDE_ENV, str(tmp_path))
    assert SpeechLexicon.from_yaml().verbs == {"opine"}
    assert lexicons.load("boilerplate")["cut_from"] == ["Sponsored stories"]


def test_a_data_file_that_is_not_a_mapping_is_refused(tmp_path, monkeypatch, fresh_cache):
    (tmp_path / "lexicon.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    monkeypatch.setenv(lexicons.OVERRIDE_ENV, str(tmp_path))
    with pytest.raises(ValueError, match="mapping"):
        lexicons.load("lexicon")
