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
