"""Claims, findings and the rounding policy shared by every rule.

A *claim* is one relation the checker could test (a partition, a share, a change, a table row...).
It holds, holds only through truncation (info), or fails (the rule's severity). Failed and truncated
claims become *findings*: one tidy table with a fixed column order.

Rounding policy (XBRL Calculations 1.1): a stated number is the interval of true values that round
or truncate to it at its stated decimals. Whole counts without decimals are exact. Approximate
figures ("khoảng, hơn, gần, trên") get APPROX_TOLERANCE on the side the word points to.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

from .numbers import Interval, Number, approx_bounds, fmt_num, fmt_vn
from .vocab import Severity, rules, to_english

FINDING_COLUMNS = ["document", "rule", "severity", "title", "message", "message_en", "stated", "expected", "difference",
                   "indicator", "level", "line", "ref", "values", "evidence"]
COVERAGE_COLUMNS = ["document", "figures", "claims_found", "claims_checked", "claims_holding",
                    "errors", "warnings", "infos"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# A value truncated at its stated decimals lies in [stated, stated + step): the open end, as a share of the step.
TRUNCATION_OPEN = 1e-6


@dataclass(frozen=True)
class Val:
    """One stated figure taking part in a claim, with where it stands."""

    value: float
    decimals: int = 0
    percent: bool = False
    qualifier: str = ""
    multiplier: int = 1
    line: int = 0
    raw: str = ""
    col: int = -1              # column of the figure in its source line, when known

    @property
    def step(self) -> float:
        return 10.0 ** (-self.decimals) * self.multiplier

    @property
    def exact(self) -> bool:
        """Whole counts stated to the unit are exact (no rounding interval)."""
        return not self.percent and self.decimals == 0 and self.multiplier == 1 and not self.qualifier

    def _approx(self, lo: float, hi: float) -> tuple[float, float]:
        return approx_bounds(self.value, self.step, self.qualifier, lo, hi)

    def rounded(self) -> Interval:
        """Values that round to the stated figure."""
        if self.exact:
            return Interval(self.value, self.value)
        return Interval(*self._approx(self.value - self.step / 2, self.value + self.step / 2))

    def full(self) -> Interval:
        """Values that round or truncate to the stated figure. Truncation leaves the next step out: 98 % exactly is
        not truncated to 97 % ("980 trên tổng số 1.000 hồ sơ, đạt 97%"), so the interval stops a millionth of a
        step short of it (far above the error of the float arithmetic, far below any stated digit)."""
        if self.exact:
            return Interval(self.value, self.value)
        return Interval(*self._approx(self.value - self.step / 2, self.value + self.step * (1 - TRUNCATION_OPEN)))

    def fmt(self) -> str:
        return fmt_vn(self.value / (self.multiplier if self.multiplier > 1 else 1), self.decimals) + \
            ({1_000: " nghìn", 1_000_000: " triệu", 1_000_000_000: " tỷ"}.get(self.multiplier, ""))

    def row(self) -> dict:
        return {"value": self.value, "decimals": self.decimals, "line": self.line, "raw": self.raw}


def val_of(n: Number, line: int, col: int = -1) -> Val:
    return Val(n.value, n.decimals, n.percent, n.qualifier or "", n.multiplier, line, n.raw.strip(), col)


def total(vals) -> tuple[Interval, Interval]:
    """(rounded, full) intervals of a sum of stated figures."""
    r, f = Interval(0.0, 0.0), Interval(0.0, 0.0)
    for v in vals:
        r, f = r + v.rounded(), f + v.full()
    return r, f


def judge(stated_r: Interval, stated_f: Interval, exp_r: Interval, exp_f: Interval) -> str:
    """'holds' when rounding explains the gap, 'info' when only truncation does, else 'fail'."""
    if stated_r.overlaps(exp_r):
        return "holds"
    if stated_f.overlaps(exp_f):
        return "info"
    return "fail"


def gap(stated: float, lo: float, hi: float) -> float:
    """Signed distance from the stated value to the nearest value the others allow."""
    if lo <= stated <= hi:
        return 0.0
    return stated - hi if stated > hi else stated - lo


# message parameters that quote the report (a row or column label, the words of a window): never translated
QUOTED_PARAMS = frozenset({"label", "row", "window", "quote"})


ClaimStatus = Literal["holds", "info", "fail"]


@dataclass(kw_only=True)
class Claim:
    """One relation a rule looked at: what was stated, what it should be, the figures and their lines.
    Built with keywords only (a positional call was easy to get wrong with twelve fields)."""
    rule: str
    document: str
    status: ClaimStatus
    stated: float | None = None
    expected: float | None = None
    difference: float | None = None
    values: list = field(default_factory=list)        # list[Val]
    evidence: list = field(default_factory=list)      # list[(line, text)]
    indicator: str = ""
    level: str = ""
    params: dict = field(default_factory=dict)
    severity: Severity | Literal[""] = ""   # overrides the rule's severity (e.g. 'info' for truncation)

    @property
    def lines(self) -> set[int]:
        return {v.line for v in self.values} | {ln for ln, _ in self.evidence}

    def finding(self) -> dict:
        rule = rules()[self.rule]
        sev = self.severity or ("info" if self.status == "info" else rule.severity)
        params = {"stated": _f(self.stated), "expected": _f(self.expected), "difference": _f(self.difference),
                  "line": self.evidence[0][0] if self.evidence else "", **self.params}
        try:
            message = rule.message.format(**params)
        except (KeyError, IndexError, ValueError):
            message = rule.title + ": " + ", ".join(f"{k}={v}" for k, v in params.items())
        if self.status == "info" and self.severity == "" and rule.severity != "info":
            message += " – chênh lệch giải thích được bằng cắt bớt (không làm tròn) số liệu"
        # the English edition: same placeholders, indicator names, levels and phrases in English and numbers
        # the English way (vocab.to_english); a value a check passed as text (a date, a year) stays as it is
        params_en = {k: to_english(v) if isinstance(v, str) and k not in QUOTED_PARAMS else v for k, v in self.params.items()}
        params_en = {**params, **params_en, **{k: _f(v, "en") for k, v in (("stated", self.stated), ("expected", self.expected),
                                                                           ("difference", self.difference)) if v is not None}}
        try:
            message_en = (rule.message_en or rule.title + ": {stated} / {expected}").format(**params_en)
        except (KeyError, IndexError, ValueError):
            message_en = rule.title
        if self.status == "info" and self.severity == "" and rule.severity != "info":
            message_en += " – explained by truncation (not rounding) of the stated figures"
        evidence = [{"line": ln, "text": t} for ln, t in _dedupe(self.evidence)]
        return {"document": self.document, "rule": self.rule, "severity": sev, "title": rule.title,
                "message": message, "message_en": message_en, "stated": self.stated, "expected": self.expected,
                "difference": self.difference, "indicator": self.indicator, "level": self.level,
                "line": evidence[0]["line"] if evidence else None,
                "values": [v.row() for v in self.values], "evidence": evidence}


def _dedupe(items):
    seen, out = set(), []
    for ln, t in items:
        if (ln, t) not in seen:
            seen.add((ln, t))
            out.append((ln, t))
    return out


def _f(x, lang: str = "vi") -> str:
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    if float(x).is_integer():
        return fmt_num(x, 0, lang)
    s = fmt_num(x, 4, lang).rstrip("0")
    return s.rstrip(",.")


def findings_table(findings: list[dict]):
    """The tidy findings table, fixed column order, errors first (values/evidence as JSON text)."""
    import pandas as pd
    rows = sorted(findings, key=lambda f: (f["document"], SEVERITY_ORDER[f["severity"]], f["line"] or 0, f["rule"]))
    df = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    for c in ("values", "evidence"):
        df[c] = df[c].map(lambda x: json.dumps(x, ensure_ascii=False))
    for c in ("stated", "expected", "difference"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    df["line"] = pd.to_numeric(df["line"], errors="coerce").astype("Int64")
    return df
