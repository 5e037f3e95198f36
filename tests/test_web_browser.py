"""The web UI in a real browser: Playwright for Python driving Debian's Chromium (``/usr/bin/chromium``, headless).

The server is the app of ``eventwire serve`` (uvicorn in a thread of this process) over the sample reports plus a
hostile article. Each test writes a screenshot into ``tests/screenshots/`` (git-ignored). The tests skip, saying
why, when Playwright or Chromium is missing or cannot start: ``make browser-deps`` installs Chromium (as root).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")

from conftest import HOSTILE  # noqa: E402
from eventwire.store import Store  # noqa: E402

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
TOKEN = "browser-token-456"


@pytest.fixture(scope="module")
def db(web_db_template: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "web.db"
    shutil.copyfile(web_db_template, path)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(app, port: int) -> Iterator[str]:
    """``app`` under uvicorn on 127.0.0.1:``port`` in a thread, for the duration of the block."""
    import uvicorn

    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(db: Path, pipeline) -> Iterator[str]:
    """The app on a free loopback port, with a token (so reviews can be stored)."""
    from eventwire.web import create_app

    with serving(create_app(db, token=TOKEN, pipeline=pipeline), free_port()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (make browser-deps, as root)")
    try:
        playwright = sync_api.sync_playwright().start()
    except Exception as e:  # pragma: no cover - depends on the machine
        pytest.skip(f"playwright could not start: {e}")
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
    except Exception as e:  # pragma: no cover - depends on the machine
        playwright.stop()
        pytest.skip(f"Chromium could not start: {str(e).splitlines()[0]}")
    yield chromium
    chromium.close()
    playwright.stop()


class Watch:
    """What a page did that it must not: dialogs (alert/confirm), script errors, CSP violations."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", self._console)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def check(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.errors == [], f"the page reported errors: {self.errors}"


@pytest.fixture
def page(browser, server: str, request) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.watch = Watch(tab)
    yield tab
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")


def events(db: Path, **filters) -> list[dict]:
    with Store(db, readonly=True) as store:
        return store.events(**{"modality": ["asserted", "reported", "planned"], **filters})


def test_page_loads_map_timeline_table(page, server: str, db: Path) -> None:
    ready(page, server + "/")
    assert page.locator("#events tbody tr").count() == len(events(db))
    assert page.locator("#map path.country").count() > 200  # Natural Earth outlines, from the package
    assert page.locator("#map circle.dot").count() > 10
    assert page.locator("#timeline rect.bar").count() > 10
    assert "event(s)" in page.locator("#status").inner_text()
    # first-order regions are named from the data (the bundled outlines have none); one click keeps one
    top = page.locator("#regions li").first
    region = top.get_attribute("data-admin1")
    top.click()
    sync_api.expect(page.locator("#events tbody tr")).to_have_count(len(events(db, admin1=region)))
    page.watch.check()


def test_filter_by_type(page, server: str, db: Path) -> None:
    ready(page, server + "/")
    page.select_option("#f-type", "PROTEST")
    page.click("#apply")
    wanted = len(events(db, type="PROTEST"))
    # (Playwright's expect polls with selectors; wait_for_function would need eval, which the page's CSP forbids)
    sync_api.expect(page.locator("#events tbody tr")).to_have_count(wanted)
    types = page.locator("#events tbody td.c-type").all_inner_texts()
    assert types and all(t.startswith("PROTEST") for t in types)
    assert set(page.locator("#legend > span").all_inner_texts()) == {"PROTEST"}
    page.watch.check()


def test_open_event_highlights_its_evidence_and_place(page, server: str, db: Path) -> None:
    row = next(r for r in events(db, type="COERCE") if r["actor1"] and r["lat"] is not None)
    with Store(db, readonly=True) as store:
        event = store.event(row["id"])[1]
    ready(page, server + "/")
    page.click(f'#events tbody tr[data-id="{row["id"]}"]')
    page.wait_for_selector("#article-text mark.k-trigger")
    assert page.locator("#article-text mark.k-trigger").first.inner_text() == event["trigger"]["text"]
    actor = event["actors"][0]
    assert actor["text"] in " ".join(page.locator("#article-text mark.k-actor").all_inner_texts())
    assert page.locator("#article-text mark.selected-place").count() >= 1
    assert page.locator(f'#map circle.dot.selected[data-id="{row["id"]}"]').count() == 1
    assert page.locator(f'#events tbody tr.selected[data-id="{row["id"]}"]').count() == 1
    assert page.locator('#event-fields dd[data-field="type"]').inner_text() == "COERCE"
    page.watch.check()


def test_correct_a_field_and_see_it_persist(page, server: str, db: Path) -> None:
    row = next(r for r in events(db, acled_type="Battles") if r["killed"] != 7)
    ready(page, server + "/")
    page.click(f'#events tbody tr[data-id="{row["id"]}"]')
    page.wait_for_selector("#review-form")
    page.fill("#token", TOKEN)
    page.fill('#review-form input[name="killed"]', "7")
    page.fill('#review-form textarea[name="note"]', "the ministry's later toll")
    page.click('#review-form button[name="save"]')
    sync_api.expect(page.locator("#status")).to_have_text("review stored")
    # a new page load reads it back from the store
    ready(page, f"{server}/#event={row['id']}")
    page.wait_for_selector('#event-fields dd[data-field="killed"]')
    killed = page.locator('#event-fields dd[data-field="killed"]')
    assert killed.inner_text().startswith("7")
    assert killed.locator(".was").inner_text() == (str(row["killed"]) if row["killed"] is not None else "(none)")
    assert "the ministry's later toll" in page.locator("#review-history").inner_text()
    assert page.locator(f'#events tbody tr[data-id="{row["id"]}"] .badge').inner_text() == "corrected"
    with Store(db, readonly=True) as store:
        assert store.reviews([row["id"]])[-1]["corrections"] == {"killed": 7}
    page.watch.check()


def test_hostile_article_runs_nothing(page, server: str, db: Path) -> None:
    (hostile,) = [r for r in events(db, article_id="hostile")][:1]
    ready(page, f"{server}/#event={hostile['id']}")
    page.wait_for_selector("#article-text mark")
    assert page.locator("#article-title").inner_text() == HOSTILE["title"]
    assert "<script>" in page.locator("#article-text").inner_text()
    assert HOSTILE["source"] in page.locator("#article-meta").inner_text()
    # the markup stayed text: no element came from it, no link to javascript:, no script ran
    assert page.locator("img").count() == 0
    assert page.locator("#article-box a, #article-box script, #article-box b").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.evaluate("window.__xss") is None
    # hostile text typed into a filter is data too
    page.fill('#filters input[name="text"]', '"><img src=x onerror=alert(7)>')
    page.click("#apply")
    sync_api.expect(page.locator("#status")).to_contain_text("event(s)")
    page.wait_for_timeout(300)  # time for anything the text might have started
    assert page.locator("img").count() == 0
    page.watch.check()


def test_api_docs_page(page, server: str) -> None:
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() >= 10
    page.watch.check()


def test_optional_tiles_are_drawn_under_the_outlines(browser, db: Path, request) -> None:
    from eventwire.web import create_app

    port = free_port()
    # a "tile server" on the same loopback origin: the package's icon, with the tile's z/x/y in the query
    tiles = f"http://127.0.0.1:{port}/static/favicon.svg?z={{z}}&x={{x}}&y={{y}}"
    with serving(create_app(db, tile_url=tiles), port) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        watch = Watch(page)
        ready(page, url + "/")
        images = page.locator("#map image")
        assert images.count() > 0
        assert images.first.get_attribute("href").startswith(f"http://127.0.0.1:{port}/static/favicon.svg?z=")
        assert page.locator("#map path.country").count() > 200  # the outlines are still drawn over them
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{request.node.name}.png"))
        watch.check()
        context.close()


def test_the_map_shows_every_matching_event_not_only_the_tables_page(browser, tmp_path: Path, request) -> None:
    # 260 synthetic events (benchmarks/bench_web.py writes them): the table shows its first page of 100, the map
    # every event with coordinates
    import importlib.util

    from eventwire.web import create_app

    spec = importlib.util.spec_from_file_location("bench_web", Path(__file__).parent.parent / "benchmarks/bench_web.py")
    bench_web = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench_web)
    db = tmp_path / "many.db"
    bench_web.build(db, 260)
    with Store(db, readonly=True) as store:
        listed = store.events(modality=["asserted", "reported", "planned"])
    located = [e for e in listed if e["lat"] is not None]
    assert len(listed) > 100 and located
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    try:
        with serving(create_app(db), free_port()) as url:
            ready(tab, url + "/")
            sync_api.expect(tab.locator("#map circle.dot")).to_have_count(len(located))
            assert tab.locator("#events tbody tr").count() == 100
            SHOTS.mkdir(exist_ok=True)
            tab.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()
