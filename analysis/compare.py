"""Cross-province comparison: rates as stated and recomputed, flows per month, stocks as stated,
comparability warnings and a consistency summary per report."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import brief as B
from .headline import headline_rows, split_by_document


@dataclass
class Comparison:
    reports: pd.DataFrame      # one row per report compared
    facts: pd.DataFrame
    findings: pd.DataFrame
    coverage: pd.DataFrame
    lang: str

    @classmethod
    def load(cls, facts, documents, findings, coverage, provinces=None, periods=None, lang="vi") -> "Comparison":
        B.labels(lang)
        d = documents[(documents["report_type"] != "plan") & (documents["province_slug"] != "unknown")]
        if provinces:
            d = d[d["province_slug"].isin(list(provinces))]
        if periods:
            d = d[d["period"].isin(list(periods))]
        d = d.sort_values(["province_slug", "period_start"])
        return cls(d, facts[facts["document"].isin(d["document"])], findings[findings["document"].isin(d["document"])],
                   coverage[coverage["document"].isin(d["document"])], lang)

    @property
    def L(self) -> dict:
        return B.labels(self.lang)

    def _months(self, r) -> float | None:
        return B.period_months(r)

    def _name(self, r) -> str:
        return f"{r['province']} {r['period']}"

    @cached_property
    def by_doc(self) -> dict[str, list[dict]]:
        """Each compared report's facts as records, split once (not one table filter per look-up)."""
        return split_by_document(self.facts)

    @cached_property
    def headline(self) -> dict[str, list]:
        """Each report's headline rows, computed once for the rates, the targets and the ranking."""
        return {r["document"]: headline_rows(self.by_doc.get(r["document"], []), r["period"], self.lang)
                for _, r in self.reports.iterrows()}

    def rates(self) -> pd.DataFrame:
        """Each headline rate per report: as stated and as recomputed from the counts, with the national
        targets for the report's year (vocab/targets.yml) beside the whole province's value."""
        titles = {h["id"]: h["title"][self.lang] for h in B.spec()["headline"]}
        L, rows = self.L, []
        for _, r in self.reports.iterrows():
            hrows = self.headline[r["document"]]
            national = self._national(hrows, r["period"])
            # a centrally-run city's rows name its levels as its own brief does ("Toàn thành phố")
            LV = B.level_labels(self.lang, B.report_unit(str(r["province"]), (str(r["period"]),)))
            for x in hrows:
                t = national.get(x.id, ("", "")) if x.level == "total" else ("", "")
                rows.append({L["document"]: self._name(r), L["indicator"]: titles.get(x.id, x.id),
                             L["level"]: LV.get(x.level, x.level), "id": x.id, "level": x.level,
                             L["stated"]: x.stated, L["recomputed"]: x.recomputed,
                             L["national"]: t[0], L["status"]: t[1]})
        df = pd.DataFrame(rows)
        for c in (L["stated"], L["recomputed"]):
            if c in df:
                df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
        return df

    def _national(self, hrows, period) -> dict[str, tuple[str, str]]:
        """headline id -> (the national targets for the report's year, their status)."""
        from .targets import national_rows
        out: dict[str, tuple[str, str]] = {}
        for x in national_rows(hrows, B._year(period), self.lang):
            text = f"{x.label(self.lang)} ({x.source})"
            status = self.L[f"st_{x.status}"].format(deadline=x.deadline)
            prev = out.get(x.headline)
            out[x.headline] = (f"{prev[0]}; {text}" if prev else text, f"{prev[1]}; {status}" if prev else status)
        return out

    def flows_and_stocks(self) -> pd.DataFrame:
        """Long table: flows as stated and per month (period lengths differ); stocks as stated."""
        spec = B.spec()["counts"]
        rows = []
        for _, r in self.reports.iterrows():
            months = self._months(r)
            first = B.first_values(self.by_doc.get(r["document"], []), r["period"])
            for kind, codes in (("flow", spec["flows"]), ("stock", spec["stocks"])):
                for code in codes:
                    v = first.get((code, "total"))
                    if v is None:
                        continue
                    covered = B.covered_months(v, months)
                    per = round(float(v["value"]) / covered, 1) if kind == "flow" and covered else None
                    rows.append({self.L["document"]: self._name(r), self.L["indicator"]: B.title_of(code, self.lang),
                                 self.L["value"]: float(v["value"]), self.L["per_month"]: per,
                                 "kind": kind, self.L["line"]: int(v["line"]), "indicator": code, "months": covered})
        return pd.DataFrame(rows)

    def ranking(self) -> pd.DataFrame:
        from .trends import wide
        return wide(self.facts, self.reports, self.lang, by_doc=self.by_doc)

    def warnings(self) -> list[str]:
        """Comparability warnings: period lengths, report types, partial-period data. Beyond
        compare_detail_max reports they are counted (how many reports of each length, type, ...), not listed."""
        vi = self.lang == "vi"
        names = self.reports.apply(self._name, axis=1)
        months = pd.Series([self._months(r) for _, r in self.reports.iterrows()], index=self.reports.index)
        types = self.reports["report_type"].map(lambda c: B.report_type_title(c, self.lang))
        many = len(self.reports) > int(B.spec().get("compare_detail_max", 40))
        out = []
        if months.dropna().nunique() > 1:
            if many:
                counts = months.value_counts().sort_index()
                detail = ", ".join((f"{n} báo cáo {B.fmt_num(m, 0, 'vi')} tháng" if vi else f"{n} reports of {m:g} months")
                                   for m, n in counts.items())
            else:
                detail = ", ".join(f"{k} ({v} tháng)" if vi else f"{k} ({v} months)" for k, v in zip(names, months))
            out.append(("Độ dài kỳ báo cáo khác nhau: " if vi else "Period lengths differ: ") + detail)
        if types.nunique() > 1:
            detail = (", ".join(f"{t}: {n}" for t, n in types.value_counts().items()) if many
                      else ", ".join(f"{k}: {v}" for k, v in zip(names, types)))
            out.append(("Loại báo cáo khác nhau: " if vi else "Report types differ: ") + detail)
        partial = self.findings[self.findings["rule"] == "period.partial"]
        by_doc = dict(zip(self.reports["document"], names))
        if many and not partial.empty:
            docs = [by_doc[d] for d in partial["document"].drop_duplicates() if d in by_doc]
            out.append((f"{len(docs)} báo cáo có số liệu không phủ hết kỳ báo cáo (ví dụ: " if vi else
                        f"{len(docs)} reports have figures covering less than their period (e.g. ") + ", ".join(docs[:5]) + ")")
            return out
        for doc, g in partial.groupby("document"):
            name = by_doc.get(doc, doc)
            out.append((f"{name}: số liệu không phủ hết kỳ báo cáo (dòng " if vi else
                        f"{name}: figures cover less than the period (lines ")
                       + ", ".join(str(int(x)) for x in g["line"].dropna()) + ")")
        return out

    def consistency(self) -> pd.DataFrame:
        """Per report: relations checked, holding, failing (errors and warnings)."""
        c = self.coverage.merge(self.reports[["document", "province", "period"]], on="document")
        return pd.DataFrame({self.L["document"]: c["province"] + " " + c["period"],
                             self.L["coverage"]: c["claims_checked"], self.L["holding"]: c["claims_holding"],
                             self.L["failing"]: c["errors"] + c["warnings"], self.L["errors"]: c["errors"]})
