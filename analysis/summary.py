"""The one-page summary at the top of a brief: key rates (stated beside recomputed), the errors, each
with the figure most likely to be the wrong one, and what the report does not state.

The most likely wrong figure: when one figure disagrees with several independent sums (no other figure
in common) that agree among themselves, it is that figure, not the many that sum consistently
(a received total against new + carried over, resolved + pending and tỉnh + huyện + xã, which all give
one other value).
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from .numbers import fmt_num, fmt_vn


@dataclass(frozen=True)
class Suspect:
    value: float
    line: int
    expected: float          # what the independent sums agree on
    sums: int                # how many independent relations point at it
    rules: tuple             # the rules of those relations


def _values(row) -> list[tuple[float, int]]:
    v = row["values"]
    items = json.loads(v) if isinstance(v, str) else (v or [])
    return [(float(x["value"]), int(x["line"])) for x in items if x.get("line") is not None]


def suspects(findings: pd.DataFrame) -> list[Suspect]:
    """Figures that several independent failing relations, agreeing on the expected value, point at."""
    fail = findings[findings["severity"] == "error"]
    by_figure: dict[tuple, list] = {}
    for _, r in fail.iterrows():
        vals = _values(r)
        if not vals or pd.isna(r["expected"]) or pd.isna(r["stated"]):
            continue
        stated = vals[0]
        by_figure.setdefault(stated, []).append((float(r["expected"]), set(vals[1:]), r["rule"]))
    out = []
    for (value, line), rels in by_figure.items():
        # group relations that expect the same value; keep those whose other figures are disjoint
        for expected in sorted({e for e, _, _ in rels}):
            same = [(parts, rule) for e, parts, rule in rels if abs(e - expected) <= max(0.5, 1e-6 * abs(expected))]
            chosen, seen = [], set()
            for parts, rule in same:
                if not parts & seen:
                    chosen.append(rule)
                    seen |= parts
            if len(chosen) >= 2:
                out.append(Suspect(value, line, expected, len(chosen), tuple(chosen)))
    return sorted(out, key=lambda s: (-s.sums, s.line))


def suspect_of(row, found: list[Suspect]) -> Suspect | None:
    """The suspect a failing finding points at, if any."""
    vals = _values(row)
    if not vals:
        return None
    return next((s for s in found if (s.value, s.line) == vals[0]), None)


def describe(s: Suspect, lang: str = "vi") -> str:
    if lang == "vi":
        return (f"Số có khả năng sai nhất: {fmt_vn(s.value)} (dòng {s.line}) — {s.sums} tổng độc lập "
                f"đều cho {fmt_vn(s.expected)}")
    return (f"Most likely wrong figure: {fmt_num(s.value, 0, 'en')} (line {s.line}) — {s.sums} independent sums "
            f"all give {fmt_num(s.expected, 0, 'en')}")


def error_lines(findings: pd.DataFrame, lang: str = "vi") -> list[dict]:
    """Each error once, with the figure most likely wrong where several sums agree on it."""
    found = suspects(findings)
    out, told = [], set()
    for _, r in findings[findings["severity"] == "error"].iterrows():
        s = suspect_of(r, found)
        key = (s.value, s.line) if s else None
        msg = r["message_en"] if lang == "en" and isinstance(r.get("message_en"), str) and r.get("message_en") else r["message"]
        out.append({"rule": r["rule"], "line": None if pd.isna(r["line"]) else int(r["line"]), "message": msg,
                    "suspect": None if s is None else {"value": s.value, "line": s.line, "expected": s.expected,
                                                        "sums": s.sums, "rules": list(s.rules)},
                    "suspect_text": describe(s, lang) if s is not None and key not in told else ""})
        if key:
            told.add(key)
    return out
