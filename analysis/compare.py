"""Cross-province comparison: rates as stated and recomputed, flows per month, stocks as stated,
comparability warnings and a consistency summary per report."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import brief as B


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

    def rates(self) -> pd.DataFrame:
        """Each headline rate per report: as stated and as recomputed from the counts."""
        rows = []
        for _, r in self.reports.iterrows():
            f = self.facts[self.facts["document"] == r["document"]]
            h = B.headline(f, self.lang, period=r["period"])
            national = self._national(f, r["period"])
            for _, x in h.iterrows():
                t = national.get(x["id"], ("", "")) if x["level"] == "total" else ("", "")
                rows.append({self.L["document"]: self._name(r), self.L["indicator"]: x[self.L["indicator"]],
                             self.L["level"]: x[self.L["level"]], "id": x["id"], "level": x["level"],
                             self.L["stated"]: x[self.L["stated"]], self.L["recomputed"]: x[self.L["recomputed"]],
                             self.L["national"]: t[0], self.L["status"]: t[1]})
        return pd.DataFrame(rows)

    def _national(self, facts, period) -> dict[str, tuple[str, str]]:
        """headline id -> (the national targets for the report's year, their status), vocab/targets.yml."""
        t = B.national(facts, self.lang, period=period)
        out: dict[str, tuple[str, str]] = {}
        for _, x in t.iterrows():
            hid = x["headline"]
            text = f"{x[self.L['target']]} ({x[self.L['legal_source']].split(' (')[0]})"
            prev = out.get(hid)
            out[hid] = (f"{prev[0]}; {text}" if prev else text, f"{prev[1]}; {x[self.L['status']]}" if prev else x[self.L["status"]])
        return out

    def flows_and_stocks(self) -> pd.DataFrame:
        """Long table: flows as stated and per month (period lengths differ); stocks as stated."""
        spec = B.spec()["counts"]
        rows = []
        for _, r in self.reports.iterrows():
            f = self.facts[self.facts["document"] == r["document"]]
            months = self._months(r)
            first = B.first_values(f, r["period"])
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

    def warnings(self) -> list[str]:
        """Comparability warnings: period lengths, report types, partial-period data."""
        out = []
        months = {self._name(r): self._months(r) for _, r in self.reports.iterrows()}
        if len({m for m in months.values() if m}) > 1:
            out.append(("Độ dài kỳ báo cáo khác nhau: " if self.lang == "vi" else "Period lengths differ: ")
                       + ", ".join(f"{k} ({v} tháng)" if self.lang == "vi" else f"{k} ({v} months)" for k, v in months.items()))
        types = dict(zip(self.reports.apply(self._name, axis=1), self.reports["report_type"].map(lambda c: B.report_type_title(c, self.lang))))
        if len(set(types.values())) > 1:
            out.append(("Loại báo cáo khác nhau: " if self.lang == "vi" else "Report types differ: ")
                       + ", ".join(f"{k}: {v}" for k, v in types.items()))
        partial = self.findings[self.findings["rule"] == "period.partial"]
        for doc, g in partial.groupby("document"):
            r = self.reports[self.reports["document"] == doc].iloc[0]
            out.append((f"{self._name(r)}: số liệu không phủ hết kỳ báo cáo (dòng " if self.lang == "vi" else
                        f"{self._name(r)}: figures cover less than the period (lines ")
                       + ", ".join(str(int(x)) for x in g["line"].dropna()) + ")")
        return out

    def consistency(self) -> pd.DataFrame:
        """Per report: relations checked, holding, failing (errors and warnings)."""
        c = self.coverage.merge(self.reports[["document", "province", "period"]], on="document")
        return pd.DataFrame({self.L["document"]: c["province"] + " " + c["period"],
                             self.L["coverage"]: c["claims_checked"], self.L["holding"]: c["claims_holding"],
                             self.L["failing"]: c["errors"] + c["warnings"], self.L["errors"]: c["errors"]})
