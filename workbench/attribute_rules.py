"""The model's attribute ruler applied by table lookup instead of the Matcher: same annotations, a fraction of the time.

``en_core_web_sm``'s attribute ruler maps tags to POS and morphology (plus word exceptions) with about 180
Matcher patterns; matching them and setting attributes one Span at a time took about a tenth of the whole
model's run time. Almost every pattern looks at one token only, and then its effect depends on four token
attributes alone (TAG, LOWER, DEP, IS_SPACE). So the merged effect of all one-token patterns (applied in the
ruler's order, later rules winning) is computed once per distinct combination and cached, and a Doc is
annotated with array reads and writes. The few multi-token patterns ("gon na") still go through a Matcher;
a Doc where one of them matches is annotated by the stock code path, so results are identical in every case
(``tests/test_attribute_rules.py`` compares them token by token).
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
_KEY_NAMES = ("TAG", "LOWER", "DEP", "IS_SPACE")
_ARRAY_ATTRS = [POS, MORPH, LEMMA]


def _predicate(value: Any) -> Any:
    """A Matcher token constraint as a test on the attribute's string (or bool) value."""
    if not isinstance(value, dict):
        return lambda x: x == value
    tests = []
    for op, arg in value.items():
        if op == "IN":
            tests.append(lambda x, s=frozenset(arg): x in s)
        elif op == "NOT_IN":
            tests.append(lambda x, s=frozenset(arg): x not in s)
        elif op == "REGEX":
            tests.append(lambda x, r=re.compile(arg): bool(r.search(x)))
        else:
            raise ValueError(f"attribute ruler constraint {op!r} is not supported by the fast path")
    return lambda x: all(test(x) for test in tests)


class FastAttributeRuler(AttributeRuler):
    """An AttributeRuler whose one-token rules are applied from a cache keyed by (TAG, LOWER, DEP, IS_SPACE)."""

    def _compile(self) -> None:
        self._single: list[tuple[int, list[tuple[int, Any]]]] = []  # (attr_id, [(key column, test)])
        self._multi = Matcher(self.vocab)
        self._starts: list[list[tuple[int, Any]]] = []  # first-token tests of the multi-token patterns
        # Rules that require a tag can only fire on tokens with that tag: index them by it (order kept).
        self._by_tag: dict[str, list[int]] = {}
        self._any_tag: list[int] = []
        for attr_id in range(len(self.attrs)):
            key = str(attr_id)
            for pattern in self.matcher.get(key)[1]:
                if len(pattern) == 1 and set(pattern[0]) <= set(_KEY_NAMES):
                    tests = [(_KEY_NAMES.index(name), _predicate(v)) for name, v in pattern[0].items()]
                    tag = pattern[0].get("TAG")
                    tags = [tag] if isinstance(tag, str) else tag.get("IN") if isinstance(tag, dict) else None
                    for value in tags if tags is not None else ():
                        self._by_tag.setdefault(value, []).append(len(self._single))
                    if tags is None:
                        self._any_tag.append(len(self._single))
                    self._single.append((attr_id, tests))
                else:
                    self._multi.add(key, [pattern])
                    first = pattern[0]
                    self._starts.append(
                        [(_KEY_NAMES.index(name), _predicate(v)) for name, v in first.items()]
                        if set(first) <= set(_KEY_NAMES)
                        else [(0, lambda _x: True)]
                    )
        # The cache: one row per (TAG, LOWER, DEP, IS_SPACE) key seen, filled by _row
        self._index: dict[tuple[int, int, int, int], int] = {}
        self._rows: list[list[int]] = []
        self._sets: list[list[bool]] = []
        self._may_start: list[bool] = []
        self._rest: list[dict[int, int]] = []

    def _values(self, key: tuple[int, int, int, int]) -> tuple[str, str, str, bool]:
        strings = self.vocab.strings
        tag, lower, dep = (strings[h] if h else "" for h in key[:3])
        return tag, lower, dep, bool(key[3])

    def _effect(self, key: tuple[int, int, int, int]) -> dict[int, int] | None:
        """The merged attributes that the one-token rules set on a token with these (hashed) key values."""
        values = self._values(key)
        merged: dict[int, int] = {}
        for n in sorted(set(self._by_tag.get(values[0], ())) | set(self._any_tag)):
            attr_id, tests = self._single[n]
            if all(test(values[column]) for column, test in tests):
                if self.indices[attr_id] not in (0, -1):
                    raise ValueError("one-token attribute rule with an index outside its match")
                merged.update(self.attrs[attr_id])
        return merged or None

    def _row(self, key: tuple[int, int, int, int]) -> int:
        """Index of the cached effect of ``key`` in ``self._table`` (``self._mask``: which columns it sets)."""
        effect = self._effect(key) or {}
        self._rows.append([effect.get(attr, 0) for attr in _ARRAY_ATTRS])
        self._sets.append([attr in effect for attr in _ARRAY_ATTRS])
        self._rest.append({attr: value for attr, value in effect.items() if attr not in _ARRAY_ATTRS})
        values = self._values(key)
        self._may_start.append(any(all(t(values[c]) for c, t in tests) for tests in self._starts))
        self._index[key] = len(self._rows) - 1
        return self._index[key]

    def __call__(self, doc: Doc) -> Doc:
        if not hasattr(self, "_single"):
            self._compile()
        if not len(doc):
            return doc
        index, row = self._index, self._row
        rows = numpy.array(
            [index[key] if key in index else row(key) for key in map(tuple, doc.to_array(_KEY_ATTRS).tolist())]
        )
        if any(self._may_start[r] for r in set(rows.tolist())) and self._multi(doc):
            return super().__call__(doc)  # a multi-token rule matches: the stock path, in the stock order
        if len(getattr(self, "_table", ())) != len(self._rows):  # new keys since the table was built
            self._table = numpy.array(self._rows, dtype="uint64")
            self._mask = numpy.array(self._sets, dtype=bool)
        values = doc.to_array(_ARRAY_ATTRS)
        changed = self._mask[rows]
        values[changed] = self._table[rows][changed]
        doc.from_array(_ARRAY_ATTRS, values)
        for i in numpy.flatnonzero([bool(self._rest[r]) for r in rows.tolist()]).tolist():
            set_token_attrs(doc[i], self._rest[rows[i]])
        return doc


def accelerate(nlp: Language, name: str = "attribute_ruler") -> None:
    """Make the pipeline's attribute ruler a :class:`FastAttributeRuler` (same patterns, same results)."""
    if name in nlp.component_names:
        ruler = nlp.get_pipe(name)
        if type(ruler) is AttributeRuler:
            ruler.__class__ = FastAttributeRuler
