"""What a province brief shows, as tables: headline rates (stated and recomputed), findings, data
gaps, other periods, plan progress and sources. Notebooks only call these and plot the results."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .errors import SettingsError
from .findings import SEVERITY_ORDER
from .numbers import fmt_vn
from .vocab import _load, indicator_titles

LANGS = ("vi", "en")


@lru_cache(maxsize=None)
def spec() -> dict:
    return _load("briefs.yml")


def labels(lang: str) -> dict[str, str]:
    """Headings and labels for a brief in `lang` ('vi' or 'en')."""
    if lang not in LANGS:
        raise SettingsError("lang", lang, f"one of {LANGS}")
    return spec()["labels"][lang]


def title_of(code: str, lang: str) -> str:
    return (indicator_titles().get(code) or {}).get(lang) or code


@dataclass(frozen=True)
class Selection:
    """One brief: a province slug and a period key (validated against the shipped documents)."""

    province: str
    period: str
    lang: str = "vi"

    def __post_init__(self):
        object.__setattr__(self, "province", str(self.province).strip().lower())
        object.__setattr__(self, "period", str(self.period).strip().upper() if "-" in str(self.period) else str(self.period).strip())

    def validate(self, documents: pd.DataFrame) -> "Selection":
        labels(self.lang)
        slugs = sorted(set(documents["province_slug"]))
        if self.province not in slugs:
            raise SettingsError("province", self.province, f"a province with a report in data/raw: {slugs}")
        periods = sorted(set(documents.loc[documents["province_slug"] == self.province, "period"]))
        if self.period not in periods:
            raise SettingsError("period", self.period, f"a period with a report for {self.province}: {periods}")
        return self


def pairs(documents: pd.DataFrame) -> list[tuple[str, str]]:
    """(province slug, period) of every report that is not a plan, sorted."""
    d = documents[(documents["report_type"] != "plan") & (documents["province_slug"] != "unknown")
                  & (documents["period"] != "unknown")]
    return sorted(set(zip(d["province_slug"], d["period"])))


def documents_of(documents: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    return documents[(documents["province_slug"] == sel.province) & (documents["period"] == sel.period)]


def _value(facts: pd.DataFrame, code: str, level: str = "total") -> pd.Series | None:
    """The first plain statement of an indicator (no scope, role value)."""
    f = facts[(facts["indicator"] == code) & (facts["level"] == level) & (facts["role"] == "value")
              & (facts["scope"] == "") & (facts["unit"] != "%")]
    return None if f.empty else f.iloc[0]


def _stated_rate(facts: pd.DataFrame, code: str | None, level: str = "total"):
    if not code:
        return None
    f = facts[(facts["indicator"] == code) & (facts["level"] == level) & (facts["role"] == "value")
              & (facts["scope"] == "") & (facts["unit"] == "%")]
    return None if f.empty else f.iloc[0]


def headline(facts: pd.DataFrame, lang: str = "vi", levels=("total", "tinh", "huyen", "xa")) -> pd.DataFrame:
    """Headline rates per level: definition, denominator, as stated and recomputed from the counts, with lines."""
    L = labels(lang)
    rows = []
    for h in spec()["headline"]:
        for level in levels:
            row = _headline_row(facts, h, level, lang, L)
            if row is not None:
                rows.append(row)
    df = pd.DataFrame(rows)
    for c in (L["stated"], L["recomputed"]):
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    return df


def _headline_row(facts, h, level, lang, L) -> dict | None:
    num, num_lines = None, []
    for option in h.get("numerator") or ():
        got = [_value(facts, c, level) for c in option]
        if all(g is not None for g in got):
            num, num_lines = sum(g["value"] for g in got), [int(g["line"]) for g in got]
            break
    den = next((d for d in (_value(facts, c, level) for c in h.get("denominator") or ()) if d is not None), None)
    stated = _stated_rate(facts, h.get("stated"), level)
    recomputed = 100 * num / den["value"] if num is not None and den is not None and den["value"] else None
    if recomputed is None and stated is None:
        return None
    lines = sorted(set(num_lines + ([int(den["line"])] if den is not None else [])
                       + ([int(stated["line"])] if stated is not None else [])))
    return {L["indicator"]: h["title"][lang], L["level"]: L.get(level, level), L["definition"]: h["definition"][lang],
            L["denominator"]: f"{fmt_vn(den['value'])} ({title_of(den['indicator'], lang)})" if den is not None else "",
            L["stated"]: float(stated["value"]) if stated is not None else None,
            L["recomputed"]: round(recomputed, 2) if recomputed is not None else None,
            L["line"]: ", ".join(str(x) for x in lines), "id": h["id"], "level": level}


def counts(facts: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Headline counts by level as stated, with their line."""
    L = labels(lang)
    codes = spec()["counts"]["flows"] + spec()["counts"]["stocks"]
    rows = []
    for code in codes:
        for lv in ("total", "tinh", "huyen", "xa"):
            v = _value(facts, code, lv)
            if v is not None:
                rows.append({L["indicator"]: title_of(code, lang), L["level"]: L.get(lv, lv),
                             L["value"]: float(v["value"]), L["line"]: int(v["line"]), "indicator": code, "level": lv})
    return pd.DataFrame(rows)


