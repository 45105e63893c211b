"""Headline rows of a brief: one declared definition per indicator (vocab/briefs.yml), the same for
every province, evaluated on the facts that are about the whole province (or one whole level) for the
brief's own period.

Each row sets the report's own percentage (a rate fact, or a share stated beside the count) beside
the value recomputed from the counts, with numerator and denominator and their lines. A row whose
definition the report does not allow says "not reported" and why. Scoped figures ("riêng lĩnh vực
…", "nhiều đơn vị …"), other periods and sub-indicators never make a headline; approximate counts
("khoảng hơn 49.000") and figures that cover a shorter window ("đến ngày 31/5/2021") are marked.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import pandas as pd

from .vocab import indicator_titles, rate_definitions

LEVELS = ("total", "tinh", "huyen", "xa")


@dataclass(frozen=True)
class Term:
    """A sum of stated counts: the numerator or denominator of a headline rate."""
    codes: tuple
    value: float
    lines: tuple
    approximate: bool
    window_months: float | None


# ok: recomputed from the counts (and the stated rate beside it, if any); stated_only: the report's rate
# without the counts to recompute it; not_reported: neither
HeadlineStatus = Literal["ok", "stated_only", "not_reported"]


@dataclass(frozen=True)
class HeadlineRow:
    id: str
    level: str
    status: HeadlineStatus
    stated: float | None         # the report's own percentage
    stated_decimals: int
    stated_kind: str             # rate (a named rate) | share (beside its count) | ""
    stated_line: int | None
    recomputed: float | None     # 100 * numerator / denominator
    numerator: Term | None
    denominator: Term | None
    approximate: bool            # a term is an approximate count: the row is marked ≈
    window_months: float | None  # the figures cover fewer months than the report's period
    reason: str                  # why the row is not reported, or what to keep in mind

    def record(self) -> dict:
        return asdict(self)


def definitions() -> list[dict]:
    """The brief's headline rates: every declared rate but those marked `headline: false`, which the
    checker holds stated rates against without a row of their own in the brief."""
    return [d for d in rate_definitions() if d.get("headline", True)]


def eligible(facts, period: str | None = None):
    """Facts about a whole province or level for the brief's period: no scope, no other period. Takes
    a facts table or one report's facts as records (split_by_document), and returns the same kind."""
    if isinstance(facts, list):
        return [r for r in facts if r["scope"] == "" and (period is None or r["period"] == period)]
    f = facts[(facts["scope"] == "")]
    if period is not None:
        f = f[f["period"] == period]
    return f


def split_by_document(facts: pd.DataFrame) -> dict[str, list[dict]]:
    """The corpus's facts as plain records per document, made once: a comparison over 1,000 reports
    filtered the whole table three times per report (pandas' take on a pyarrow frame: ~10 ms each)."""
    out: dict[str, list[dict]] = {}
    for r in facts.to_dict("records"):
        out.setdefault(r["document"], []).append(r)
    return out


class _Facts:
    """The eligible facts indexed once by (indicator, level, role, is a percentage), in reading order:
    a headline evaluates dozens of lookups, and filtering a DataFrame for each costs ~5 ms."""

    def __init__(self, f):
        self.by: dict[tuple, list[dict]] = {}
        for r in (f if isinstance(f, list) else f.to_dict("records")):
            self.by.setdefault((r["indicator"], r["level"], r["role"], r["unit"] == "%"), []).append(r)

    def get(self, code: str, level: str, role: str, pct: bool) -> list[dict]:
        return self.by.get((code, level, role, pct), [])


def _count(f: _Facts, code: str, level: str):
    g = f.get(code, level, "value", False)
    return g[0] if g else None


def _wm(g: dict):
    v = g.get("window_months")
    return None if v is None or pd.isna(v) else float(v)


def _term(f: _Facts, options, level: str) -> Term | None:
    """The first option (a list of codes to add up) whose counts are all stated."""
    for option in options or ():
        got = [_count(f, c, level) for c in option]
        if got and all(g is not None for g in got):
            wm = [w for w in (_wm(g) for g in got) if w is not None]
            return Term(tuple(option), float(sum(g["value"] for g in got)), tuple(int(g["line"]) for g in got),
                        any(bool(g["approximate"]) for g in got), float(max(wm)) if wm else None)
    return None


