"""Write the GeoNames point tables eventwire ships (``src/eventwire/data/geonames/``) from the ones in
``../shared/data/geonames`` (GeoNames, CC-BY 4.0; see that folder's SOURCE.md for where they come from).

Countries and first-order regions: only what the index uses, their GeoNames id, point, feature code and codes
(their names come from countryInfo.txt and admin1CodesASCII.txt). Seas, macro regions and continents: whole rows
(names and alternate names are how a text reaches them). Run from the project root:

    .venv/bin/python scripts/build_geonames_points.py [--shared ../shared]

Example:
    >>> _points_row(["6252001", "United States", "United States", "", "39.76", "-98.5", "A", "PCLI", "US", "00", ""])
    '6252001\\t39.76\\t-98.5\\tA\\tPCLI\\tUS\\t00'
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src" / "eventwire" / "data" / "geonames"
#: Columns kept for countries and regions (the index reads the point and the codes only).
POINT_HEADER = "geonameid\tlatitude\tlongitude\tfeature_class\tfeature_code\tcountry_code\tadmin1_code"


def _points_row(c: list[str]) -> str:
    return "\t".join([c[0], c[4], c[5], c[6], c[7], c[8], c[9]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parent.parent.parent / "shared"))
    args = parser.parse_args()
    source = Path(args.shared) / "data" / "geonames"
    for name in ("country_points.tsv", "admin1_points.tsv"):
        rows = [POINT_HEADER]
        with open(source / name, encoding="utf-8") as f:
            for line in f:
                c = line.rstrip("\n").split("\t")
                if c[0].isdigit():
                    rows.append(_points_row(c))
        (TARGET / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{name}: {len(rows) - 1} rows")
    for name in ("seas_regions.tsv", "continents.tsv"):
        shutil.copyfile(source / name, TARGET / name)
        print(f"{name}: copied")


if __name__ == "__main__":
    main()
