"""Display helpers for the notebooks: headings, escaped tables and seaborn charts. No analysis here;
the numbers come from analysis.brief and analysis.compare."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pandas as pd

from . import brief as B
from .api import load_coverage, load_documents, load_facts, load_findings


def _plain_text_in_charts() -> None:
    """Report text in chart labels is shown as it is: "$" in a name must not start mathtext."""
    import matplotlib
    matplotlib.rcParams["text.parse_math"] = False


# The language of the notebook being rendered: numbers in tables and on axes follow it.
_LANG = {"lang": "vi"}


def _num(v: float, d: int = 0) -> str:
    return B.fmt_num(v, d, _LANG["lang"])


@dataclass
class BriefContext:
    sel: B.Selection
    facts: pd.DataFrame          # this brief's facts
    all_facts: pd.DataFrame
    documents: pd.DataFrame
    docs: pd.DataFrame           # this brief's documents
    findings: pd.DataFrame       # this brief's findings
    L: dict


def brief_context(province: str, period: str, lang: str = "vi") -> BriefContext:
    """Load the tables and validate the parameters (a SettingsError names the bad one)."""
    documents = load_documents()
    sel = B.Selection(province, period, lang).validate(documents)
    _LANG["lang"] = lang
    _plain_text_in_charts()
    all_facts = load_facts()
    docs = B.documents_of(documents, sel)
    facts = all_facts[all_facts["document"].isin(docs["document"])]
    findings = B.findings_of(load_findings(), docs["document"], lang)
    return BriefContext(sel, facts, all_facts, documents, docs, findings, B.labels(lang))


def _show(html_text: str, plain: str, metadata: dict | None = None) -> None:
    """An HTML output with a readable text/plain fallback (for e-mail previews, terminals, diffs)."""
    from IPython.display import display
    display({"text/html": html_text, "text/plain": plain}, raw=True, metadata=metadata or {})


def heading(text: str, level: int = 2) -> None:
    _show(f"<h{level}>{html.escape(str(text))}</h{level}>", str(text))


def para(text: str) -> None:
    _show(f"<p>{html.escape(str(text))}</p>", str(text))


def table(df: pd.DataFrame, empty: str = "—", metadata: dict | None = None, float_format=None) -> None:
    """An escaped HTML table (report text is untrusted)."""
    if df is None or df.empty:
        para(empty)
        return
    fmt = float_format or (lambda x: _num(x, 2 if x % 1 else 0) if pd.notna(x) else "")
    body = df.to_html(index=False, escape=True, na_rep="", float_format=fmt, border=0, classes="tthc")
    _show(body, df.to_string(index=False, na_rep=""), metadata=metadata or {})


def title(ctx: BriefContext) -> None:
    d = ctx.docs.iloc[0]
    heading(f"{ctx.L['brief']}: {d['province']} — {ctx.sel.period}", 1)
    succ = d["successor"] if d["successor"] not in ("unknown", d["province"]) else ""
    para(f"{ctx.L['period']}: {d['period_label'] or ctx.sel.period} ({d['period_start']} – {d['period_end']})"
         + (f". {ctx.L['successor']}: {succ}" if succ else ""))
    for w in ctx.docs.get("warnings", pd.Series(dtype=str)):
        if isinstance(w, str) and w:
            para(("Lưu ý: " if ctx.sel.lang == "vi" else "Note: ") + w)
    n_err = int((ctx.findings["severity"] == "error").sum())
    para(f"{ctx.L['findings']}: {n_err} {ctx.L['sev_error']}, "
         f"{int((ctx.findings['severity'] == 'warning').sum())} {ctx.L['sev_warning']}, "
         f"{int((ctx.findings['severity'] == 'info').sum())} {ctx.L['sev_info']}")


def show_summary(ctx: BriefContext) -> dict:
    """One page: key rates (stated beside recomputed), the errors with the figure most likely wrong,
    and what the report does not state."""
    from .summary import error_lines
    L = ctx.L
    h = B.headline(ctx.facts, ctx.sel.lang, levels=("total",), period=ctx.sel.period)
    rates = []
    for _, r in (h[h["status"] != "not_reported"] if not h.empty else h).iterrows():
        st = B.fmt_rate(r[L["stated"]], int(r["stated_decimals"]), ctx.sel.lang) + "%" if pd.notna(r[L["stated"]]) else "—"
        rc = B.fmt_rate(r[L["recomputed"]], None, ctx.sel.lang) + "%" if pd.notna(r[L["recomputed"]]) else "—"
        rates.append(f"<li>{html.escape(r[L['indicator']])}: {L['stated'].lower()} {html.escape(st)}, "
                     f"{L['recomputed'].lower()} {html.escape(rc)}</li>")
    errs = error_lines(ctx.findings, ctx.sel.lang)
    items = []
    for e in errs[:12]:
        sus = f"<br><b>{html.escape(e['suspect_text'])}</b>" if e["suspect_text"] else ""
        items.append(f"<li>{L['line']} {e['line'] or '—'}: {html.escape(e['message'])}{sus}</li>")
    more = f"<li>… (+{len(errs) - 12})</li>" if len(errs) > 12 else ""
    gaps = B.gaps(ctx.facts, ctx.sel.lang)
    body = (f"<div class='tthc-summary'><h3>{L['key_rates']}</h3><ul>{''.join(rates) or '<li>' + L['none'] + '</li>'}</ul>"
            f"<h3>{L['errors']} ({len(errs)})</h3><ul>{''.join(items) + more or '<li>' + L['none'] + '</li>'}</ul>"
            f"<h3>{L['gaps']}</h3><p>{html.escape(', '.join(gaps)) if gaps else L['none']}</p></div>")
    plain = "\n".join([L["key_rates"] + ":"] + [re.sub("<[^>]+>", "", x) for x in rates] + [f"{L['errors']} ({len(errs)}):"]
                      + [f"- {e['message']}" + (f" [{e['suspect_text']}]" if e["suspect_text"] else "") for e in errs]
                      + [f"{L['gaps']}: {', '.join(gaps) if gaps else L['none']}"])
    _show(body, plain)
    return {"errors": errs, "gaps": gaps}


def show_headline(ctx: BriefContext) -> pd.DataFrame:
    h = B.headline(ctx.facts, ctx.sel.lang, period=ctx.sel.period)
    shown = B.headline_display(h, ctx.sel.lang)
    table(shown.drop(columns=[ctx.L["definition"]]) if not shown.empty else shown, ctx.L["none"],
          metadata={"tthc_headline": h[["id", "level", "status", ctx.L["stated"], ctx.L["recomputed"]]]
                    .rename(columns={ctx.L["stated"]: "stated", ctx.L["recomputed"]: "recomputed"})
                    .astype(object).where(pd.notna(h[["id", "level", "status", ctx.L["stated"], ctx.L["recomputed"]]]
                                                   .rename(columns={ctx.L["stated"]: "stated", ctx.L["recomputed"]: "recomputed"})), None)
                    .to_dict("records") if not h.empty else []})
    defs = h.drop_duplicates(ctx.L["indicator"])[[ctx.L["indicator"], ctx.L["definition"]]] if not h.empty else h
    if not defs.empty:
        table(defs)
    if not h.empty:
        h = h.assign(**{"%": h[ctx.L["recomputed"]].fillna(h[ctx.L["stated"]])}).dropna(subset=["%"])
        h = h.sort_values("level", key=lambda s: s.map({"total": 0, "tinh": 1, "huyen": 2, "xa": 3}))
        _rate_bars(h, "%", ctx.L["indicator"], ctx.L["level"], ctx.L)
    c = B.counts(ctx.facts, ctx.sel.lang, period=ctx.sel.period)
    table(c.drop(columns=["indicator", "level", "approximate", "window_months"]) if not c.empty else c, ctx.L["none"])
    lv = c[c["level"] != "total"] if not c.empty else c
    if not lv.empty:
        # dossiers and procedures are counted in different units: one chart each
        for unit, g in lv.groupby(lv["indicator"].str.split(".").str[0]):
            _bar(g, x=ctx.L["value"], y=ctx.L["indicator"], hue=ctx.L["level"], unit=B.unit_label(unit, ctx.sel.lang))
    return h


def show_national(ctx: BriefContext) -> pd.DataFrame:
    """National reference targets beside the province's rates, then its Bộ chỉ số 766 scores if stated."""
    t = B.national(ctx.facts, ctx.sel.lang, period=ctx.sel.period)
    L = ctx.L
    table(t.drop(columns=["id", "headline", "status", L["deadline"], L["read_from"]]) if not t.empty else t, L["none"],
          metadata={"tthc_national": t[["id", "status"]].to_dict("records") if not t.empty else []})
    if not t.empty:
        # where each figure was read, below the table: long addresses would crowd its columns
        seen = t.drop_duplicates(L["legal_source"])
        para(f"{L['read_from']}: " + "; ".join(f"{x.split(' (')[0]}: {u}" for x, u in zip(seen[L["legal_source"]], seen[L["read_from"]])))
    s = B.index766(ctx.facts, ctx.sel.lang, period=ctx.sel.period)
    if not s.empty:
        heading(ctx.L["index766"], 3)
        table(s.drop(columns=["indicator"]))
    return t


