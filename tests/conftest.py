"""Shared pytest fixtures. Sample records live in ``tests/records.py`` (import it as ``records``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from eventwire.store import Store
from records import Record, sample_records


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
