"""Shared pytest fixtures. Sample records live in ``tests/records.py`` (import it as ``records``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The gazetteer index is built once (about a minute) into the project's cache, shared by test runs.
os.environ.setdefault("EVENTWIRE_CACHE", str(ROOT / ".cache" / "eventwire"))

from eventwire.store import Store  # noqa: E402
from records import Record, sample_records  # noqa: E402

SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared material beside the project (real reports, gold sets); tests using it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent: real reports and gold sets are not part of the project")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The English spaCy pipeline, loaded once per test session."""
    from eventwire import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="session")
def gazetteer():
    """The default gazetteer index (built on first use into the project cache)."""
    from eventwire.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def pipeline(gazetteer):
    """One extraction pipeline for the whole session."""
    from eventwire.pipeline import Pipeline

    return Pipeline(gazetteer=gazetteer)


@pytest.fixture(scope="session")
def extract(pipeline):
    """``extract(text, published)`` -> record, through the shared pipeline."""

    def run(text: str, published: str | None = "2025-11-09") -> dict:
        return pipeline.extract(text, published=published)

    return run


@pytest.fixture
def samples() -> list[Record]:
    """Fresh copies of the three hand-written sample records (Syria, Kenya, Ukraine)."""
    return sample_records()


@pytest.fixture
def store(samples: list[Record]) -> Iterator[Store]:
    """An in-memory store holding the three samples."""
    with Store(":memory:") as s:
        for record in samples:
            s.add(record)
        yield s