def show_findings(ctx: BriefContext) -> pd.DataFrame:
    """The findings table, errors first; the records ride along in the output's metadata."""
    f = ctx.findings
    msg = "message_en" if ctx.sel.lang == "en" and "message_en" in f else "message"
    cols = ["severity", "rule", "line"] + (["ref"] if "ref" in f and (f["ref"].fillna("") != "").any() else []) + \
        [msg, ctx.L["quote"]]
    shown = f[cols].assign(severity=f["severity"].map(lambda x: ctx.L.get(f"sev_{x}", x))).rename(columns={"severity": ctx.L["severity"], "rule": ctx.L["rule"], "line": ctx.L["line"],
                                    msg: ctx.L["message"]})
    records = [{"document": r.document, "rule": r.rule, "severity": r.severity, "line": None if pd.isna(r.line) else int(r.line),
                "message": r.message} for r in f.itertuples()]
    table(shown, ctx.L["none"], metadata={"tthc_findings": records})
    return f


def show_gaps(ctx: BriefContext) -> None:
    g = B.gaps(ctx.facts, ctx.sel.lang)
    para(", ".join(g) if g else ctx.L["none"])


def show_other_periods(ctx: BriefContext) -> None:
    t = B.other_periods(ctx.all_facts, ctx.documents, ctx.sel.province, ctx.sel.lang)
    if t.empty:
        para(ctx.L["none"])
        return
    table(t.reset_index(names=ctx.L["indicator"]))
    rates = t[[i.endswith("(%)") for i in t.index]]
    if not rates.empty and rates.shape[1] > 1:
        _bar(rates.reset_index(names=ctx.L["indicator"]).melt(id_vars=ctx.L["indicator"], var_name=ctx.L["period"],
                                                                value_name="%").dropna(),
             x="%", y=ctx.L["indicator"], hue=ctx.L["period"])


