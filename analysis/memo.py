"""Scanners memoised for one document at a time.

The annotation, the facts and several checks ask the same questions of the same text (the numbers,
fractions, periods and sentences of a block; the level a phrase names). Each scanner decorated with
`per_document` answers once per text; `new_document()` forgets every answer when a report starts, so
memory stays bounded by one report and no report's reading (nor its timing) depends on an earlier one.
"""
from __future__ import annotations

from functools import lru_cache

_CACHES: list = []
MAXSIZE = 8192          # a bound for callers that never start a document (a notebook reading blocks)


def per_document(fn):
    cached = lru_cache(maxsize=MAXSIZE)(fn)
    _CACHES.append(cached)
    return cached


def new_document() -> None:
    for c in _CACHES:
        c.cache_clear()
    _UNIT[0] = "province"


# The kind of unit the current report covers ("province" or "city", vocab.Unit): a centrally-run city
# names its levels its own way, so the level reader's answers depend on it.
_UNIT = ["province"]


def current_unit() -> str:
    return _UNIT[0]


def use_unit(unit: str) -> None:
    """Read the next texts as a report of a `unit`; the memo forgets its answers when the unit changes."""
    if unit != _UNIT[0]:
        for c in _CACHES:
            c.cache_clear()
        _UNIT[0] = unit
