"""Every key of the packaged YAML data files is read by some code: a key nothing reads is a dead list that a user
would extend in vain.

A key counts as read when it appears as a string literal in a module under ``src/eventwire/`` (``load("lexicon")
["vague_numbers"]``, ``word_set("speech", "verbs")``). The word classes of ``events.yaml`` (``classes:``) are also
read when a trigger rule or ``classifier_evidence`` names them: ``events.py`` reads those names from the YAML and
looks the class up by name (``word_class(name)``), so such a class never appears in the code itself.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest
import yaml

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "eventwire"
DATA = PACKAGE / "data"

# Fields of a trigger rule in events.yaml whose values (or, for by_context, whose keys) name word classes.
RULE_CLASS_FIELDS = ("object", "subject", "context", "unless", "not_object")
RULE_CLASS_KEYS = ("by_context",)

# (file, key) -> why the key is read although no module spells it. Keep empty unless a key is read indirectly;
# the test below fails when an entry is no longer needed.
EXCEPTIONS: dict[tuple[str, str], str] = {}


@cache
def code_strings() -> frozenset[str]:
    """Every string literal in the package's modules. Keys are matched as whole literals, so a key merely
    mentioned inside a docstring or a comment does not count as read."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return frozenset(found)


def data_files() -> list[Path]:
    return sorted(DATA.glob("*.yaml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_data_files_to_check():
    assert {p.name for p in data_files()} >= {"actors.yaml", "events.yaml", "lexicon.yaml", "speech.yaml"}


@pytest.mark.parametrize("path", data_files(), ids=lambda p: p.name)
def test_every_top_level_key_is_read_by_some_code(path):
    strings = code_strings()
    unread = [k for k in load(path) if k not in strings and (path.name, k) not in EXCEPTIONS]
    assert not unread, f"{path.name}: no module reads {unread}; remove them or list them in EXCEPTIONS with a reason"


def rule_class_names(events: dict) -> set[str]:
    """The word classes named by trigger rules and by classifier_evidence."""
    named: set[str] = set(events.get("classifier_evidence") or [])
    for rule in events["triggers"]:
        for field in RULE_CLASS_FIELDS:
            named.update(rule.get(field) or [])
        for field in RULE_CLASS_KEYS:
            named.update(rule.get(field) or {})
    return named


def test_every_word_class_of_events_yaml_is_read():
    events = load(DATA / "events.yaml")
    # the indirection itself must be in the code, or the rule names would be read by nothing
    assert {*RULE_CLASS_FIELDS, *RULE_CLASS_KEYS, "classifier_evidence", "classes"} <= code_strings()
    read = code_strings() | rule_class_names(events)
    unread = [c for c in events["classes"] if c not in read and ("events.yaml", f"classes.{c}") not in EXCEPTIONS]
    assert not unread, f"events.yaml classes no code or rule reads: {unread}"


def test_every_word_class_a_rule_names_exists():
    events = load(DATA / "events.yaml")
    assert rule_class_names(events) <= set(events["classes"])


def test_exceptions_are_still_needed():
    for (file, key), reason in EXCEPTIONS.items():
        assert reason.strip(), (file, key)
        top = key.split(".")[0]
        assert top in load(DATA / file), f"{file}: {key} is gone; drop its exception"
        assert key.split(".")[-1] not in code_strings(), f"{file}: {key} is read directly now; drop its exception"