def show_plan(ctx: BriefContext) -> None:
    p = B.plan_progress(ctx.all_facts, ctx.documents, ctx.sel, ctx.sel.lang)
    table(p.drop(columns=["kind"]) if not p.empty else p, ctx.L["none"])


def show_sources(ctx: BriefContext) -> None:
    """One short block per source document (title shortened; file name, issuer, date, window)."""
    for _, d in B.sources(ctx.documents, ctx.sel).iterrows():
        t = str(d["title"])
        para(f"{d['document']} — {t[:220] + ('…' if len(t) > 220 else '')}")
        table(pd.DataFrame([{ctx.L["issuer"]: d["issuer"], ctx.L["recipient"]: d["recipient"], ctx.L["date"]: d["date"],
                             ctx.L["type"]: B.report_type_title(d["report_type"], ctx.sel.lang), ctx.L["period"]: f"{d['period_start']} – {d['period_end']}",
                             ctx.L["successor"]: d["successor"]}]))


def _vn_axis(ax, axis: str = "x", decimals: int | None = None) -> None:
    """Vietnamese number format on an axis: 50.000, 0,5."""
    from matplotlib.ticker import FuncFormatter

    def fmt(v, _pos):
        d = decimals if decimals is not None else (0 if abs(v) >= 10 or float(v).is_integer() else 2 if abs(v) < 1 else 1)
        return _num(v, d)
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(FuncFormatter(fmt))