def _stated(f: _Facts, h: dict, level: str, num: Term | None):
    """The report's own percentage: a named rate, else a share stated beside the numerator's count."""
    code = h.get("stated")
    if code:
        g = f.get(code, level, "value", True)
        if g:
            return g[0], "rate"
    for option in h.get("numerator") or ():
        # (the numerator's own share: "đúng hạn 69.251 (10,1%)" beside "trước hạn" is no on-time rate)
        if len(option) != 1 or (num is not None and tuple(option) != tuple(num.codes)):
            continue
        g = f.get(option[0], level, "share", True)
        if num is not None:
            g = [x for x in g if int(x["line"]) in num.lines]
        if g:
            return g[0], "share"
    return None, ""


def _missing(f: _Facts, options, level: str) -> list[str]:
    """The codes of the shortest option that the report does not state."""
    best = None
    for option in options or ():
        miss = [c for c in option if _count(f, c, level) is None]
        if best is None or len(miss) < len(best):
            best = miss
    return best or []


def row(f: _Facts, h: dict, level: str, lang: str = "vi") -> HeadlineRow | None:
    """One headline indicator at one level; None where the level states nothing of it."""
    num = _term(f, h.get("numerator"), level)
    den = _term(f, h.get("denominator"), level)
    st, kind = _stated(f, h, level, num)
    recomputed = 100 * num.value / den.value if num is not None and den is not None and den.value else None
    if recomputed is None and st is None:
        if level != "total":
            return None
        missing = _missing(f, h.get("numerator"), level) + _missing(f, h.get("denominator"), level)
        titles = [(indicator_titles().get(c) or {}).get(lang, c) for c in dict.fromkeys(missing)]
        why = ({"vi": "báo cáo không nêu (cho toàn tỉnh, đúng kỳ): ", "en": "the report does not state (for the whole "
                "province, for this period): "}[lang] + ", ".join(titles)) if titles else \
            {"vi": "báo cáo không nêu tỷ lệ này", "en": "the report does not state this rate"}[lang]
        return HeadlineRow(h["id"], level, "not_reported", None, 0, "", None, None, None, None, False, None, why)
    terms = [t for t in (num, den) if t is not None]
    approx = any(t.approximate for t in terms) or bool(st is not None and st["approximate"])
    wms = [t.window_months for t in terms if t.window_months] + ([_wm(st)] if st is not None and _wm(st) else [])
    reason = ""
    if st is not None and str(st.get("denominator", "") or "").strip() and kind == "rate":
        # the report says what its rate is over ("trên tổng số hồ sơ đã tiếp nhận"): show that basis
        reason = {"vi": "báo cáo tính trên: ", "en": "the report's basis: "}[lang] + str(st["denominator"]).strip()
    if recomputed is None and (h.get("numerator") or h.get("denominator")):
        missing = _missing(f, h.get("numerator"), level) + _missing(f, h.get("denominator"), level)
        titles = [(indicator_titles().get(c) or {}).get(lang, c) for c in dict.fromkeys(missing)]
        reason = "; ".join(x for x in (reason, {"vi": "không tính lại được, thiếu: ", "en": "cannot be recomputed, missing: "}[lang]
                                       + ", ".join(titles)) if x)
    return HeadlineRow(h["id"], level, "ok" if recomputed is not None else "stated_only",
                       float(st["value"]) if st is not None else None, int(st["decimals"]) if st is not None else 0,
                       kind, int(st["line"]) if st is not None else None,
                       round(recomputed, 4) if recomputed is not None else None, num, den, approx,
                       max(wms) if wms else None, reason)


def headline_rows(facts, period: str | None = None, lang: str = "vi", levels=LEVELS) -> list[HeadlineRow]:
    """Every headline indicator at every level that states it (total: always, 'not reported' if need be)."""
    f = _Facts(eligible(facts, period))
    out = []
    for h in definitions():
        for level in levels:
            r = row(f, h, level, lang)
            if r is not None:
                out.append(r)
    return out
