"""Geoparsing on two public gold sets: toponym recognition and geocoding, end to end or from gold toponyms.

Datasets (both in the XML of Gritta et al.'s "Pragmatic Guide to Geoparsing Evaluation"):

- ``lgl``: LGL (Lieberman et al. 2010), local US news. Every ``<toponym>`` is scored for recognition; those with
  a ``<gaztag>`` (GeoNames id, lat/lon, country and admin1 names) are also scored for geocoding.
- ``geowebnews``: GeoWebNews (Gritta et al. 2019). Scored toponyms are the spans whose ``<type>`` names a place,
  literal or not: Literal, Mixed, Coercion, Embedded_Literal, Literal_Modifier, Metonymic, Non_Literal_Modifier,
  Embedded_Non_Lit, and whose ``nonLocational`` flag is not "Yes". Not scored: common-noun expressions
  (Literal_Expression, Non_Lit_Expression), Non_Toponym, Homonym, Language; and Demonym spans ("Nigerians") are
  *ignored*: eventwire reports demonyms as places of kind "demonym", so one found there is neither a hit nor
  a false positive. Those with latitude/longitude are scored for geocoding.

Modes:

- end to end (default): spaCy's Doc of each text and :func:`eventwire.extractors.places.find_places` (every
  place it returns, of any kind). A found place and a gold toponym match when their character spans overlap by
  at least one character; pairs are made one to one, largest overlap first. Precision = matched / found
  (found places overlapping an ignored gold span left out), recall = matched / scored gold toponyms.
  Geocoding figures are over matched gold toponyms that have coordinates.
- gold toponyms (``gold_toponyms=True``): the gold spans themselves are resolved by
  :func:`eventwire.extractors.places.resolve_spans` (the same resolver and context scoring, no recognition);
  geocoding figures are over every scored gold toponym with coordinates.

Geocoding figures: accuracy@161 km (error <= 161 km), median error in km (a toponym left unresolved counts as
20,039 km, half the Earth's circumference, as in Gritta et al.), country accuracy and admin1 accuracy.
The gold country and admin1 are LGL's own (mapped through their GeoNames ids to the gazetteer's names when it
has them); for GeoWebNews, which gives a GeoNames id and/or coordinates only, they are those of the gazetteer
entry with the gold GeoNames id, else of the nearest gazetteer city within 30 km of the gold coordinates.
Country accuracy is over toponyms with a gold country; admin1 accuracy over toponyms with a gold admin1 (a
country has none), compared by normalised name within the same country.

Gold spans whose offsets do not match their name in the text are looked for within 60 characters and moved
there (``realigned``), else dropped (``dropped``); both are counted in the result.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire import nlp as nlp_mod
from eventwire.gazetteer import Gazetteer, haversine_km, normalize

__all__ = ["GoldDoc", "GoldToponym", "evaluate", "read_geowebnews", "read_lgl", "render"]

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
PROGRESS_EVERY = 25
_REALIGN_WINDOW = 60
_NEAREST_MAX_KM = 30.0

#: GeoWebNews fine types that name a place (literal or associative use).
GWN_PLACE_TYPES = frozenset(
    {
        "Literal",
        "Mixed",
        "Coercion",
        "Embedded_Literal",
        "Literal_Modifier",
        "Metonymic",
        "Non_Literal_Modifier",
        "Embedded_Non_Lit",
    }
)
#: GeoWebNews types neither scored nor counted against a system that finds them.
GWN_IGNORED_TYPES = frozenset({"Demonym"})

#: Published anchor figures (Mordecai3, gold toponyms), for the report.
ANCHORS = {
    "lgl": {"system": "Mordecai3", "acc161": 0.827, "admin1": 0.825, "country": 0.979},
    "geowebnews": {"system": "Mordecai3", "acc161": 0.941, "admin1": 0.956, "country": 0.974},
}


@dataclass
class GoldToponym:
    """One gold toponym: its span, and what the gold says of its place (None where it says nothing)."""

    start: int
    end: int
    name: str
    type: str | None = None  # GWN fine type; LGL: GeoNames fclass.fcode
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country_name: str | None = None
    country_geonameid: int | None = None
    admin1_name: str | None = None
    admin1_geonameid: int | None = None

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


@dataclass
class GoldDoc:
    """A gold document: text, scored toponyms, ignored spans, and how many gold spans were misaligned."""

    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    ignored: list[tuple[int, int]] = field(default_factory=list)
    realigned: int = 0
    dropped: int = 0


# ------------------------------------------------------------------------------------------------ readers


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text and text.strip() else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() else None


def _align(doc: GoldDoc, start: int, end: int, name: str) -> tuple[int, int] | None:
    """The span of ``name`` at or near ``start``; None (counted as dropped) when it is not there."""
    if not name or doc.text[start:end] == name:
        return (start, end) if 0 <= start < end <= len(doc.text) else None
    lo = max(0, start - _REALIGN_WINDOW)
    window = doc.text[lo : end + _REALIGN_WINDOW]
    hits = [lo + i for i in _find_all(window, name)]
    if not hits:
        hits = [lo + i for i in _find_all(window.lower(), name.lower())]
    if not hits:
        doc.dropped += 1
        return None
    doc.realigned += 1
    best = min(hits, key=lambda h: abs(h - start))
    return best, best + len(name)


def _find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + 1)


def read_lgl(path: str | Path) -> Iterator[GoldDoc]:
    """Documents of LGL's XML (``<article docid>`` with ``<text>`` and ``<toponyms>``).

    Example:
        >>> # next(read_lgl("../shared/eval/lgl/lgl.xml")).toponyms[0].name -> 'Alexandria'
    """
    for _, art in ET.iterparse(str(path), events=("end",)):
        if art.tag != "article":
            continue
        doc = GoldDoc(id=art.get("docid") or "", text=art.findtext("text") or "")
        for t in art.iter("toponym"):
            name = t.findtext("phrase") or ""
            span = _gold_span(doc, t, name)
            if span is None:
                continue
            top = GoldToponym(span[0], span[1], name)
            gaz = t.find("gaztag")
            if gaz is not None:
                top.type = f"{gaz.findtext('fclass') or ''}.{gaz.findtext('fcode') or ''}"
                top.geonameid = _int(gaz.get("geonameid"))
                top.lat, top.lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
                country, admin1 = gaz.find("country"), gaz.find("admin1")
                if country is not None:
                    top.country_name, top.country_geonameid = country.text, _int(country.get("geonameid"))
                if admin1 is not None:
                    top.admin1_name, top.admin1_geonameid = admin1.text, _int(admin1.get("geonameid"))
            doc.toponyms.append(top)
        art.clear()
        yield doc


def _gold_span(doc: GoldDoc, toponym: ET.Element, name: str) -> tuple[int, int] | None:
    """A gold toponym's span, realigned to its name in the text; None (counted as dropped when it has no
    offsets) when it cannot be placed."""
    start, end = _int(toponym.findtext("start")), _int(toponym.findtext("end"))
    if start is None or end is None:
        doc.dropped += 1
        return None
    return _align(doc, start, end, name)


def read_geowebnews(path: str | Path) -> Iterator[GoldDoc]:
    """Documents of GeoWebNews' XML (``<article file>``), scored toponyms only (see the module's notes).

    Example:
        >>> # next(read_geowebnews("../shared/eval/geowebnews/GWN.xml")).id -> '0'
    """
    for _, art in ET.iterparse(str(path), events=("end",)):
        if art.tag != "article":
            continue
        doc = GoldDoc(id=art.get("file") or "", text=art.findtext("text") or "")
        for t in art.iter("toponym"):
            kind = (t.findtext("type") or "").strip()
            scored = kind in GWN_PLACE_TYPES and (t.findtext("nonLocational") or "").strip() != "Yes"
            if not scored and kind not in GWN_IGNORED_TYPES:
                continue
            name = t.findtext("extractedName") or ""
            span = _gold_span(doc, t, name)
            if span is None:
                continue
            if not scored:
                doc.ignored.append(span)
                continue
            doc.toponyms.append(
                GoldToponym(
                    span[0],
                    span[1],
                    name,
                    type=kind,
                    lat=_float(t.findtext("latitude")),
                    lon=_float(t.findtext("longitude")),
                    geonameid=_int(t.findtext("geonamesID")),
                )
            )
        doc.toponyms.sort(key=lambda g: (g.start, g.end))
        art.clear()
        yield doc


READERS = {"lgl": read_lgl, "geowebnews": read_geowebnews}


# ------------------------------------------------------------------------------------------------ scoring


def match_spans(found: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(found index, gold index)`` of overlapping spans, largest overlap first.

    Example:
        >>> match_spans([(0, 5), (10, 14)], [(2, 5), (20, 25)])
        [(0, 0)]
    """
    pairs = []
    for i, (fs, fe) in enumerate(found):
        for j, (gs, ge) in enumerate(gold):
            overlap = min(fe, ge) - max(fs, gs)
            if overlap > 0:
                pairs.append((-overlap, abs(fs - gs), i, j))
    pairs.sort()
    used_f: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, _, i, j in pairs:
        if i not in used_f and j not in used_g:
            used_f.add(i)
            used_g.add(j)
            out.append((i, j))
    return sorted(out)


