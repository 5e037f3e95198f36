"""The data files that steer extraction, loaded once.

All of them live in ``eventwire/data`` as YAML a user can read and extend: ``events.yaml`` (triggers and their
PLOVER / ACLED codes), ``actors.yaml`` (the actor dictionary), ``lexicon.yaml`` (signal words).
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


@functools.cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed data file ``name`` (e.g. ``"lexicon"``) from the package's data folder.

    Example:
        >>> "reporting_verbs" in load("lexicon")
        True
    """
    text = resources.files("eventwire.data").joinpath(f"{name}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"data file {name}.yaml must hold a mapping")
    return data


@functools.cache
def word_set(file: str, key: str) -> frozenset[str]:
    """A list from a data file as a frozen set of lower-case strings.

    Example:
        >>> "say" in word_set("lexicon", "reporting_verbs")
        True
    """
    return frozenset(str(w).lower() for w in load(file)[key])