def findings_of(findings: pd.DataFrame, document_names, lang: str = "vi") -> pd.DataFrame:
    """The checker's findings for the brief's documents, errors first, with quote and line."""
    f = findings[findings["document"].isin(list(document_names))].copy()
    f["_o"] = f["severity"].map(SEVERITY_ORDER)
    f = f.sort_values(["_o", "line"]).drop(columns="_o")
    L = labels(lang)
    f[L["quote"]] = f["evidence"].map(lambda e: " / ".join(x["text"] for x in json.loads(e))[:300])
    return f


def gaps(facts: pd.DataFrame, lang: str = "vi") -> list[str]:
    """Expected TT 01/2020 indicators the report does not state."""
    have = set(facts["indicator"])
    return [title_of(c, lang) for c in spec()["expected"] if c not in have]


def other_periods(all_facts: pd.DataFrame, documents: pd.DataFrame, province: str, lang: str = "vi") -> pd.DataFrame:
    """Headline counts and rates of every period of the province, side by side (periods as columns)."""
    docs = documents[(documents["province_slug"] == province) & (documents["report_type"] != "plan")]
    cols = {}
    for _, d in docs.sort_values("period_start").iterrows():
        f = all_facts[all_facts["document"] == d["document"]]
        col = {}
        for code in spec()["counts"]["flows"] + spec()["counts"]["stocks"]:
            v = _value(f, code)
            if v is not None:
                col[title_of(code, lang)] = float(v["value"])
        h = headline(f, lang, levels=("total",))
        for _, r in h.iterrows():
            val = r[labels(lang)["recomputed"]]
            if val is None or pd.isna(val):
                val = r[labels(lang)["stated"]]
            col[r[labels(lang)["indicator"]] + " (%)"] = val
        cols[f"{d['period']} ({d['report_type']})"] = col
    return pd.DataFrame(cols)


def plan_progress(all_facts: pd.DataFrame, documents: pd.DataFrame, sel: Selection, lang: str = "vi") -> pd.DataFrame:
    """Plan targets (rates) of the province's plans against this period's value: ahead, behind or not reported."""
    L = labels(lang)
    plans = documents[(documents["province_slug"] == sel.province) & (documents["report_type"] == "plan")]
    if plans.empty:
        return pd.DataFrame()
    here = all_facts[all_facts["document"].isin(documents_of(documents, sel)["document"])]
    head = headline(here, lang, levels=("total",))
    by_stated = {h.get("stated"): h["id"] for h in spec()["headline"]}
    rows = []
    targets = all_facts[all_facts["document"].isin(plans["document"]) & (all_facts["role"] == "target")
                        & (all_facts["unit"] == "%") & (all_facts["indicator"].str.startswith("rate."))]
    for _, t in targets.iterrows():
        actual = None
        hid = by_stated.get(t["indicator"])
        if hid is not None and t["level"] == "total" and not head.empty and hid in set(head["id"]):
            r = head[head["id"] == hid].iloc[0]
            actual = r[L["recomputed"]] if pd.notna(r[L["recomputed"]]) else r[L["stated"]]
        if actual is None or pd.isna(actual):
            s = _stated_rate(here, t["indicator"], t["level"])
            actual = float(s["value"]) if s is not None else None
        cmp_ = t["comparator"] or "≥"
        if actual is None:
            status = L["not_reported"]
        else:
            at_most = cmp_ in ("<=", "≤", "<")
            ok = actual <= t["value"] if at_most else actual >= t["value"]
            status = L["ahead"] if ok else L["behind"]
        rows.append({L["indicator"]: title_of(t["indicator"], lang), L["level"]: L.get(t["level"], t["level"]),
                     L["target"]: f"{_SYMBOL.get(cmp_, cmp_)}{fmt_vn(t['value'], int(t['decimals']))}%",
                     L["deadline"]: t["deadline"] or "", L["value"]: None if actual is None else round(float(actual), 2),
                     L["status"]: status, L["document"]: t["document"], L["line"]: int(t["line"])})
    return pd.DataFrame(rows)


_SYMBOL = {">=": "≥", "<=": "≤"}


def sources(documents: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    d = documents_of(documents, sel)
    return d[["document", "title", "issuer", "recipient", "date", "report_type", "period_start", "period_end", "successor"]]
