"""The consistency checker on the real seed reports and the devset: what it flags, what it leaves alone."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.check import check_extracted, check_file
from analysis.findings import FINDING_COLUMNS, Val, findings_table, judge, total
from analysis.vocab import rules

from conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def results(seeds):
    return {k: check_extracted(ex) for k, ex in seeds.items()}


def flagged(result, rule, severity="error", **match):
    """Findings of `rule` whose fields equal `match` (message substrings via msg=)."""
    msg = match.pop("msg", None)
    out = [f for f in result.findings if f["rule"] == rule and f["severity"] == severity
           and all(f.get(k) == v for k, v in match.items()) and (msg is None or msg in f["message"])]
    return out


# ------------------------------------------------------------------ the seeds' real inconsistencies

def test_bac_giang_received_is_not_new_plus_carried(results):
    f = flagged(results["bac_giang"], "calc.partition", stated=690889.0, expected=690989.0)
    assert f and f[0]["line"] == 66 and f[0]["difference"] == -100.0
    assert {v["value"] for v in f[0]["values"]} == {690889.0, 682242.0, 8747.0}


def test_bac_giang_received_is_not_resolved_plus_pending_nor_its_levels(results):
    r = results["bac_giang"]
    assert flagged(r, "calc.partition", stated=690889.0, msg="đã giải quyết + Hồ sơ đang giải quyết")
    lv = flagged(r, "calc.levels", stated=690889.0)
    assert lv and lv[0]["expected"] == 264740 + 85065 + 341184


def test_bac_giang_overdue_share_is_wrong(results):
    f = flagged(results["bac_giang"], "share.count", stated=0.6)
    assert f and f[0]["line"] == 68 and abs(f[0]["expected"] - 100 * 3237 / 681365) < 1e-3
    assert flagged(results["bac_giang"], "share.count", stated=0.18, line=70)


def test_bac_giang_footnote_items_exceed_their_total(results):
    f = flagged(results["bac_giang"], "list.sum", stated=154553.0)
    assert f and f[0]["expected"] == 154558.0 and f[0]["line"] == 114
    assert any(e["line"] == 128 for e in f[0]["evidence"])


def test_bac_giang_truncated_shares_are_info_only(results):
    infos = {f["stated"] for f in results["bac_giang"].findings if f["rule"] == "round.truncated"}
    assert {89.3, 10.1, 17.2, 0.5} <= infos
    assert not flagged(results["bac_giang"], "share.count", stated=89.3)


def test_gia_lai_q1_received_is_not_resolved_plus_pending(results):
    f = flagged(results["gia_lai_q1"], "calc.partition", stated=205295.0)
    assert f and f[0]["expected"] == 188769 + 11660 and f[0]["line"] == 53


def test_gia_lai_q1_text_and_annex_disagree_on_tthc_total(results):
    r = results["gia_lai_q1"]
    f = flagged(r, "dup.figure", indicator="tthc.total", level="total")
    assert f and {f[0]["stated"], f[0]["expected"]} == {1888.0, 1955.0}
    assert {e["line"] for e in f[0]["evidence"]} == {27, 262}
    assert flagged(r, "dup.figure", indicator="tthc.decisions", stated=19.0, expected=18.0)
    assert flagged(r, "dup.figure", indicator="tthc.published_new", stated=9.0, expected=8.0)


def test_gia_lai_q1_annex_forms(results):
    r = results["gia_lai_q1"]
    assert flagged(r, "table.formula", stated=256.0, expected=226.0, line=274)
    assert flagged(r, "table.column_total", stated=256.0, expected=226.0)
    assert flagged(r, "table.formula", line=322, msg="(3) = (4) + (5)")
    assert flagged(r, "table.blank", severity="warning", msg="Sở Xây dựng")


def test_gia_lai_q1_periods_and_citations(results):
    r = results["gia_lai_q1"]
    assert flagged(r, "period.label", line=13, msg="quý I năm 2021")
    assert flagged(r, "period.label", line=284, msg="15/12/2021")
    assert flagged(r, "cite.future", line=105, msg="06/11/2022")
    assert flagged(r, "cite.date_conflict", msg="1291/QĐ")


def test_gia_lai_h1_text_against_appendix_and_unit_counts(results):
    r = results["gia_lai_h1"]
    assert flagged(r, "dup.figure", indicator="tthc.published_new", stated=82.0, expected=75.0)
    assert flagged(r, "dup.figure", indicator="tthc.abolished", stated=96.0, expected=89.0)
    d = flagged(r, "dup.denominator", stated=20.0, expected=17.0)
    assert d and {e["line"] for e in d[0]["evidence"]} == {261, 123}
    assert flagged(r, "period.partial", severity="warning", msg="14/3/2021")


def test_quang_ngai_change_fits_neither_reading(results):
    f = flagged(results["quang_ngai"], "change.pp_or_relative", line=47)
    assert f and f[0]["stated"] == 0.003 and abs(f[0]["expected"] - 0.03) < 1e-9


def test_quang_ngai_five_month_figures_and_resolution_dates(results):
    r = results["quang_ngai"]
    assert flagged(r, "period.partial", severity="warning", line=47)
    assert flagged(r, "cite.date_conflict", msg="02/NQ-CP")


def test_plan_cites_an_impossible_year(results):
    assert flagged(results["qd258"], "cite.year", msg="2028")


# ------------------------------------------------------------------ figures that hold are not flagged

def _holding(result, rule, stated):
    return [c for c in result.claims if c.rule == rule and c.stated == stated and c.status == "holds"]


def test_holding_sums_are_checked_and_not_flagged(results):
    assert _holding(results["gia_lai_q1"], "calc.partition", 205295.0)        # = 10.445 + 185.787 + 9.063
    assert _holding(results["bac_giang"], "calc.partition", 1363.0)           # = 552 + 811
    assert _holding(results["bac_giang"], "calc.partition", 1950.0)           # = 1.920 + 30
    assert _holding(results["gia_lai_q1"], "calc.levels", 1888.0)             # = 1.436 + 279 + 173
    assert _holding(results["quang_ngai"], "enum.exceeds", 253.0)             # ≈ 78 + 175
    bad = {(f["rule"], f["stated"]) for r in results.values() for f in r.findings if f["severity"] != "info"}
    for stated in (1199.0, 253.0, 1363.0, 1950.0):
        assert not any(s == stated for _, s in bad)


def test_truncated_fraction_is_info_at_most(results):
    f = [f for f in results["gia_lai_h1"].findings if f["stated"] == 28.94]
    assert f and all(x["severity"] == "info" and x["rule"] == "round.truncated" for x in f)


def test_changes_that_hold_as_points(results):
    held = {c.stated for c in results["quang_ngai"].claims if c.rule == "change.pp_or_relative" and c.status == "holds"}
    assert {9.6, 11.6, 16.7, 5.23, 50.0} <= held


def test_footnote_lists_that_hold(results):
    r = results["gia_lai_h1"]
    held = {(c.rule, c.stated) for c in r.claims if c.status == "holds" and c.rule.startswith("list.")}
    assert ("list.count", 717) in held and ("list.count", 47) in held and ("list.sum", 183) in held


# ------------------------------------------------------------------ devset

def test_devset_runs_and_flags_lam_dong_districts(devset):
    res = {name.split("_")[0] + ("-q3" if "q3" in name else ""): check_extracted(ex) for name, ex in devset.items()}
    ld = flagged(res["lam-dong"], "calc.partition", level="huyen")
    assert ld and ld[0]["stated"] == 17651.0 and ld[0]["expected"] == 17655.0
    assert _holding(res["lam-dong"], "calc.partition", 15641.0)                 # tỉnh holds
    assert not [f for f in res["lam-dong"].findings if f["level"] == "tinh"]
    assert _holding(res["thai-nguyen"], "calc.partition", 865.0)
    assert _holding(res["vinh-phuc-q3"], "calc.partition", 6302.0)
    bn = [f for f in res["bac-ninh"].findings]
    assert [f["severity"] for f in bn] == ["info"] and bn[0]["stated"] == 89.3
    for r in res.values():
        assert r.coverage()["claims_found"] >= 1


# ------------------------------------------------------------------ the rule table and the records

@pytest.mark.parametrize("rule_id", sorted(rules()))
def test_every_rule_is_declared_and_used(rule_id):
    rule = rules()[rule_id]
    assert rule.severity in ("error", "warning", "info") and rule.title and rule.message and rule.pattern
    import analysis.checks_text as ct, analysis.checks_facts as cf, analysis.checks_tables as cb
    src = "".join(open(m.__file__, encoding="utf-8").read() for m in (ct, cf, cb))
    assert f'"{rule_id}"' in src, f"rule {rule_id} is declared but no function raises it"


def test_finding_table_has_fixed_columns(results):
    df = findings_table([f for r in results.values() for f in r.findings])
    assert list(df.columns) == FINDING_COLUMNS
    assert df.iloc[0]["severity"] == "error"
    ev = json.loads(df.iloc[0]["evidence"])
    assert ev and {"line", "text"} <= set(ev[0])


def test_coverage_line(results):
    c = results["bac_giang"].coverage()
    assert c["claims_found"] >= c["claims_checked"] >= c["claims_holding"] > 0
    assert c["errors"] == sum(1 for f in results["bac_giang"].findings if f["severity"] == "error")


def test_cli_check_json_and_exit_codes(tmp_path):
    p = SEEDS["bac_giang"]
    out = subprocess.run([sys.executable, "-m", "analysis", "check", str(p), "--format", "json"],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert any(f["rule"] == "calc.partition" and f["stated"] == 690889.0 for f in data)
    failing = subprocess.run([sys.executable, "-m", "analysis", "check", str(p), "--fail-on", "error", "--format", "csv"],
                             capture_output=True, text=True, cwd=ROOT)
    assert failing.returncode == 1 and failing.stdout.startswith(",".join(FINDING_COLUMNS[:3]))
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    unreadable = subprocess.run([sys.executable, "-m", "analysis", "check", str(bad), str(p)],
                                capture_output=True, text=True, cwd=ROOT)
    assert unreadable.returncode == 2 and "empty.txt" in unreadable.stderr and "bac-giang" in unreadable.stdout


# ------------------------------------------------------------------ rounding policy

def test_judge_rounding_truncation_and_failure():
    total_v = Val(89.3, 1, True)
    assert judge(total_v.rounded(), total_v.full(), *[type(total_v.rounded())(89.36, 89.36)] * 2) == "info"
    assert judge(total_v.rounded(), total_v.full(), *[type(total_v.rounded())(89.32, 89.32)] * 2) == "holds"
    assert judge(total_v.rounded(), total_v.full(), *[type(total_v.rounded())(89.5, 89.5)] * 2) == "fail"


def test_approximate_figures_get_wide_tolerance():
    r, f = total([Val(47500, qualifier="hơn"), Val(1500)])
    about = Val(49000, qualifier="khoảng hơn")
    assert judge(about.rounded(), about.full(), r, f) == "holds"
    assert judge(Val(60000).rounded(), Val(60000).full(), r, f) == "fail"