def _bar(df: pd.DataFrame, x: str, y: str, hue: str | None = None, unit: str = "") -> None:
    """A horizontal bar chart: legend outside the bars, Vietnamese numbers, the unit on the axis.
    A chart of a single bar says nothing a table does not: it is skipped."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    if len(df) < 2:
        return
    n = df[y].nunique()
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * max(n, 2) + 1.0))
    sns.barplot(data=df, x=x, y=y, hue=hue, ax=ax, orient="h")
    ax.set_ylabel("")
    ax.set_xlabel(unit or x)
    _vn_axis(ax, "x")
    if hue and ax.get_legend() is not None:
        ax.legend(title="", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    fig.tight_layout()
    plt.show()
    plt.close(fig)


def _rate_bars(df: pd.DataFrame, value: str, y: str, hue: str | None, L: dict, small_ids=("late", "overdue_pending")) -> None:
    """Rates in two charts: shares near 100 % and small rates (late, overdue) on their own axis."""
    if "id" in df:
        small = df[df["id"].isin(small_ids)]
        big = df[~df["id"].isin(small_ids)]
        _bar(big, x=value, y=y, hue=hue, unit="%")
        _bar(small, x=value, y=y, hue=hue, unit="% (" + ("tỷ lệ nhỏ" if L.get("rate") == "Tỷ lệ" else "small rates") + ")")
    else:
        _bar(df, x=value, y=y, hue=hue, unit="%")


def show_trends(ctx: BriefContext) -> pd.DataFrame:
    """Every period of the province, rates and flows per month over the window covered, as line charts
    (periods in time order; small rates on their own axis); a change of basis or scope between periods
    is marked on the chart and in the table."""
    from .trends import trend
    L = ctx.L
    t = trend(ctx.all_facts, ctx.documents, ctx.sel.province, ctx.sel.lang)
    if t.empty or t["period"].nunique() < 2:
        para(L["one_period"])
        return t
    shown = t.assign(**{L["indicator"]: t["indicator"].map(lambda c: B.title_of(c, ctx.sel.lang)
                                                           if "." in c else _headline_title(c, ctx.sel.lang))})
    table(shown.assign(unit=shown["unit"].map({"%": "%", "per_month": L["per_month"]}),
                       basis_changed=shown["basis_changed"].map({True: "⚠ " + L["basis_change"], False: ""}))
          [[L["indicator"], "period", "value", "unit", "basis", "scope", "basis_changed"]]
          .rename(columns={"period": L["period"], "value": L["value"], "unit": L["unit"], "basis": L["definition"],
                           "scope": L["window_col"], "basis_changed": L["note"]}))
    order = sorted(shown["period"].unique(), key=lambda p: shown.loc[shown["period"] == p, "period_start"].iloc[0])
    small = {"late", "overdue_pending"}
    groups = [(shown[(shown["kind"] == "rate") & ~shown["indicator"].isin(small)], "%"),
              (shown[(shown["kind"] == "rate") & shown["indicator"].isin(small)], "%"),
              (shown[(shown["kind"] == "flow") & shown["indicator"].str.startswith("dossiers.")], L["per_month"]),
              (shown[(shown["kind"] == "flow") & ~shown["indicator"].str.startswith("dossiers.")], L["per_month"])]
    for g, unit in groups:
        _lines(g, order, L, unit)
    return t


def _lines(g: pd.DataFrame, order: list, L: dict, unit: str) -> None:
    import matplotlib.pyplot as plt
    if g.empty or g["period"].nunique() < 2:
        return
    pos = {p: i for i, p in enumerate(order)}
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    for name, s in g.groupby(L["indicator"]):
        s = s.assign(x=s["period"].map(pos)).sort_values("x")
        ax.plot(s["x"], s["value"], marker="o", label=name)
        for _, r in s[s["basis_changed"]].iterrows():
            ax.annotate("⚠", (r["x"], r["value"]), textcoords="offset points", xytext=(4, 4), fontsize=9, color="#8a5a00")
    ax.set_xticks(range(len(order)), order)
    ax.set_ylabel(unit)
    _vn_axis(ax, "y")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
              title="⚠ " + L["basis_change"] if g["basis_changed"].any() else None, title_fontsize=7)
    fig.tight_layout()
    plt.show()
    plt.close(fig)


def _headline_title(hid: str, lang: str) -> str:
    from .headline import definitions
    return next((h["title"][lang] for h in definitions() if h["id"] == hid), hid)


# ---------------------------------------------------------------- comparison

def _split(v) -> list[str]:
    if isinstance(v, str):
        return [] if v.strip().lower() in ("", "all") else [x.strip() for x in v.split(",") if x.strip()]
    return list(v or [])


def compare_context(provinces="all", periods="all", lang: str = "vi"):
    """The comparison for comma-separated province slugs and period keys ("all" = every one)."""
    from .compare import Comparison
    _LANG["lang"] = lang
    _plain_text_in_charts()
    return Comparison.load(load_facts(), load_documents(), load_findings(), load_coverage(),
                           _split(provinces) or None, _split(periods) or None, lang)


def _detail_max() -> int:
    """Reports a comparison shows one by one; beyond, it shows each indicator's distribution (a table
    of 10,000 rows or a chart of 1,000 bars helps nobody, and their cost grows with the corpus)."""
    return int(B.spec().get("compare_detail_max", 40))


def _distribution(df: pd.DataFrame, value: str, by: list[str], name: str, L: dict) -> pd.DataFrame:
    """Per group: how many reports, min, quartiles, median, max, and the reports at both ends."""
    def one(g):
        g = g.sort_values(value)
        q = g[value].quantile([0.25, 0.5, 0.75])
        return pd.Series({L["reports"]: len(g), "min": g[value].iloc[0], "Q1": q.iloc[0], L["median"]: q.iloc[1],
                          "Q3": q.iloc[2], "max": g[value].iloc[-1],
                          L["lowest"]: g[name].iloc[0], L["highest"]: g[name].iloc[-1]})
    df = df.dropna(subset=[value])
    if df.empty:
        return df
    return df.groupby(by, sort=False).apply(one, include_groups=False).reset_index()


def show_rates(cmp) -> None:
    rates = cmp.rates()
    L = cmp.L
    many = len(cmp.reports) > _detail_max()
    if many and not rates.empty:
        whole = rates[rates["level"] == "total"].assign(**{"%": lambda d: d[L["recomputed"]].fillna(d[L["stated"]])})
        para(L["many_reports"].format(n=len(cmp.reports), k=_detail_max()))
        table(_distribution(whole, "%", [L["indicator"]], L["document"], L), float_format=lambda v: B.fmt_rate(v, None, cmp.lang))
        _box(whole.dropna(subset=["%"]), "%", L["indicator"], "%")
        return
    table(rates.drop(columns=["id", "level"]) if not rates.empty else rates)
    if rates.empty:
        return
    rates = rates.assign(**{"%": rates[L["recomputed"]].fillna(rates[L["stated"]]),
                            " ": rates[L["indicator"]] + " – " + rates[L["level"]]}).dropna(subset=["%"])
    _rate_bars(rates, "%", " ", L["document"], L)


def show_flows(cmp) -> None:
    t = cmp.flows_and_stocks()
    L = cmp.L
    flows = t[(t["kind"] == "flow") & t[L["per_month"]].notna()] if not t.empty else t
    if len(cmp.reports) > _detail_max() and not flows.empty:
        table(_distribution(flows, L["per_month"], [L["indicator"]], L["document"], L),
              float_format=lambda v: B.fmt_num(v, 0, cmp.lang))
        for unit, g in flows.groupby(flows["indicator"].str.split(".").str[0]):
            _box(g, L["per_month"], L["indicator"], f"{B.unit_label(unit, cmp.lang)} / {L['per_month']}")
        return
    table(t.drop(columns=["kind", "indicator", "months"]) if not t.empty else t, L["none"])
    for unit, g in (flows.groupby(flows["indicator"].str.split(".").str[0]) if not flows.empty else []):
        _bar(g, x=L["per_month"], y=L["indicator"], hue=L["document"],
             unit=f"{B.unit_label(unit, cmp.lang)} / {L['per_month']}")


def show_consistency(cmp) -> None:
    """Each report's relations checked, holding and failing; beyond compare_detail_max reports, the
    reports with the most errors first (every row is in data/processed/coverage.csv)."""
    c = cmp.consistency()
    if len(c) > _detail_max():
        para(cmp.L["ranking_cut"].format(n=len(c), k=_detail_max()).replace("compare.json", "data/processed/coverage.csv"))
        c = c.sort_values(cmp.L["errors"], ascending=False, kind="stable").head(_detail_max())
    table(c)


def _box(df: pd.DataFrame, x: str, y: str, unit: str) -> None:
    """One box per indicator over every report: drawn once, whatever the number of reports."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    n = df[y].nunique()
    if not n:
        return
    fig, ax = plt.subplots(figsize=(8, 0.45 * n + 1.2))
    sns.boxplot(data=df, x=x, y=y, ax=ax, color="#9ecae1", fliersize=2)
    ax.set_xlabel(unit)
    ax.set_ylabel("")
    _vn_axis(ax, "x")
    fig.tight_layout()
    plt.show()
    plt.close(fig)


