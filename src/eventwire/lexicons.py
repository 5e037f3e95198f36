"""The data files that steer extraction, loaded once.

All of them live in ``eventwire/data`` as YAML a user can read and extend: ``events.yaml`` (triggers and their
PLOVER / ACLED codes), ``actors.yaml`` (the actor dictionary), ``lexicon.yaml`` (signal words), ``speech.yaml``
(speech verbs and source kinds), ``boilerplate.yaml`` (page residue).

A user extends or changes them without editing the package: ``EVENTWIRE_DATA`` names a folder, and a file there
with the same name (``$EVENTWIRE_DATA/lexicon.yaml``) overrides the packaged file key by key: each top-level key it
holds replaces the packaged one (copy the packaged list and add to it), every other key stays as shipped.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

#: The environment variable naming a folder of user data files that override the packaged ones key by key.
OVERRIDE_ENV = "EVENTWIRE_DATA"


def _mapping(text: str, where: str) -> dict[str, Any]:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ValueError(f"data file {where} must hold a mapping")
    return data


@functools.cache
def load(name: str) -> dict[str, Any]:
    """Return the parsed data file ``name`` (e.g. ``"lexicon"``): the packaged file, with the keys of a user's
    ``$EVENTWIRE_DATA/NAME.yaml`` in place of the packaged ones.

    Example:
        >>> "reporting_verbs" in load("lexicon")
        True
    """
    text = resources.files("eventwire.data").joinpath(f"{name}.yaml").read_text("utf-8")
    data = _mapping(text, f"{name}.yaml")
    folder = os.environ.get(OVERRIDE_ENV)
    if folder:
        user = Path(folder) / f"{name}.yaml"
        if user.is_file():
            data = {**data, **_mapping(user.read_text("utf-8"), str(user))}
    return data


@functools.cache
def word_set(file: str, key: str) -> frozenset[str]:
    """A list from a data file as a frozen set of lower-case strings.

    Example:
        >>> "say" in word_set("lexicon", "reporting_verbs")
        True
    """
    return frozenset(str(w).lower() for w in load(file)[key])


@functools.cache
def word_class(name: str) -> frozenset[str]:
    """A word class of ``events.yaml`` (``classes:``) as a set of lemmas.

    Example:
        >>> "rifle" in word_class("weapons")
        True
    """
    return frozenset(str(w).lower() for w in load("events")["classes"][name])
