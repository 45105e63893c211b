"""What a province brief shows, as tables: headline rates (stated and recomputed), findings, data
gaps, other periods, plan progress and sources. Notebooks only call these and plot the results."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .errors import SettingsError
from .findings import SEVERITY_ORDER
from .numbers import fmt_num
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


def level_labels(lang: str, unit: str = "province") -> dict[str, str]:
    """How a brief in `lang` names the levels (total, tinh, huyen, xa) of a report on `unit`
    (briefs.yml level_labels: a centrally-run city's are "Toàn thành phố", "Cấp thành phố", ...)."""
    table = spec().get("level_labels") or {}
    return {**{k: labels(lang)[k] for k in ("total", "tinh", "huyen", "xa")},
            **((table.get(unit) or table.get("province") or {}).get(lang) or {})}


def unit_of(facts: pd.DataFrame) -> str:
    """The kind of unit (vocab.Unit) the facts' reports cover: "city" when their province was a
    centrally-run city at the end of their latest period (provinces.yml city_from), else "province"."""
    if facts.empty or "province" not in facts:
        return "province"
    periods = sorted(str(k) for k in facts["period"].dropna().unique()) if "period" in facts else []
    units = {report_unit(str(n), tuple(periods)) for n in facts["province"].dropna().unique()}
    return "city" if units == {"city"} else "province"


@lru_cache(maxsize=4096)
def report_unit(province: str, periods: tuple = ()) -> str:
    """"city" when `province` was a centrally-run city at the end of the latest of `periods` (period
    keys; none: today), else "province"."""
    from .periods import parse_period_key
    from .vocab import province_by_name
    ends = [p.end for p in (parse_period_key(k) for k in periods) if p and p.end]
    prov = province_by_name(province)
    return "city" if prov is not None and prov.is_city(max(ends) if ends else None) else "province"


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


def first_values(facts, period: str | None = None) -> dict[tuple, pd.Series]:
    """(indicator, level) -> the first plain statement of that count for a whole province or level (no
    scope, role value, the brief's period when given), filtered once for many look-ups. Takes a facts
    table or one report's records (headline.split_by_document)."""
    if isinstance(facts, list):
        out: dict[tuple, dict] = {}
        for r in facts:
            if r["role"] == "value" and r["scope"] == "" and r["unit"] != "%" and (period is None or r["period"] == period):
                out.setdefault((r["indicator"], r["level"]), r)
        return out
    f = facts[(facts["role"] == "value") & (facts["scope"] == "") & (facts["unit"] != "%")]
    if period is not None:
        f = f[f["period"] == period]
    f = f.drop_duplicates(["indicator", "level"], keep="first")
    return {(r["indicator"], r["level"]): r for _, r in f.iterrows()}


def period_months(doc) -> float | None:
    """The length of a report's period in months (its window from period_start to period_end)."""
    try:
        s, e = pd.Timestamp(doc["period_start"]), pd.Timestamp(doc["period_end"])
    except (ValueError, TypeError):
        return None
    return round(((e - s).days + 1) / 30.4375, 1)


def covered_months(fact, doc_months: float | None) -> float | None:
    """The months a count covers: its own stated window ("5 tháng đầu năm": 5), else the period's."""
    wm = fact.get("window_months")
    return float(wm) if wm is not None and pd.notna(wm) else doc_months


def report_type_title(code: str, lang: str = "vi") -> str:
    """A report type's name ('kstthc_vpcp' -> 'Báo cáo kiểm soát TTHC gửi Văn phòng Chính phủ')."""
    from .vocab import report_types
    t = next((r.get("title") or {} for r in report_types() if r["code"] == code), {})
    return t.get(lang) or ({"vi": "loại chưa xác định", "en": "type not detected"}[lang] if code == "unknown" else code)


def unit_label(prefix: str, lang: str = "vi") -> str:
    """The unit an indicator family counts (its code's prefix): dossiers, procedures, services, ..."""
    return (spec().get("units") or {}).get(prefix, {}).get(lang, prefix)


def fmt_rate(value: float | None, decimals: int | None = None, lang: str = "vi") -> str:
    """A percentage for readers of `lang` (Vietnamese 0,475; English 0.475); small rates keep three decimals."""
    if value is None or pd.isna(value):
        return ""
    d = decimals if decimals is not None else (3 if abs(value) < 1 else 2)
    return fmt_num(float(value), d, lang)


def _term_text(t, lang: str) -> str:
    if t is None:
        return ""
    names = " + ".join(title_of(c, lang) for c in t.codes)
    lines = ", ".join(str(x) for x in t.lines)
    return f"{'≈' if t.approximate else ''}{fmt_num(t.value, 0, lang)} ({names}; {'dòng' if lang == 'vi' else 'line'} {lines})"


def headline(facts: pd.DataFrame, lang: str = "vi", levels=("total", "tinh", "huyen", "xa"),
             period: str | None = None) -> pd.DataFrame:
    """Headline rates per level (headline.headline_rows): definition, stated, recomputed, numerator and
    denominator with their lines, and a note (not reported, approximate, shorter window)."""
    from .headline import definitions, headline_rows
    L = labels(lang)
    LV = level_labels(lang, unit_of(facts))
    defs = {h["id"]: h for h in definitions()}
    rows = []
    for r in headline_rows(facts, period, lang, levels):
        h = defs[r.id]
        notes = [r.reason] if r.reason else []
        if r.approximate:
            notes.append(L["approx"])
        if r.window_months:
            notes.append(L["window"].format(months=fmt_num(r.window_months, 1 if r.window_months % 1 else 0, lang)))
        lines = sorted({x for t in (r.numerator, r.denominator) if t is not None for x in t.lines}
                       | ({r.stated_line} if r.stated_line else set()))
        rows.append({L["indicator"]: h["title"][lang], L["level"]: LV.get(r.level, r.level),
                     L["definition"]: h["definition"][lang],
                     L["stated"]: r.stated, L["recomputed"]: r.recomputed,
                     L["numerator"]: _term_text(r.numerator, lang), L["denominator"]: _term_text(r.denominator, lang),
                     L["line"]: ", ".join(str(x) for x in lines), L["note"]: "; ".join(notes),
                     "id": r.id, "level": r.level, "status": r.status, "stated_decimals": r.stated_decimals,
                     "approximate": r.approximate})
    df = pd.DataFrame(rows)
    for c in (L["stated"], L["recomputed"]):
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    return df


def headline_display(h: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The headline table as shown: stated with its own decimals, recomputed to 2 (3 below 1 %)."""
    if h.empty:
        return h
    L = labels(lang)
    out = h.copy()
    out[L["stated"]] = [("≈" if a else "") + fmt_rate(v, int(d), lang) if pd.notna(v) else ""
                        for v, d, a in zip(h[L["stated"]], h["stated_decimals"], h["approximate"])]
    out[L["recomputed"]] = [("≈" if a else "") + fmt_rate(v, None, lang) if pd.notna(v) else
                            (L["not_reported_row"] if s == "not_reported" else "")
                            for v, a, s in zip(h[L["recomputed"]], h["approximate"], h["status"])]
    return out.drop(columns=["id", "level", "status", "stated_decimals", "approximate"])


def counts(facts: pd.DataFrame, lang: str = "vi", period: str | None = None) -> pd.DataFrame:
    """Headline counts by level as stated (for the brief's period), with their line."""
    L = labels(lang)
    LV = level_labels(lang, unit_of(facts))
    codes = spec()["counts"]["flows"] + spec()["counts"]["stocks"]
    rows = []
    first = first_values(facts, period)
    for code in codes:
        for lv in ("total", "tinh", "huyen", "xa"):
            v = first.get((code, lv))
            if v is not None:
                rows.append({L["indicator"]: title_of(code, lang), L["level"]: LV.get(lv, lv),
                             L["value"]: float(v["value"]), L["line"]: int(v["line"]), "indicator": code, "level": lv,
                             "approximate": bool(v["approximate"]),
                             "window_months": None if pd.isna(v.get("window_months", None)) else float(v["window_months"])})
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
        first = first_values(f, d["period"])
        for code in spec()["counts"]["flows"] + spec()["counts"]["stocks"]:
            v = first.get((code, "total"))
            if v is not None:
                col[title_of(code, lang)] = float(v["value"])
        h = headline(f, lang, levels=("total",), period=d["period"])
        for _, r in h.iterrows():
            val = r[labels(lang)["recomputed"]]
            if val is None or pd.isna(val):
                val = r[labels(lang)["stated"]]
            col[r[labels(lang)["indicator"]] + " (%)"] = val
        cols[f"{d['period']} ({report_type_title(d['report_type'], lang)})"] = col
    return pd.DataFrame(cols)


def plan_progress(all_facts: pd.DataFrame, documents: pd.DataFrame, sel: Selection, lang: str = "vi") -> pd.DataFrame:
    """Plan targets (rates) of the province's plans against this period's value: ahead, behind or not reported."""
    L = labels(lang)
    plans = documents[(documents["province_slug"] == sel.province) & (documents["report_type"] == "plan")]
    if plans.empty:
        return pd.DataFrame()
    here = all_facts[all_facts["document"].isin(documents_of(documents, sel)["document"])]
    head = headline(here, lang, period=sel.period)
    LV = level_labels(lang, unit_of(here))
    by_stated = {h.get("stated"): h["id"] for h in spec()["headline"]}
    rows = []
    targets = all_facts[all_facts["document"].isin(plans["document"]) & (all_facts["role"] == "target")
                        & (all_facts["unit"] == "%") & (all_facts["indicator"].str.startswith("rate."))]
    caps = {(t["document"], t["line"], t["indicator"]): t["value"] for _, t in targets.iterrows() if t["comparator"] == "cap"}
    period_end = str(documents_of(documents, sel)["period_end"].iloc[0]) if not documents_of(documents, sel).empty else ""
    for _, t in targets.iterrows():
        if t["comparator"] == "cap":
            continue                     # "cho đến khi đạt 100%": shown with its yearly increment
        actual = None
        hid = by_stated.get(t["indicator"])
        hit = head[(head["id"] == hid) & (head["level"] == t["level"])] if hid is not None and not head.empty else head
        if hid is not None and not hit.empty:
            r = hit.iloc[0]
            actual = r[L["recomputed"]] if pd.notna(r[L["recomputed"]]) else r[L["stated"]]
        elif hid is None:
            # a rate the headline does not define (e.g. digitisation per level): the report's own, if stated
            g = here[(here["indicator"] == t["indicator"]) & (here["level"] == t["level"]) & (here["role"] == "value")
                     & (here["scope"] == "") & (here["unit"] == "%") & (here["period"] == sel.period)]
            actual = float(g.iloc[0]["value"]) if not g.empty else None
        if actual is not None and pd.isna(actual):
            actual = None
        cmp_ = t["comparator"] or ">="
        value_txt = fmt_num(t["value"], int(t["decimals"]), lang)
        deadline = str(t["deadline"] or "")
        starts = deadline[3:] if deadline.startswith("từ ") else ""
        if cmp_ == "+/năm":
            cap = caps.get((t["document"], t["line"], t["indicator"]))
            target = f"+{value_txt}%/{'năm' if lang == 'vi' else 'year'}" + (f" ({'đến' if lang == 'vi' else 'up to'} {fmt_num(cap, 0, lang)}%)" if cap is not None else "")
        else:
            target = f"{_SYMBOL.get(cmp_, cmp_)}{value_txt}%"
        if starts and period_end and period_end[:7] < starts[:7]:
            status = L["not_yet"]           # "từ tháng 01/2023 trở đi": not due in this period
        elif cmp_ == "+/năm":
            status = L["increment"]         # a yearly increment needs last year's value, not a level
        elif actual is None:
            status = L["not_reported"]
        else:
            at_most = cmp_ in ("<=", "≤", "<")
            ok = actual <= t["value"] if at_most else actual >= t["value"]
            status = L["ahead"] if ok else L["behind"]
        rows.append({L["indicator"]: title_of(t["indicator"], lang), L["level"]: LV.get(t["level"], t["level"]),
                     L["target"]: target, L["deadline"]: deadline, L["value"]: None if actual is None else round(float(actual), 2),
                     L["status"]: status, L["document"]: t["document"], L["line"]: int(t["line"]),
                     "kind": "increment" if cmp_ == "+/năm" else "level"})
    return pd.DataFrame(rows)


_SYMBOL = {">=": "≥", "<=": "≤"}


def sources(documents: pd.DataFrame, sel: Selection) -> pd.DataFrame:
    d = documents_of(documents, sel)
    return d[["document", "title", "issuer", "recipient", "date", "report_type", "period_start", "period_end", "successor"]]


def _year(period: str | None) -> int | None:
    try:
        return int(str(period)[:4])
    except (TypeError, ValueError):
        return None


def national(facts: pd.DataFrame, lang: str = "vi", period: str | None = None) -> pd.DataFrame:
    """National reference targets (targets.national_rows) as a brief table: the province's rate, the
    target, the gap, the status (judged only on the same basis) and the legal source."""
    from .headline import headline_rows
    from .targets import national_rows
    L = labels(lang)
    LV = level_labels(lang, unit_of(facts))
    rows = national_rows(headline_rows(facts, period, lang), _year(period), lang)
    titles = {h["id"]: h["title"][lang] for h in spec()["headline"]}

    def value_text(r) -> str:
        if r.value is not None:
            return fmt_rate(r.value, None, lang)
        if r.by_level:   # the report gives the rate per level only: show those, judge nothing
            return "; ".join(f"{LV.get(lv, lv)} {fmt_rate(v, None, lang)}" for lv, v in r.by_level)
        return L["not_reported_row"]
    return pd.DataFrame([{L["indicator"]: titles.get(r.headline, r.headline),
                          L["national_value"]: value_text(r),
                          L["target"]: r.label(lang),
                          L["gap_pp"]: fmt_num(r.gap, 2, lang) if r.gap is not None and r.status != "reference" else "",
                          L["status"]: L[f"st_{r.status}"].format(deadline=r.deadline),
                          L["measures"]: r.measures, L["deadline"]: str(r.deadline),
                          L["legal_source"]: f"{r.source} ({r.provision})" if r.provision else r.source,
                          L["read_from"]: r.read_from, "id": r.target, "headline": r.headline, "status": r.status}
                         for r in rows])


def index766(facts: pd.DataFrame, lang: str = "vi", period: str | None = None) -> pd.DataFrame:
    """The report's Bộ chỉ số 766 scores beside each group's maximum (empty when it states none)."""
    from .targets import score_rows
    L = labels(lang)
    s = score_rows(facts, period)
    if s.empty:
        return s
    return pd.DataFrame({L["indicator"]: [title_of(c, lang) for c in s["indicator"]],
                         L["score"]: [fmt_num(v, int(d), lang) for v, d in zip(s["value"], s["decimals"])],
                         L["maximum"]: [fmt_num(v, 0, lang) for v in s["maximum"]],
                         L["share_of_max"]: [fmt_num(v, 1, lang) for v in s["share_of_max"]],
                         L["line"]: s["line"], "indicator": s["indicator"]})