def show_ranking(cmp) -> pd.DataFrame:
    """Report × indicator, with a rank per rate (1 = best) among the reports that state it."""
    from .trends import BETTER
    t = cmp.ranking()
    if t.empty:
        para(cmp.L["none"])
        return t
    L = cmp.L
    names = {c: _headline_title(c, cmp.lang) + " (%)" for c in t.columns if c in BETTER}
    names.update({c: L["rank"] + " – " + _headline_title(c[5:], cmp.lang) for c in t.columns if c.startswith("rank_")})
    names.update({c: B.title_of(c.split("/")[0], cmp.lang) + " / " + L["per_month"] for c in t.columns if c.endswith("/month")})
    shown = t
    if len(t) > _detail_max():
        # the top and the bottom of the first ranked rate; every row is in compare.json
        first = next((c for c in t.columns if c.startswith("rank_") and t[c].notna().any()), None)
        if first is not None:
            k = _detail_max() // 2
            s = t.sort_values(first)
            shown = pd.concat([s.head(k), s.dropna(subset=[first]).tail(k)]).drop_duplicates("report")
        para(L["ranking_cut"].format(n=len(t), k=len(shown)))
    table(shown.drop(columns=["province", "period"]).rename(columns={"report": L["document"], "months": L["months"], **names}))
    return t



