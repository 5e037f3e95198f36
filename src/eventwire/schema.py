"""The JSON Schema of the article record (format 1) and checks against it.

Beyond the schema's shapes, :func:`validate` checks what a schema cannot: every span's ``text`` equals
``article.text[start:end]``.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import jsonschema


@functools.cache
def schema() -> dict[str, Any]:
    """The record's JSON Schema, as shipped in ``eventwire/data/record.schema.json``.

    Example:
        >>> schema()["properties"]["format"]
        {'const': 1}
    """
    return json.loads(resources.files("eventwire.data").joinpath("record.schema.json").read_text("utf-8"))


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(schema())
    cls.check_schema(schema())
    return cls(schema())


def _spans(node: Any, path: str = "") -> list[tuple[str, dict]]:
    found = []
    if isinstance(node, dict):
        if (
            isinstance(node.get("start"), int)
            and isinstance(node.get("end"), int)
            and isinstance(node.get("text"), str)
        ):
            found.append((path, node))
        for key, value in node.items():
            if key != "article":
                found.extend(_spans(value, f"{path}/{key}"))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_spans(value, f"{path}/{i}"))
    return found


def validate(record: dict) -> list[str]:
    """Problems with ``record``: schema violations and spans whose text is not the article's. Empty when valid.

    Example:
        >>> validate({"format": 1})[0][:20]
        "'article' is a requi"
    """
    problems = [
        f"{'/'.join(map(str, e.absolute_path)) or '(record)'}: {e.message}" for e in _validator().iter_errors(record)
    ]
    problems = [p.removeprefix("(record): ") for p in problems]
    text = (record.get("article") or {}).get("text")
    if isinstance(text, str):
        for path, span in _spans(record):
            if text[span["start"] : span["end"]] != span["text"]:
                problems.append(f"{path}: span {span['start']}-{span['end']} is not {span['text']!r}")
            if span.get("speaker_start") is not None and not (
                0 <= span["speaker_start"] <= span["speaker_end"] <= len(text)
            ):
                problems.append(f"{path}: speaker span out of the text")
    return problems
