"""Trends and rankings: every period a province has, each headline rate and each flow per month over
the window its figures cover, with the basis the value rests on, so a change of basis or scope between
periods is visible; and a wide report × indicator table with a rank per indicator."""
from __future__ import annotations

import pandas as pd

from . import brief as B
from .headline import headline_rows
from .vocab import _load

# Which way is better, per headline id (rank 1 = best): a higher on-time share, a lower late share...,
# declared beside each definition (vocab/briefs.yml `better`)
BETTER = {h["id"]: h["better"] for h in _load("briefs.yml")["headline"] if h.get("better") in ("high", "low")}


def _basis(r, lang: str = "vi") -> str:
    """What a headline value rests on: the counts it is recomputed from, or the report's own rate."""
    if r.recomputed is not None:
        names = lambda codes: " + ".join(B.title_of(c, lang) for c in codes)
        return ("tính lại: " if lang == "vi" else "recomputed: ") + names(r.numerator.codes) + " / " + names(r.denominator.codes)
    return ("báo cáo nêu" if lang == "vi" else "as stated") + (f" ({r.reason})" if r.reason else "")


def trend(facts: pd.DataFrame, documents: pd.DataFrame, province: str, lang: str = "vi") -> pd.DataFrame:
    """Long table, one row per (period, indicator): value, unit (% or per month), basis, window months,
    and basis_changed when the basis differs from the previous period's."""
    docs = documents[(documents["province_slug"] == province) & (documents["report_type"] != "plan")
                     & (documents["period"] != "unknown")].sort_values("period_start")
    rows = []
    for _, d in docs.iterrows():
        f = facts[facts["document"] == d["document"]]
        months = B.period_months(d)
        for r in headline_rows(f, d["period"], lang, levels=("total",)):
            if r.status == "not_reported":
                continue
            v = r.recomputed if r.recomputed is not None else r.stated
            rows.append({"period": d["period"], "period_start": d["period_start"], "indicator": r.id, "kind": "rate",
                         "value": float(v), "unit": "%", "basis": _basis(r, lang), "months": r.window_months or months,
                         "scope": "" if not r.window_months else f"{r.window_months:g} tháng"})
        first = B.first_values(f, d["period"])
        for code in B.spec()["counts"]["flows"]:
            v = first.get((code, "total"))
            if v is None:
                continue
            covered = B.covered_months(v, months)
            if not covered:
                continue
            rows.append({"period": d["period"], "period_start": d["period_start"], "indicator": code, "kind": "flow",
                         "value": round(float(v["value"]) / covered, 1), "unit": "per_month",
                         "basis": B.title_of(code, lang) + (" ≈" if v["approximate"] else ""), "months": covered,
                         "scope": "" if covered == months else f"{covered:g} tháng"})
    t = pd.DataFrame(rows, columns=["period", "period_start", "indicator", "kind", "value", "unit", "basis", "months", "scope"])
    if t.empty:
        return t.assign(basis_changed=pd.Series(dtype=bool))
    t = t.sort_values(["indicator", "period_start"]).reset_index(drop=True)
    prev = t.groupby("indicator")["basis"].shift()
    prev_scope = t.groupby("indicator")["scope"].shift()
    t["basis_changed"] = (prev.notna() & ((prev != t["basis"]) | (prev_scope != t["scope"])))
    return t


def wide(facts: pd.DataFrame, documents: pd.DataFrame, lang: str = "vi", by_doc: dict | None = None) -> pd.DataFrame:
    """Report × indicator: each headline rate (recomputed, else stated) and flows per month, with a rank
    per rate among the reports that state it (1 = best; ties share a rank). `by_doc`: the facts already
    split per report (headline.split_by_document)."""
    from .headline import split_by_document
    by_doc = by_doc if by_doc is not None else split_by_document(facts)
    docs = documents[(documents["report_type"] != "plan") & (documents["province_slug"] != "unknown")
                     & (documents["period"] != "unknown")]
    rows = []
    for _, d in docs.sort_values(["province_slug", "period_start"]).iterrows():
        f = by_doc.get(d["document"], [])
        row = {"report": f"{d['province']} {d['period']}", "province": d["province_slug"], "period": d["period"],
               "months": B.period_months(d)}
        for r in headline_rows(f, d["period"], lang, levels=("total",)):
            if r.status != "not_reported":
                row[r.id] = r.recomputed if r.recomputed is not None else r.stated
        first = B.first_values(f, d["period"])
        for code in B.spec()["counts"]["flows"][:3]:
            v = first.get((code, "total"))
            if v is not None:
                covered = B.covered_months(v, row["months"])
                row[f"{code}/month"] = round(float(v["value"]) / covered, 1) if covered else None
        rows.append(row)
    t = pd.DataFrame(rows)
    for hid, better in BETTER.items():
        if hid in t:
            t[f"rank_{hid}"] = t[hid].rank(ascending=(better == "low"), method="min").astype("Int64")
    return t
