"""Fast "any of these words" regexes: one alternation compiled as a prefix trie.

The actor registry and the gazetteer each look for ~1,000 names in every sentence. A plain
``a|b|c|...`` alternation makes Python's ``re`` try every alternative at every position of the text,
which was the top cost of extraction. A trie regex factors shared prefixes into nested non-capturing
groups, so at each position the engine checks one character per branch point and gives up at once
when no name can start there.

The result is a drop-in replacement for the longest-first alternation the callers used before:
names that can match at one position are prefixes of each other, so they only differ in length, and
the trie tries a longer continuation (``(?:...)?`` is greedy) before ending at a shorter name. With
backtracking into the surrounding pattern (look-arounds, optional groups) the engine therefore sees
the candidates in exactly the order of ``sorted(words, key=len, reverse=True)``; identical matches,
spans and groups.

Matching is case-sensitive by design: under ``re.IGNORECASE`` two trie branches ("A..."/"a...") could
both match and the longest-first order would no longer be guaranteed, so fold case on both sides instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_END = ""  # trie key marking "a word ends here"; real children are always one character long

NEVER = "(?!)"
"""Pattern of an empty word list: matches nothing (a plain empty alternation would match everywhere)."""


def trie_alternation(words: Iterable[str]) -> str:
    """Regex source matching any of ``words``, longest word first, to embed inside a group.

    Equivalent to ``"|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))`` but much
    faster to search with; wrap it like the plain alternation (``(?:...)`` or ``(?P<name>...)``).
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = {}
    if not root:
        return NEVER
    return _render(root)


def _render(node: dict[str, dict]) -> str:
    """The continuation after ``node``: child branches first, then the empty ending if a word stops here."""
    branches = []
    for char in sorted(k for k in node if k != _END):
        child = node[char]
        chain = [char]
        # collapse single-child runs ("kursk") so nesting stays shallow
        while len(child) == 1 and _END not in child:
            (char, child), *_ = child.items()
            chain.append(char)
        branches.append(re.escape("".join(chain)) + _render(child))
    if not branches:
        return ""
    if _END in node:
        return "(?:" + "|".join(branches) + ")?"
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"
