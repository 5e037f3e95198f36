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


#: An article written for the web tests: every field and the text carry markup and script that must stay text.
HOSTILE = {
    "id": "hostile",
    "title": '<img src=x onerror="window.__xss=1;alert(3)">',
    "source": "<b onmouseover=alert(4)>Wire</b>",
    "url": "javascript:alert(5)",
    "published": "2025-03-05",
    "text": 'Police arrested 12 men "><img src=x onerror=alert(1)> in Kano on Monday, the police spokesman said. '
    "<script>window.__xss=1;alert(2)</script> Read more at javascript:alert(document.cookie) and "
    '<a href="javascript:alert(6)">here</a>.',
}


@pytest.fixture(scope="session")
def web_db_template(tmp_path_factory, pipeline) -> Path:
    """A store holding the sample reports of ``examples/`` and :data:`HOSTILE`, built once per session (copy it
    with ``web_db`` before writing to it)."""
    from eventwire.ingest import read_paths

    path = tmp_path_factory.mktemp("web") / "template.db"
    with Store(path) as store:
        for record in pipeline.process(read_paths([str(ROOT / "examples")])):
            store.add(record)
        fields = {k: v for k, v in HOSTILE.items() if k != "text"}
        store.add(pipeline.extract(HOSTILE["text"], **fields))
    return path


@pytest.fixture
def web_db(web_db_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of ``web_db_template`` for one test."""
    import shutil

    path = tmp_path / "web.db"
    shutil.copyfile(web_db_template, path)
    return path