# ---------------------------------------------------------------- machine-readable copies (brief.json)

def _clean(v):
    """JSON-safe scalars: NaN and pandas NA become null, numpy numbers plain numbers."""
    if isinstance(v, dict):
        return {k: _clean(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_clean(x) for x in v]
    if v is None or isinstance(v, (str, bool)):
        return v
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):
        return v.item()
    return v


def brief_payload(province: str, period: str, lang: str = "vi") -> dict:
    """What the brief shows, with ids instead of translated column names: headline rows, counts,
    findings, data gaps and plan progress (written as brief.json beside the brief)."""
    from .headline import headline_rows
    from .summary import error_lines
    from .targets import national_rows, score_rows
    ctx = brief_context(province, period, lang)
    d = ctx.docs.iloc[0]
    counts = B.counts(ctx.facts, lang, period=ctx.sel.period)
    plan = B.plan_progress(ctx.all_facts, ctx.documents, ctx.sel, lang)
    L = ctx.L
    return _clean({
        "province": d["province"], "province_slug": ctx.sel.province, "period": ctx.sel.period, "lang": lang,
        "successor": d["successor"], "period_start": d["period_start"], "period_end": d["period_end"],
        "documents": list(ctx.docs["document"]),
        "warnings": [w for w in ctx.docs.get("warnings", pd.Series(dtype=str)) if isinstance(w, str) and w],
        "headline": [r.record() for r in headline_rows(ctx.facts, ctx.sel.period, lang)],
        "summary": {"errors": error_lines(ctx.findings, lang)},
        "counts": [] if counts.empty else counts[["indicator", "level", L["value"], L["line"], "approximate", "window_months"]]
        .rename(columns={L["value"]: "value", L["line"]: "line"}).to_dict("records"),
        "findings": [{k: r.get(k) for k in ("document", "rule", "severity", "line", "ref", "stated", "expected", "difference",
                                         "indicator", "level", "message", "message_en")} for _, r in ctx.findings.iterrows()],
        "severity_counts": {s: int((ctx.findings["severity"] == s).sum()) for s in ("error", "warning", "info")},
        "gaps": [c for c in B.spec()["expected"] if c not in set(ctx.facts["indicator"])],
        "national": [r.record() for r in national_rows(headline_rows(ctx.facts, ctx.sel.period, lang), B._year(ctx.sel.period), lang)],
        "index766": score_rows(ctx.facts, ctx.sel.period).to_dict("records"),
        "plan": [] if plan.empty else [{"indicator": r[L["indicator"]], "level": r[L["level"]], "target": r[L["target"]],
                                        "deadline": r[L["deadline"]], "value": r[L["value"]], "status": r[L["status"]],
                                        "document": r[L["document"]], "line": r[L["line"]], "kind": r["kind"]} for _, r in plan.iterrows()],
    })


def compare_payload(lang: str = "vi") -> dict:
    """The comparison's rates and flows with ids (compare.json)."""
    cmp = compare_context("all", "all", lang)
    L = cmp.L
    rates, flows, ranking = cmp.rates(), cmp.flows_and_stocks(), cmp.ranking()
    return _clean({"lang": lang, "reports": list(cmp.reports["document"]),
                   "ranking": [] if ranking.empty else ranking.to_dict("records"),
                   "rates": [] if rates.empty else rates.rename(columns={L["document"]: "report", L["indicator"]: "indicator_title",
                                                                         L["level"]: "level_title", L["stated"]: "stated",
                                                                         L["recomputed"]: "recomputed", L["national"]: "national",
                                                                         L["status"]: "national_status"}).to_dict("records"),
                   "flows": [] if flows.empty else flows.rename(columns={L["document"]: "report", L["indicator"]: "indicator_title",
                                                                         L["value"]: "value", L["per_month"]: "per_month",
                                                                         L["line"]: "line"}).to_dict("records")})
