"""A faster, exact match step for spaCy's ``attribute_ruler``.

The English model's attribute ruler maps every token's fine tag to its coarse part of speech and morphology, and
fixes a few words, with 179 token patterns run through spaCy's general ``Matcher``. The ``Matcher`` tries every
pattern at every token, which took about a tenth of the whole English pipeline's time (as much as the parser, on
``benchmarks/throughput.py``'s reports). Its patterns are plain: no operators, one to three tokens, each token an
exact value, a set of values or a regular expression over a tag, a lower-cased form, a dependency label or the
space flag. :class:`IndexedRuleMatch` finds the same matches as whole-Doc comparisons of those attribute columns
(``Doc.to_array``), so the ruler's own ``set_annotations`` then writes exactly what it wrote before. A ruler with a
pattern outside that plain subset keeps spaCy's ``Matcher`` for every Doc.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.tokens import Doc

#: Token attributes the index compares (as in ``Doc.to_array``). Pattern keys outside these keep the ``Matcher``.
_STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX", "ENT_TYPE")
_FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_TITLE", "IS_UPPER", "IS_LOWER", "IS_STOP")
#: The Matcher's aliases of attribute names.
_ALIASES = {"TEXT": "ORTH"}

#: One token test: (column name, kind, value): kind "eq" (a hash or flag), "in"/"not_in" (hashes), "regex".
_Test = tuple[str, str, object]


class Unsupported(ValueError):
    """A pattern the index cannot read exactly as the ``Matcher`` would (an operator, an unknown key...)."""


def _compile_token(spec: dict, strings) -> tuple[_Test, ...]:
    """The tests of one token pattern, e.g. ``{"TAG": "NN", "LOWER": {"IN": ["a"]}}``."""
    tests: list[_Test] = []
    for raw_name, value in spec.items():
        name = _ALIASES.get(str(raw_name).upper(), str(raw_name).upper())
        if name in _FLAG_ATTRS:
            if not isinstance(value, bool):
                raise Unsupported(f"{name}: {value!r}")
            tests.append((name, "eq", np.uint64(int(value))))
        elif name in _STRING_ATTRS:
            if isinstance(value, str):
                tests.append((name, "eq", np.uint64(strings[value])))
            elif isinstance(value, dict) and len(value) == 1:
                ((op, arg),) = value.items()
                if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
                    tests.append((name, op.lower(), tuple(sorted(strings[a] for a in arg))))
                elif op == "REGEX" and isinstance(arg, str):
                    tests.append((name, "regex", arg))
                else:
                    raise Unsupported(f"{name}: {value!r}")
            else:
                raise Unsupported(f"{name}: {value!r}")
        else:  # OP, _ (extensions), LENGTH, FUZZY ...: the Matcher's business
            raise Unsupported(str(raw_name))
    return tuple(tests)


class IndexedRuleMatch:
    """The ``match`` step of an ``AttributeRuler``, giving the same sorted ``(rule, key, start, end)`` list as
    spaCy's, by comparing whole attribute columns of the Doc instead of running the ``Matcher``.

    It reads the ruler's patterns when first called and again after patterns are added (or cleared). A ruler
    holding any pattern it cannot read exactly (:class:`Unsupported`) is matched by spaCy's ``Matcher``.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en"); ruler = nlp.add_pipe("attribute_ruler")
        >>> ruler.add([[{"LOWER": "who"}, {"LOWER": {"REGEX": "^'?s$"}}]], {"LEMMA": "be"}, index=1)
        >>> ruler.add([[{"IS_SPACE": False}]], {"NORM": "x"})
        >>> doc = nlp.make_doc("Who's there")
        >>> IndexedRuleMatch(ruler)(doc) == ruler.match(doc)
        True
        >>> [(rule, start, end) for rule, _key, start, end in IndexedRuleMatch(ruler)(doc)]
        [(0, 0, 2), (1, 0, 1), (1, 1, 2), (1, 2, 3)]
    """

    def __init__(self, ruler: object) -> None:
        self.ruler = ruler
        self._state: tuple[int, int] | None = None  # (id of the Matcher, number of rules) the index was built for
        self._rules: list[tuple[int, int, list[tuple[tuple[_Test, ...], ...]]]] | None = None
        self._columns: list[str] = []
        self._regex: dict[str, tuple[re.Pattern, dict[int, bool]]] = {}

    def _build(self) -> None:
        ruler = self.ruler
        strings = ruler.vocab.strings
        rules = []
        columns: set[str] = set()
        try:
            for i in range(len(ruler.attrs)):
                key = str(i)
                patterns = tuple(
                    tuple(_compile_token(spec, strings) for spec in pattern) for pattern in ruler.matcher.get(key)[1]
                )
                for pattern in patterns:
                    if not pattern:
                        raise Unsupported("an empty pattern")
                    columns.update(test[0] for token in pattern for test in token)
                rules.append((i, strings[key], list(patterns)))
        except Unsupported:
            rules = None
        self._rules = rules
        self._columns = sorted(columns)
        self._state = (id(ruler.matcher), len(ruler.attrs))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._state != (id(self.ruler.matcher), len(self.ruler.attrs)):
            self._build()
        if self._rules is None:
            return _spacy_match(self.ruler, doc)
        n = len(doc)
        if n == 0 or not self._rules:
            return []
        table = doc.to_array([IDS[c] for c in self._columns]).reshape(n, len(self._columns))
        column = {c: table[:, j] for j, c in enumerate(self._columns)}
        masks: dict[tuple[_Test, ...], np.ndarray] = {}
        found: set[tuple[int, int, int, int]] = set()  # a set: the Matcher returns a (key, start, end) once
        for rule, key, patterns in self._rules:
            for pattern in patterns:
                size = len(pattern)
                if size > n:
                    continue
                hits = None
                for offset, tests in enumerate(pattern):
                    mask = masks.get(tests)
                    if mask is None:
                        mask = masks[tests] = self._mask(tests, column, n)
                    part = mask[offset : offset + n - size + 1]
                    hits = part if hits is None else hits & part
                for start in np.flatnonzero(hits).tolist():
                    found.add((rule, key, start, start + size))
        return sorted(found)

    def _mask(self, tests: tuple[_Test, ...], column: dict[str, np.ndarray], n: int) -> np.ndarray:
        """Which tokens pass every test of one token pattern."""
        mask = np.ones(n, dtype=bool)
        for name, kind, value in tests:
            values = column[name]
            if kind == "eq":
                mask &= values == value
            elif kind == "in":
                mask &= np.isin(values, np.array(value, dtype=np.uint64))
            elif kind == "not_in":
                mask &= ~np.isin(values, np.array(value, dtype=np.uint64))
            else:  # a regular expression: searched once per distinct string, as the Matcher searches the string
                mask &= self._regex_mask(str(value), values)
        return mask

    def _regex_mask(self, pattern: str, values: np.ndarray) -> np.ndarray:
        compiled, seen = self._regex.setdefault(pattern, (re.compile(pattern), {}))
        strings = self.ruler.vocab.strings
        out = np.zeros(len(values), dtype=bool)
        for j, h in enumerate(values.tolist()):
            hit = seen.get(h)
            if hit is None:
                hit = seen[h] = bool(compiled.search(strings[h])) if h else bool(compiled.search(""))
            out[j] = hit
        return out


def _spacy_match(ruler: object, doc: Doc) -> list[tuple[int, int, int, int]]:
    """spaCy's own ``AttributeRuler.match`` (the class's method, past an instance's replacement)."""
    return type(ruler).match(ruler, doc)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> Callable | None:
    """Give the pipeline's attribute ruler the :class:`IndexedRuleMatch` match step; return it (None when the
    pipeline has no such ruler). What the ruler writes on a Doc is unchanged.

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en"); _ = nlp.add_pipe("attribute_ruler")
        >>> isinstance(index_attribute_ruler(nlp), IndexedRuleMatch)
        True
    """
    if name not in nlp.component_names:
        return None
    ruler = nlp.get_pipe(name)
    if not hasattr(ruler, "match") or not hasattr(ruler, "attrs"):
        return None
    ruler.match = IndexedRuleMatch(ruler)
    return ruler.match