class _Regions:
    """The gold country (ISO2) and admin1 name of a gold toponym, through the gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._points = None

    def _nearest(self, lat: float, lon: float):
        import numpy as np

        if self._points is None:
            cities = list(self.gaz.places("city"))
            la = np.radians([c.lat for c in cities])
            lo = np.radians([c.lon for c in cities])
            self._points = (cities, np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)], axis=1))
        cities, xyz = self._points
        la, lo = math.radians(lat), math.radians(lon)
        q = np.array([math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)])
        best = cities[int(np.argmax(xyz @ q))]
        return best if haversine_km(lat, lon, best.lat, best.lon) <= _NEAREST_MAX_KM else None

    def of(self, top: GoldToponym) -> tuple[str | None, str | None]:
        if top.country_name is not None or top.admin1_name is not None:  # LGL: the gold's own names
            country = self.gaz.country_of_geonameid(top.country_geonameid) if top.country_geonameid else None
            if country is None and top.country_name:
                found = [p for p in self.gaz.lookup(top.country_name, limit=3) if p.feature == "country"]
                country = found[0].country if found else None
            admin1 = top.admin1_name
            if top.admin1_geonameid:
                region = self.gaz.admin1_of_geonameid(top.admin1_geonameid)
                if region is not None:
                    country = country or region[0]
                    admin1 = region[2]
            if top.type == "A.ADM1" and top.geonameid:  # the region itself
                region = self.gaz.admin1_of_geonameid(top.geonameid)
                admin1 = region[2] if region else admin1
            return country, admin1
        place = self.gaz.place(top.geonameid) if top.geonameid else None
        if place is None and top.has_coords:
            place = self._nearest(top.lat, top.lon)
        if place is None:
            return None, None
        return place.country, (place.admin1 if place.feature != "country" else None)


def _same_admin1(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and normalize(a) == normalize(b)


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[float] = field(default_factory=list)
    country_n: int = 0
    country_ok: int = 0
    admin1_n: int = 0
    admin1_ok: int = 0
    unresolved: int = 0
    rows: list[dict] = field(default_factory=list)

    def geocode(self, gold: GoldToponym, pred: dict, regions: _Regions, doc_id: str, keep: bool) -> None:
        if pred.get("lat") is None or pred.get("lon") is None:
            self.unresolved += 1
            err = MAX_ERROR_KM
        else:
            err = haversine_km(gold.lat, gold.lon, pred["lat"], pred["lon"])
        self.errors.append(err)
        country, admin1 = regions.of(gold)
        if country is not None:
            self.country_n += 1
            self.country_ok += pred.get("country") == country
        if admin1 is not None and country is not None:
            self.admin1_n += 1
            self.admin1_ok += pred.get("country") == country and _same_admin1(pred.get("admin1"), admin1)
        if keep:
            self.rows.append(
                {
                    "doc": doc_id,
                    "gold": gold.name,
                    "type": gold.type,
                    "gold_geonameid": gold.geonameid,
                    "gold_country": country,
                    "gold_admin1": admin1,
                    "pred": pred.get("name"),
                    "pred_text": pred.get("text"),
                    "pred_geonameid": pred.get("geonameid"),
                    "pred_feature": pred.get("feature"),
                    "pred_country": pred.get("country"),
                    "pred_admin1": pred.get("admin1"),
                    "kind": pred.get("kind"),
                    "error_km": round(err, 1),
                }
            )


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _command(dataset: str, path: Path, limit: int | None, gold_toponyms: bool) -> str:
    cmd = f"eventwire eval geo --dataset {dataset} {path}"
    if gold_toponyms:
        cmd += " --gold-toponyms"
    if limit:
        cmd += f" --limit {limit}"
    return cmd


def evaluate(
    dataset: str,
    path: str | Path,
    *,
    pipeline,
    limit: int | None = None,
    gold_toponyms: bool = False,
    details: bool = False,
    progress: bool = True,
) -> dict:
    """Score toponym recognition (end to end) and geocoding on ``dataset`` (``lgl`` | ``geowebnews``).

    ``pipeline`` supplies the spaCy model (``.nlp``) and the gazetteer (``.gazetteer``); ``limit`` scores the
    first N documents; ``gold_toponyms`` resolves the gold spans instead of finding places; ``details`` adds
    one row per scored toponym and the unmatched spans (for error analysis). A line on stderr every
    ``PROGRESS_EVERY`` documents tells how far it is.

    Example:
        >>> # evaluate("lgl", "../shared/eval/lgl/lgl.xml", pipeline=Pipeline(), limit=5)["geocoding"]["acc161"]
    """
    from eventwire.extractors.places import find_places, resolve_spans

    if dataset not in READERS:
        raise ValueError(f"unknown geo dataset {dataset!r}: {' | '.join(READERS)}")
    path = Path(path)
    gaz = pipeline.gazetteer
    regions = _Regions(gaz)
    docs: list[GoldDoc] = []
    for doc in READERS[dataset](path):
        docs.append(doc)
        if limit and len(docs) >= limit:
            break
    tally = _Tally()
    missed: list[dict] = []
    spurious: list[dict] = []
    nlp_s = places_s = 0.0
    started = time.perf_counter()
    clock = time.perf_counter()
    texts = ((d.text, d) for d in docs)
    n_gold = n_geo = 0
    # only the parse: places are found here, from the gold spans or the text, not by the pipeline's components
    parser = nlp_mod.load(pipeline.options.model)
    for k, (sdoc, gdoc) in enumerate(parser.pipe(texts, as_tuples=True, batch_size=8), start=1):
        t0 = time.perf_counter()
        nlp_s += t0 - clock
        gold = gdoc.toponyms
        n_gold += len(gold)
        n_geo += sum(g.has_coords for g in gold)
        if gold_toponyms:
            preds = resolve_spans(sdoc, [(g.start, g.end) for g in gold], gaz)
            places_s += time.perf_counter() - t0
            for g, p in zip(gold, preds, strict=True):
                if g.has_coords:
                    tally.geocode(g, p, regions, gdoc.id, details)
        else:
            preds = find_places(sdoc, gaz, limit_char=len(sdoc.text))
            places_s += time.perf_counter() - t0
            pspans = [(p["start"], p["end"]) for p in preds]
            pairs = match_spans(pspans, [(g.start, g.end) for g in gold])
            matched_p = {i for i, _ in pairs}
            matched_g = {j for _, j in pairs}
            tally.tp += len(pairs)
            tally.fn += len(gold) - len(pairs)
            for i, (ps, pe) in enumerate(pspans):
                if i in matched_p or any(min(pe, ie) > max(ps, is_) for is_, ie in gdoc.ignored):
                    continue
                tally.fp += 1
                if details:
                    spurious.append({"doc": gdoc.id, "text": preds[i]["text"], "kind": preds[i]["kind"]})
            if details:
                missed.extend(
                    {"doc": gdoc.id, "gold": g.name, "type": g.type} for j, g in enumerate(gold) if j not in matched_g
                )
            for i, j in pairs:
                if gold[j].has_coords:
                    tally.geocode(gold[j], preds[i], regions, gdoc.id, details)
        clock = time.perf_counter()
        if progress and (k % PROGRESS_EVERY == 0 or k == len(docs)):
            rate = k / max(1e-9, clock - started)
            print(
                f"eval geo {dataset}: {k}/{len(docs)} docs ({rate:.1f} docs/s, ~{(len(docs) - k) / rate:.0f} s left)",
                file=sys.stderr,
                flush=True,
            )
    errors = tally.errors
    result: dict = {
        "dataset": dataset,
        "mode": "gold-toponyms" if gold_toponyms else "end-to-end",
        "command": _command(dataset, path, limit, gold_toponyms),
        "docs": len(docs),
        "gold_toponyms": n_gold,
        "gold_with_coordinates": n_geo,
        "spans_realigned": sum(d.realigned for d in docs),
        "spans_dropped": sum(d.dropped for d in docs),
    }
    if not gold_toponyms:
        p = _ratio(tally.tp, tally.tp + tally.fp)
        r = _ratio(tally.tp, tally.tp + tally.fn)
        result["recognition"] = {
            "found": tally.tp + tally.fp,
            "matched": tally.tp,
            "false_positives": tally.fp,
            "missed": tally.fn,
            "precision": p,
            "recall": r,
            "f1": round(2 * p * r / (p + r), 4) if p and r else None,
        }
    within = sum(e <= ACC_KM for e in errors)
    result["geocoding"] = {
        "scored": len(errors),
        "acc161": _ratio(within, len(errors)),
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "unresolved": tally.unresolved,
        "country_acc": _ratio(tally.country_ok, tally.country_n),
        "country_scored": tally.country_n,
        "admin1_acc": _ratio(tally.admin1_ok, tally.admin1_n),
        "admin1_scored": tally.admin1_n,
    }
    if not gold_toponyms:
        result["geocoding"]["acc161_of_all_gold"] = _ratio(within, n_geo)
    result["timing"] = {
        "nlp_s": round(nlp_s, 2),
        "places_s": round(places_s, 2),
        "places_share_of_nlp": _ratio(round(places_s * 1000), round(nlp_s * 1000)),
    }
    result["anchor"] = ANCHORS.get(dataset)
    if details:
        result["details"] = {"geocoded": tally.rows, "missed": missed, "spurious": spurious}
    return result


# ------------------------------------------------------------------------------------------------ report

_NAMES = {"lgl": "LGL", "geowebnews": "GeoWebNews"}


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def render(result: dict) -> str:
    """A Markdown report of :func:`evaluate`'s result: one table, the command that produced it, the anchor.

    Example:
        >>> print(render({"dataset": "lgl", "mode": "gold-toponyms", "command": "eventwire eval geo ...",
        ...               "docs": 1, "gold_toponyms": 1, "gold_with_coordinates": 1, "spans_realigned": 0,
        ...               "spans_dropped": 0, "geocoding": {"scored": 1, "acc161": 1.0, "median_km": 0.0,
        ...               "country_acc": 1.0, "admin1_acc": 1.0, "unresolved": 0}}).splitlines()[0])
        ### Geocoding: LGL, gold toponyms
    """
    geo = result["geocoding"]
    mode = "gold toponyms" if result["mode"] == "gold-toponyms" else "end to end"
    rows = [
        ("dataset", _NAMES.get(result["dataset"], result["dataset"])),
        ("mode", mode),
        ("documents", str(result["docs"])),
        ("gold toponyms (with coordinates)", f"{result['gold_toponyms']} ({result['gold_with_coordinates']})"),
    ]
    rec = result.get("recognition")
    if rec:
        rows += [
            ("toponyms found / matched", f"{rec['found']} / {rec['matched']}"),
            ("toponym precision", f"{rec['precision']:.3f}" if rec["precision"] is not None else "–"),
            ("toponym recall", f"{rec['recall']:.3f}" if rec["recall"] is not None else "–"),
            ("toponym F1", f"{rec['f1']:.3f}" if rec["f1"] is not None else "–"),
        ]
    median = geo.get("median_km")
    rows += [
        ("toponyms geocoded and scored", f"{geo['scored']} ({geo.get('unresolved', 0)} left unresolved)"),
        ("accuracy@161 km", _pct(geo["acc161"])),
        ("median error", "–" if median is None else f"{median:,.1f} km"),
        ("country accuracy", _pct(geo["country_acc"])),
        ("admin1 accuracy", _pct(geo["admin1_acc"])),
    ]
    if rec and geo.get("acc161_of_all_gold") is not None:
        rows.append(("correct@161 km / all gold with coordinates", _pct(geo["acc161_of_all_gold"])))
    timing = result.get("timing")
    if timing and timing.get("places_share_of_nlp") is not None:
        rows.append(
            (
                "place finding time / spaCy time",
                f"{timing['places_s']:.1f} s / {timing['nlp_s']:.1f} s ({_pct(timing['places_share_of_nlp'])})",
            )
        )
    if result.get("spans_realigned") or result.get("spans_dropped"):
        rows.append(
            (
                "gold spans not matching the text",
                f"{result['spans_realigned']} realigned, {result['spans_dropped']} dropped",
            )
        )
    lines = [f"### Geocoding: {rows[0][1]}, {mode}", "", "| measure | value |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    anchor = result.get("anchor")
    lines += ["", f"Command: `{result['command']}`"]
    if anchor:
        lines.append(
            f"Published anchor ({anchor['system']}, gold toponyms): accuracy@161 km {_pct(anchor['acc161'])}, "
            f"admin1 {_pct(anchor['admin1'])}, country {_pct(anchor['country'])}."
        )
    return "\n".join(lines)
