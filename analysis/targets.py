"""National reference targets beside a province's headline rates, and its Bộ chỉ số 766 scores.

Targets are data (vocab/targets.yml), each with its legal source and the page its figure was read
from. A target is set beside the headline row it names, for the reports whose year it speaks to:

- met / not met only when the target measures what the headline measures (`same_basis`);
- not met before the deadline year is "not yet met (deadline YYYY)", after it "not met";
- a target of another basis is shown for reference, with what it measures, and never judged.

The Bộ chỉ số 766 scores (Quyết định 766/QĐ-TTg) are the report's own: each stated group score is
set beside the group's maximum (vocab/indicators.yml `max`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Literal

import pandas as pd

from .headline import HeadlineRow, eligible
from .vocab import VocabularyError, _load, indicators, scored_codes

TargetStatus = Literal["met", "not_met", "not_yet_met", "reference", "not_reported"]
COMPARATORS = {">=": lambda v, t: v >= t, ">": lambda v, t: v > t}


@dataclass(frozen=True)
class Source:
    document: str
    date: str
    title: str
    provision: str
    read_from: str

    def cite(self, lang: str = "vi") -> str:
        d = self.date.split("-")
        return f"{self.document} {'ngày' if lang == 'vi' else 'of'} {d[2]}/{d[1]}/{d[0]}" if len(d) == 3 else self.document


@dataclass(frozen=True)
class Target:
    id: str
    headline: str
    comparator: str
    value: float
    first_year: int
    last_year: int
    same_basis: bool
    measures_vi: str
    measures_en: str
    source: Source

    def applies_to(self, year: int | None) -> bool:
        return year is not None and self.first_year <= year <= self.last_year


def parse_targets(data: dict, headline_ids) -> tuple[Target, ...]:
    """targets.yml's data, validated: a target without its source, with an unknown comparator or
    naming a headline row that briefs.yml does not define is refused, naming the target."""
    out = []
    for t in (data or {}).get("targets") or ():
        name = t.get("id", t) if isinstance(t, dict) else t
        try:
            s = t["source"]
            src = Source(str(s["document"]), str(s["date"]), str(s["title"]), str(s.get("provision", "")), str(s["read_from"]))
            first, last = (int(y) for y in t["years"])
            tg = Target(str(t["id"]), str(t["headline"]), str(t["comparator"]), float(t["value"]), first, last,
                        bool(t["same_basis"]), str(t["measures"]["vi"]), str(t["measures"]["en"]), src)
        except (KeyError, TypeError, ValueError) as e:
            raise VocabularyError(f"targets.yml: target {name!r} is incomplete or mistyped ({e!r}); each needs "
                                  "headline, comparator, value, years, same_basis, measures and source") from None
        if tg.comparator not in COMPARATORS:
            raise VocabularyError(f"targets.yml: target {tg.id!r}: comparator must be one of {sorted(COMPARATORS)}")
        if tg.headline not in set(headline_ids):
            raise VocabularyError(f"targets.yml: target {tg.id!r} names headline {tg.headline!r}, which briefs.yml does not define")
        if not tg.source.read_from.startswith("https://") or len(tg.source.date.split("-")) != 3:
            raise VocabularyError(f"targets.yml: target {tg.id!r}: source needs an ISO date and the https page its figure was read from")
        out.append(tg)
    return tuple(out)


@lru_cache(maxsize=None)
def targets() -> tuple[Target, ...]:
    return parse_targets(_load("targets.yml"), [h["id"] for h in _load("briefs.yml")["headline"]])


@dataclass(frozen=True)
class TargetRow:
    target: str
    headline: str
    value: float | None          # the province's rate: recomputed where possible, else as stated
    target_value: float
    comparator: str
    status: TargetStatus
    gap: float | None            # value - target, percentage points
    deadline: int
    measures: str
    source: str                  # "Nghị quyết 76/NQ-CP ngày 15/07/2021"
    source_title: str
    provision: str
    read_from: str
    by_level: tuple = ()         # ((level, rate), ...) when the report states the rate only per level

    def record(self) -> dict:
        return asdict(self)

    def label(self, lang: str = "vi") -> str:
        """The target as a brief writes it ('≥80%'), its number the reader's way."""
        from .numbers import fmt_num
        return self.comparator.replace(">=", "≥") + fmt_num(self.target_value, 0, lang) + "%"


def _value(rows: list[HeadlineRow], headline: str) -> float | None:
    """The province's whole-territory rate for a headline id (recomputed before stated)."""
    for r in rows:
        if r.id == headline and r.level == "total":
            return r.recomputed if r.recomputed is not None else r.stated
    return None


def _by_level(rows: list[HeadlineRow], headline: str) -> tuple:
    return tuple((r.level, r.recomputed if r.recomputed is not None else r.stated) for r in rows
                 if r.id == headline and r.level != "total" and (r.recomputed is not None or r.stated is not None))


def _status(t: Target, value: float | None, year: int) -> TargetStatus:
    if value is None:
        return "not_reported"
    if not t.same_basis:
        return "reference"
    if COMPARATORS[t.comparator](value, t.value):
        return "met"
    return "not_yet_met" if year < t.last_year else "not_met"


def national_rows(rows: list[HeadlineRow], year: int | None, lang: str = "vi") -> list[TargetRow]:
    """Every target that speaks to the report's year, beside the province's headline rate."""
    out = []
    for t in targets():
        if not t.applies_to(year):
            continue
        v = _value(rows, t.headline)
        out.append(TargetRow(t.id, t.headline, v, t.value, t.comparator, _status(t, v, year),
                             round(v - t.value, 2) if v is not None else None, t.last_year,
                             t.measures_vi if lang == "vi" else t.measures_en, t.source.cite(lang), t.source.title,
                             t.source.provision, t.source.read_from, () if v is not None else _by_level(rows, t.headline)))
    return out


# ---------------------------------------------------------------- Bộ chỉ số 766 (Quyết định 766/QĐ-TTg)

def score_rows(facts: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """The report's stated index scores (whole province, its period), each beside its maximum: the indicators scored in
    points only (indicators.yml domain points), not the rates, whose maximum is 100 % (a stated on-time rate of 98,89% is
    no score of Bộ chỉ số 766)."""
    maxima = {i.code: (i.maximum, i.maximum_source) for i in indicators() if i.code in scored_codes()}
    f = eligible(facts, period)
    f = f[f["indicator"].isin(list(maxima)) & (f["role"] == "value") & (f["level"] == "total")]
    f = f.drop_duplicates("indicator")
    if f.empty:
        return pd.DataFrame(columns=["indicator", "value", "decimals", "maximum", "share_of_max", "line", "source"])
    order = list(maxima)
    f = f.assign(order=f["indicator"].map(order.index)).sort_values("order")
    return pd.DataFrame({"indicator": f["indicator"], "value": f["value"].astype(float), "decimals": f["decimals"].astype(int),
                         "maximum": f["indicator"].map(lambda c: maxima[c][0]),
                         "share_of_max": (100 * f["value"].astype(float) / f["indicator"].map(lambda c: maxima[c][0])).round(1),
                         "line": f["line"].astype(int), "source": f["indicator"].map(lambda c: maxima[c][1])}).reset_index(drop=True)
