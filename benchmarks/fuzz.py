"""Long fuzz run over eventwire's readers, extraction and store: no crash, no lost item, bounded time.

Usage: python benchmarks/fuzz.py [--inputs N] [--seed S] [--report PATH]   (kill -TERM: stop, summarise)

Generates N random inputs (default 100,000) from a seeded generator and sends them through what ``ingest``
runs: the readers (``.txt`` with a JSON sidecar, ``.html``, ``.jsonl`` lines, raw bytes), the pipeline (spaCy and
every extractor, one article at a time so each is timed alone) and an SQLite store. An input passes when:

* no exception escapes the readers, the pipeline or the store (a crash);
* it comes out as exactly one record or one listed bad item (else it is lost);
* its record encodes as UTF-8 JSON and is stored once (a second ``put`` of the same record changes nothing).

Inputs mix news-like sentences written for this script, random Unicode (lone surrogates, controls, bidi
marks, emoji), run-on text without full stops, broken JSON and HTML, metadata of every JSON type, placeholder
dates (0001-01-01, 9999-12-31) and undecodable bytes; about 1 in 500 is 5-30 KB long (run-on sentences, or
junk of one token per character). Prints progress every 1,000 inputs and, at the end, a Markdown summary:
inputs tried, crashes, lost items, the worst extraction time per 10,000 characters and per 10 KB of UTF-8 (an
input under 10 KB counts as 10 KB) and the start of the input it came from (with ``--report``, a crash's inputs
are copied beside the report for replay).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

#: Words and phrases written for this script (no corpus text): events, places, dates, sources, numbers.
PHRASES = (
    "police arrested 12 men in Kano on Monday",
    "gunmen killed 3 people in Kaduna on Sunday",
    "protesters marched through Nairobi on 4 March 2025",
    "an airstrike hit a market near Aleppo last week",
    "the army said in a statement",
    "according to local officials",
    '"We will not leave," a spokesman said.',
    "at least 40 people were injured",
    "troops recaptured the town after heavy fighting",
    "rebels shelled Goma overnight",
    "a car bomb exploded in Mogadishu on Friday",
    "the ministry denied the reports",
    "hundreds of students rallied against the arrests",
)
ODD = (
    "\ud800",
    "\udfff",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\U0001f4a5",
    "\r",
    "\t",
    "\u2028",
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "'; DROP TABLE articles; --",
    "%s%s%n",
    "\\u0000",
    "<script>",
    "…",
    "“",
    "Харків",
    "بغداد",
    "東京",
)
DATES = (
    "2025-11-09",
    "0001-01-01",
    "0001-01-01T00:00:00",
    "9999-12-31",
    "2025-02-30",
    "yesterday",
    "",
    "2025-13-01",
    "1799-12-31",
    "2201-01-01",
)


def _text(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:  # news-like sentences, sometimes without full stops
        stop = rng.choice([". ", " ", ", ", "\n", "\n\n", "; "])
        return stop.join(rng.choice(PHRASES) for _ in range(rng.randint(1, 12)))
    if kind < 0.75:  # sentences with odd characters mixed in
        parts = [rng.choice(PHRASES + ODD) for _ in range(rng.randint(1, 15))]
        return rng.choice([" ", "", ". "]).join(parts)
    if kind < 0.95:  # random code points, all planes, surrogates included
        return "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(0, 200)))
    # one long word, or runs of punctuation, digits or spaces
    return rng.choice(["x", ".", "1", " ", "\n", "-", "“"]) * rng.randint(1, 3000)


def _long_text(rng: random.Random) -> str:
    """5-30 KB: mostly run-on text (no full stops), the case whose cost grew cubically; else dense junk."""
    size = rng.randint(5_000, 30_000)
    if rng.random() < 0.3:  # one token per character or two: the most tokens a text of this size can hold
        return "".join(rng.choice(["“", "-", " ", "…", ".", "x", "\ud800", "💥", "\n"]) for _ in range(size))
    joiner = rng.choice([" ", " and ", ", ", ". "])
    out: list[str] = []
    total = 0
    while total < size:
        out.append(rng.choice(PHRASES))
        total += len(out[-1]) + len(joiner)
    return joiner.join(out)


def _value(rng: random.Random) -> object:
    """A metadata value of any JSON type."""
    return rng.choice(
        [
            None,
            rng.randint(-(2**63), 2**63),
            rng.random() * 1e308,
            True,
            [rng.choice(PHRASES)],
            {"a": rng.choice(ODD)},
            rng.choice(ODD),
            rng.choice(PHRASES),
            rng.choice(DATES),
            "",
        ]
    )


def _metadata(rng: random.Random) -> dict:
    meta = {k: _value(rng) for k in ("id", "title", "source", "url") if rng.random() < 0.6}
    if rng.random() < 0.7:
        meta["published"] = rng.choice([*DATES, _value(rng)])
    return meta


def make_items(rng: random.Random, n: int, folder: Path) -> int:
    """Write ``n`` inputs under ``folder``; return how many items the readers must yield (one per input)."""
    lines: list[str] = []
    for i in range(n):
        text = _long_text(rng) if rng.random() < 0.002 else _text(rng)
        kind = rng.random()
        if kind < 0.45:  # a JSON line
            item = {"text": text, **_metadata(rng)}
            r = rng.random()
            if r < 0.05:
                line = json.dumps(item)[: rng.randint(0, 40)] + "\n"  # cut short: invalid JSON
            elif r < 0.08:
                line = json.dumps(rng.choice([[text], text, 3, None])) + "\n"  # not an object
            elif r < 0.1:
                line = json.dumps({"html": f"<p>{text}</p>", "text": ""}) + "\n"
            else:
                line = json.dumps(item, ensure_ascii=rng.random() < 0.5) + "\n"
            if line.strip():
                lines.append(line)
            else:
                lines.append('""\n')
        elif kind < 0.75:  # a .txt, often with a sidecar
            path = folder / f"t{i}.txt"
            path.write_bytes(text.encode("utf-8", errors="surrogatepass" if rng.random() < 0.3 else "replace"))
            if rng.random() < 0.6:
                sidecar = json.dumps(_metadata(rng)) if rng.random() < 0.9 else "{not json"
                path.with_suffix(".json").write_text(sidecar, encoding="utf-8", errors="surrogatepass")
        elif kind < 0.9:  # an .html page, sometimes broken
            tag = rng.choice(["p", "div", "article", "script", "b"])
            title = rng.choice(PHRASES + ODD)
            html = f"<html><head><title>{title}</title></head><body><{tag}>{text}</{tag}>"
            if rng.random() < 0.8:
                html += "</body></html>"
            (folder / f"h{i}.html").write_text(html, encoding="utf-8", errors="surrogatepass")
        else:  # raw bytes: invalid UTF-8, binary, empty
            data = bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 400)))
            if rng.random() < 0.5:
                data = text.encode("utf-8", errors="replace") + data[:5]
            (folder / f"b{i}.txt").write_bytes(data)
    if lines:
        # keep blank lines out: a blank line is no item (readers skip it), so it would count as "lost"
        (folder / "items.jsonl").write_text(
            "".join(ln if ln.strip() else '""\n' for ln in lines), encoding="utf-8", errors="surrogatepass"
        )
    return n


def run(inputs: int, seed: int, batch: int, report: Path | None) -> dict:
    from eventwire.gazetteer import Gazetteer
    from eventwire.ingest import BadItem, read_paths
    from eventwire.pipeline import Options, Pipeline
    from eventwire.store import Store

    rng = random.Random(seed)
    pipeline = Pipeline(Options(batch_size=1), gazetteer=Gazetteer.default())
    store = Store(":memory:")
    # warm up: the first article also loads the ACLED classifier and the lexicons; that is not its own cost
    pipeline.extract("Police arrested 12 men in Kano on Monday, the army said.", published="2025-11-09")
    tried = crashes = lost = bad_items = records = 0
    worst = (0.0, 0, "", "")  # seconds per 10,000 characters, length, origin, the text's start
    worst_bytes = (0.0, 0, "", "")  # the same per 10 KB of UTF-8
    crash_inputs: list[str] = []
    started = time.monotonic()
    stop = []  # SIGTERM or SIGINT end the run after the current batch, with the summary of what was done
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.append(True))
    while tried < inputs and not stop:
        n = min(batch, inputs - tried)
        with tempfile.TemporaryDirectory(prefix="ewfuzz-") as tmp:
            folder = Path(tmp)
            expected = make_items(rng, n, folder)
            seen = 0
            try:
                items = list(read_paths([folder]))
                articles = [i for i in items if not isinstance(i, BadItem)]
                bad_items += len(items) - len(articles)
                seen += len(items) - len(articles)
                last = time.perf_counter()
                for article, record in zip(articles, pipeline.process(articles), strict=True):
                    now = time.perf_counter()
                    # per 10,000 characters and per 10 KB of UTF-8; an input under 10 KB counts as 10 KB (its
                    # time is then its whole time: a fixed cost per article is not a cost per KB)
                    per10k = (now - last) / max(len(article.text), 10_000) * 10_000
                    size = len(article.text.encode("utf-8", errors="replace"))
                    per10kb = (now - last) / max(size, 10_000) * 10_000
                    if per10k > worst[0]:
                        worst = (per10k, len(article.text), article.origin, article.text[:120])
                    if per10kb > worst_bytes[0]:
                        worst_bytes = (per10kb, size, article.origin, article.text[:120])
                    json.dumps(record, ensure_ascii=False).encode("utf-8")
                    if store.put(record) == "added" and store.put(record) != "unchanged":
                        raise AssertionError("a stored record was stored again")
                    records += 1
                    seen += 1
                    last = time.perf_counter()
            except Exception:
                crashes += 1
                crash_inputs.append(traceback.format_exc())
                if report:
                    shutil.copytree(tmp, report.with_name(f"fuzz-crash-{crashes}"))  # kept for replay
            else:
                lost += abs(expected - seen)  # an item missing, or one input read as two
        tried += n
        if tried % 1000 < batch:
            rate = tried / (time.monotonic() - started)
            print(
                f"{tried} inputs, {crashes} crashes, {lost} lost, worst {worst[0]:.2f} s/10k chars "
                f"({worst[1]} chars), {worst_bytes[0]:.2f} s/10 KB ({worst_bytes[1]} bytes), {rate:.1f} inputs/s",
                file=sys.stderr,
                flush=True,
            )
    result = {
        "inputs": tried,
        "stopped_early": bool(stop),
        "seed": seed,
        "records": records,
        "bad_items": bad_items,
        "crashes": crashes,
        "lost": lost,
        "worst_seconds_per_10k_chars": round(worst[0], 3),
        "worst_chars": worst[1],
        "worst_chars_text": worst[3],
        "worst_seconds_per_10kb_utf8": round(worst_bytes[0], 3),
        "worst_bytes": worst_bytes[1],
        "worst_bytes_text": worst_bytes[3],
        "seconds": round(time.monotonic() - started, 1),
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}",
        "crash_tracebacks": crash_inputs[:5],
    }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--batch", type=int, default=200, help="inputs per temporary folder")
    parser.add_argument("--report", type=Path, help="also write the summary as JSON here")
    args = parser.parse_args()
    result = run(args.inputs, args.seed, args.batch, args.report)
    if args.report:
        args.report.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("| inputs | records | bad items | crashes | lost | worst s per 10k chars | worst s per 10 KB | seconds |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {result['inputs']:,} | {result['records']:,} | {result['bad_items']:,} | {result['crashes']} | "
        f"{result['lost']} | {result['worst_seconds_per_10k_chars']} | {result['worst_seconds_per_10kb_utf8']} | "
        f"{result['seconds']} |"
    )
    sys.exit(1 if result["crashes"] or result["lost"] else 0)


if __name__ == "__main__":
    main()
