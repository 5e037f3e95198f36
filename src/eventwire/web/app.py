"""The web app: a FastAPI application over one eventwire store, with the UI's static files and security headers.

:func:`create_app` builds it; ``eventwire serve`` runs it with uvicorn. Without a token the store is opened
read-only (``mode=ro``, ``query_only``): nothing a request does can write. With a token, ingest (``POST
/api/articles``) and reviews (``POST /api/events/{id}/reviews``) are allowed to requests that carry it as
``Authorization: Bearer <token>``.

Every response carries a Content-Security-Policy without inline script (``script-src 'self'``), so text that an
article smuggles into the page cannot run even if an escaping bug let it in; the UI builds its DOM with
``textContent`` only. Request bodies and query strings have size limits (:class:`Limits`); CORS is off unless
origins are given.

Example:
    >>> from eventwire.web import create_app  # doctest: +SKIP
    >>> app = create_app("eventwire.db", token=None)  # doctest: +SKIP
    >>> import uvicorn; uvicorn.run(app, host="127.0.0.1", port=8000)  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from eventwire import __version__
from eventwire.errors import EventwireError, msg
from eventwire.store import Store

#: The built UI (``make web`` writes it; it ships inside the package).
STATIC = Path(__file__).resolve().parent / "static"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


@dataclass(frozen=True)
class Limits:
    """Size limits of a request: ``body`` bytes (an article to ingest, a review), ``query`` bytes of the query
    string, ``page`` rows of one ``/api/events`` page.

    Example:
        >>> Limits().body
        1000000
    """

    body: int = 1_000_000
    query: int = 4_096
    page: int = 500


class Stores:
    """One :class:`Store` connection per worker thread (SQLite connections may not cross threads).

    Example:
        >>> Stores("eventwire.db", readonly=True).path  # doctest: +SKIP
        'eventwire.db'
    """

    def __init__(self, path: str | Path, *, readonly: bool) -> None:
        self.path = str(path)
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[Store] = []
        self._lock = threading.Lock()

    def get(self) -> Store:
        """This thread's store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self.open()
            self._local.store = store
            with self._lock:
                self._all.append(store)
        return store

    def open(self) -> Store:
        """A new connection the caller owns (for a streamed export that runs in a thread of its own)."""
        return Store.for_reading(self.path) if self.readonly else Store(self.path)

    def close(self) -> None:
        """Close every connection this object opened (at shutdown)."""
        with self._lock:
            for store in self._all:
                # a connection made in a worker thread may only be closed there; at shutdown the process ends anyway
                with contextlib.suppress(sqlite3.ProgrammingError):
                    store.close()
            self._all.clear()


def content_security_policy(tile_url: str | None = None, *, docs: bool = False) -> str:
    """The Content-Security-Policy of every response: nothing inline, nothing from elsewhere (but tiles).

    The API docs page (Swagger UI) sets element styles, so ``/docs`` alone allows inline *styles*; no page
    allows inline script.

    Example:
        >>> "script-src 'self'" in content_security_policy()
        True
        >>> "https://tile.example.org" in content_security_policy("https://tile.example.org/{z}/{x}/{y}.png")
        True
    """
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        images += f" {parts.scheme}://{parts.netloc}"
    style = "'self' 'unsafe-inline'" if docs else "'self'"
    return (
        f"default-src 'none'; script-src 'self'; style-src {style}; img-src {images}; connect-src 'self'; "
        "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
    )


