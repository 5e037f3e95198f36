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


# ---------------------------------------------------------------------------------------------- PostgreSQL


def _pg_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (initdb, pg_ctl): on PATH, else Debian's versioned folder."""
    import shutil

    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return candidates[-1].parent if candidates else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, for the session; yields its base URL.

    Started with initdb and pg_ctl from the server binaries (`make test` installs Debian's `postgresql` when it
    can); as root, the server runs as the `postgres` user (PostgreSQL refuses to run as root). Skips, saying why,
    when there are no binaries, no psycopg or the server does not start.
    """
    import socket
    import subprocess

    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'eventwire[postgres]')")
    bin_dir = _pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql")
    import shutil
    import tempfile

    # directly in the temporary folder: pytest's own folders are private to root, where the server cannot reach
    base = Path(tempfile.mkdtemp(prefix="eventwire-pg-"))
    data, log = base / "data", base / "server.log"
    prefix: list[str] = []
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server as")
        runuser = shutil.which("runuser")
        if runuser is None:
            pytest.skip("running as root and runuser is missing: cannot start PostgreSQL as another user")
        shutil.chown(base, "postgres")
        os.chmod(base, 0o700)
        prefix = [runuser, "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    steps = [
        [str(bin_dir / "initdb"), "-D", str(data), "-U", "eventwire", "--auth=trust", "-E", "UTF8", "--locale=C"],
        [
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-w",
            "-t",
            "60",
            "-o",
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
            "start",
        ],
    ]
    for step in steps:
        done = subprocess.run(prefix + step, capture_output=True, text=True)
        if done.returncode != 0:
            why = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            shutil.rmtree(base, ignore_errors=True)
            pytest.skip(f"PostgreSQL did not start ({Path(step[0]).name}: {why[0]})")
    try:
        yield f"postgresql://eventwire@127.0.0.1:{port}"
    finally:
        stop = [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
        subprocess.run(prefix + stop, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str, request) -> str:
    """A new, empty database in the session's PostgreSQL cluster, for one test."""
    import re

    import psycopg

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:50]
    with psycopg.connect(f"{postgres_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_server}/{name}"


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