class Guard:
    """ASGI middleware: refuse oversized requests before a handler reads them, add the security headers.

    A body must declare its length (``Content-Length``) and stay within :attr:`Limits.body`: 411 or 413
    otherwise; a query string over :attr:`Limits.query` bytes gets 414. Pure ASGI (not Starlette's
    ``BaseHTTPMiddleware``), so streamed exports stream.
    """

    def __init__(self, app: ASGIApp, *, limits: Limits, tile_url: str | None) -> None:
        self.app = app
        self.limits = limits
        self.headers = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]
        self.csp = content_security_policy(tile_url).encode()
        self.csp_docs = content_security_policy(tile_url, docs=True).encode()

    async def __call__(self, scope: Scope, receive: Callable[[], Awaitable[Message]], send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = self.csp_docs if scope.get("path") == "/docs" else self.csp

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers.append((b"content-security-policy", csp))
                headers.extend(self.headers)
                message["headers"] = headers
            await send(message)

        problem = self._problem(scope)
        if problem is not None:
            status, detail = problem
            response = JSONResponse({"detail": detail}, status_code=status)
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, self._bounded(receive), send_with_headers)

    def _problem(self, scope: Scope) -> tuple[int, str] | None:
        if len(scope.get("query_string") or b"") > self.limits.query:
            return 414, f"query string longer than {self.limits.query} bytes"
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            headers = dict(scope.get("headers") or [])
            length = headers.get(b"content-length")
            if length is None:
                return 411, "a request body needs a Content-Length header"
            try:
                size = int(length)
            except ValueError:
                return 400, "bad Content-Length"
            if size > self.limits.body:
                return 413, f"request body larger than {self.limits.body} bytes"
        return None

    def _bounded(self, receive: Callable[[], Awaitable[Message]]) -> Callable[[], Awaitable[Message]]:
        # a client that sends more than it declared is cut off at the limit, not read to the end
        seen = 0
        limit = self.limits.body

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body") or b"")
                if seen > limit:
                    raise EventwireError(f"request body larger than {limit} bytes")
            return message

        return wrapped


def create_app(
    db: str | Path,
    *,
    token: str | None = None,
    pipeline: Any = None,
    tile_url: str | None = None,
    cors_origins: Sequence[str] = (),
    limits: Limits | None = None,
) -> FastAPI:
    """The web app over the store ``db`` (which must exist).

    ``token``: when given, writes (ingest, reviews) are allowed to requests with ``Authorization: Bearer
    <token>``, and the store is opened read-write (upgrading an older schema); without it the store is opened
    read-only and every write answers 403. ``pipeline``: the :class:`eventwire.pipeline.Pipeline` ingest uses
    (made on the first ingest when None). ``tile_url``: an optional ``https://.../{z}/{x}/{y}.png`` raster tile
    URL the map draws under the outlines (online use; the page then loads images from that host).
    ``cors_origins``: origins allowed to call the API from another site (none by default).

    Raises :class:`EventwireError` (one-line, coded) when the database is missing or not a store.

    Example:
        >>> from fastapi.testclient import TestClient  # doctest: +SKIP
        >>> client = TestClient(create_app("eventwire.db"))  # doctest: +SKIP
        >>> client.get("/api/stats").json()["totals"]["events"]  # doctest: +SKIP
        42
    """
    from eventwire import pg
    from eventwire.web import api

    path: Path | str = db if pg.is_url(db) else Path(db)
    if isinstance(path, Path) and not path.is_file():
        raise EventwireError(msg("EW302", path=path))
    readonly = not token
    stores = Stores(path, readonly=readonly)
    # open once now: a missing, foreign or too-new database is reported at start, not on the first request
    stores.open().close()
    limits = limits or Limits()

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):  # the store connections close with the server
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="eventwire",
        version=__version__,
        description="Structured, geocoded, sourced event records from news reports, with analyst review.",
        docs_url=None,  # our own /docs page serves Swagger UI from the package, without inline script
        redoc_url=None,
    )
    app.state.stores = stores
    app.state.token = token or None
    app.state.pipeline = pipeline
    app.state.pipeline_lock = threading.Lock()
    app.state.tile_url = tile_url
    app.state.limits = limits
    app.include_router(api.router)

    @app.exception_handler(EventwireError)
    async def coded_error(request: Request, exc: EventwireError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(Guard, limits=limits, tile_url=tile_url)
    return app


def dumps(value: Any) -> str:
    """Compact JSON (for streamed lines).

    Example:
        >>> dumps({"a": "é"})
        '{"a":"é"}'
    """
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
