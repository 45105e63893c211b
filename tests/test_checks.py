"""The consistency checker on the real seed reports and the devset: what it flags, what it leaves alone."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from analysis.build import extract_file
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
    # keyed by province and period: the devset holds two Lâm Đồng texts
    res = {"_".join(name.split("_")[:2]): check_extracted(ex) for name, ex in devset.items()}
    res["lam-dong"], res["thai-nguyen"] = res["lam-dong_2019-10"], res["thai-nguyen_2020-h1"]
    res["vinh-phuc-q3"], res["bac-ninh"] = res["vinh-phuc_2021-q3"], res["bac-ninh_2018-q1"]
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
    import analysis.checks_relations as cr
    src = "".join(open(m.__file__, encoding="utf-8").read() for m in (ct, cf, cb, cr))
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


# ------------------------------------------------------------------ property tests (hypothesis)

from hypothesis import given, settings, strategies as st

from analysis.checks_facts import grim_feasible


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 5000), data=st.data(), decimals=st.integers(0, 2), truncate=st.booleans())
def test_grim_accepts_every_percentage_a_whole_count_gives(n, data, decimals, truncate):
    import math
    k = data.draw(st.integers(0, n))
    exact_pct = 100 * k / n
    step = 10 ** -decimals
    stated = math.floor(exact_pct / step + 1e-9) * step if truncate else round(exact_pct, decimals)
    ok, _ = grim_feasible(Val(round(stated, decimals), decimals, True), n)
    assert ok


def test_grim_rejects_an_impossible_percentage():
    ok, closest = grim_feasible(Val(33.3, 1, True), 7)        # k/7: 28,57 or 42,86, never 33,3
    assert not ok and abs(closest - 100 * 2 / 7) < 1e-9


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.integers(0, 10**7), min_size=1, max_size=6), delta=st.integers(-1000, 1000))
def test_exact_counts_hold_only_when_they_add_up(parts, delta):
    tot = Val(float(sum(parts) + delta))
    r, f = total([Val(float(p)) for p in parts])
    assert (judge(tot.rounded(), tot.full(), r, f) == "holds") == (delta == 0)


@settings(max_examples=200, deadline=None)
@given(num=st.integers(0, 10**6), extra=st.integers(1, 10**6), decimals=st.integers(0, 3))
def test_rounded_share_holds_and_truncated_share_is_info_at_most(num, extra, decimals):
    from analysis.numbers import ratio_interval
    import math
    den = num + extra
    pct = 100 * num / den
    c, d = Val(float(num)), Val(float(den))
    exp_r, exp_f = ratio_interval(c.rounded(), d.rounded()), ratio_interval(c.full(), d.full())
    rounded = Val(round(pct, decimals), decimals, True)
    assert judge(rounded.rounded(), rounded.full(), exp_r, exp_f) == "holds"
    step = 10 ** -decimals
    cut = Val(round(math.floor(pct / step + 1e-9) * step, decimals), decimals, True)
    assert judge(cut.rounded(), cut.full(), exp_r, exp_f) in ("holds", "info")


# ------------------------------------------------------------------ named regressions for quirks seen in real reports

def test_quirk_unit_names_with_commas_are_not_counted_naively(results):
    """Bắc Giang footnote 10 (9 units): 'Sở Văn hóa, Thể thao và Du lịch', 'UBND huyện Việt Yên, Yên Dũng, ...'.
    The seed's footnote ends with ',' (continued after a page break), so it is not counted at all."""
    from analysis.checks_text import list_items
    units = ("Sở Kế hoạch và Đầu tư, Sở Nội vụ, Sở Văn hóa, Thể thao và Du lịch, Ban Quảng lý các Khu "
             "công nghiệp, Kho bạc Nhà nước, Bảo hiểm xã hội tỉnh, UBND huyện Việt Yên, Yên Dũng, Thành phố Bắc Giang")
    lo, hi = list_items(units)
    assert lo <= 9 <= hi and hi - lo >= 2              # an interval, not the naive 11
    assert list_items(units + ",") is None             # a list cut by a page break is not counted
    assert not [f for f in results["bac_giang"].findings if f["rule"] == "list.count"]


def test_quirk_numbered_items_joined_by_va(results):
    """Gia Lai Q1 footnote 1: '(9) xã Ia Rsum và (10) thị trấn Phú Túc', '(13) phường Đoàn kết và phường Cheo Reo' = 14."""
    held = [c for c in results["gia_lai_q1"].claims if c.rule == "list.count" and c.stated == 14]
    assert held and all(c.status == "holds" for c in held)


def test_quirk_threshold_percentage_is_not_the_fractions_share(devset):
    """Vĩnh Phúc 08/2021: '5/9 huyện, thành phố đạt tỷ lệ này dưới 3%' – 3% is a threshold, not 5/9."""
    name = next(n for n in devset if n.startswith("vinh-phuc_2021-08"))
    r = check_extracted(devset[name])
    assert not [f for f in r.findings if f["rule"] == "ratio.fraction"]


def test_quirk_footnote_lists_done_then_remaining_units(results):
    """Gia Lai H1 footnote 18: '02 đơn vị cấp sở ... 03 địa phương ... Còn 01 ... 7 ...' for 05/13 units."""
    held = [c for c in results["gia_lai_h1"].claims if c.rule == "list.count" and c.stated == 5 and c.evidence[0][0] == 195]
    assert held and held[0].status == "holds" and held[0].expected == 13


def test_quirk_same_value_stated_twice_on_one_appendix_line(results):
    """Gia Lai H1 appendix 3.1.2: 142 'bãi bỏ, thay thế' with a note 'bãi bỏ 89': compared with the closest value."""
    f = [x for x in results["gia_lai_h1"].findings if x["rule"] == "dup.figure" and x["indicator"] == "tthc.abolished"]
    assert len(f) == 1 and f[0]["expected"] == 89.0


def _doc(lines):
    from pathlib import Path
    from analysis.meta import DocMeta
    from analysis.read import Document, parse_lines
    return Document(Path("x.txt"), lines, parse_lines(lines), "text"), DocMeta("x.txt")


def test_count_against_units_named_in_parentheses():
    from analysis.checks_text import list_claims
    doc, meta = _doc(["Đã kiểm tra 05 huyện (Chư Sê, Ia Pa, Đak Pơ, Kbang và thị xã An Khê) trong quý.",
                      "",
                      "Có 04 sở (Sở Tư pháp, Sở Y tế, Sở Nội vụ) được khen thưởng."])
    got = {(c.stated, c.status, c.evidence[0][0]) for c in list_claims("x.txt", doc, meta)}
    assert got == {(5, "holds", 1), (4, "fail", 3)}


def test_enumeration_exceeding_its_total_is_flagged_and_partial_lists_are_not():
    from analysis.annotate import annotate
    from analysis.checks_relations import parts_claims
    doc, meta = _doc(["Tiếp nhận 120 hồ sơ, trong đó: 80 hồ sơ trực tuyến; 50 hồ sơ trực tiếp.",
                      "",
                      "Tiếp nhận 120 hồ sơ, trong đó 30 hồ sơ trực tuyến; 20 hồ sơ qua bưu chính.",
                      "",
                      "Tiếp nhận 120 hồ sơ, gồm: 30 hồ sơ trực tuyến; 20 hồ sơ qua bưu chính."])
    claims = parts_claims("x.txt", annotate(doc, meta))
    by_line = {c.evidence[0][0]: (c.rule, c.status) for c in claims}
    assert by_line[1] == ("enum.exceeds", "fail")
    assert 3 not in by_line or by_line[3][1] == "holds"               # "trong đó" may be partial
    assert by_line[5] == ("enum.shortfall", "fail")                   # "gồm" says the list is complete


def test_change_read_as_points_or_relative():
    from analysis.checks_text import change_claims
    doc, meta = _doc(["Tỷ lệ đạt 60%, tăng 20% so với năm trước (năm trước đạt 50%).",
                      "",
                      "Tỷ lệ đạt 60%, tăng 10% so với năm trước (năm trước đạt 50%).",
                      "",
                      "Tỷ lệ đạt 60%, tăng 15% so với năm trước (năm trước đạt 50%)."])
    st = {c.evidence[0][0]: c.status for c in change_claims("x.txt", doc, meta)}
    assert st == {1: "holds", 3: "holds", 5: "fail"}                  # relative 20%, points 10, neither 15


def test_header_formula_in_a_table_is_checked():
    from analysis.checks_tables import table_claims
    doc, meta = _doc(["STT\tĐơn vị\tTổng số (3)=(4)+(5)\tTrực tuyến\tTrực tiếp",
                      "(1)\t(2)\t(3)\t(4)\t(5)",
                      "1\tSở A\t10\t4\t6",
                      "2\tSở B\t9\t4\t6",
                      "Tổng cộng\t\t19\t8\t12"])
    claims = table_claims("x.txt", doc, meta)
    failing = {(c.rule, c.evidence[0][0]) for c in claims if c.status == "fail"}
    assert ("table.formula", 4) in failing and ("table.formula", 5) in failing
    assert ("table.column_total", 5) not in failing                  # 10 + 9 = 19, 4 + 4 = 8, 6 + 6 = 12


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_checker_finds_the_same_in_txt_docx_and_pdf(tmp_path, fmt):
    """The Bắc Giang dossier section as .txt, .docx and .pdf (wrapped lines): the same findings."""
    import html
    from test_read import _seed_paragraphs
    paras = _seed_paragraphs()
    txt = tmp_path / "bac-giang_2022_section.txt"
    txt.write_text("\n\n".join(paras), encoding="utf-8")
    p = tmp_path / f"bac-giang_2022_section.{fmt}"
    if fmt == "docx":
        docx = pytest.importorskip("docx")
        d = docx.Document()
        for para in paras:
            d.add_paragraph(para)
        d.save(p)
    else:
        weasyprint = pytest.importorskip("weasyprint")
        body = "".join(f"<p>{html.escape(x)}</p>" for x in paras)
        weasyprint.HTML(string=f"<html><body style='font-family: DejaVu Sans; font-size: 9pt'>{body}</body></html>").write_pdf(p)
    key = lambda r: sorted((f["rule"], f["severity"], f["stated"], f["expected"]) for f in r.findings)
    want, got = key(check_file(txt)), key(check_file(p))
    assert got == want
    assert ("calc.partition", "error", 690889.0, 690989.0) in got and any(k[0] == "share.count" and k[2] == 0.6 for k in got)


def _checked(lines):
    """Every rule on lines written here (facts read from them, as `check_file` reads a report)."""
    from analysis.build import Extracted
    from analysis.facts import extract_facts
    doc, meta = _doc(lines)
    return check_extracted(Extracted(doc, meta, extract_facts(doc, meta)))


def test_received_of_online_and_in_person_alone_is_the_new_count():
    # "tiếp nhận 21.536 (trực tuyến 9.874, trực tiếp 11.662). Từ kỳ trước chuyển qua 1.204": the 21.536 are
    # the new dossiers, the carried-over ones come on top (calc.yml unless_parts_make_it)
    text = ("Trung tâm Phục vụ hành chính công tỉnh đã tiếp nhận tổng số 21.536 hồ sơ, trong đó hồ sơ trực tuyến là 9.874 "
            "hồ sơ, hồ sơ trực tiếp là 11.662 hồ sơ. Số hồ sơ từ kỳ trước chuyển qua là 1.204 hồ sơ.")
    def alarms(t):
        return [(f["rule"], f["stated"]) for f in _checked([t]).findings if f["severity"] == "error"]
    assert alarms(text) == []
    # a received count that neither reading explains is still flagged
    assert ("calc.partition", 21636) in alarms(text.replace("21.536", "21.636"))


def test_a_change_in_percentage_points_is_checked_as_points():
    from analysis.checks_text import change_claims
    line = "Tỷ lệ hồ sơ tiếp nhận trực tuyến đạt 58,4%, tăng 3,2 điểm phần trăm so với tháng 8/2023 (55,2%)."
    (c,) = change_claims("x", *_doc([line]))
    assert (c.status, c.stated, c.expected) == ("holds", 3.2, 3.2)
    # 5,8 would be the relative change (58,4 / 55,2 - 1 = 5,797 %), which points do not allow
    (c,) = change_claims("x", *_doc([line.replace("3,2 điểm", "5,8 điểm")]))
    assert c.status == "fail" and c.params["unit"] == " điểm %"


def test_an_on_time_rate_where_no_early_count_is_stated_is_on_time_over_resolved():
    line = ("Trong quý, các cơ quan đã giải quyết 6.840 hồ sơ, trong đó giải quyết đúng hạn 6.505 hồ sơ, quá hạn 335 "
            "hồ sơ. Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,2%.")
    def rate(text):
        return [(c.status, c.expected) for c in _checked([text]).claims if c.rule == "rate.recomputed"]
    assert rate(line) == [("fail", 95.1023)]            # 6.505 / 6.840
    assert rate(line.replace("97,2%", "95,1%")) == [("holds", 95.1023)]


def test_levels_stated_before_the_province_total_and_a_bare_giai_quyet():
    lines = ["1. Cấp tỉnh: tiếp nhận 4.120 hồ sơ, giải quyết 3.985 hồ sơ (đúng hạn 3.960 hồ sơ, quá hạn 25 hồ sơ).",
             "2. Cấp huyện: tiếp nhận 6.730 hồ sơ, giải quyết 6.402 hồ sơ (đúng hạn 6.318 hồ sơ, quá hạn 84 hồ sơ).",
             "3. Cấp xã: tiếp nhận 15.905 hồ sơ, giải quyết 15.880 hồ sơ (đúng hạn 15.875 hồ sơ, quá hạn 5 hồ sơ).",
             "Tổng cộng toàn tỉnh tiếp nhận 26.755 hồ sơ, giải quyết 26.267 hồ sơ."]
    got = {(c.rule, c.status, c.stated) for c in _checked(lines).claims}
    assert {("calc.levels", "holds", 26755), ("calc.levels", "holds", 26267), ("calc.partition", "holds", 3985)} <= got
    bad = {(c.rule, c.status, c.stated) for c in _checked(lines[:3] + [lines[3].replace("26.267", "26.367")]).claims}
    assert ("calc.levels", "fail", 26367) in bad


def test_a_recomputed_rate_names_the_counts_it_used():
    # with no early count stated, the on-time rate is on time over resolved: the message had named
    # "(trước hạn + đúng hạn)", a count the report does not give
    lines = ["Trong quý đã giải quyết 6.840 hồ sơ, trong đó giải quyết đúng hạn 6.505 hồ sơ, quá hạn 335 hồ sơ. "
             "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,2%."]
    (f,) = [f for f in _checked(lines).findings if f["rule"] == "rate.recomputed"]
    assert "theo giải quyết đúng hạn / hồ sơ đã giải quyết (6.505 / 6.840) là 95,1023%" in f["message"]
    assert "trước hạn" not in f["message"]
    # a rate that only truncation explains gets the truncation message, with the rounded value (it had
    # fallen back to a list of the rate check's parameters)
    (t,) = [f for f in _checked([lines[0].replace("6.505", "6.508").replace("335", "332").replace("97,2%", "95,14%")]).findings
            if f["rule"] == "round.truncated"]
    assert t["message"] == "95,14% là giá trị cắt bớt của 95,1462% (làm tròn sẽ là 95,15%)"


def test_a_share_over_the_total_of_another_kind_the_text_names():
    # "1.020 dịch vụ, chiếm 52,3% tổng số TTHC (1.950 TTHC)": services over the TTHC total (the same things
    # counted, reading.yml same_count) had no base at all, so a wrong count passed
    ok = _checked(["Số dịch vụ công trực tuyến toàn trình là 1.020 dịch vụ, chiếm 52,3% tổng số TTHC (1.950 TTHC)."])
    held = [c for c in ok.claims if c.rule == "share.count"]
    assert held and all(c.status == "holds" for c in held) and held[0].expected == pytest.approx(52.3077, abs=1e-3)
    bad = _checked(["Tỉnh có 1.950 TTHC. Số dịch vụ công trực tuyến toàn trình là 1.120 dịch vụ, chiếm 52,3% tổng số TTHC."])
    fail = [f for f in bad.findings if f["rule"] == "share.count"]
    assert fail and fail[0]["stated"] == 52.3 and fail[0]["expected"] == pytest.approx(57.4359, abs=1e-3)


def test_messages_name_units_as_the_report_wrote_them(tmp_path):
    """The reader keeps unit nouns lowered ("tthc"); a message showed "trên 1.950 tthc". It shows the
    report's own spelling: "1.950 TTHC"."""
    p = tmp_path / "ha-nam_2024-q1_tthc.txt"
    p.write_text("Kết quả kiểm soát TTHC quý I năm 2024 của tỉnh Hà Nam\n\n"
                 "Có 400 TTHC được số hóa, chiếm 25,1% tổng số 1.950 TTHC.\n", encoding="utf-8")
    msgs = [f["message"] for f in check_file(p).findings if f["rule"] == "share.count"]
    assert len(msgs) == 1 and "400 trên 1.950 TTHC" in msgs[0] and "1.950 (TTHC)" in msgs[0], msgs
    assert "tthc" not in msgs[0]


PROBES = ROOT / "tests" / "data" / "probes"


def _claims_of(path, rule: str) -> list[tuple]:
    """(status, stated, expected) of a file's claims of one rule, in order."""
    return [(c.status, c.stated, c.expected) for c in check_file(path).claims if c.rule == rule]


def _edited(tmp_path, path, old: str, new: str):
    """A copy of `path` in tmp_path with `old` written as `new` (one number changed, or a phrase)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    copy = tmp_path / path.name
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy


def _alarms(res):
    return [f for f in res.findings if f["severity"] in ("error", "warning")]


def test_change_with_its_earlier_count_before_it_after_it_or_in_the_next_sentence():
    """Probes quang-tri_2024-q3_so-voi.txt and ha-tinh_2024-q2_cap-huyen.txt: the earlier count of a change
    in brackets before the change ("so với quý II/2024 (19.870 hồ sơ) tăng 1.580"), in brackets after it
    ("giảm 410 hồ sơ (quý trước: 10.150 hồ sơ)"), or opening the next sentence ("So với cùng kỳ năm 2023
    (140.500 hồ sơ), số hồ sơ tiếp nhận tăng 12.800 hồ sơ") had been read only as "tăng C so với ... (B)"."""
    qt = check_file(PROBES / "quang-tri_2024-q3_so-voi.txt")
    got = {(c.stated, c.status, c.expected) for c in qt.claims if c.rule == "change.count"}
    assert got == {(1580, "holds", 1580), (-410, "fail", -510), (1900, "fail", 1800)}
    msgs = [f["message"] for f in qt.findings]
    assert "Từ 10.150 đến 9.640: nêu giảm 410, nhưng hai số liệu cho -510" in msgs
    ht = check_file(PROBES / "ha-tinh_2024-q2_cap-huyen.txt")
    [f] = [f for f in ht.findings if f["rule"] == "change.count"]
    assert f["line"] == 5 and "Từ 140.500 đến 152.300: nêu tăng 12.800" in f["message"]
    # the current count is the received one, not the resolved count stated between (probe tay-ninh)
    tn = check_file(PROBES / "tay-ninh_2024-q2_so-voi-quy-truoc.txt")
    assert [(c.stated, c.status, c.expected) for c in tn.claims if c.rule == "change.count"] == [(1200, "holds", 1200)]


def test_a_list_nested_in_the_brackets_of_another_is_its_own_figures():
    """Probe lai-chau_2024-h1_mot-cua.txt: "12.345 hồ sơ (tồn kỳ trước chuyển sang: 1.234 hồ sơ; tiếp nhận mới
    trong kỳ: 11.111 hồ sơ, trong đó trực tuyến 6.789 hồ sơ, trực tiếp và qua bưu chính 4.322 hồ sơ)": the
    four were summed against 12.345 (a false alarm); 12.345 = 1.234 + 11.111 and 11.111 = 6.789 + 4.322."""
    res = check_file(PROBES / "lai-chau_2024-h1_mot-cua.txt")
    assert not [f for f in res.findings if f["severity"] in ("error", "warning")], res.findings
    sums = {(c.stated, c.expected) for c in res.claims if c.rule.startswith(("enum.", "calc.")) and c.status == "holds"}
    assert (12345, 12345) in sums and (11111, 11111) in sums


def test_feedback_shares_and_refusals():
    """Probe yen-bai_2024-q3_pakn.txt: "Tiếp nhận 48 phản ánh, kiến nghị (PAKN); đã xử lý xong 45 PAKN, đạt 95,75%"
    had no base for its share (the 48 named no category), and the 4 refused feedbacks of the next paragraph's
    30 were summed into the 48's partition (a false alarm: 45 + 3 + 4 = 52)."""
    res = check_file(PROBES / "yen-bai_2024-q3_pakn.txt")
    assert [(f["rule"], f["line"], f["stated"], f["expected"]) for f in _alarms(res)] == [("share.count", 3, 95.75, 93.75)]
    held = {(c.rule, c.stated, c.expected) for c in res.claims if c.status == "holds"}
    assert ("calc.partition", 48, 48) in held and ("calc.partition", 30, 30) in held


def test_gia_lai_q1_feedback_refused_is_a_part(seeds, results):
    """Gia Lai 2022-Q1 line 47: "nhận được 22 PAKN ..., trong đó có: 18 PAKN đã được xử lý; 02 PAKN ... từ chối
    tiếp nhận và 02 PAKN đang được giải quyết" is read as the form's partition, received = processed + refused
    + pending (it had been an open list of things, which only says the parts do not exceed 22)."""
    [p] = [p for p in seeds["gia_lai_q1"].ann.parts if p.total.line == 47]
    assert (p.total.value, p.total.category, p.dimension, p.closure) == (22, "pakn.received", "category", "closed")
    assert [(f.value, f.category) for f in p.parts] == [(18, "pakn.processed"), (2, "pakn.rejected"), (2, "pakn.pending")]
    got = [(c.rule, c.status, c.stated, c.expected) for c in results["gia_lai_q1"].claims
           if c.values and c.values[0].line == 47]
    assert ("enum.exceeds", "holds", 22, 22) in got, got


def test_a_plain_count_of_units_against_the_list_after_its_colon():
    """Probe lai-chau_2023-q4_don-vi.txt: "Có 2 đơn vị để xảy ra hồ sơ quá hạn: Sở ... (45 hồ sơ), UBND huyện ...
    (12 hồ sơ), UBND huyện ... (8 hồ sơ)" names three (only "a/b đơn vị: ..." was read). Gia Lai 2021-H1 line 49:
    "6 đơn vị cấp sở: Sở ...; ...; Sở Xây dựng. 01 UBND cấp huyện: ..." holds, its list ending with its sentence."""
    res = check_file(PROBES / "lai-chau_2023-q4_don-vi.txt")
    assert [(f["rule"], f["line"], f["stated"], f["expected"]) for f in _alarms(res)] == [("list.count", 3, 2, 3)]
    assert [(c.status, c.stated) for c in res.claims if c.rule == "list.count" and c.values[0].line == 5] == [("holds", 4)]
    gl = check_file(SEEDS["gia_lai_h1"])
    # (6 to 7 items: "Sở Lao động-Thương binh và Xã hội" may be one name or two)
    assert [(c.status, c.stated) for c in gl.claims if c.rule == "list.count" and c.values[0].line == 49] == [("holds", 6)]


def test_a_fee_paid_online_is_no_online_filing():
    """Probe long-an_2023-q4_diem-phan-tram.txt line 5: "Tỷ lệ thanh toán trực tuyến đạt 45,32%" had been read as
    the online share of dossiers and recomputed as 21.430 / (21.430 + 13.130) = 62,01% (a false alarm)."""
    from analysis.build import extract_file
    path = PROBES / "long-an_2023-q4_diem-phan-tram.txt"
    assert _alarms(check_file(path)) == []
    assert [(f.indicator, f.value) for f in extract_file(path).facts if f.line == 5][0] == ("rate.payment", 45.32)
    # its change in points is still checked
    bad = _checked(["Tỷ lệ thanh toán trực tuyến đạt 46,02%, tăng 5,21 điểm phần trăm so với cùng kỳ năm 2022 (40,11%)."])
    assert [(f["rule"], f["stated"]) for f in bad.findings if f["severity"] == "error"] == [("change.pp_or_relative", 5.21)]


def test_a_fraction_named_by_its_clause_or_with_its_percentage_first():
    """Probes quang-nam_2024-q2_thanh-toan.txt and kon-tum_2023-q3_so-ban-nganh.txt: "Có 38/45 TTHC đã được tích
    hợp, cung cấp trên Cổng Dịch vụ công quốc gia, đạt 84,44%" (a clause longer than the 50 characters read) and
    "Có 98,2% hồ sơ được giải quyết trước và đúng hạn (11.784/12.000 hồ sơ)" (words between the percentage and
    the bracket) were not checked."""
    def fractions(line):
        return [(c.status, c.stated, c.expected) for c in _checked([line]).claims if c.rule == "ratio.fraction"]
    a = "Có 38/45 TTHC đã được tích hợp, cung cấp trên Cổng Dịch vụ công quốc gia, đạt 84,44%."
    b = "Có 98,2% hồ sơ được giải quyết trước và đúng hạn (11.784/12.000 hồ sơ)."
    assert fractions(a) == [("holds", 84.44, 84.4444)] and fractions(b) == [("holds", 98.2, 98.2)]
    assert fractions(a.replace("84,44", "85,14"))[0][0] == "fail"
    assert fractions(b.replace("98,2", "98,9"))[0][0] == "fail"
    # not past a sentence's end, nor past another figure
    assert fractions("Có 38/45 TTHC đã được tích hợp. Hồ sơ trực tuyến đạt 85,14%.") == []
    assert fractions("Đạt 98,9% kế hoạch năm, 12 huyện (11.784/12.000 hồ sơ).") == []


def test_a_rate_named_by_its_counts_own_words_is_its_share():
    """Probe cao-bang_2024-q2_so-hoa.txt line 5: "Tiếp nhận 1.234 hồ sơ, đã giải quyết 1.200 hồ sơ, tỷ lệ giải quyết
    đạt 97,24%": a named rate (not a share) had no count of its own, so a wrong figure passed."""
    def shares(line):
        return [(c.status, c.stated, c.expected) for c in _checked([line]).claims if c.rule == "share.count"]
    line = "Tiếp nhận 1.234 hồ sơ, đã giải quyết 1.200 hồ sơ, tỷ lệ giải quyết đạt 97,24%."
    assert shares(line) == [("holds", 97.24, 97.2447)]
    assert shares(line.replace("97,24", "97,94"))[0][0] == "fail"
    # a rate of another category than the count stays a rate ("tỷ lệ đúng hạn" after the resolved count)
    assert shares("Đã giải quyết 1.200 hồ sơ, tỷ lệ đúng hạn đạt 96,83%.") == []


def test_a_list_of_units_naming_a_district_in_passing_before_its_total():
    """Probe hung-yen_2024-q3_chiem-cap.txt line 5: "...gồm: Sở Tài nguyên và Môi trường 120 hồ sơ, Sở Xây dựng 15 hồ
    sơ, UBND huyện Văn Lâm 30 hồ sơ; tổng cộng 165 hồ sơ" was taken for a breakdown by level (a district named)."""
    res = check_file(PROBES / "hung-yen_2024-q3_chiem-cap.txt")
    assert _alarms(res) == []
    assert ("enum.exceeds", "holds", 165, 165) in {(c.rule, c.status, c.stated, c.expected) for c in res.claims
                                                    if c.values[0].line == 5}
    bad = _checked(["Các đơn vị còn để xảy ra hồ sơ quá hạn gồm: Sở Tài nguyên và Môi trường 120 hồ sơ, Sở Xây dựng "
                    "15 hồ sơ, UBND huyện Văn Lâm 30 hồ sơ; tổng cộng 167 hồ sơ."])
    assert [(f["rule"], f["stated"]) for f in bad.findings if f["severity"] == "error"] == [("enum.shortfall", 167)]


def test_a_change_from_one_figure_to_another():
    """Probe quang-binh_2024-q2_tu-len.txt: "giảm từ 15 ngày xuống còn 10 ngày, giảm 43,3%" (10 / 15 - 1 = -33,33%)
    was not read: a change stated after "từ A lên/xuống B" had no check (so-với shapes only)."""
    res = check_file(PROBES / "quang-binh_2024-q2_tu-len.txt")
    assert [(f["rule"], f["line"], f["stated"], f["expected"]) for f in _alarms(res)] == \
        [("change.count", 3, -43.3, -33.3333)]
    held = {(c.rule, c.values[0].line, c.stated) for c in res.claims if c.status == "holds"}
    assert {("change.pp_or_relative", 4, 7.11), ("change.count", 5, 3000)} <= held
    def changes(line):
        return [(c.rule, c.status, c.stated) for c in _checked([line]).claims if c.rule.startswith("change.")]
    assert changes("Số hồ sơ trực tuyến tăng từ 12.000 hồ sơ lên 15.000 hồ sơ, tăng 35%.") == \
        [("change.count", "fail", 35)]
    # a count after two rates is no change of theirs
    assert changes("Tỷ lệ hồ sơ trực tuyến tăng từ 45% lên 52%, giảm 3.000 hồ sơ trực tiếp.") == []


def test_a_part_label_after_its_whole_and_a_colon():
    """Probe quang-binh_2024-q2_tu-len.txt line 6: "Số hồ sơ đang giải quyết: quá hạn: 05 hồ sơ; trong hạn: 130 hồ
    sơ; tổng số hồ sơ đang giải quyết: 135 hồ sơ": the 05 had been read as the pending total (an overdue
    count needs a whole of its own), so the partition was checked against 5 (a false alarm)."""
    from analysis.build import extract_file
    facts = [(f.indicator, f.value) for f in extract_file(PROBES / "quang-binh_2024-q2_tu-len.txt").facts if f.line == 6]
    assert facts == [("dossiers.pending_overdue", 5), ("dossiers.pending_within", 130), ("dossiers.pending", 135)]
    bad = _checked(["Số hồ sơ đang giải quyết: quá hạn: 05 hồ sơ; trong hạn: 130 hồ sơ; tổng số hồ sơ đang giải "
                    "quyết: 125 hồ sơ."])
    assert [(f["rule"], f["stated"], f["expected"]) for f in bad.findings if f["severity"] == "error"] == \
        [("calc.partition", 125, 135)]


def test_a_total_standing_alone_after_the_sentence_of_its_parts():
    """Probe vinh-phuc_2024-q1_tong.txt: "cấp tỉnh: 1.200 hồ sơ; cấp huyện: 800 hồ sơ; cấp xã: 2.000 hồ sơ. Tổng:
    4.000 hồ sơ." gave no fact for the 4.000 (no label of its own)."""
    res = check_file(PROBES / "vinh-phuc_2024-q1_tong.txt")
    assert ("calc.levels", "holds", 4000) in {(c.rule, c.status, c.stated) for c in res.claims}
    text = "Số hồ sơ tiếp nhận phân theo cấp: cấp tỉnh: 1.200 hồ sơ; cấp huyện: 800 hồ sơ; cấp xã: 2.000 hồ sơ. Tổng: 4.010 hồ sơ."
    assert [(f["rule"], f["stated"]) for f in _checked([text]).findings if f["severity"] == "error"] == [("calc.levels", 4010)]


def test_a_later_sentence_led_by_the_whole_unit_states_the_total():
    """Probe dien-bien_2024-09_thang.txt: "Cấp tỉnh ... giải quyết 4.180 hồ sơ; cấp huyện ... 1.990 hồ sơ; cấp
    xã ... 3.870 hồ sơ. Như vậy, toàn tỉnh đã giải quyết 10.040 hồ sơ." read the 10.040 at the level the
    paragraph opened on (cấp tỉnh), so the levels were never summed."""
    from analysis.build import extract_file
    facts = [(f.indicator, f.level, f.value) for f in extract_file(PROBES / "dien-bien_2024-09_thang.txt").facts
             if f.line == 4 and f.indicator == "dossiers.resolved"]
    assert facts == [("dossiers.resolved", "tinh", 4180), ("dossiers.resolved", "huyen", 1990),
                     ("dossiers.resolved", "xa", 3870), ("dossiers.resolved", "total", 10040)]
    bad = _checked(["Trong quý I, cấp tỉnh giải quyết 4.180 hồ sơ; cấp huyện giải quyết 1.990 hồ sơ; cấp xã giải "
                    "quyết 3.870 hồ sơ. Như vậy, toàn tỉnh đã giải quyết 10.140 hồ sơ."])
    assert [(f["rule"], f["stated"]) for f in bad.findings if f["severity"] == "error"] == [("calc.levels", 10140)]


def test_procedures_offered_online_are_the_full_and_partial_services():
    """Probe kien-giang_2024_cong-bo.txt line 4: "Tổng số TTHC đang thực hiện tiếp nhận trực tuyến là 1.523 thủ
    tục, trong đó 981 dịch vụ công trực tuyến toàn trình và 542 ... một phần" was read as every procedure
    in force (tthc.total), of which the services are no partition: a changed total went unseen."""
    from analysis.build import extract_file
    facts = [(f.indicator, f.value) for f in extract_file(PROBES / "kien-giang_2024_cong-bo.txt").facts if f.line == 4]
    assert facts == [("tthc.online", 1523), ("dvc.full", 981), ("dvc.partial", 542)]
    bad = _checked(["Tổng số TTHC đang thực hiện tiếp nhận trực tuyến là 1.533 thủ tục, trong đó 981 dịch vụ công "
                    "trực tuyến toàn trình và 542 dịch vụ công trực tuyến một phần."])
    assert [(f["rule"], f["stated"]) for f in bad.findings if f["severity"] == "error"] == [("calc.partition", 1533)]


def test_a_whole_named_before_a_comma_and_co():
    """Probe quang-tri_2024-q1_hs.txt: "Trong số hồ sơ đã giải quyết, có 20.512 HS giải quyết trước và đúng hạn"
    was read as the resolved count (the comma hid "trong số ... có"), so received = resolved + pending
    was checked against 41.857 (a false alarm)."""
    res = check_file(PROBES / "quang-tri_2024-q1_hs.txt")
    assert _alarms(res) == []
    held = {(c.rule, c.stated) for c in res.claims if c.status == "holds"}
    assert {("calc.partition", 21345), ("calc.partition", 20890), ("share.count", 98.19)} <= held


def test_a_count_stated_as_a_multiple_of_an_earlier_one():
    """Probe yen-bai_2024-q2_quy-truoc.txt line 4: "đạt 12.000 hồ sơ, tăng gấp 1,5 lần so với cùng kỳ năm 2023
    (8.000 hồ sơ)" had no check ("gấp C lần" is neither a change nor a percentage)."""
    res = check_file(PROBES / "yen-bai_2024-q2_quy-truoc.txt")
    assert ("change.times", "holds", 1.5, 4) in {(c.rule, c.status, c.stated, c.values[0].line) for c in res.claims}
    def times(line):
        return [(f["rule"], f["stated"], f["expected"]) for f in _checked([line]).findings if f["severity"] == "error"]
    assert times("Số hồ sơ trực tuyến đạt 12.000 hồ sơ, tăng gấp 2,5 lần so với cùng kỳ năm 2023 (8.000 hồ sơ).") == \
        [("change.times", 2.5, 1.5)]
    # an approximate multiple admits what it says: 12.000 is "hơn 2 lần" 5.000
    assert times("Số hồ sơ trực tuyến đạt 12.000 hồ sơ, gấp hơn 2 lần so với năm 2023 (5.000 hồ sơ).") == []


def test_what_is_left_after_the_resolved_count_is_pending():
    """Probe phu-tho_2024-h1_ton.txt: "tiếp nhận 1.234 hồ sơ; giải quyết 1.200 hồ sơ; tồn 34 hồ sơ" gave no fact
    for the 34 ("tồn" read nowhere), so received = resolved + pending was never checked."""
    from analysis.build import extract_file
    facts = [(f.indicator, f.level, f.value) for f in extract_file(PROBES / "phu-tho_2024-h1_ton.txt").facts]
    assert ("dossiers.pending", "tinh", 34) in facts and ("dossiers.pending", "huyen", 67) in facts
    bad = _checked(["Tại Bộ phận Một cửa cấp huyện: tiếp nhận 4.577 hồ sơ; giải quyết 4.500 hồ sơ; tồn 67 hồ sơ."])
    assert [(f["rule"], f["stated"]) for f in bad.findings if f["severity"] == "error"] == [("calc.partition", 4577)]
    # carried over, not pending: "tồn kỳ trước"
    from analysis.facts import extract_facts
    doc, meta = _doc(["Tiếp nhận 1.300 hồ sơ, trong đó tồn kỳ trước 100 hồ sơ; đã giải quyết 1.200 hồ sơ."])
    assert ("dossiers.carried_over", 100) in [(f.indicator, f.value) for f in extract_facts(doc, meta)]


def test_on_time_and_early_joined_by_a_comma_and_a_change_whose_base_names_its_period():
    """Probe ha-giang_2024-q2_phan-so.txt: "Tổng số hồ sơ giải quyết đúng hạn, trước hạn là 5.432 hồ sơ/5.500 hồ
    sơ" was read as the received count (the label "tổng số hồ sơ giải quyết ... là"), and "giảm 35% so với quý
    trước (quý I: 200 hồ sơ)" had no check (the period before the colon hid the base)."""
    from analysis.build import extract_file
    facts = [(f.indicator, f.value) for f in extract_file(PROBES / "ha-giang_2024-q2_phan-so.txt").facts if f.line == 3]
    assert facts[0] == ("dossiers.early_or_on_time", 5432)
    res = check_file(PROBES / "ha-giang_2024-q2_phan-so.txt")
    assert ("change.count", "holds", -35, 4) in {(c.rule, c.status, c.stated, c.values[0].line) for c in res.claims}
    bad = _checked(["Số hồ sơ giải quyết trễ hạn là 130 hồ sơ, giảm 45% so với quý trước (quý I: 200 hồ sơ)."])
    assert [(f["rule"], f["stated"], f["expected"]) for f in bad.findings if f["severity"] == "error"] == \
        [("change.count", -45, -35)]


def test_parts_after_a_whole_named_in_words_before_a_comma():
    """Probe lang-son_2024-q3_can-giai-quyet.txt line 4: "Trong số hồ sơ tiếp nhận mới, trực tuyến 6.300 hồ sơ,
    trực tiếp 3.700 hồ sơ" read the 6.300 as the new dossiers (the whole's words), which then disagreed with
    the 10.000 of line 3 (a false alarm)."""
    res = check_file(PROBES / "lang-son_2024-q3_can-giai-quyet.txt")
    assert _alarms(res) == []
    from analysis.build import extract_file
    facts = [(f.indicator, f.value) for f in extract_file(PROBES / "lang-son_2024-q3_can-giai-quyet.txt").facts if f.line == 4]
    assert facts == [("dossiers.new_online", 6300), ("dossiers.new_offline", 3700)]


def test_a_clause_naming_the_whole_unit_after_the_levels_states_the_total(tmp_path):
    """Probe bac-ninh_2025-q4_hai-cap.txt: "cấp tỉnh tiếp nhận 20.450 hồ sơ, cấp xã tiếp nhận 35.125 hồ sơ; tổng
    cộng toàn tỉnh tiếp nhận 55.575 hồ sơ" read the 55.575 at cấp xã (the level before it), so the two levels
    of a merged province (from 1/7/2025) were never summed."""
    from analysis.build import extract_file
    probe = PROBES / "bac-ninh_2025-q4_hai-cap.txt"
    facts = [(f.level, f.value) for f in extract_file(probe).facts if f.line == 3]
    assert facts == [("tinh", 20450), ("xa", 35125), ("total", 55575)]
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("55.575", "55.675"), encoding="utf-8")
    assert [(f["rule"], f["stated"]) for f in check_file(bad).findings if f["severity"] == "error"] == \
        [("calc.levels", 55675)]


def test_a_fraction_over_its_total_and_the_pakn_handled_rate():
    """Probes ben-tre_2024-q2_tang-diem.txt ("1.024 hồ sơ trực tuyến/tổng số 4.096 hồ sơ tiếp nhận, đạt tỷ lệ 25%":
    no fraction was read) and hau-giang_2024-q3_pakn.txt ("Tỷ lệ xử lý phản ánh, kiến nghị đạt 83,33%": no
    indicator)."""
    held = {(c.rule, c.stated) for c in check_file(PROBES / "ben-tre_2024-q2_tang-diem.txt").claims if c.status == "holds"}
    assert ("ratio.fraction", 25) in held
    held = {(c.rule, c.stated) for c in check_file(PROBES / "hau-giang_2024-q3_pakn.txt").claims if c.status == "holds"}
    assert ("rate.recomputed", 83.33) in held
    bad = _checked(["Có 1.024 hồ sơ trực tuyến/tổng số 4.096 hồ sơ tiếp nhận, đạt tỷ lệ 27%.",
                    "Tiếp nhận 18 phản ánh, kiến nghị, trong đó đã xử lý 15 phản ánh, kiến nghị, đang xử lý 03 phản "
                    "ánh, kiến nghị. Tỷ lệ xử lý phản ánh, kiến nghị đạt 88,33%."])
    assert sorted((f["rule"], f["stated"]) for f in bad.findings if f["severity"] == "error") == \
        [("rate.recomputed", 88.33), ("ratio.fraction", 27)]


def test_form_ii06c_columns_carried_over_and_in_person_or_by_post():
    """Probe lao-cai_2024-q1_bieu-ii06c.txt: under "Số hồ sơ nhận giải quyết", the column "Từ kỳ trước" (6) took
    the "Trực tiếp, dịch vụ bưu chính" header written below "Trong kỳ" beside it, and both were read as dossiers
    by post: the carried-over count and the in-person count were never read as such."""
    from analysis.build import extract_file
    facts = [(f.indicator, f.value) for f in extract_file(PROBES / "lao-cai_2024-q1_bieu-ii06c.txt").facts if f.line == 13]
    assert facts[:4] == [("dossiers.received", 11980), ("dossiers.new_online", 5800),
                         ("dossiers.new_offline", 5880), ("dossiers.carried_over", 300)]
    res = check_file(PROBES / "lao-cai_2024-q1_bieu-ii06c.txt")
    assert _alarms(res) == []
    assert ("calc.partition", "holds", 11980) in {(c.rule, c.status, c.stated) for c in res.claims}


def test_a_named_agency_as_the_subject_scopes_its_figures(tmp_path):
    """Probe ha-nam_2024-q2_tung-so.txt: a province's report giving one department's or one district's counts
    after the province's ("Riêng Sở Tư pháp đã tiếp nhận với tổng số 642 hồ sơ; đã giải quyết 630 ...",
    "- UBND huyện Bình Lục tiếp nhận 3.456 hồ sơ") read them as the province's (or the district level's):
    fifteen dup.figure errors ("Hồ sơ tiếp nhận nêu 14.550 (dòng 3) nhưng ở dòng 5 là 1.234"), and a brief
    could show a department's count as the province's."""
    from analysis.build import extract_file
    from analysis.headline import eligible
    probe = PROBES / "ha-nam_2024-q2_tung-so.txt"
    assert _alarms(check_file(probe)) == []
    facts = extract_file(probe).facts
    assert {(f.line, f.scope) for f in facts if f.line in (4, 8)} == {(4, "sở tư pháp"), (8, "ubnd huyện bình lục")}
    # the brief's headline reads the province's counts only
    assert [(r["line"], r["value"]) for r in eligible([f.row() for f in facts]) if r["indicator"] == "dossiers.received"] \
        == [(3, 14550)]
    # each unit's own partition is still checked: a changed count is flagged against its own unit's total
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("630 hồ sơ", "620 hồ sơ"), encoding="utf-8")
    assert [(f["rule"], f["stated"]) for f in check_file(bad).findings if f["severity"] == "error"] == \
        [("calc.partition", 642)]
    # the report's own unit is no subset: a department's own report ("Sở Công Thương tiếp nhận ..." first)
    assert {f.scope for f in extract_file(PROBES / "binh-duong_2023-q2_so-cong-thuong.txt").facts} == {""}


def test_a_changed_count_a_part_by_post_and_a_change_before_its_two_counts(tmp_path):
    """Probe bac-kan_2024-10_thang.txt. Line 5, "số hồ sơ tiếp nhận mới tăng 1.200 hồ sơ (từ 5.400 lên 6.600 hồ
    sơ)": the 1.200 was read as the new dossiers themselves (a dup.figure error against line 3's 6.600), and
    the change was not checked (only "tăng từ A lên B, tăng C" was read). Line 6, "Số hồ sơ tiếp nhận qua dịch
    vụ bưu chính công ích: 350 hồ sơ": read as the dossiers received (the part's parent is not stated in its
    sentence), a calc.partition error against 6.600 + 240."""
    from analysis.build import extract_file
    probe = PROBES / "bac-kan_2024-10_thang.txt"
    res = check_file(probe)
    assert _alarms(res) == []
    facts = {(f.line, f.indicator, f.role, f.value) for f in extract_file(probe).facts if f.line in (5, 6)}
    assert facts == {(5, "dossiers.new", "change", 1200), (6, "dossiers.new_post", "value", 350)}
    assert ("change.count", "holds", 1200) in {(c.rule, c.status, c.stated) for c in res.claims}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("tăng 1.200", "tăng 1.300"), encoding="utf-8")
    assert [(f["rule"], f["stated"], f["expected"]) for f in check_file(bad).findings if f["severity"] == "error"] == \
        [("change.count", 1300, 1200)]


def test_a_field_as_its_clauses_subject_scopes_each_figure_of_the_clause():
    """Probe thai-nguyen_2024-q3_linh-vuc.txt: "Trong đó, lĩnh vực đất đai tiếp nhận 3.200 hồ sơ, giải quyết
    3.100 hồ sơ, đang giải quyết 100 hồ sơ; lĩnh vực hộ tịch ...": only the first figure of each field had its
    scope (named "lĩnh vực đất đai tiếp nhận"); the others were the province's, summed into its partition
    (a false alarm), and each field's own partition went unchecked."""
    from analysis.build import extract_file
    probe = PROBES / "thai-nguyen_2024-q3_linh-vuc.txt"
    res = check_file(probe)
    assert _alarms(res) == []
    assert [f.scope for f in extract_file(probe).facts if f.line == 3] == \
        [""] * 3 + ["lĩnh vực đất đai"] * 3 + ["lĩnh vực hộ tịch"] * 3
    held = {(c.rule, c.stated) for c in res.claims if c.status == "holds"}
    assert {("calc.partition", 3200), ("calc.partition", 2000), ("calc.partition", 21450)} <= held


def test_a_score_over_its_maximum_then_its_change_and_a_satisfaction_index_out_of_100(tmp_path):
    """Probe binh-dinh_2024-q2_diem.txt line 4: "Chỉ số phục vụ người dân, doanh nghiệp đạt 85,6/100 điểm, tăng 2,3
    điểm so với quý I (83,3 điểm)": the score written over its maximum was no figure for the change rules, so
    the change went unchecked. And "Chỉ số hài lòng ... đạt 85,6 điểm" (the SIPAS index, out of 100) had been
    read as the satisfaction group of Quyết định 766 (18 points at most): a bound.max false alarm."""
    probe = PROBES / "binh-dinh_2024-q2_diem.txt"
    assert ("change.count", "holds", 2.3) in {(c.rule, c.status, c.stated) for c in check_file(probe).claims}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("tăng 2,3 điểm", "tăng 3 điểm"), encoding="utf-8")
    assert [(f["rule"], f["stated"], f["expected"]) for f in check_file(bad).findings if f["severity"] == "error"] == \
        [("change.count", 3, 2.3)]
    res = _checked(["Chỉ số hài lòng của người dân đạt 85,6 điểm, tăng 2,3 điểm so với quý I (83,3 điểm)."])
    assert _alarms(res) == [] and [(c.rule, c.status) for c in res.claims] == [("change.count", "holds")]


def test_a_paragraph_breaking_figures_down_by_level_sets_no_level_for_the_next():
    """Probes yen-bai_2024-q3_lan-luot.txt and gia-lai_2025-q4_hai-cap.txt: a paragraph opening on a level and
    going on to the others ("Cấp tỉnh tiếp nhận 45.210 hồ sơ, cấp xã tiếp nhận 80.120 hồ sơ, tổng cộng 125.330
    hồ sơ") had set cấp tỉnh for the paragraphs after it: "Tổng số TTHC thuộc thẩm quyền giải quyết của tỉnh là
    1.912 TTHC, trong đó: cấp tỉnh 1.452 TTHC, ..." was the province level's, and its levels went unsummed."""
    from analysis.build import extract_file
    yb = PROBES / "yen-bai_2024-q3_lan-luot.txt"
    assert [(f.indicator, f.level) for f in extract_file(yb).facts if f.line == 4][0] == ("tthc.total", "total")
    assert ("calc.levels", "holds", 1912) in {(c.rule, c.status, c.stated) for c in check_file(yb).claims}
    gl = extract_file(PROBES / "gia-lai_2025-q4_hai-cap.txt").facts
    assert {f.level for f in gl if f.line >= 5} == {"total"}


def test_an_article_on_one_district_is_that_districts_whole():
    """Probe dak-nong_2023_cu-jut.txt: a press article whose heading names no unit, on one district ("Năm 2023,
    UBND huyện Cư Jút tiếp nhận 12.000 hồ sơ ...", then "Huyện đã giải quyết 11.800 hồ sơ, còn 200 ..."): the
    district is the report's own unit, not a part of it, so its figures keep no scope and the next
    paragraph's are checked with them."""
    from analysis.build import extract_file
    probe = PROBES / "dak-nong_2023_cu-jut.txt"
    assert {f.scope for f in extract_file(probe).facts} == {""}
    held = {(c.rule, c.stated, tuple(v.value for v in c.values)) for c in check_file(probe).claims if c.status == "holds"}
    assert ("calc.partition", 12000, (12000, 11800, 200)) in held


def test_the_year_so_far_in_a_weeks_bulletin():
    """Probe quang-nam_2024-05_tuan.txt: a weekly bulletin ("Trong tuần (từ ngày 11/5 đến 17/5/2024), Trung tâm ...
    tiếp nhận 1.250 hồ sơ, đã trả kết quả 1.180 hồ sơ.") then "Lũy kế từ đầu năm đến nay, Trung tâm tiếp nhận
    5.400 hồ sơ ...": the year so far had taken the week's window (only a month's or a quarter's report set
    it apart), so 5.400 was held against 1.250 (dup.figure) and the week's 1.180 against the year's parts."""
    from analysis.build import extract_file
    probe = PROBES / "quang-nam_2024-05_tuan.txt"
    assert _alarms(check_file(probe)) == []
    assert {f.period for f in extract_file(probe).facts if f.line == 7} == {"2024-YTD"}


def test_a_rate_column_is_read_as_rates_and_its_total_row_is_not_summed():
    """Probe tra-vinh_2024-q1_bang-cap.txt: a table by level with a column "Tỷ lệ đúng hạn (%)" and a "Toàn tỉnh"
    row: the rates were read as on-time counts (99,16 hồ sơ), and both the total row (99,46 against 298,08) and
    the levels were summed: two false errors."""
    from analysis.build import extract_file
    probe = PROBES / "tra-vinh_2024-q1_bang-cap.txt"
    res = check_file(probe)
    assert _alarms(res) == []
    assert [(f.indicator, f.level, f.value, f.unit) for f in extract_file(probe).facts if f.line == 10][-1] == \
        ("rate.on_time", "total", 99.46, "%")
    assert {(c.rule, c.stated) for c in res.claims if c.status == "holds"} >= \
        {("table.column_total", 40870), ("table.column_total", 40400)}


def test_procedures_published_after_a_decisions_number_or_a_subject():
    """Probe tien-giang_2024-q2_tong-hop.txt line 5: "ban hành Quyết định số 1234/QĐ-UBND ngày 12/3/2024 công bố 56
    TTHC, trong đó 20 TTHC cấp tỉnh, 36 TTHC cấp huyện" gave no fact (the label wanted "quyết định" or "đã"
    right before "công bố"); "được công bố: 02" after "văn bản QPPL" (Bắc Giang 2022 line 31) stays no TTHC."""
    from analysis.build import extract_file
    facts = [(f.indicator, f.level, f.value) for f in extract_file(PROBES / "tien-giang_2024-q2_tong-hop.txt").facts
             if f.line == 5]
    assert facts[:3] == [("tthc.published", "total", 56), ("tthc.published", "tinh", 20), ("tthc.published", "huyen", 36)]
    doc, meta = _doc(["UBND tỉnh công bố 56 TTHC.", "", "Tổng số văn bản QPPL có quy định TTHC được công bố: 02."])
    from analysis.facts import extract_facts
    assert [(f.line, f.indicator, f.value) for f in extract_facts(doc, meta)] == [(1, "tthc.published", 56)]


def test_a_rate_after_a_bracket_of_parts_is_the_whole_counts():
    """Probe nghe-an_2024-06_tra-ket-qua.txt line 3: "Trung tâm tiếp nhận 4.512 hồ sơ, trả kết quả 4.498 hồ sơ
    (trước hạn 3.200, đúng hạn 1.290, trễ hạn 8), đạt 99,82% hồ sơ đúng hạn": the 99,82% was read as the share
    of the 8 inside the brackets (a share.count false alarm, "tỷ lệ đúng là 0,1779%"); "trả kết quả" named no
    count, and "99,82% hồ sơ đúng hạn" no rate. Now the rate is recomputed from the parts."""
    from analysis.build import extract_file
    probe = PROBES / "nghe-an_2024-06_tra-ket-qua.txt"
    res = check_file(probe)
    assert _alarms(res) == []
    facts = [(f.indicator, f.value) for f in extract_file(probe).facts if f.line == 3]
    assert ("dossiers.resolved", 4498) in facts and ("rate.on_time", 99.82) in facts
    held = {(c.rule, c.stated) for c in res.claims if c.status == "holds"}
    assert {("calc.partition", 4498), ("rate.recomputed", 99.82)} <= held


def test_a_comparisons_difference_is_a_change_not_an_approximate_count():
    """Probe binh-phuoc_2024-q3_thang.txt: "tiếp nhận 9.500 hồ sơ, cao hơn 2.000 hồ sơ so với quý II/2024 (7.500 hồ
    sơ)": the 2.000 was read as an approximate ("hơn") received count of the quarter (a calc.partition false
    alarm against the resolved and pending), and the difference was not checked."""
    from analysis.build import extract_file
    from analysis.numbers import find_numbers
    probe = PROBES / "binh-phuoc_2024-q3_thang.txt"
    res = check_file(probe)
    assert _alarms(res) == []
    assert ("change.count", "holds", 2000) in {(c.rule, c.status, c.stated) for c in res.claims}
    assert [f for f in extract_file(probe).facts if f.value == 2000 and f.role == "value"] == []
    assert [n.qualifier for n in find_numbers("cao hơn 2.000 hồ sơ; hơn 2.000 hồ sơ")] == [None, "hơn"]


def test_feedback_by_channel_in_brackets_is_a_partition():
    """Probe ha-giang_2024-h1_pakn.txt: "tiếp nhận 36 phản ánh, kiến nghị (qua Hệ thống tiếp nhận, trả lời phản ánh,
    kiến nghị của Chính phủ 21 phản ánh, kiến nghị; qua đường dây nóng 15 ...)": the 21 had been read as the PAKN
    received (its channel's name holds "tiếp nhận"), a false calc.partition against processed + pending; the
    channels now sum to the 36, and a changed 36 is caught."""
    res = check_file(PROBES / "ha-giang_2024-h1_pakn.txt")
    assert not _alarms(res), res.findings
    sums = [[v.value for v in c.values] for c in res.claims if c.rule == "calc.partition" and c.status == "holds"]
    assert [36, 21, 15] in sums and [36, 34, 2] in sums, sums
    facts = {(f.indicator, f.value) for f in extract_file(PROBES / "ha-giang_2024-h1_pakn.txt").facts}
    assert {("pakn.received", 36), ("pakn.via_system", 21), ("pakn.via_hotline", 15)} <= facts
    assert ("pakn.received", 21) not in facts


def test_online_share_of_a_received_count_is_not_held_against_the_resolved_count():
    """Probe ninh-thuan_2024-q2_luot.txt: "tiếp nhận 12.480 hồ sơ, trong đó hồ sơ trực tuyến là 9.236 hồ sơ,
    chiếm tỷ lệ 74%; đã trả kết quả 12.105 hồ sơ": the 12.105 resolved was a plausible base too, so 76% (9.236 /
    12.105 = 76,30%) held. The filing channels' share is over the received count when one stands before them."""
    p = PROBES / "ninh-thuan_2024-q2_luot.txt"
    [c] = [c for c in check_file(p).claims if c.rule == "share.count" and c.stated == 74]
    assert c.status == "holds" and [v.value for v in c.values] == [74, 9236, 12480]


def test_online_share_keeps_a_resolved_base_the_text_names():
    """Probe ca-mau_2022-q3_dvctt.txt: "Với tổng số 2.000 hồ sơ đã giải quyết, có 1.260 hồ sơ được nộp trực
    tuyến, chiếm tỷ lệ 63%": no received count stands before, so the resolved count stays a base."""
    [c] = [c for c in check_file(PROBES / "ca-mau_2022-q3_dvctt.txt").claims if c.rule == "share.count" and c.stated == 63]
    assert c.status == "holds" and 2000 in [v.value for v in c.values]


def test_due_dossiers_split_into_on_time_and_overdue():
    """Probe binh-thuan_2024-q3_muc.txt: "Số hồ sơ đến hạn giải quyết là 30.560 hồ sơ, trong đó đã giải quyết
    đúng hạn 30.410 hồ sơ, quá hạn 150 hồ sơ" (no early count): due = on time + overdue (calc.yml)."""
    res = check_file(PROBES / "binh-thuan_2024-q3_muc.txt")
    assert ("calc.partition", "holds", 30560, 30560) in {(c.rule, c.status, c.stated, c.expected) for c in res.claims}


def test_a_total_line_after_list_items_totals_them():
    """Probe phu-yen_2024-h1_cong.txt: three "+ Hồ sơ tiếp nhận ...: N hồ sơ;" items, then a paragraph "Tổng cộng:
    34.440 hồ sơ." The total had no label of its own and gave no fact; it is now the items' common total."""
    facts = extract_file(PROBES / "phu-yen_2024-h1_cong.txt").facts
    [t] = [f for f in facts if f.value == 34440]
    assert (t.indicator, t.line, t.level) == ("dossiers.new", 5, "total")
    held = {(c.stated, c.expected) for c in check_file(PROBES / "phu-yen_2024-h1_cong.txt").claims
            if c.rule == "calc.partition" and c.status == "holds"}
    assert (34440, 34440) in held


def test_ratings_by_level_sum_to_the_ratings(tmp_path):
    """Probe ninh-thuan_2024-q2_luot.txt: "Số lượt đánh giá sự hài lòng: 8.320 lượt, trong đó rất hài lòng 7.950
    lượt, hài lòng 352 lượt, không hài lòng 18 lượt": the levels of the evaluation form exhaust the ratings."""
    p = PROBES / "ninh-thuan_2024-q2_luot.txt"
    facts = [(f.indicator, f.value) for f in extract_file(p).facts if f.indicator.startswith("satisfaction.")]
    assert facts == [("satisfaction.reviews", 8320), ("satisfaction.very_satisfied", 7950),
                     ("satisfaction.satisfied", 352), ("satisfaction.unsatisfied", 18)]
    mutated = p.read_text(encoding="utf-8").replace("8.320", "8.330")
    q = tmp_path / p.name
    q.write_text(mutated, encoding="utf-8")
    assert any(f["rule"] == "calc.partition" and f["stated"] == 8330 for f in _alarms(check_file(q)))


def test_change_against_a_count_two_paragraphs_back():
    """Probe tay-ninh_2024-06_thang.txt: "tiếp nhận 28.640 hồ sơ ...", a paragraph of rates, then "So với tháng
    5/2024 (25.100 hồ sơ), số hồ sơ tiếp nhận tăng 14,1%." The current count was looked for in the change's
    paragraph and the one before only; it is now looked for as far back as a share's base."""
    res = check_file(PROBES / "tay-ninh_2024-06_thang.txt")
    [c] = [c for c in res.claims if c.rule == "change.count"]
    assert (c.status, c.stated, [v.value for v in c.values]) == ("holds", 14.1, [28640, 14.1, 25100])
    assert round(c.expected, 2) == 14.10


def test_rate_group_shares_of_a_resolved_split_beside_a_received_count():
    """Probe ha-nam_2024-q3_pakn-ngoac.txt: "Tiếp nhận hơn 12,5 ngàn hồ sơ, ... Giải quyết trước và đúng hạn 9.500 hồ
    sơ (đạt 98,96%), trễ hạn 100 hồ sơ (1,04%)": the received count in the paragraph was taken as the shares' only
    base (two false errors); the shares add up to 100 % and are of their own counts' sum, the dossiers resolved."""
    res = check_file(PROBES / "ha-nam_2024-q3_pakn-ngoac.txt")
    assert not _alarms(res), res.findings
    got = {(c.stated, c.status) for c in res.claims if c.rule == "share.count"}
    assert {(98.96, "holds"), (1.04, "holds")} <= got


def test_a_rate_whose_brackets_give_its_count_and_total_or_its_count(tmp_path):
    """Probes ha-nam_2024-q3_pakn-ngoac.txt ("quá hạn của cấp huyện: 0,35% (14 hồ sơ trên tổng số 4.000 hồ sơ đã giải
    quyết)") and kon-tum_2024-q1_nghin.txt ("đúng hạn, trước hạn đạt 99,1% (44.407 hồ sơ)", the 44.407 read as
    early by the words before the brackets): neither rate was held against its own count."""
    hn = check_file(PROBES / "ha-nam_2024-q3_pakn-ngoac.txt")
    assert ("holds", [0.35, 14, 4000]) in [(c.status, [v.value for v in c.values]) for c in hn.claims if c.rule == "share.count"]
    kt = PROBES / "kon-tum_2024-q1_nghin.txt"
    [c] = [c for c in check_file(kt).claims if c.rule == "share.count"]
    assert (c.status, [v.value for v in c.values][:2]) == ("holds", [99.1, 44407]) and 44810 in [v.value for v in c.values]
    q = tmp_path / kt.name
    q.write_text(kt.read_text(encoding="utf-8").replace("99,1%", "99,8%"), encoding="utf-8")
    assert any(f["rule"] == "share.count" and f["stated"] == 99.8 for f in _alarms(check_file(q)))


def test_a_district_report_its_own_one_stop_shop_and_its_whole():
    """Probe vinh-phuc_2024-q1_yen-lac.txt, a district's report: "Bộ phận Một cửa huyện tiếp nhận 5.230 hồ sơ; Bộ
    phận Một cửa cấp xã tiếp nhận 12.400 hồ sơ; tổng cộng toàn huyện tiếp nhận 17.630 hồ sơ. Đã giải quyết 17.380
    hồ sơ ...". The 5.230 had been read as the whole and the 17.630 as the communes' (a false calc.partition);
    the district's one-stop shop is its district level, "toàn huyện" its whole, and the next sentence the whole's."""
    p = PROBES / "vinh-phuc_2024-q1_yen-lac.txt"
    levels = {f.value: f.level for f in extract_file(p).facts if f.indicator in ("dossiers.received", "dossiers.resolved")}
    assert levels == {5230: "huyen", 12400: "xa", 17630: "total", 17380: "total"}
    res = check_file(p)
    assert not _alarms(res), res.findings
    assert ("calc.partition", "holds", 17630, 17630) in {(c.rule, c.status, c.stated, c.expected) for c in res.claims}


def test_online_dossiers_by_service_level_and_a_named_total_after_them():
    """Probe quang-binh_2023-q4_tong-truc-tuyen.txt: "Hồ sơ trực tuyến mức độ 3: 2.100 hồ sơ; mức độ 4: 3.020 hồ sơ;
    tổng trực tuyến: 5.120 hồ sơ, chiếm 25%". The level-4 count and the total gave no fact, and the 25 % was taken
    for the level-3 count's; online = level 3 + level 4 (Nghị định 45/2020/NĐ-CP), and "tổng <words>:" after
    parts is their total. "52.706 hồ sơ trực tuyến mức độ 3, 4" (probe kien-giang) stays the online count."""
    facts = [(f.indicator, f.value, f.unit) for f in extract_file(PROBES / "quang-binh_2023-q4_tong-truc-tuyen.txt").facts
             if f.line == 3]
    assert facts[1:] == [("dossiers.online_level3", 2100, "hồ sơ"), ("dossiers.online_level4", 3020, "hồ sơ"),
                         ("dossiers.new_online", 5120, "hồ sơ"), ("dossiers.new_online", 25, "%")]
    held = {(c.rule, c.stated, c.expected) for c in check_file(PROBES / "quang-binh_2023-q4_tong-truc-tuyen.txt").claims
            if c.status == "holds"}
    assert ("calc.partition", 5120, 5120) in held
    kg = [f.indicator for f in extract_file(PROBES / "kien-giang_2021-q4_dvc.txt").facts if f.value == 52706]
    assert kg == ["dossiers.new_online"]


def test_what_is_left_within_its_deadline_is_pending():
    """Probe ha-tinh_2024-05_trung-tam.txt: "Đã giải quyết 3.400 hồ sơ, còn lại 56 hồ sơ đang trong thời hạn giải
    quyết. Trong số hồ sơ đã giải quyết có 3.380 hồ sơ trước hạn và đúng hạn, 20 hồ sơ trễ hẹn." The 56 had been
    read as resolved, and taken as the total of the list after it (a false enum.exceeds: 3.380 + 20 over 56)."""
    p = PROBES / "ha-tinh_2024-05_trung-tam.txt"
    assert ("dossiers.pending", 56) in [(f.indicator, f.value) for f in extract_file(p).facts]
    res = check_file(p)
    assert not _alarms(res), res.findings
    held = {(c.rule, c.stated, c.expected) for c in res.claims if c.status == "holds"}
    assert ("calc.partition", 3456, 3456) in held and ("calc.partition", 3400, 3400) in held


def test_rieng_before_a_period_names_no_subset():
    """Probe hai-duong_2024-09_luy-ke.txt: "Lũy kế từ đầu năm ... tiếp nhận 120.450 hồ sơ. Riêng trong tháng 9, tiếp
    nhận 10.500 hồ sơ ...": the month's figures had the scope "trong tháng 9", as if a subset of the province, so
    the month report's own counts were no whole-province figures."""
    facts = [(f.value, f.scope) for f in extract_file(PROBES / "hai-duong_2024-09_luy-ke.txt").facts if f.line == 3]
    assert facts == [(120450, ""), (10500, ""), (10200, ""), (300, "")]


def test_a_units_fraction_before_a_rate_of_dossiers():
    """Probe nam-dinh_2024-q3_ty-le-cap.txt: "Có 15/17 sở, ngành đạt tỷ lệ 100% hồ sơ đúng hạn": the 100 % is each
    unit's rate of dossiers (its noun follows it), not 15 over 17 (a false ratio.fraction error)."""
    res = check_file(PROBES / "nam-dinh_2024-q3_ty-le-cap.txt")
    assert not _alarms(res), res.findings
    assert not [c for c in res.claims if c.rule == "ratio.fraction"]


def test_a_running_total_of_months_without_dau_nam():
    """Probe quang-nam_2024-q3_luy-ke-9.txt: "Trong quý III, tiếp nhận 30.100 hồ sơ, ... Lũy kế 9 tháng, tiếp nhận
    88.400 hồ sơ, ...": "lũy kế 9 tháng" (no "đầu năm") was no period, so the nine months' counts were the
    quarter's and both were summed into each partition (two false calc.partition errors)."""
    p = PROBES / "quang-nam_2024-q3_luy-ke-9.txt"
    assert {f.value: f.period for f in extract_file(p).facts if f.indicator == "dossiers.received" and f.line == 3} == \
        {30100: "2024-Q3", 88400: "2024-9M"}
    res = check_file(p)
    assert not _alarms(res), res.findings
    from analysis.periods import find_periods
    assert [(q.key, q.kind) for q, _a, _z in find_periods("Luỹ kế 6 tháng, tiếp nhận", 2024)] == [("2024-H1", "half")]
    assert [(q.key, q.kind) for q, _a, _z in find_periods("lũy kế 5 tháng: tiếp nhận", 2024)] == [("2024-M01-05", "ytd")]
    assert find_periods("trong 9 tháng, tiếp nhận", 2024) == []


def test_each_clause_after_a_semicolon_has_its_own_named_subject():
    """Probe bac-lieu_2024-q2_so.txt: "Sở Tư pháp tiếp nhận 1.200 hồ sơ, giải quyết 1.180 hồ sơ, đang giải quyết 20
    hồ sơ; Sở Xây dựng tiếp nhận 800 hồ sơ, ...": the second department's counts had the first's scope, and
    both were summed into each partition (two false errors). Probe ho-chi-minh_2021-q3_quan-huyen: "UBND thành
    phố Thủ Đức và 21 quận, huyện tiếp nhận 389.560 hồ sơ" stays the district level's, with no unit's scope."""
    scopes = {f.value: f.scope for f in extract_file(PROBES / "bac-lieu_2024-q2_so.txt").facts if f.line == 3}
    assert scopes == {1200: "sở tư pháp", 1180: "sở tư pháp", 20: "sở tư pháp",
                      800: "sở xây dựng", 790: "sở xây dựng", 10: "sở xây dựng"}
    assert not _alarms(check_file(PROBES / "bac-lieu_2024-q2_so.txt"))
    [hcm] = [f for f in extract_file(PROBES / "ho-chi-minh_2021-q3_quan-huyen.txt").facts if f.value == 389560]
    assert (hcm.level, hcm.scope) == ("huyen", "")


def test_two_flows_on_one_line_each_with_its_own_parts():
    """Probe an-giang_2024-q2_hai-don-vi.txt: "Trung tâm Phục vụ hành chính công tỉnh tiếp nhận 1.200 hồ sơ, giải quyết
    1.180 hồ sơ, đang giải quyết 20 hồ sơ; Văn phòng Đăng ký đất đai tiếp nhận 800 hồ sơ, giải quyết 790 hồ sơ, ...":
    no subject tells the two apart, and every resolved and pending count of the line was summed into each total
    (two false errors). Each total now takes the parts stated after it, before the next total of its kind."""
    res = check_file(PROBES / "an-giang_2024-q2_hai-don-vi.txt")
    assert not _alarms(res), res.findings
    sums = [[v.value for v in c.values] for c in res.claims if c.rule == "calc.partition"]
    assert [1200, 1180, 20] in sums and [800, 790, 10] in sums


def test_a_share_written_in_words_is_checked(tmp_path):
    """ "Đã giải quyết 2.000 hồ sơ, trong đó đúng hạn 1.970 hồ sơ, đạt 98,5 phần trăm": the percent sign in words
    made no percentage, so the share went unchecked."""
    p = tmp_path / "soc-trang_2024-q1_chu.txt"
    text = "Soc Trang quy I/2024\n\nTrong quý I/2024, đã giải quyết 2.000 hồ sơ, trong đó đúng hạn 1.970 hồ sơ, đạt {} phần trăm.\n"
    p.write_text(text.format("98,5"), encoding="utf-8")
    assert ("share.count", "holds") in {(c.rule, c.status) for c in check_file(p).claims}
    p.write_text(text.format("99,5"), encoding="utf-8")
    assert any(f["rule"] == "share.count" and f["stated"] == 99.5 for f in _alarms(check_file(p)))


def test_a_list_by_month_gives_each_month_its_fact():
    """Probe ha-tinh_2024-q3_thang-hai-cham.txt: "Số hồ sơ tiếp nhận theo tháng: tháng 7: 3.000 hồ sơ; tháng 8: 3.200
    hồ sơ; tháng 9: 3.500 hồ sơ." gave a fact for July only: a month named alone repeats the indicator just
    stated, each with its own period."""
    got = [(f.value, f.period) for f in extract_file(PROBES / "ha-tinh_2024-q3_thang-hai-cham.txt").facts
           if f.indicator == "dossiers.received"]
    assert got == [(3000, "2024-07"), (3200, "2024-08"), (3500, "2024-09"), (9700, "2024-Q3")]


def test_procedures_counted_as_online_services_in_the_text(tmp_path):
    """Probe hoa-binh_2024-q2_bang-cap.txt: "có 1.102 TTHC được cung cấp dịch vụ công trực tuyến toàn trình và 821 TTHC
    ... một phần" gave no fact: in a paragraph (not a table cell) a figure counting TTHC may be read by the labels
    of online services, which count the same things (reading.yml same_count), after its own domain's. A
    paragraph printed twice with such a figure changed is then compared by both readers: one finding."""
    facts = [(f.indicator, f.value) for f in extract_file(PROBES / "hoa-binh_2024-q2_bang-cap.txt").facts if f.line == 12]
    assert facts == [("dvc.full", 1102), ("dvc.partial", 821)]
    para = "UBND huyện cho biết, đến nay đã triển khai ở mức độ 4 là {} thủ tục hành chính; 40 TTHC ở mức độ 3.\n\n"
    p = tmp_path / "lam-dong_2021-04_lap.txt"
    p.write_text("Báo cáo tháng 4 năm 2021 tỉnh Lâm Đồng\n\n" + para.format(12) + para.format(14), encoding="utf-8")
    dups = [f for f in _alarms(check_file(p)) if f["rule"] == "dup.figure"]
    assert len(dups) == 1 and {dups[0]["stated"], dups[0]["expected"]} == {12, 14} and dups[0]["line"] == 5


def test_what_goes_to_the_next_period_is_pending():
    """Probe ninh-binh_2024-q2_ton.txt: "Tồn chuyển kỳ sau 620 hồ sơ" (the list item after the resolved one) took the
    resolved label of the item before it, and 620 was taken as the total of 14.200 + 180 (a false error). What is
    carried to the next period is what is pending at the period's end."""
    ex = extract_file(PROBES / "ninh-binh_2024-q2_ton.txt")
    assert [(f.indicator, f.line, f.quote) for f in ex.facts if f.value == 620] == \
        [("dossiers.pending", 4, "Tồn chuyển kỳ sau 620")]
    res = check_file(PROBES / "ninh-binh_2024-q2_ton.txt")
    assert not _alarms(res), res.findings
    sums = [[v.value for v in c.values] for c in res.claims if c.rule == "calc.partition" and c.status == "holds"]
    assert [15000, 14380, 620] in sums


def test_a_respectively_list_after_its_period_and_before_its_owner(tmp_path):
    """Probe son-la_2024-h1_lan-luot.txt: "Trong 6 tháng đầu năm 2024, số hồ sơ tiếp nhận, đã giải quyết, đang giải
    quyết của Trung tâm ... tỉnh lần lượt là 3.400, 3.350 và 50 hồ sơ" read one fact (pending = 3.400): the
    period phrase was taken as a fourth item. Each figure now takes its item, and the owner after the last
    item is every item's (its level)."""
    ex = extract_file(PROBES / "son-la_2024-h1_lan-luot.txt")
    got = [(f.indicator, f.value, f.level) for f in ex.facts if f.unit == "hồ sơ"]
    assert got == [("dossiers.received", 3400, "tinh"), ("dossiers.resolved", 3350, "tinh"), ("dossiers.pending", 50, "tinh")]
    p = PROBES / "son-la_2024-h1_lan-luot.txt"
    text = p.read_text(encoding="utf-8")
    mutated = tmp_path / p.name
    mutated.write_text(text.replace("3.400, 3.350", "3.410, 3.350"), encoding="utf-8")
    assert any(f["rule"] == "calc.partition" and f["stated"] == 3410 for f in _alarms(check_file(mutated)))


def test_table_columns_numbered_in_their_own_headers():
    """Probe bac-kan_2024-q3_bieu.txt: a form table with no row of column numbers writes each column's number in
    its header ("Kỳ trước chuyển qua (2)", "Đã giải quyết (4)=(5)+(6)"). The formula was applied to the
    columns by position, so (4) = (5) + (6) was tried on the received columns (two false errors, and the
    true one found by chance). The numbers the headers state now name the columns."""
    res = check_file(PROBES / "bac-kan_2024-q3_bieu.txt")
    fails = [(f["stated"], f["expected"]) for f in _alarms(res)]
    assert fails == [(790, 800)]
    held = [[v.value for v in c.values] for c in res.claims if c.rule == "table.formula" and c.status == "holds"]
    assert [1250, 50, 1200] in held and [1230, 1225, 5] in held and [600, 598, 2] in held


def test_online_dossiers_by_service_level_named_after_their_figures():
    """Probe quang-binh_2024-05_muc-do.txt: "tiếp nhận 4.200 hồ sơ trực tuyến, trong đó 1.300 hồ sơ nộp trực tuyến mức
    độ 3, 2.900 hồ sơ nộp trực tuyến mức độ 4" read all three as online dossiers (online = level 3 + level 4
    went unchecked). A level named after its figure is its own unless the next level is named with it ("mức
    độ 3, 4" names both: the comma between them no longer ends the words after the figure)."""
    got = [(f.indicator, f.value) for f in extract_file(PROBES / "quang-binh_2024-05_muc-do.txt").facts]
    assert got == [("dossiers.new_online", 4200), ("dossiers.online_level3", 1300), ("dossiers.online_level4", 2900)]
    both = [(f.indicator, f.value) for f in extract_file(PROBES / "kien-giang_2021-q4_dvc.txt").facts if f.value == 52706]
    assert both == [("dossiers.new_online", 52706)]


def test_an_earlier_count_in_brackets_that_name_its_period_first(tmp_path):
    """Probe thanh-hoa_2024-h1_cung-ky-ngoac.txt: "tiếp nhận 45.600 hồ sơ (cùng kỳ năm 2023: 40.200 hồ sơ), tăng
    13,4%" was not checked: the brackets between the count and its change named the earlier period inside them."""
    p = PROBES / "thanh-hoa_2024-h1_cung-ky-ngoac.txt"
    held = [c for c in check_file(p).claims if c.rule == "change.count"]
    assert [(c.status, [v.value for v in c.values]) for c in held] == [("holds", [45600, 13.4, 40200])]
    q = tmp_path / p.name
    q.write_text(p.read_text(encoding="utf-8").replace("13,4%", "14,1%"), encoding="utf-8")
    assert [(f["rule"], f["stated"]) for f in _alarms(check_file(q))] == [("change.count", 14.1)]


def test_a_total_named_by_the_clause_before_its_colon():
    """Probe binh-thuan_2024-q3_dau-cong.txt: "Kết quả tiếp nhận hồ sơ quý III/2024 của Trung tâm ...: tổng số 6.540 hồ
    sơ. Trong đó: + Trực tuyến: 4.320 hồ sơ; ..." gave no total, and the channels were each read as the dossiers
    received (three false errors of one figure stated twice). The clause before the colon names the total."""
    ex = extract_file(PROBES / "binh-thuan_2024-q3_dau-cong.txt")
    assert [(f.indicator, f.value, f.line) for f in ex.facts] == [
        ("dossiers.received", 6540, 1), ("dossiers.new_online", 4320, 2), ("dossiers.new_offline", 1980, 3),
        ("dossiers.new_post", 240, 4)]
    assert not _alarms(check_file(PROBES / "binh-thuan_2024-q3_dau-cong.txt"))


def test_parts_in_the_next_sentence_after_trong_so_nay():
    """Probe phu-yen_2024-q2_trong-so-nay.txt: "số hồ sơ đang giải quyết là 500 hồ sơ. Trong số này, có 480 hồ sơ chưa
    đến hạn và 20 hồ sơ đã quá hạn." read neither part: "Trong số này" now opens the parts of the count just stated."""
    ex = extract_file(PROBES / "phu-yen_2024-q2_trong-so-nay.txt")
    assert [(f.indicator, f.value) for f in ex.facts] == [
        ("dossiers.pending", 500), ("dossiers.pending_within", 480), ("dossiers.pending_overdue", 20)]


def test_named_units_that_add_up_to_more_than_their_total(tmp_path):
    """Probe dong-nai_2024-q2_huyen-ten.txt: "cấp huyện tiếp nhận 4.480 hồ sơ. Trong đó, huyện Trảng Bom tiếp nhận 1.200
    hồ sơ, huyện Long Thành tiếp nhận 980 hồ sơ, thành phố Biên Hòa tiếp nhận 2.500 hồ sơ" (4.680): the units were
    read as the report's own (its first line, all of it, counted as its heading) and the two after commas got no
    subject. Each is now its own scope, and named units cannot add up to more than the total before them."""
    p = PROBES / "dong-nai_2024-q2_huyen-ten.txt"
    scopes = [(f.value, f.scope) for f in extract_file(p).facts]
    assert scopes == [(4480, ""), (1200, "huyện trảng bom"), (980, "huyện long thành"), (2500, "thành phố biên hòa")]
    # (held twice, as the facts' named scopes and as the annotation's "Trong đó" list: one alarm is kept)
    assert [(f["rule"], f["stated"], f["expected"]) for f in _alarms(check_file(p))] == [("enum.exceeds", 4480, 4680)]
    q = tmp_path / p.name
    q.write_text(p.read_text(encoding="utf-8").replace("2.500", "2.300"), encoding="utf-8")
    assert not _alarms(check_file(q))
    assert [c.status for c in check_file(q).claims if c.rule == "scope.exceeds"] == ["holds"]


def test_a_quarter_against_its_months(tmp_path):
    """Probe an-giang_2024-q3_thang-quy.txt: "tháng 7 tiếp nhận 2.100 hồ sơ, tháng 8 tiếp nhận 2.350 hồ sơ, tháng 9 tiếp
    nhận 2.050 hồ sơ; tổng quý III tiếp nhận 6.500 hồ sơ": the months were read, each with its period, but never
    summed. A quarter (half, year) is now held against its months when every one is stated (calc.yml month_sum;
    received only where no carried-over count is stated)."""
    p = PROBES / "an-giang_2024-q3_thang-quy.txt"
    held = [[v.value for v in c.values] for c in check_file(p).claims if c.rule == "calc.months"]
    assert held == [[6500, 2100, 2350, 2050]]
    q = tmp_path / p.name
    q.write_text(p.read_text(encoding="utf-8").replace("6.500", "6.510"), encoding="utf-8")
    assert [(f["rule"], f["stated"], f["expected"]) for f in _alarms(check_file(q))] == [("calc.months", 6510, 6500)]
    q.write_text("Báo cáo quý III/2024\n\nSố hồ sơ kỳ trước chuyển sang 300 hồ sơ.\n\n" + p.read_text(encoding="utf-8").replace("6.500", "6.800"),
                 encoding="utf-8")
    assert not [c for c in check_file(q).claims if c.rule == "calc.months"]   # received holds the carried-over ones


def test_months_of_a_longer_period():
    from analysis.checks_facts import _months_of
    assert _months_of("2024-Q3") == ["2024-07", "2024-08", "2024-09"]
    assert _months_of("2023-H2")[0] == "2023-07" and len(_months_of("2023-H2")) == 6
    assert _months_of("2024-9M")[-1] == "2024-09" and len(_months_of("2024")) == 12
    assert _months_of("2024-07") is None and _months_of("2021-2025") is None


def test_units_of_a_respectively_list_are_each_their_own(tmp_path):
    """Probe tay-ninh_2024-q3_lan-luot-so.txt: "các sở, ngành tiếp nhận 6.000 hồ sơ; trong đó Sở Tư pháp, Sở Y tế và Sở
    Giao thông vận tải lần lượt tiếp nhận 1.234, 2.345 và 3.456 hồ sơ" (7.035): each figure of a "respectively"
    run takes the unit its item names as its scope, and the named units exceed their total."""
    p = PROBES / "tay-ninh_2024-q3_lan-luot-so.txt"
    assert [f.scope for f in extract_file(p).facts] == ["", "sở tư pháp", "sở y tế", "sở giao thông vận tải"]
    assert [(f["rule"], f["stated"], f["expected"]) for f in _alarms(check_file(p))] == [("enum.exceeds", 6000, 7035)]


def test_a_rate_with_its_count_and_base_after_voi(tmp_path):
    """Probe quang-ninh_2024-q2_truoc-so.txt: "tỷ lệ hồ sơ trực tuyến chiếm 62,5% với 5.000 hồ sơ trên tổng số 8.000 hồ
    sơ tiếp nhận" and probe hue_2024-q3_xet.txt: "đã tiếp nhận 2.345 hồ sơ trực tuyến/ 3.100 hồ sơ, đạt 75,6%" were
    not held against their counts (a changed rate went unflagged): "với" may stand for the brackets of a count
    over its total, and a count's noun may run on before the slash of its base."""
    for name, old, new in (("quang-ninh_2024-q2_truoc-so.txt", "62,5%", "63,2%"), ("hue_2024-q3_xet.txt", "75,6%", "76,3%")):
        p = PROBES / name
        assert not _alarms(check_file(p))
        q = tmp_path / name
        q.write_text(p.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        assert [f["stated"] for f in _alarms(check_file(q))] == [float(new[:-1].replace(",", "."))], name


def test_a_change_opening_the_brackets_after_its_count(tmp_path):
    """Probe lam-dong_2024-10_thang-hs.txt: "tiếp nhận tổng cộng 3.120 hồ sơ (tăng 8,3% so với tháng 9/2024 là 2.881 hồ
    sơ)": the change stood in brackets of its own, after its count, and its base after "là"; neither was read."""
    p = PROBES / "lam-dong_2024-10_thang-hs.txt"
    held = [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "change.count"]
    assert held == [("holds", [3120, 8.3, 2881])]
    q = tmp_path / p.name
    q.write_text(p.read_text(encoding="utf-8").replace("8,3%", "9%"), encoding="utf-8")
    assert [(f["rule"], f["stated"]) for f in _alarms(check_file(q))] == [("change.count", 9)]


def test_a_rate_above_100_percent(tmp_path):
    """A share of a whole (on time, online, digitised, ...) cannot be above 100 % (indicators.yml `max`); a rate
    at most 100 % adds no line to the checks passed."""
    p = tmp_path / "ha-nam_2024-q3_vuot.txt"
    p.write_text("Báo cáo quý III/2024\n\nQuý III/2024, tỷ lệ hồ sơ giải quyết đúng hạn đạt {}%.\n".format("102,5"), encoding="utf-8")
    got = [(f["rule"], f["stated"], f["expected"], f["line"]) for f in _alarms(check_file(p))]
    assert got == [("bound.max", 102.5, 100, 3)]
    p.write_text("Báo cáo quý III/2024\n\nQuý III/2024, tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,5%.\n", encoding="utf-8")
    assert not [c for c in check_file(p).claims if c.rule == "bound.max"]


def test_a_late_rate_over_on_time_and_late_when_no_early_count_is_stated(tmp_path):
    """Probe hoa-binh_2024-q3_tre.txt: "giải quyết đúng hạn 4.940 hồ sơ, quá hạn 60 hồ sơ; tỷ lệ hồ sơ quá hạn 1,2%" was
    not recomputed: with no early count and no resolved total stated, on time + late is the resolved split
    (briefs.yml, the last denominator option)."""
    p = PROBES / "hoa-binh_2024-q3_tre.txt"
    held = [(c.status, c.expected) for c in check_file(p).claims if c.rule == "rate.recomputed"]
    assert held == [("holds", 1.2)]
    q = tmp_path / p.name
    q.write_text(p.read_text(encoding="utf-8").replace("1,2%", "1,9%"), encoding="utf-8")
    assert [(f["rule"], f["stated"]) for f in _alarms(check_file(q))] == [("rate.recomputed", 1.9)]


def test_units_named_in_a_parts_list_hold_for_their_sentence_only():
    """Probe dong-nai_2024-q2_trong-do-huyen.txt: "Trong đó, huyện Trảng Bom tiếp nhận 1.200 hồ sơ, huyện Long Thành tiếp
    nhận 980 hồ sơ. Tổng số hồ sơ đã giải quyết là 4.300 hồ sơ, đang giải quyết 180 hồ sơ.": the last district named
    became the subject of the next sentence (received 980 = 4.300 + 180, a false error). Units named in a list of
    parts are their sentence's only; the next sentence goes back to the subject before the list."""
    p = PROBES / "dong-nai_2024-q2_trong-do-huyen.txt"
    assert [(f.value, f.scope) for f in extract_file(p).facts] == [
        (4480, ""), (1200, "huyện trảng bom"), (980, "huyện long thành"), (4300, ""), (180, "")]
    assert not _alarms(check_file(p))


def test_units_listed_after_a_colon_each_with_its_count(devset):
    """Probe ben-tre_2024-10_co-quan.txt, after devset ben-tre_2020-10_hcc.txt: "Các cơ quan có số lượng hồ sơ tiếp nhận
    nhiều trong tháng là: Công an tỉnh 2.800 hồ sơ, Sở Công Thương 1.700 hồ sơ, Sở Giao thông vận tải 829 hồ sơ":
    the first count was read as the dossiers received by the centre (unscoped, beside its real total), the
    others not at all. A unit after a colon is its clause's subject, a unit named alone repeats the indicator
    just stated, and the units (5.329) exceed the centre's 5.000."""
    p = PROBES / "ben-tre_2024-10_co-quan.txt"
    got = [(f.value, f.scope) for f in extract_file(p).facts if f.indicator == "dossiers.received"]
    assert got == [(5000, ""), (2800, "công an tỉnh"), (1700, "sở công thương"), (829, "sở giao thông vận tải")]
    assert [(f["rule"], f["stated"], f["expected"]) for f in _alarms(check_file(p))] == [("scope.exceeds", 5000, 5329)]
    dev = [(f.value, f.scope) for f in devset["ben-tre_2020-10_hcc.txt"].facts if f.line == 9 and f.role == "value"]
    assert dev == [(3800, "công an tỉnh"), (1700, "sở công thương"), (829, "sở giao thông vận tải"), (803, "sở tài nguyên và môi trường")]


def test_a_month_named_alone_after_trong_do(tmp_path):
    """Probe phu-tho_2024-q1_thang-nam.txt: "Số hồ sơ tiếp nhận quý I/2024 là 9.000 hồ sơ, trong đó tháng 1: 3.200 hồ sơ;
    tháng 2: 2.300 hồ sơ; tháng 3: 3.500 hồ sơ": the first month, after "trong đó", was not read, so the quarter
    was not held against its months. A part marker before a period (or a unit) named alone is no label."""
    p = PROBES / "phu-tho_2024-q1_thang-nam.txt"
    got = [(f.value, f.period) for f in extract_file(p).facts if f.indicator == "dossiers.received"]
    assert got == [(9000, "2024-Q1"), (3200, "2024-01"), (2300, "2024-02"), (3500, "2024-03")]
    assert [[v.value for v in c.values] for c in check_file(p).claims if c.rule == "calc.months"] == [[9000, 3200, 2300, 3500]]
    # a city that bears its province's name is a unit of the province, not the report's own (its own kind, "thành phố",
    # is not the province's "tỉnh"): its count is a part of the level's, as the town's is
    th = [(f.value, f.scope) for f in extract_file(PROBES / "thanh-hoa_2024-q3_huyen-ubnd.txt").facts if f.level == "huyen"]
    assert th == [(20000, ""), (8000, "ubnd thành phố thanh hóa"), (6000, "ubnd thị xã bỉm sơn")]


def test_received_beside_a_carried_over_count_is_the_new_count():
    """Probe ca-mau_2024-10_phai-giai-quyet.txt: "tiếp nhận 3.412 hồ sơ, kỳ trước chuyển sang 286 hồ sơ; tổng số hồ sơ
    phải giải quyết là 3.698 hồ sơ": 3.412 was read as received and held against resolved + pending (3.698), a false
    error. Beside the carried-over count (its sibling, not its part) the bare "tiếp nhận" names the new dossiers."""
    p = PROBES / "ca-mau_2024-10_phai-giai-quyet.txt"
    got = [(f.indicator, f.value) for f in extract_file(p).facts][:3]
    assert got == [("dossiers.new", 3412), ("dossiers.carried_over", 286), ("dossiers.received", 3698)]
    res = check_file(p)
    assert not [c for c in res.claims if c.status == "fail"]
    assert [[v.value for v in c.values] for c in res.claims if c.rule == "calc.partition"
            and c.values[0].value == 3698 and c.values[1].value == 3412] == [[3698, 3412, 286]]
    # a carried-over count listed as a part keeps the received total: "tiếp nhận 3.698 hồ sơ, trong đó kỳ trước ..."
    from analysis.facts import extract_facts
    for text, first in (("Tháng 10/2024, Trung tâm tiếp nhận 3.698 hồ sơ, trong đó kỳ trước chuyển sang 286 hồ sơ.", "dossiers.received"),
                        ("Tháng 10/2024, Trung tâm tiếp nhận 3.412 hồ sơ, kỳ trước chuyển sang 286 hồ sơ.", "dossiers.new"),
                        ("Tháng 10/2024, Trung tâm tiếp nhận 3.698 hồ sơ (kỳ trước chuyển sang 286 hồ sơ).", "dossiers.received")):
        doc, meta = _doc([text])
        assert [f.indicator for f in extract_facts(doc, meta)] == [first, "dossiers.carried_over"], text


def test_fractions_listed_after_a_count_over_its_total():
    """Probe long-an_2024-q1_truc-tuyen-cap.txt: "45.120 hồ sơ trên tổng số 60.300 hồ sơ ... Trong đó, cấp tỉnh
    20.150/22.400 hồ sơ (89,96%), cấp huyện 15.870/23.900 hồ sơ (66,4%), cấp xã 9.100/14.000 hồ sơ (65%)": the
    numerators were summed against 60.300, a false shortfall. They break down 45.120; the bases break down 60.300."""
    ex = extract_file(PROBES / "long-an_2024-q1_truc-tuyen-cap.txt")
    got = sorted((p.total.number.raw, tuple(x.number.raw for x in p.parts), p.dimension) for p in ex.ann.parts)
    assert got == [("45.120", ("20.150", "15.870", "9.100"), "level"), ("60.300", ("22.400", "23.900", "14.000"), "level")]
    assert [f.level for f in ex.ann.figures if f.role == "base"] == ["tinh", "huyen", "xa"]
    assert not [c for c in check_file(PROBES / "long-an_2024-q1_truc-tuyen-cap.txt").claims if c.status == "fail"]


def test_a_rate_checked_by_its_complement(tmp_path):
    """Probe binh-thuan_2024-h1_tre-han.txt: "đã giải quyết 10.950 hồ sơ, trong đó trễ hạn 120 hồ sơ; tỷ lệ giải quyết
    đúng hạn đạt 98,9%": with no on-time count stated, the rate was not checked. It is 100% less late / resolved
    (briefs.yml complement), so 99,6% there fails and 98,9% holds."""
    src = (PROBES / "binh-thuan_2024-h1_tre-han.txt").read_text(encoding="utf-8")
    c, = [c for c in check_file(PROBES / "binh-thuan_2024-h1_tre-han.txt").claims if c.rule == "rate.recomputed"]
    assert (c.status, c.stated, round(c.expected, 2), [v.value for v in c.values]) == ("holds", 98.9, 98.9, [98.9, 120, 10950])
    p = tmp_path / "binh-thuan_2024-h1_tre-han.txt"
    p.write_text(src.replace("98,9%", "99,6%"), encoding="utf-8")
    c, = [c for c in check_file(p).claims if c.rule == "rate.recomputed"]
    assert c.status == "fail" and "100% - " in c.params["definition"]
    # not where an on-time count is stated: the rate is then recomputed from it, never from the complement
    p.write_text(src.replace("trễ hạn 120 hồ sơ", "đúng hạn 10.830 hồ sơ, trễ hạn 120 hồ sơ"), encoding="utf-8")
    c, = [c for c in check_file(p).claims if c.rule == "rate.recomputed"]
    assert c.status == "holds" and "100% - " not in c.params["definition"] and 10830 in [v.value for v in c.values]


def test_the_past_nine_months_is_the_nine_months_period():
    """Devset khanh-hoa_2021-q3: "Tính trong 9 tháng qua, tỷ lệ hồ sơ trễ hạn của thành phố là 1,57%" is the rate of the
    nine months, not of the quarter the report is on (it was read as the quarter's)."""
    from analysis.periods import find_periods
    assert [p.key for p, _a, _b in find_periods("Tính trong 9 tháng qua, tỷ lệ", 2021)] == ["2021-9M"]
    assert [p.key for p, _a, _b in find_periods("6 tháng vừa qua, toàn tỉnh", 2024)] == ["2024-H1"]
    assert find_periods("qua 6 tháng quả", 2024) == []


def test_respective_items_after_a_leading_period_phrase():
    """Probe lao-cai_2024-q1_lan-luot.txt: "Trong quý I/2024, số hồ sơ tiếp nhận của cấp tỉnh, cấp huyện và cấp xã lần lượt
    là 10.240 hồ sơ, 7.860 hồ sơ và 15.400 hồ sơ; tổng cộng toàn tỉnh tiếp nhận 33.500 hồ sơ": the period phrase was
    taken as the first item, so each figure got the level before its own, a false calc.levels error. A list of
    periods keeps its periods as items ("quý I, quý II và quý III lần lượt là ...")."""
    from analysis.annotate import respective_items
    from analysis.numbers import find_numbers
    p = PROBES / "lao-cai_2024-q1_lan-luot.txt"
    assert [(f.value, f.level) for f in extract_file(p).facts] == [(10240, "tinh"), (7860, "huyen"), (15400, "xa"), (33500, "total")]
    assert not [c for c in check_file(p).claims if c.status == "fail"]
    t = "Số hồ sơ tiếp nhận trong quý I, quý II và quý III lần lượt là 3.000 hồ sơ, 3.200 hồ sơ và 3.500 hồ sơ."
    assert [w for w, _d, _a in respective_items(t, 0, len(t), find_numbers(t)).values()] == [
        "Số hồ sơ tiếp nhận trong quý I ", "Số hồ sơ tiếp nhận trong quý II ", "Số hồ sơ tiếp nhận trong quý III "]


def test_returned_withdrawn_and_sent_back_dossiers_close_the_flow():
    """Probes ha-tinh_2024-q2_tra-lai.txt and ben-tre_2024-q1_bo-sung.txt: "đã giải quyết 5.000 hồ sơ, đang giải quyết
    900 hồ sơ, trả lại 220 hồ sơ do không đủ điều kiện và công dân rút 72 hồ sơ" (of 6.192), and "...; hồ sơ yêu cầu bổ
    sung, hoàn thiện 100 hồ sơ" (of 12.480): received = resolved + pending was a false error. The counts returned,
    withdrawn or sent back for completion are added where resolved + pending fall short (calc.yml extra)."""
    def partition(p):
        return [(c.status, [v.value for v in c.values]) for c in check_file(p).claims
                if c.rule == "calc.partition" and c.values[0].value in (6192, 12480)]
    assert partition(PROBES / "ha-tinh_2024-q2_tra-lai.txt") == [("holds", [6192, 5000, 900, 220, 72])]
    assert partition(PROBES / "ben-tre_2024-q1_bo-sung.txt") == [("holds", [12480, 11950, 430, 100])]
    # where resolved + pending make the total, nothing is added (a count sent back may be pending's own part)
    doc, meta = _doc(["Quý I/2024, tiếp nhận 1.000 hồ sơ; đã giải quyết 900 hồ sơ; đang giải quyết 100 hồ sơ, "
                      "trong đó chờ bổ sung, hoàn thiện 30 hồ sơ."])
    res = _checked(doc.lines)
    assert [[v.value for v in c.values] for c in res.claims if c.rule == "calc.partition" and c.values[0].value == 1000] == [[1000, 900, 100]]
    # and a wrong count is still an error, the added counts named in it
    res = _checked(["Quý II/2024, tiếp nhận 6.192 hồ sơ, trong đó đã giải quyết 5.000 hồ sơ, đang giải quyết 900 hồ sơ, "
                    "trả lại 230 hồ sơ."])
    assert [(c.status, [v.value for v in c.values]) for c in res.claims if c.rule == "calc.partition"] == [("fail", [6192, 5000, 900, 230])]


def test_resolved_slowly_is_late_and_a_counted_list_after_a_figure():
    """Probes tay-ninh_2024-h1_cham.txt and quang-nam_2024_don-vi.txt. "đã giải quyết 7.610 hồ sơ, trong đó giải quyết
    chậm 95 hồ sơ (tỷ lệ 1,25%)" was read as a second resolved count, a false error (received = resolved + resolved +
    pending); "giải quyết chậm" names the late ones. "Có 16/18 huyện, thị xã, thành phố đạt tỷ lệ ... trên 98%, gồm:
    Tam Kỳ, ..." (15 names) was not held against its list: the figure before the colon hid it."""
    facts = extract_file(PROBES / "tay-ninh_2024-h1_cham.txt").facts
    assert [(f.indicator, f.value) for f in facts if f.unit != "%"] == [
        ("dossiers.received", 7845), ("dossiers.resolved", 7610), ("dossiers.late", 95), ("dossiers.pending", 235)]
    assert not [c for c in check_file(PROBES / "tay-ninh_2024-h1_cham.txt").claims if c.status == "fail"]
    c, = [c for c in check_file(PROBES / "quang-nam_2024_don-vi.txt").claims if c.rule == "list.count"]
    assert (c.status, c.stated, c.expected, c.params["noun"]) == ("fail", 16, 15, "huyện, thị xã, thành phố")


def test_received_with_the_carried_over_count_on_top(tmp_path):
    """Probe an-giang_2024-q3_tong-hop.txt: "toàn tỉnh tiếp nhận 186.540 hồ sơ, trong đó ...; số hồ sơ từ kỳ trước chuyển
    qua là 4.320 hồ sơ. Đã giải quyết 184.900 hồ sơ, ...; đang giải quyết 5.960 hồ sơ": "tiếp nhận" names the new dossiers,
    and received = resolved + pending was a false error (by exactly the carried-over count). The two are held together
    against resolved + pending (calc.yml besides); where the carried-over count is one of the total's own parts, not."""
    src = (PROBES / "an-giang_2024-q3_tong-hop.txt").read_text(encoding="utf-8")

    def partition(p):
        return [(c.status, [v.value for v in c.values]) for c in check_file(p).claims
                if c.rule == "calc.partition" and c.indicator == "dossiers.received"]
    assert partition(PROBES / "an-giang_2024-q3_tong-hop.txt") == [("holds", [186540, 4320, 184900, 5960])]
    p = tmp_path / "an-giang_2024-q3_tong-hop.txt"
    p.write_text(src.replace("4.320", "4.330"), encoding="utf-8")
    assert partition(p) == [("fail", [186540, 4330, 184900, 5960])]
    # "Số hồ sơ tiếp nhận trong kỳ là 13.545 hồ sơ (trong đó: ...; từ kỳ trước chuyển qua 1.200 hồ sơ)": a part of 13.545
    assert partition(PROBES / "bac-kan_2023-q4_ky-truoc.txt")[-1] == ("fail", [13545, 13100, 455])
    # the period the figures are stated under, not one a plan's name holds in the opening sentence
    assert extract_file(PROBES / "an-giang_2024-q3_tong-hop.txt").meta.period == "2024-Q3"


def test_a_fraction_in_a_rates_brackets_is_its_count_over_its_base():
    """Probe yen-bai_2024-h1_so-hoa.txt: "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC đạt 85,6% (12.340/14.416 hồ sơ)": the
    12.340 is the dossiers digitised (it was no fact), stated over 14.416. Probe long-an_2024-h1_tre-phan-so.txt: "tỷ lệ
    hồ sơ trễ hạn là 0,5% (25/5.000 hồ sơ)" then 4.000 resolved at the province level: a rate stated over its own base
    is not recomputed over another (the fraction check holds it against 25/5.000)."""
    f, = [f for f in extract_file(PROBES / "yen-bai_2024-h1_so-hoa.txt").facts if f.indicator == "digitisation.dossiers" and f.role == "value"]
    assert (f.value, f.denominator_value, f.quote) == (12340, 14416, "12.340/14.416 hồ sơ")
    res = check_file(PROBES / "long-an_2024-h1_tre-phan-so.txt")
    assert ("dossiers.late", 25) in [(f.indicator, f.value) for f in extract_file(PROBES / "long-an_2024-h1_tre-phan-so.txt").facts]
    assert not [c for c in res.claims if c.status == "fail"]
    assert [[v.value for v in c.values] for c in res.claims if c.rule == "ratio.fraction"][0] == [25, 5000, 0.5]
    # an on-time rate's bracketed count may hold the early ones too: it is not taken for the on-time count
    doc, meta = _doc(["Quý I/2024, tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,5% (3.940/4.000 hồ sơ)."])
    from analysis.facts import extract_facts
    assert [f.indicator for f in extract_facts(doc, meta)] == ["rate.on_time"]


def test_a_department_named_with_or_without_its_province_is_one_unit():
    """"Sở Tư pháp tỉnh Bến Tre" and "Sở Tư pháp" are one scope (scope.exceeds counted them as two units);
    "Công an tỉnh" keeps its name, which is its kind."""
    from analysis.facts import agency_subject
    got = [agency_subject(h) for h in ("Sở Tư pháp tỉnh Bến Tre tiếp nhận ", "Sở Tư pháp tiếp nhận ",
                                       "Sở Xây dựng thành phố tiếp nhận ", "Công an tỉnh tiếp nhận ")]
    assert got == ["sở tư pháp", "sở tư pháp", "sở xây dựng", "công an tỉnh"]


def test_pakn_newly_received_is_the_new_count():
    """Probe ha-nam_2024-q4_pakn-ky-truoc.txt: "tiếp nhận 32 phản ánh, kiến nghị (kỳ trước chuyển sang 5 PAKN, mới tiếp
    nhận 27 PAKN)": "mới tiếp nhận" was read as a second received count, a false error against processed + pending."""
    p = PROBES / "ha-nam_2024-q4_pakn-ky-truoc.txt"
    assert [(f.indicator, f.value) for f in extract_file(p).facts][:3] == [
        ("pakn.received", 32), ("pakn.carried_over", 5), ("pakn.new", 27)]
    assert not [c for c in check_file(p).claims if c.status == "fail"]


def test_passive_counts_with_their_agent():
    """Probe quang-tri_2024-q4_bi-dong.txt: "45.600 hồ sơ đã được Trung tâm Phục vụ hành chính công tỉnh tiếp nhận, trong
    đó 45.100 hồ sơ đã được giải quyết và 500 hồ sơ đang được giải quyết": the total was not read and the pending count
    was read as resolved. The agent's level is the parts' too. ("41.270 hồ sơ được số hóa khi tiếp nhận" stays digitised.)"""
    p = PROBES / "quang-tri_2024-q4_bi-dong.txt"
    assert [(f.indicator, f.value, f.level) for f in extract_file(p).facts] == [
        ("dossiers.received", 45600, "tinh"), ("dossiers.resolved", 45100, "tinh"), ("dossiers.pending", 500, "tinh")]
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "calc.partition"] == [
        ("holds", [45600, 45100, 500])]
    assert [f.indicator for f in extract_file(PROBES / "quang-binh_2021-h1_so-hoa.txt").facts if f.value == 41270] == [
        "digitisation.dossiers"]


def test_a_late_count_named_by_its_noun_and_a_count_of_a_total():
    """Probe kon-tum_2024-q3_it-hon.txt: "số hồ sơ trễ hạn là 48 hồ sơ" (no resolved count before it in its sentence) was
    not read, so the late rate 0,5% of 9.600 went unchecked. Probe hai-phong_2024-q3_trong-tong-so-co.txt: "có 12.340
    trong tổng số 12.500 hồ sơ được giải quyết trước và đúng hạn, đạt 98,72%": the count was missed and the total read
    as early-or-on-time; "A trong tổng số B" is a ratio like "A/B". Probe ninh-thuan_2024-h1_so-voi-ke-hoach.txt:
    "đạt 58,4% (kế hoạch năm: 60%), với 35.040 hồ sơ trực tuyến trên tổng số 60.000 hồ sơ": past the aside."""
    assert ("dossiers.late", 48) in [(f.indicator, f.value) for f in extract_file(PROBES / "kon-tum_2024-q3_it-hon.txt").facts]
    c, = [c for c in check_file(PROBES / "kon-tum_2024-q3_it-hon.txt").claims if c.rule == "rate.recomputed"]
    assert (c.status, [v.value for v in c.values]) == ("holds", [0.5, 48, 9600])
    hp = PROBES / "hai-phong_2024-q3_trong-tong-so-co.txt"
    assert [(f.indicator, f.value, f.denominator_value) for f in extract_file(hp).facts] == [
        ("dossiers.early_or_on_time", 12340, 12500), ("dossiers.late", 160, None)]
    assert [(c.status, [v.value for v in c.values]) for c in check_file(hp).claims] == [("holds", [12340, 12500, 98.72])]
    nt = PROBES / "ninh-thuan_2024-h1_so-voi-ke-hoach.txt"
    assert sorted((c.rule, c.status, [v.value for v in c.values]) for c in check_file(nt).claims) == [
        ("rate.recomputed", "holds", [58.4, 35040, 60000]), ("share.count", "holds", [58.4, 35040, 60000])]


def test_a_count_after_tuong_ung_a_visit_noun_and_a_monthly_average():
    """Probe bac-giang_2024-q3_tuong-ung.txt: "số hồ sơ giải quyết trước hạn và đúng hạn chiếm 97,8%, tương ứng 9.780 hồ
    sơ" (the share's own count without brackets: both were missed). Probe tien-giang_2024-q2_luot.txt: "tiếp nhận 52.345
    lượt hồ sơ" (no count was read). Probe phu-tho_2024-q3_binh-quan.txt: "bình quân mỗi tháng 3.200 hồ sơ" was read as
    March, which made the resolved count after it a baseline."""
    got = [(f.indicator, f.value, f.role) for f in extract_file(PROBES / "bac-giang_2024-q3_tuong-ung.txt").facts]
    assert got[1:3] == [("dossiers.early_or_on_time", 97.8, "share"), ("dossiers.early_or_on_time", 9780, "value")]
    assert [(f.indicator, f.value) for f in extract_file(PROBES / "tien-giang_2024-q2_luot.txt").facts][:3] == [
        ("dossiers.received", 52345), ("dossiers.resolved", 51980), ("dossiers.pending", 365)]
    assert [(f.indicator, f.role) for f in extract_file(PROBES / "phu-tho_2024-q3_binh-quan.txt").facts] == [
        ("dossiers.received", "value"), ("dossiers.resolved", "value"), ("dossiers.pending", "value")]
    from analysis.periods import find_periods
    assert find_periods("bình quân mỗi tháng 3.200 hồ sơ", 2024) == []
    assert [p.key for p, _a, _b in find_periods("tháng 3/2024", 2024)] == ["2024-03"]
    assert [p.key for p, _a, _b in find_periods("tháng 9.2024", 2024)] == ["2024-09"]     # (a year after a point)


def test_a_share_of_the_plan_in_brackets(tmp_path):
    """Probe binh-duong_2024_don-gian-hoa.txt: "đã đơn giản hóa 45 TTHC, đạt 112,5% kế hoạch (40 TTHC)": the count over
    its plan (which it may exceed) was not checked; 113,2% there fails. (The count over the plan's figure in brackets is
    the ratio change.ratio reads: "đạt 104% kế hoạch (kế hoạch 120 TTHC)" too.)"""
    src = (PROBES / "binh-duong_2024_don-gian-hoa.txt").read_text(encoding="utf-8")
    c, = [c for c in check_file(PROBES / "binh-duong_2024_don-gian-hoa.txt").claims if c.rule == "change.ratio"]
    assert (c.status, [v.value for v in c.values]) == ("holds", [45, 112.5, 40])
    p = tmp_path / "binh-duong_2024_don-gian-hoa.txt"
    p.write_text(src.replace("112,5%", "113,2%"), encoding="utf-8")
    c, = [c for c in check_file(p).claims if c.rule == "change.ratio"]
    assert (c.status, round(c.expected, 1)) == ("fail", 112.5)


def test_an_online_rate_over_the_dossiers_received():
    """Probe ba-ria-vung-tau_2024-q3_tang-ty-le.txt: "tiếp nhận 10.000 hồ sơ, trong đó 6.520 hồ sơ trực tuyến. Tỷ lệ hồ sơ
    trực tuyến đạt 65,2%" with no new count stated: the rate was not checked. Quyết định 766/QĐ-TTg takes it over the
    dossiers received (briefs.yml also_over, for the checker only)."""
    c, = [c for c in check_file(PROBES / "ba-ria-vung-tau_2024-q3_tang-ty-le.txt").claims
          if c.rule == "rate.recomputed" and c.indicator == "rate.online"]
    assert (c.status, [v.value for v in c.values]) == ("holds", [65.2, 6520, 10000])


def test_a_whole_districts_total_is_its_district_and_communes():
    """Probe dak-lak_2024-h1_krong-pac.txt: "Bộ phận Một cửa của 16 xã, thị trấn tiếp nhận 12.300 hồ sơ" was read at the
    district level, and "Tính chung toàn huyện tiếp nhận 16.860 hồ sơ, đã giải quyết 16.700 hồ sơ" was never held against
    huyện + xã (4.480 + 12.250 = 16.730: an error)."""
    p = PROBES / "dak-lak_2024-h1_krong-pac.txt"
    assert [f.level for f in extract_file(p).facts] == ["huyen"] * 3 + ["xa"] * 3 + ["total"] * 2
    got = [(c.status, [v.value for v in c.values], c.params["whole"]) for c in check_file(p).claims if c.rule == "calc.levels"]
    assert got == [("holds", [16860, 4560, 12300], "toàn huyện"), ("fail", [16700, 4480, 12250], "toàn huyện")]


def test_a_ratio_of_counts_whose_noun_runs_on_four_syllables(tmp_path):
    """Probe hoa-binh_2024-q4_thanh-toan-phan-so.txt: "có 3.456 hồ sơ thanh toán trực tuyến/5.000 hồ sơ phát sinh nghĩa vụ
    tài chính, đạt 69,12%": four syllables run on after the noun ("thanh toán trực tuyến"), and the ratio was not read."""
    src = (PROBES / "hoa-binh_2024-q4_thanh-toan-phan-so.txt").read_text(encoding="utf-8")
    p = tmp_path / "hoa-binh_2024-q4_thanh-toan-phan-so.txt"
    p.write_text(src.replace("69,12%", "69,82%"), encoding="utf-8")
    assert [(c.rule, [v.value for v in c.values]) for c in check_file(p).claims if c.status == "fail"] == [
        ("ratio.fraction", [3456, 5000, 69.82])]


def test_a_fraction_in_brackets_after_its_percentage_is_that_ones():
    """Probe quang-nam_2024-q2_ty-le-cap.txt: "cấp tỉnh đạt 99,5% (1.990/2.000 hồ sơ), cấp huyện đạt 98% (2.940/3.000 hồ
    sơ), ...": each fraction was held against the next item's percentage (1.990/2.000 against 98%), a false error."""
    got = [(c.status, [v.value for v in c.values]) for c in check_file(PROBES / "quang-nam_2024-q2_ty-le-cap.txt").claims
           if c.rule == "ratio.fraction"]
    assert got == [("holds", [1990, 2000, 99.5]), ("holds", [2940, 3000, 98]), ("fail", [4800, 5000, 97])]


def test_comma_grouped_thousands_close_the_flow():
    """Probe an-giang_2024-q2_dau-phay-nghin.txt: read as 12.345 and 12.000 dossiers, received = resolved + pending holds."""
    p = PROBES / "an-giang_2024-q2_dau-phay-nghin.txt"
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "calc.partition"] == [
        ("holds", [12345, 12000, 345])]


def test_received_in_the_period_after_the_carried_over_count():
    """Probe ca-mau_2024-q1_trong-ky.txt: "Tổng số hồ sơ: 5.320 hồ sơ (kỳ trước chuyển sang: 120 hồ sơ; tiếp nhận trong kỳ:
    5.200 hồ sơ)": 5.200 was a second received count; beside the total it is the new one."""
    p = PROBES / "ca-mau_2024-q1_trong-ky.txt"
    assert [(f.indicator, f.value) for f in extract_file(p).facts][:3] == [
        ("dossiers.received", 5320), ("dossiers.carried_over", 120), ("dossiers.new", 5200)]
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "calc.partition"
            and c.values[1].value == 5200] == [("holds", [5320, 5200, 120])]


def test_named_fields_add_up_to_more_than_their_total():
    """Probe tay-ninh_2024-q3_linh-vuc-vuot.txt: "Sở Tư pháp tiếp nhận 1.234 hồ sơ, ... Trong đó, lĩnh vực lý lịch tư pháp
    tiếp nhận 900 hồ sơ, lĩnh vực hộ tịch tiếp nhận 400 hồ sơ": fields, like named units, do not overlap (scope.exceeds)."""
    c, = [c for c in check_file(PROBES / "tay-ninh_2024-q3_linh-vuc-vuot.txt").claims if c.rule == "scope.exceeds"]
    assert (c.status, [v.value for v in c.values]) == ("fail", [1234, 900, 400])
    c, = [c for c in check_file(PROBES / "tay-ninh_2024-q2_so-tu-phap.txt").claims if c.rule == "scope.exceeds"]
    assert (c.status, [v.value for v in c.values]) == ("holds", [1234, 900, 200])


def test_a_change_and_its_count_after_tuong_ung():
    """Probe ha-nam_2024-q2_tang-tuong-ung.txt: "tiếp nhận 10.500 hồ sơ, tăng 5%, tương ứng 500 hồ sơ so với quý I; đã giải
    quyết 10.300 hồ sơ, ...": the change's count is no share's own count (it was read as 500 dossiers received), and the
    period compared before the ";" is not the resolved count's (it had made it a baseline)."""
    got = [(f.indicator, f.value, f.role) for f in extract_file(PROBES / "ha-nam_2024-q2_tang-tuong-ung.txt").facts]
    assert got == [("dossiers.received", 10500, "value"), ("dossiers.resolved", 10300, "value"), ("dossiers.pending", 200, "value")]


def test_late_under_the_pending_count_is_pending_overdue():
    """Probe hung-yen_2024-q2_dang-tre-han.txt: "đang giải quyết 500 hồ sơ, trong đó số hồ sơ trễ hạn là 20 hồ sơ, trong hạn
    490 hồ sơ": under the pending count "trễ hạn" is overdue (it was read as resolved late), so 20 + 490 != 500 is found."""
    p = PROBES / "hung-yen_2024-q2_dang-tre-han.txt"
    assert [f.indicator for f in extract_file(p).facts][3:] == ["dossiers.pending_overdue", "dossiers.pending_within"]
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "calc.partition"
            and c.values[0].value == 500] == [("fail", [500, 490, 20])]


def test_one_districts_total_in_a_provinces_report():
    """Probe yen-bai_2024-q2_tai-luc-yen.txt: "cấp huyện tiếp nhận 20.000 hồ sơ, cấp xã tiếp nhận 40.000 hồ sơ; ... Tại Lục
    Yên, toàn huyện tiếp nhận 3.000 hồ sơ": one district's total is not held against the province's district and
    commune levels (a false error of -57.000 the whole-district reading would give)."""
    got = [(c.status, [v.value for v in c.values]) for c in check_file(PROBES / "yen-bai_2024-q2_tai-luc-yen.txt").claims
           if c.rule == "calc.levels"]
    assert got == [("holds", [70000, 10000, 20000, 40000])]
    # a district report's own quận level listed after its total stays a part ("toàn quận ..., trong đó cấp quận ...")
    assert [c.status for c in check_file(PROBES / "ho-chi-minh_2023-q3_quan-3.txt").claims if c.rule == "calc.levels"] == ["holds"]


def test_the_opening_balance_is_the_carried_over_count():
    """Probe vinh-long_2024-10_ton-dau-ky.txt: "số hồ sơ tồn đầu kỳ là 320 hồ sơ; số hồ sơ tiếp nhận trong tháng là 5.480 hồ
    sơ; đã giải quyết 5.500 hồ sơ; tồn cuối kỳ 300 hồ sơ": the opening balance was not read, and received = resolved +
    pending was a false error by exactly it."""
    p = PROBES / "vinh-long_2024-10_ton-dau-ky.txt"
    assert [(f.indicator, f.value) for f in extract_file(p).facts][0] == ("dossiers.carried_over", 320)
    # feedback too: "tiếp nhận 25 phản ánh, kiến nghị (tồn kỳ trước 3 PAKN, mới tiếp nhận 22 PAKN)" (probe quang-ninh_2024-q3_pakn-ton.txt)
    assert [(f.indicator, f.value) for f in extract_file(PROBES / "quang-ninh_2024-q3_pakn-ton.txt").facts][1] == ("pakn.carried_over", 3)
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "calc.partition"] == [
        ("holds", [5480, 320, 5500, 300])]


def test_a_share_with_its_fraction_in_brackets_is_not_held_over_other_counts():
    """Probe dong-nai_2024-q1_phuong-xa-ty-le.txt: "đã giải quyết 52.100 hồ sơ; tỷ lệ hồ sơ giải quyết đúng hạn của cấp xã
    đạt 99,81% (52.000/52.100 hồ sơ)": the rate was held as 52.100 over the 52.400 received, a false error; its own count
    and base are in its brackets (ratio.fraction checks it)."""
    res = check_file(PROBES / "dong-nai_2024-q1_phuong-xa-ty-le.txt")
    assert not [c for c in res.claims if c.status == "fail"]
    assert [[v.value for v in c.values] for c in res.claims if c.rule == "ratio.fraction"] == [[52000, 52100, 99.81]]


def test_respective_periods_before_the_words_they_share():
    """Probe gia-lai_2024_hai-nam-lan-luot.txt: "Năm 2023 và năm 2024, số hồ sơ tiếp nhận của tỉnh lần lượt là 80.000 và
    95.000 hồ sơ; năm 2024 đã giải quyết 94.200 hồ sơ, đang giải quyết 800 hồ sơ": the 2023 count was read as 2024's and
    held against its resolved + pending (a false error of -15.000). Each period is an item, with the words after them."""
    p = PROBES / "gia-lai_2024_hai-nam-lan-luot.txt"
    assert [(f.value, f.period) for f in extract_file(p).facts if f.indicator == "dossiers.received"] == [(80000, "2023"), (95000, "2024")]
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "calc.partition"] == [
        ("holds", [95000, 94200, 800])]


def test_pending_stated_only_by_its_two_parts():
    """Probe binh-dinh_2024-q3_chua-den-han.txt: "Tổng số hồ sơ tiếp nhận trong kỳ là 5.480 hồ sơ. Đã giải quyết 5.400 hồ sơ,
    ... Số hồ sơ chưa đến hạn trả kết quả là 77 hồ sơ; số hồ sơ quá hạn chưa trả kết quả là 3 hồ sơ": neither pending part was
    read, and received = resolved + pending was not checked (calc.yml received=resolved+pending_within+overdue)."""
    p = PROBES / "binh-dinh_2024-q3_chua-den-han.txt"
    assert [(f.indicator, f.value) for f in extract_file(p).facts][-2:] == [("dossiers.pending_within", 77),
                                                                          ("dossiers.pending_overdue", 3)]
    claims = [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "calc.partition"]
    assert ("holds", [5480, 5400, 77, 3]) in claims
    # the relation's parts are no siblings of one another: "đang giải quyết còn trong hạn là 220" after "đã giải quyết"
    # stays the pending count (devset tp-ho-chi-minh_2018_quan1-hoso.txt)
    from analysis.vocab import siblings_of
    assert "dossiers.pending_within" not in siblings_of().get("dossiers.resolved", ())


def test_pending_parts_changed_is_flagged(tmp_path):
    p = tmp_path / "binh-dinh_2024-q3_chua-den-han.txt"
    p.write_text((PROBES / p.name).read_text(encoding="utf-8").replace("là 77 hồ sơ", "là 87 hồ sơ"), encoding="utf-8")
    assert [(c.status, c.difference) for c in check_file(p).claims if c.rule == "calc.partition" and c.status == "fail"] == \
        [("fail", -10)]


def test_digits_grouped_by_two_commas_are_read(tmp_path):
    """Probe long-an_2024_dau-phay.txt: "tiếp nhận 1,204,500 hồ sơ; đã giải quyết 1,200,000 hồ sơ, đang giải quyết 4,500 hồ
    sơ": the two large counts were no numbers at all."""
    p = PROBES / "long-an_2024_dau-phay.txt"
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims if c.rule == "calc.partition"] == [
        ("holds", [1204500, 1200000, 4500])]
    q = tmp_path / p.name
    q.write_text(p.read_text(encoding="utf-8").replace("1,200,000", "1,200,100"), encoding="utf-8")
    assert [c.difference for c in check_file(q).claims if c.rule == "calc.partition"] == [-100]


def test_a_ratio_over_a_total_written_in_words():
    """Probe kon-tum_2024-q3_tren-tong.txt: "Các sở, ngành đã giải quyết 980 trên tổng số 1.000 hồ sơ tiếp nhận, đạt 97%":
    980/1.000 is 98 %, but the 97 % was read as a share of the 1.000 and let go. "trên tổng số" writes a ratio as
    "trong tổng số" does; the words after its base name the base, the words before the count name the count."""
    res = check_file(PROBES / "kon-tum_2024-q3_tren-tong.txt")
    assert [(c.rule, c.status, c.difference) for c in res.claims] == [("ratio.fraction", "fail", -1)]
    assert [(f.indicator, f.value, f.role) for f in extract_file(PROBES / "kon-tum_2024-q3_tren-tong.txt").facts] == [
        ("dossiers.resolved", 980, "ratio")]


def test_truncation_leaves_the_next_step_out():
    """A stated 97 % admits the true values that round to it or truncate to it: [96,5; 98), not 98 % itself (the
    probe kon-tum_2024-q3_tren-tong.txt had held 980/1.000 = 98 % as a truncation to 97 %)."""
    from analysis.findings import Interval, Val, judge
    v = Val(97, 0, True)
    exact = Interval(98.0, 98.0)
    assert judge(v.rounded(), v.full(), exact, exact) == "fail"
    almost = Interval(97.99, 97.99)
    assert judge(v.rounded(), v.full(), almost, almost) == "info"


def test_a_longer_periods_count_against_its_quarters():
    """Probes ninh-thuan_2024_bon-quy.txt ("quý I giải quyết 8.200 hồ sơ, ..., quý IV giải quyết 10.050 hồ sơ. Cả năm đã
    giải quyết 36.700 hồ sơ") and gia-lai_2024-h1_quy.txt ("Số hồ sơ tiếp nhận: quý I là 10.000 hồ sơ, quý II là 12.500 hồ
    sơ; tổng cộng 6 tháng đầu năm là 22.000 hồ sơ"): calc.months held only months; "Cả năm" was no period (its count was
    read as the first quarter's), and "quý II là" and "tổng cộng 6 tháng đầu năm là" named no count."""
    nt = check_file(PROBES / "ninh-thuan_2024_bon-quy.txt")
    assert [(c.rule, c.status, [v.value for v in c.values]) for c in nt.claims] == [
        ("calc.months", "holds", [36700, 8200, 9100, 9350, 10050])]
    gl = check_file(PROBES / "gia-lai_2024-h1_quy.txt")
    assert [(c.rule, c.status, c.difference) for c in gl.claims] == [("calc.months", "fail", -500)]
    assert "tổng các quý (2024-Q1, 2024-Q2)" in gl.findings[0]["message"]
    assert "quarters" in gl.findings[0]["message_en"]
    from analysis.checks_facts import _quarters_of
    assert _quarters_of("2024-9M") == ["2024-Q1", "2024-Q2", "2024-Q3"] and _quarters_of("2024-H2") == ["2024-Q3", "2024-Q4"]
    assert _quarters_of("2024-Q3") is None


def test_the_whole_year_named_in_a_quarters_report():
    """Probe dien-bien_2024-q4_nam-va-quy.txt: "Tính cả năm 2024, toàn tỉnh tiếp nhận 98.700 hồ sơ" in a fourth quarter's
    report states the year's figures, not the quarter's (a bare "năm 2024" stays the report's own)."""
    facts = extract_file(PROBES / "dien-bien_2024-q4_nam-va-quy.txt").facts
    assert [(f.value, f.period) for f in facts if f.indicator == "dossiers.received"] == [(25300, "2024-Q4"), (98700, "2024")]


def test_the_result_not_yet_given_is_pending():
    """Probe cao-bang_2024-q2_da-tra.txt: "Đã trả kết quả: 1.200 hồ sơ. Chưa trả kết quả: 34 hồ sơ": the 34 was not read, and
    received = resolved + pending was not checked ("quá hạn chưa trả kết quả" stays the overdue part: the longer label)."""
    p = PROBES / "cao-bang_2024-q2_da-tra.txt"
    assert [(f.indicator, f.value) for f in extract_file(p).facts] == [
        ("dossiers.received", 1234), ("dossiers.resolved", 1200), ("dossiers.pending", 34)]
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims] == [("holds", [1234, 1200, 34])]


def test_a_titles_data_window_against_its_label():
    """Probe bac-ninh_2024-q2_nhan-cua-so.txt: "Báo cáo quý II năm 2024 (Số liệu từ ngày 15/12/2023 đến ngày 14/6/2024)": a
    quarter's label over a half year's window was let go, a form header's "Kỳ báo cáo" being the only lead read. The
    window of a period compared is no label's (probe bac-ninh_2024-q2_so-sanh-cua-so.txt: "tăng 5% so với quý I năm 2024
    (số liệu từ ngày 15/12/2023 đến ngày 14/3/2024)")."""
    res = check_file(PROBES / "bac-ninh_2024-q2_nhan-cua-so.txt")
    assert [(c.rule, c.status, c.params["label"]) for c in res.claims] == [
        ("period.label", "fail", "quý II năm 2024 từ ngày 15/12/2023 đến ngày 14/6/2024")]
    assert not check_file(PROBES / "bac-ninh_2024-q2_so-sanh-cua-so.txt").claims


def test_named_fields_over_their_total():
    """Probe hoa-binh_2024-q3_linh-vuc.txt: fields named under a count add up to more than it (enum.exceeds: a partial list may not exceed its total); a list of
    fields that adds up to less (probe phu-tho_2024-q3_linh-vuc-mot-phan.txt) is a partial list, not an error."""
    res = check_file(PROBES / "hoa-binh_2024-q3_linh-vuc.txt")
    assert [(c.rule, c.status, c.difference) for c in res.claims if c.status == "fail"] == [("enum.exceeds", "fail", -100)]
    assert not [c for c in check_file(PROBES / "phu-tho_2024-q3_linh-vuc-mot-phan.txt").claims if c.status == "fail"]


def test_reviews_counted_by_their_noun():
    """Probe binh-duong_2024_danh-gia.txt: "có 4.500 lượt đánh giá, trong đó rất hài lòng 3.900 lượt, hài lòng 550 lượt,
    không hài lòng 60 lượt": the reviews were named only as "số lượt đánh giá", so the 4.500 was no count and the
    levels (4.510) were not held against it."""
    res = check_file(PROBES / "binh-duong_2024_danh-gia.txt")
    assert [(c.rule, c.status, c.difference) for c in res.claims] == [("calc.partition", "fail", -10)]


def test_a_city_named_like_its_province_is_not_the_report_itself():
    """Probe thanh-hoa_2024-q2_thanh-pho-cung-ten.txt: "Riêng UBND thành phố Thanh Hóa tiếp nhận 8.000 hồ sơ, đã giải quyết
    7.900 hồ sơ, đang giải quyết 100 hồ sơ" in the province's report: the city's name is the province's, so it was read
    as the report's own unit, and each figure got the words after "Riêng" up to it as its scope (three scopes, no
    relation). A place is the report's own under its own kind only (a press text that names it under no kind, devset
    lam-dong_2021-04_da-huoai-dvctt.txt, still is)."""
    p = PROBES / "thanh-hoa_2024-q2_thanh-pho-cung-ten.txt"
    assert [f.scope for f in extract_file(p).facts] == [""] * 3 + ["ubnd thành phố thanh hóa"] * 3
    assert [(c.status, [v.value for v in c.values]) for c in check_file(p).claims] == [
        ("holds", [95000, 94100, 900]), ("holds", [8000, 7900, 100])]
    press = ROOT.parent / "shared" / "devset" / "lam-dong_2021-04_da-huoai-dvctt.txt"
    if press.exists():
        assert {f.scope for f in extract_file(press).facts} == {""}


def test_a_change_of_the_count_the_sentence_before_states():
    """Probe nghe-an_2024-q3_ngoac-truoc.txt: "toàn tỉnh tiếp nhận 52.000 hồ sơ. Số hồ sơ này tăng 4.000 hồ sơ so với quý
    II/2024 (48.000 hồ sơ)": the change opens its sentence, and its count is the one sentence before (a sentence of one
    count only: probe nghe-an_2024-q3_trong-do-so-nay.txt)."""
    p = PROBES / "nghe-an_2024-q3_ngoac-truoc.txt"
    assert [(c.rule, c.status, [v.value for v in c.values]) for c in check_file(p).claims] == [
        ("change.count", "holds", [52000, 4000, 48000])]


def test_on_time_with_the_early_ones_in_an_aside_of_gom_ca():
    """Probe hai-duong_2024-q2_gach-dau-dong.txt: "Tỷ lệ giải quyết đúng hạn (gồm cả trước hạn) đạt 98,86% (43.500/44.000)":
    "gồm cả" was not among the asides that name the early dossiers with the on-time ones, so the 43.500 was read as
    early dossiers and counted again in resolved = early + on time + late (a false error of -43.500)."""
    res = check_file(PROBES / "hai-duong_2024-q2_gach-dau-dong.txt")
    assert [(c.rule, c.stated, c.expected) for c in res.claims if c.status == "fail"] == [("calc.partition", 35, 34)]
    assert ("holds", [44000, 30000, 13500, 500]) in [(c.status, [v.value for v in c.values]) for c in res.claims]


def test_a_level_named_in_brackets_holds_in_them_only():
    """Probe gia-lai_2025-q4_hai-cap-ty-le.txt: "toàn tỉnh tiếp nhận 180.000 hồ sơ (cấp tỉnh 40.000 hồ sơ, cấp xã 140.000 hồ
    sơ); đã giải quyết 176.400 hồ sơ, đạt 98%; đang giải quyết 3.600 hồ sơ": the last level in the brackets was carried to
    the figures after them, and the province's resolved + pending were held against the communes' 140.000."""
    p = PROBES / "gia-lai_2025-q4_hai-cap-ty-le.txt"
    assert [f.level for f in extract_file(p).facts] == ["total", "tinh", "xa", "total", "total", "total"]
    assert not [c for c in check_file(p).claims if c.status == "fail"]


def test_centres_are_counted_units():
    """Probe bac-ninh_2025-q3_hai-cap-tong-sai.txt: "99 Trung tâm Phục vụ hành chính công cấp xã tiếp nhận 160.000 hồ sơ":
    the 99 centres were read as the communes' dossiers, and the level sum's message said 45.099."""
    res = check_file(PROBES / "bac-ninh_2025-q3_hai-cap-tong-sai.txt")
    assert [(c.rule, c.stated, c.expected) for c in res.claims] == [("calc.levels", 215000, 205000)]


def test_a_count_after_danh_muc_is_no_section_number():
    """Probe tuyen-quang_2024-q2_cong-bo.txt: "ban hành 15 Quyết định công bố danh mục 210 TTHC, trong đó: 45 TTHC mới ban
    hành, 150 TTHC sửa đổi, bổ sung, 20 TTHC bị bãi bỏ": "mục 210" was masked as a section reference ("Mục 2"), so the
    published total was never read and 45 + 150 + 20 = 215 never held against it."""
    from analysis.numbers import find_numbers
    assert [n.value for n in find_numbers("Quyết định công bố danh mục 210 TTHC; theo Mục 2 của Kế hoạch")] == [210]
    res = check_file(PROBES / "tuyen-quang_2024-q2_cong-bo.txt")
    assert [(c.rule, c.stated, c.expected) for c in res.claims] == [("calc.partition", 210, 215)]


def test_an_earlier_quarter_in_brackets_is_a_baseline_not_a_wrong_label():
    """Probe can-tho_2024-q1_nam-truoc.txt: "Quý I/2024, thành phố tiếp nhận 10.000 hồ sơ (quý I/2023: 9.000 hồ sơ)": the
    bracketed quarter of the year before was reported as a wrong period label (period.label), a false error; it opens
    brackets after a figure, as a baseline does. The year before named whole ("Cả năm 2023, …") is no error either."""
    assert not check_file(PROBES / "can-tho_2024-q1_nam-truoc.txt").claims


def test_a_tables_columns_count_what_the_column_before_them_counts():
    """Probe nam-dinh_2024-q2_bang-cong-bo.md: "Số quyết định công bố | Tổng số TTHC công bố | Ban hành mới | Sửa đổi, bổ sung |
    Bãi bỏ": the last three headers name no noun, and took the table's first (decisions), so their totals were no TTHC
    and 17 + 51 + 8 = 76 was never held against the 77 published. A column with no noun counts what the nearest column
    before it counts."""
    res = check_file(PROBES / "nam-dinh_2024-q2_bang-cong-bo.md")
    # (and, since each row is read, the field's row 12 ≠ 2 + 8 + 1)
    assert [(c.rule, c.stated, c.expected) for c in res.claims if c.status == "fail"] == [
        ("calc.partition", 12, 11), ("calc.partition", 77, 76)]


def test_an_earlier_periods_figures_are_held_against_one_another():
    """Probe tien-giang_2024-q1_sai-nhan.txt: a 2024-Q1 report stating "Trong quý I năm 2023, toàn tỉnh tiếp nhận 10.000 hồ
    sơ, đã giải quyết 9.800 hồ sơ, đang giải quyết 200 hồ sơ": the wrong year label is found (period.label), and the
    figures, read as the earlier period's (baselines), were checked against nothing; they are held against one another."""
    p = PROBES / "tien-giang_2024-q1_sai-nhan.txt"
    assert [(c.rule, c.status) for c in check_file(p).claims] == [("calc.partition", "holds"), ("period.label", "fail")]


def test_a_noun_written_short_counts_what_it_counted_whole(tmp_path):
    """Probe long-an_2024-q3_danh-gia-hai-long.txt: "tổng số 3.250 lượt đánh giá. Trong đó, rất hài lòng 2.900 lượt (chiếm
    89,23%), hài lòng 340 lượt (chiếm 10,46%)": the bare "lượt" had counted visits, so the shares were taken over 2.900,
    a false error (10,46% of 340 over 2.900). Written short after the whole noun, it counts reviews, as the whole did.
    "thanh toán phí, lệ phí trực tuyến trên tổng số 5.120 hồ sơ": "phí, lệ phí" is one noun (the comma ends no clause), so
    2.345 over 5.120 is a ratio, held against its 45,8%."""
    res = check_file(PROBES / "long-an_2024-q3_danh-gia-hai-long.txt")
    assert [(c.rule, c.stated) for c in res.claims if c.status == "fail"] == [("share.count", 0.41)]
    fails = [c for c in res.claims if c.status == "fail"]
    assert "3.250" in fails[0].finding()["message"]
    mutated = (PROBES / "long-an_2024-q3_danh-gia-hai-long.txt").read_text(encoding="utf-8").replace("45,8%", "46,5%")
    (tmp_path / "long-an_2024-q3_x.txt").write_text(mutated, encoding="utf-8")
    assert any(c.stated == 46.5 and c.status == "fail" for c in check_file(tmp_path / "long-an_2024-q3_x.txt").claims)


def test_a_change_stated_as_a_count_and_a_percentage_is_held_together(tmp_path):
    """Probes ninh-thuan_2024-q1_hcc-tinh.txt and quang-tri_2024-q2_tang-tuong-duong.txt: "tiếp nhận 15.678 hồ sơ, tăng 1.234
    hồ sơ (tương đương 8,5%) so với cùng kỳ", "hồ sơ trực tiếp 4.000 hồ sơ, giảm 200 hồ sơ (giảm 5,8%)", "giảm 5% (tương
    ứng 6 hồ sơ)": the earlier count is A - C (A + C for a fall), and the percentage is C over it (change.both_forms).
    The percentage had been read as a share of the change's count (a false share.count error: 25% of 1.000 over 15.012).
    "đã giải quyết 15.012 hồ sơ, đạt 98,6%, tăng 1.234 hồ sơ (8,9%)": the count's own rate between the count and its change
    left the change unchecked; 1.234 over 13.778 is 8,956%, which 8,9 truncates (info)."""
    res = check_file(PROBES / "quang-tri_2024-q2_tang-tuong-duong.txt")
    assert sorted((c.rule, c.status, c.stated) for c in res.claims) == [
        ("change.both_forms", "fail", 5.8), ("change.both_forms", "holds", 5.0), ("change.both_forms", "holds", 25.0),
        ("change.both_forms", "info", 8.9)]
    fail = next(c for c in res.claims if c.status == "fail")
    assert fail.expected == 4.7619 and "4.200" in fail.finding()["message"]
    mutated = (PROBES / "quang-tri_2024-q2_tang-tuong-duong.txt").read_text(encoding="utf-8").replace("(8,9%)", "(9,9%)")
    (tmp_path / "quang-tri_2024-q2_x.txt").write_text(mutated, encoding="utf-8")
    assert [(c.stated, c.expected) for c in check_file(tmp_path / "quang-tri_2024-q2_x.txt").claims
            if c.status == "fail" and c.stated == 9.9] == [(9.9, 8.9563)]
    nt = check_file(PROBES / "ninh-thuan_2024-q1_hcc-tinh.txt")
    assert [(c.stated, c.expected) for c in nt.claims if c.rule == "change.both_forms"] == [(8.5, 8.5433)]


def test_a_list_of_months_led_by_its_indicator_is_summed_against_its_total():
    """Probe quang-binh_2024-q2_thang.txt: "Số hồ sơ tiếp nhận tại Trung tâm ... theo từng tháng như sau: tháng 4: 3.200 hồ sơ;
    tháng 5: 3.450 hồ sơ; tháng 6: 3.600 hồ sơ; tổng cộng quý II: 10.350 hồ sơ": the first month's figure, whose indicator
    only the list's lead names, was not read, nor then the months after it; "tổng cộng quý II" is the quarter's total."""
    res = check_file(PROBES / "quang-binh_2024-q2_thang.txt")
    assert [(c.rule, c.stated, c.expected) for c in res.claims if c.status == "fail"] == [("calc.months", 10350, 10250)]


def test_a_share_of_units_after_their_own_rate_is_held_against_their_fraction(tmp_path):
    """Probe ha-giang_2024-h1_so-hoa-ket-qua.txt: "Có 45/56 đơn vị đạt tỷ lệ giải quyết hồ sơ đúng hạn trên 95%, chiếm
    80,36% tổng số đơn vị": the 95% is the units' threshold; the share after it is 45 over 56."""
    p = PROBES / "ha-giang_2024-h1_so-hoa-ket-qua.txt"
    assert [(c.rule, c.status, c.stated) for c in check_file(p).claims if c.rule == "ratio.fraction"] == [
        ("ratio.fraction", "holds", 80.36)]
    (tmp_path / p.name).write_text(p.read_text(encoding="utf-8").replace("80,36%", "81,06%"), encoding="utf-8")
    assert [(c.rule, c.status) for c in check_file(tmp_path / p.name).claims if c.stated == 81.06] == [("ratio.fraction", "fail")]


def test_named_units_that_repeat_their_totals_verb_are_its_parts(tmp_path):
    """Probe phu-tho_2024-h1_cac-huyen.txt: "các địa phương cấp huyện tiếp nhận 4.300 hồ sơ. Trong đó, thành phố Việt Trì tiếp
    nhận 2.300 hồ sơ, thị xã Phú Thọ 1.200 hồ sơ, huyện Đoan Hùng 900 hồ sơ" (4.400): the first unit repeats the total's
    "tiếp nhận", and a list whose parts were not all of no category was no list at all. A list of units cannot exceed
    its total (it may be partial, so 4.200 would hold)."""
    p = PROBES / "phu-tho_2024-h1_cac-huyen.txt"
    assert [(f["rule"], f["stated"], f["expected"]) for f in _alarms(check_file(p))] == [("enum.exceeds", 4300, 4400)]
    q = tmp_path / p.name
    q.write_text(p.read_text(encoding="utf-8").replace("900 hồ sơ", "700 hồ sơ"), encoding="utf-8")
    assert not _alarms(check_file(q))


def test_each_row_of_a_units_table_is_held_by_the_calculation_model():
    """Probes lai-chau_2024-q2_bang-don-vi.md and thai-binh_2024-q3_bang-ty-le-don-vi.md: "| 3 | Sở Xây dựng | 560 | 540 | 30 |"
    under "Tiếp nhận | Đã giải quyết | Đang giải quyết", and a rate column "Tỷ lệ đúng hạn (%)" beside its two counts: only
    a table's total row was read, so a unit's row was held against nothing when the form numbered no columns. Each row
    is read with its unit as its scope, and the message names it. The same gap a form's formula finds is said once."""
    res = check_file(PROBES / "lai-chau_2024-q2_bang-don-vi.md")
    fails = [c for c in res.claims if c.status == "fail"]
    assert [(c.rule, c.stated, c.expected) for c in fails] == [("calc.partition", 560, 570), ("calc.partition", 4150, 4160)]
    assert "[Sở Xây dựng]" in fails[0].finding()["message"] and fails[0].evidence[0][0] == 9
    res = check_file(PROBES / "thai-binh_2024-q3_bang-ty-le-don-vi.md")
    assert [(c.rule, c.stated) for c in res.claims if c.status == "fail"] == [("rate.recomputed", 99.11)]
    res = check_file(PROBES / "bac-kan_2024-q3_bieu.txt")      # (the form's formula and the model on one row: one finding)
    assert [f["rule"] for f in _alarms(res)] == ["table.formula"]


def test_a_rate_alone_in_brackets_after_its_category_is_a_share():
    """Probe gia-lai_2025-q3_hai-cap.txt: "Hồ sơ trực tuyến chiếm 62,3%, còn lại là hồ sơ trực tiếp (37,7%)": the second rate,
    in brackets after its category's words with no count, was in no group, so the two shares were never held to 100%."""
    p = PROBES / "gia-lai_2025-q3_hai-cap.txt"
    assert [(c.rule, c.status, c.stated) for c in check_file(p).claims if c.rule == "share.sum"] == [("share.sum", "holds", 100.0)]


def test_received_in_the_period_after_the_carried_over_item_is_the_new_count():
    """Probe bac-kan_2024-q1_dong-ke.txt: "- Kỳ trước chuyển sang: 1.234 hồ sơ; - Tiếp nhận trong kỳ: 5.678 hồ sơ; - Tổng số:
    6.921 hồ sơ", one item each: the second item was read as the received total, so 6.921 was a repeat of it that
    disagreed (dup.figure, naming the wrong pair) and 1.234 + 5.678 = 6.912 was never held against 6.921. With the
    carried-over item before it and a larger total in its list, it is the new count (as in one sentence)."""
    res = check_file(PROBES / "bac-kan_2024-q1_dong-ke.txt")
    assert [(f["rule"], f["stated"], f["expected"]) for f in _alarms(res)] == [("calc.partition", 6921, 6912)]


def test_the_calendar_quarter_before_a_quarter_counted_from_the_15th_is_a_baseline():
    """Probe dak-lak_2024-q3_bao-cao-dai.txt, a third quarter's report "(Số liệu từ ngày 15/6/2024 đến ngày 14/9/2024)": "So với
    quý II/2024, số hồ sơ tiếp nhận tăng 5.432 hồ sơ (quý II/2024: 93.333 hồ sơ)". The calendar's second quarter (to 30/6)
    overlaps the report's by two weeks, so 93.333 was read as the third quarter's received count and summed against its
    levels: a false error (calc.levels 93.333 ≠ 98.765). The same kind of period, starting before, is an earlier one."""
    res = check_file(PROBES / "dak-lak_2024-q3_bao-cao-dai.txt")
    assert not _alarms(res)
    facts = extract_file(PROBES / "dak-lak_2024-q3_bao-cao-dai.txt").facts
    assert [(f.period, f.role) for f in facts if f.value == 93333] == [("2024-Q2", "baseline")]


def test_a_breakdown_after_the_pending_count_is_of_the_resolved_count():
    """Probe quang-ngai_2024-q1_la-chiem.txt: "đã giải quyết: 33.210 hồ sơ; đang giải quyết: 1.357 hồ sơ. Trong đó, hồ sơ giải
    quyết trước hạn là 25.432 (chiếm 76,58%), đúng hạn là 7.512 (…), trễ hạn là 266 (…)": the list was taken as the
    pending count's, a false error (33.210 exceeding 1.357). Parts that fit an earlier count of the lead are its own;
    and a list ends at the ';' past which its parts stop fitting its total ("…, trễ hạn 12 hồ sơ; đang giải quyết 113")."""
    res = check_file(PROBES / "quang-ngai_2024-q1_la-chiem.txt")
    assert sorted((f["rule"], f["stated"]) for f in _alarms(res)) == [("share.count", 22.26), ("share.sum", 99.64)]
    ann = extract_file(PROBES / "quang-ngai_2024-q1_la-chiem.txt").ann
    assert [(p.total.number.value, [x.number.value for x in p.parts]) for p in ann.parts] == [(33210, [25432, 7512, 266])]


def test_a_total_of_six_months_after_its_quarters():
    """Probe bac-ninh_2024-h1_tong-cong-6-thang.txt: "quý I là 10.000 hồ sơ, quý II là 12.500 hồ sơ; tổng cộng 6 tháng là 22.600
    hồ sơ": "6 tháng" without "đầu năm" was a figure (6) and no period, so the half year's total was never read."""
    from analysis.periods import find_periods
    assert [p.key for p, _a, _b in find_periods("tổng cộng 6 tháng là", 2024)] == ["2024-H1"]
    assert not find_periods("cả 3 tháng trong quý đều đạt 100%", 2024)     # (any number of months is no running total)
    res = check_file(PROBES / "bac-ninh_2024-h1_tong-cong-6-thang.txt")
    assert [(f["rule"], f["stated"], f["expected"]) for f in _alarms(res)] == [("calc.months", 22600, 22500)]


def test_the_index_766_named_by_its_province_and_groups_named_short():
    """Probe ha-tinh_2024_chi-so-766-nhom.txt: "tỉnh Hà Tĩnh đạt 88,45/100 điểm. Cụ thể: …; tiến độ giải quyết đạt 19,5/20 điểm;
    dịch vụ công trực tuyến đạt 15,8/22 điểm; …": the total (the province named between "tỉnh" and "đạt") and two groups
    named without "kết quả" or "cung cấp" were not read, so the groups were never summed (87,45)."""
    res = check_file(PROBES / "ha-tinh_2024_chi-so-766-nhom.txt")
    assert [(f["rule"], f["stated"], f["expected"]) for f in _alarms(res)] == [("calc.partition", 88.45, 87.45)]


def test_two_formulas_of_one_row_that_fail_alike_are_two_findings():
    """Gia Lai 2022-Q1, Biểu II.05b, row 'Việc làm' (line 322): (3) = (4) + (5) and (3) = (6) + (7) both fail as 4 ≠ 2 — two
    formulas, two findings — while the calculation model's reading of a row a formula already flags is said once
    (probe bac-kan_2024-q3_bieu.txt: 790 ≠ 786 + 14 only as table.formula)."""
    res = check_file(SEEDS["gia_lai_q1"])
    rows = [f["message"] for f in _alarms(res) if f["rule"] == "table.formula" and "Việc làm" in f["message"]]
    assert [m.split(": ", 2)[2].split(" không")[0] for m in rows] == ["(3) = (4) + (5)", "(3) = (6) + (7)", "(8) = (11) + (12)"]
    assert not [f for f in _alarms(res) if f["rule"] == "calc.partition" and f["stated"] == 256]


def test_an_earlier_quarter_beside_the_reports_own_is_no_mislabel(tmp_path):
    """Probe dong-thap_2024-q1_hai-quy.txt: "Quý I/2023 toàn tỉnh tiếp nhận 9.000 hồ sơ, quý I/2024 tiếp nhận 10.000 hồ sơ":
    the report's own quarter named in the line compares the two (period.label had flagged 'Quý I/2023' once the report's
    period was read right). The same line without its own quarter is still flagged."""
    p = PROBES / "dong-thap_2024-q1_hai-quy.txt"
    assert not [c for c in check_file(p).claims if c.rule == "period.label"]
    text = p.read_text(encoding="utf-8").replace(", quý I/2024 tiếp nhận 10.000 hồ sơ, tăng 11,1%", "")
    (tmp_path / "dong-thap_2024-q1_x.txt").write_text(text, encoding="utf-8")
    assert [c.params["label"] for c in check_file(tmp_path / "dong-thap_2024-q1_x.txt").claims
            if c.rule == "period.label"] == ["Quý I/2023"]


def test_new_and_carried_over_are_what_is_resolved_or_pending(tmp_path):
    """Probe thai-nguyen_2024-q3_pakn-chuyen-sang.txt: "tiếp nhận 5.600 hồ sơ; kỳ trước chuyển sang 400 hồ sơ. Đã giải quyết
    5.200 hồ sơ (đạt 86,67%), đang giải quyết 800 hồ sơ" and the same for PAKN ("tiếp nhận 56 phản ánh, kiến nghị (PAKN)
    ...; kỳ trước chuyển sang 4 PAKN"). The share was taken over 5.600 alone (a false error: 92,86%), the PAKN's 56 was held
    as the received total against 52 + 9 (a false error of 4, hiding the real one of 1), and with no received total stated
    new + carried over was held against nothing (calc.yml `plus`)."""
    res = check_file(PROBES / "thai-nguyen_2024-q3_pakn-chuyen-sang.txt")
    got = sorted((c.rule, c.status, c.stated, c.expected) for c in res.claims)
    assert got == [("calc.partition", "fail", 60.0, 61.0), ("calc.partition", "holds", 6000.0, 6000.0),
                   ("share.count", "holds", 86.67, 86.6667), ("share.count", "holds", 86.67, 86.6667)]
    text = (PROBES / "thai-nguyen_2024-q3_pakn-chuyen-sang.txt").read_text(encoding="utf-8")
    (tmp_path / "thai-nguyen_2024-q3_x.txt").write_text(text.replace("đang giải quyết 800", "đang giải quyết 900")
                                                       .replace("5.200 hồ sơ (đạt 86,67%)", "5.200 hồ sơ (đạt 88,67%)"),
                                                       encoding="utf-8")
    fails = [c for c in check_file(tmp_path / "thai-nguyen_2024-q3_x.txt").claims if c.status == "fail"]
    assert sorted((c.rule, c.stated, c.expected) for c in fails) == [
        ("calc.partition", 60.0, 61.0), ("calc.partition", 6000.0, 6100.0), ("share.count", 88.67, 86.6667)]


def test_units_listed_by_level_add_up():
    """Probe thai-nguyen_2024-q3_kiem-tra-don-vi.txt: "tại 12 cơ quan, đơn vị, trong đó 8 cơ quan cấp tỉnh, 5 UBND cấp huyện"
    (13 > 12) and "150 cơ quan, đơn vị ..., trong đó 20 sở, ban, ngành cấp tỉnh, 9 UBND cấp huyện và 121 UBND cấp xã": counts
    of units made no list at all. By level they do; counted by what they did they overlap and still do not (Gia Lai
    2021-H1: "773 đơn vị, trong đó: Đơn vị đã thực hiện chế độ tự chủ 772/773 đơn vị ..., đơn vị đã ban hành quy chế ...
    772/773 đơn vị")."""
    res = check_file(PROBES / "thai-nguyen_2024-q3_kiem-tra-don-vi.txt")
    assert sorted((c.rule, c.status, c.stated, c.expected) for c in res.claims) == [
        ("enum.exceeds", "fail", 12.0, 13.0), ("enum.exceeds", "holds", 150.0, 150.0)]
    gl = check_file(ROOT / "data" / "raw" / "gia-lai_2021-h1_cai-cach-hanh-chinh-bao-cao-bnv.txt")
    assert not [c for c in gl.claims if c.rule.startswith("enum") and c.stated == 773]


def test_two_fractions_with_one_share_and_the_nearest_base_in_its_paragraph():
    """Probe ninh-binh_2024-q3_hai-phan-so.txt. "Có 15/18 sở, ban, ngành và 6/8 UBND cấp huyện không có hồ sơ quá hạn, chiếm
    tỷ lệ 80,77%": the share of both fractions together, 21 over 26 (6/8 = 75% alone was a false error). And a share whose
    two bases (9.800 in the paragraph before, 9.800 in its own) are as near is held against its own paragraph's: an error,
    not a warning that the base may be of another scope."""
    res = check_file(PROBES / "ninh-binh_2024-q3_hai-phan-so.txt")
    frac = [c for c in res.claims if c.rule == "ratio.fraction" and c.stated == 80.77]
    assert [(c.status, c.expected, c.params["fraction"]) for c in frac] == [("holds", 80.7692, "(15 + 6)/(18 + 8)")]
    wrong = [c for c in res.claims if c.rule == "share.count" and c.status == "fail"]
    assert [(c.stated, c.severity) for c in wrong] == [(28.55, "")]


def test_the_online_payment_rate_is_over_the_dossiers_with_a_fee():
    """Probe hoa-binh_2024-11_nghia-vu-tai-chinh.txt: "Số hồ sơ có yêu cầu nghĩa vụ tài chính là 3.200 hồ sơ, trong đó thanh
    toán trực tuyến 2.450 hồ sơ, đạt 75,56%" (Quyết định 766: paid online over the dossiers with a fee to pay): the 3.200,
    of no category, was no plausible base, so the wrong share went unchecked. A list of the online payments alone is open
    (paid in person is the other part): an-giang_2024-q4_thanh-toan.txt's 6.200 of 8.000 is no shortfall."""
    res = check_file(PROBES / "hoa-binh_2024-11_nghia-vu-tai-chinh.txt")
    (fail,) = [c for c in res.claims if c.status == "fail"]
    assert (fail.rule, fail.stated, fail.expected) == ("share.count", 75.56, 76.5625)
    assert "3.200 (Hồ sơ có yêu cầu nghĩa vụ tài chính)" in fail.finding()["message"]
    assert not [c for c in check_file(PROBES / "an-giang_2024-q4_thanh-toan.txt").claims if c.status == "fail"]


def test_a_rate_that_names_its_base_before_its_figure(tmp_path):
    """Probes bac-ninh_2025-q3_sap-nhap.txt and quang-tri_2024-q3_dvc.txt. "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp
    nhận mới đạt 78,26% (159.750 hồ sơ)": the share was read as of the new dossiers (the words nearest the figure) and held
    against the resolved 205.600 (a false warning); it is of the online dossiers, over the 204.130 new ones three items up.
    "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện đạt 61,14%" names a base the
    text does not state: it is not recomputed over full + partial services (a false error); a base the model allows is
    ("Tỷ lệ hồ sơ giải quyết đúng hạn trên tổng số hồ sơ đã giải quyết đạt 95%" over 10.000 resolved, 9.000 early or on
    time)."""
    bn = check_file(PROBES / "bac-ninh_2025-q3_sap-nhap.txt")
    (share,) = [c for c in bn.claims if c.rule == "share.count" and c.stated == 78.26]
    assert (share.status, share.expected, share.values[2].value) == ("holds", 78.259, 204130.0)
    qt = check_file(PROBES / "quang-tri_2024-q3_dvc.txt")
    assert [(c.rule, c.stated) for c in qt.claims if c.status == "fail"] == [("enum.shortfall", 1742.0)]
    (rate,) = [f for f in extract_file(PROBES / "quang-tri_2024-q3_dvc.txt").facts if f.indicator == "rate.dvc_full"]
    assert rate.denominator == "thủ tục hành chính có đủ điều kiện"
    path = tmp_path / "ha-noi_2024-q1_ty-le.txt"
    path.write_text("BÁO CÁO quý I năm 2024\nĐã giải quyết 10.000 hồ sơ, trong đó trước hạn 6.000 hồ sơ, đúng hạn 3.000 hồ sơ, "
                    "quá hạn 1.000 hồ sơ.\nTỷ lệ hồ sơ giải quyết đúng hạn trên tổng số hồ sơ đã giải quyết đạt 95%.\n",
                    encoding="utf-8")
    (fail,) = [c for c in check_file(path).claims if c.status == "fail"]
    assert (fail.rule, fail.stated, fail.expected) == ("rate.recomputed", 95.0, 90.0)


def test_the_earlier_month_in_brackets_after_a_change():
    """Probe nghe-an_2024-10_thang.txt (October, counted from 21/9): "So với tháng 9/2024, số hồ sơ tiếp nhận tăng 1.252 hồ sơ
    (tháng 9 tiếp nhận 13.200 hồ sơ)". The 13.200 was the month's own received count (a false dup.figure against 14.352 and
    a false calc.partition), because September by the calendar starts less than the reporting rules' slack before the
    report's 21/9; of the same kind, an earlier key is an earlier period. And the change, its clause opening the
    sentence and its earlier count after it, is held against the count an earlier paragraph states: 14.352 - 13.200 =
    1.152."""
    res = check_file(PROBES / "nghe-an_2024-10_thang.txt")
    (fail,) = [c for c in res.claims if c.status == "fail"]
    assert (fail.rule, fail.stated, fail.expected) == ("change.count", 1252.0, 1152.0)
    assert "Từ 13.200 đến 14.352: nêu tăng 1.252" in fail.finding()["message"]
    (base,) = [f for f in extract_file(PROBES / "nghe-an_2024-10_thang.txt").facts if f.value == 13200]
    assert (base.indicator, base.role, base.line) == ("dossiers.received", "baseline", 7)


def test_dossiers_to_deal_with_are_received_and_a_base_named_after_the_share():
    """Probes dak-lak_2024-q4_long-ngoac.txt and ca-mau_2024-q3_nghin.txt. "Tổng số hồ sơ yêu cầu giải quyết trong kỳ là
    245.360 hồ sơ (trong đó: số hồ sơ từ kỳ trước chuyển qua 5.120 hồ sơ; số hồ sơ mới tiếp nhận ...)" was read as resolved
    (two false errors against 240.100 resolved and its parts); it is the received total. And "số hóa 41.230 hồ sơ ..., đạt
    81,05% trên tổng số hồ sơ đã giải quyết" is held over the 50.870 resolved the words name, not over "gần 52,4 nghìn"
    received (whose approximation let it pass)."""
    dl = check_file(PROBES / "dak-lak_2024-q4_long-ngoac.txt")
    assert [(c.rule, c.stated, c.expected) for c in dl.claims if c.status == "fail"] == [("calc.partition", 240240.0, 241240.0)]
    (received,) = [f for f in extract_file(PROBES / "dak-lak_2024-q4_long-ngoac.txt").facts if f.value == 245360]
    assert received.indicator == "dossiers.received"
    cm = check_file(PROBES / "ca-mau_2024-q3_nghin.txt")
    (share,) = [c for c in cm.claims if c.rule == "share.count" and c.stated == 81.05]
    assert (share.status, share.expected, [v.value for v in share.values]) == ("holds", 81.0497, [81.05, 41230.0, 50870.0])


def test_refused_dossiers_an_earlier_rate_in_brackets_and_a_share_restated():
    """Probes hau-giang_2024-h1_tra-lai.txt, soc-trang_2024_nam-so-sanh.txt and binh-phuoc_2024-q3_cap-xa-mot-cua.txt.
    "đã giải quyết 35.100 hồ sơ; đang giải quyết 1.200 hồ sơ; trả lại, từ chối 240 hồ sơ do không đủ điều kiện" against
    36.540 received was a false error of 240 (the refused ones were no count). "Tỷ lệ hồ sơ trực tuyến đạt 72,4% (năm 2023
    là 61,8%), tăng 11,6 điểm phần trăm": the earlier rate in brackets before the change went unchecked. "quá hạn ... 50 hồ
    sơ, tương đương 0,41%" is the count's share (over 12.100 resolved), not a rate of its own; "tương ứng 63% và 37%" after
    two counts (lang-son_2024-q3_can-giai-quyet.txt) still means "respectively"."""
    hg = check_file(PROBES / "hau-giang_2024-h1_tra-lai.txt")
    assert [(c.rule, c.stated) for c in hg.claims if c.status == "fail"] == [("share.count", 100.0)]
    assert ("calc.partition", "holds", 36540.0, 36540.0) in [(c.rule, c.status, c.stated, c.expected) for c in hg.claims]
    st = check_file(PROBES / "soc-trang_2024_nam-so-sanh.txt")
    (fail,) = [c for c in st.claims if c.status == "fail"]
    assert (fail.rule, fail.stated, fail.expected) == ("change.pp_or_relative", 11.6, 10.6)
    bp = check_file(PROBES / "binh-phuoc_2024-q3_cap-xa-mot-cua.txt")
    (share,) = [c for c in bp.claims if c.rule == "share.count"]
    assert (share.status, share.stated, share.values[1].value) == ("holds", 0.41, 50.0) and 12100.0 in [v.value for v in share.values]
    assert not [c for c in check_file(PROBES / "lang-son_2024-q3_can-giai-quyet.txt").claims if c.status == "fail"
                or c.severity == "warning"]


def test_a_rate_naming_what_it_counts_and_its_base():
    """Probe ninh-thuan_2024-q3_hen.txt: "Số hồ sơ đã giải quyết đạt 97,03% so với tổng số hồ sơ tiếp nhận" after "đã tiếp
    nhận 28.760 hồ sơ. Số hồ sơ đã trả kết quả là 27.905 hồ sơ": a rate with no count beside it, whose words name both its
    count and its base, went unchecked; it is the resolved count over the received one."""
    res = check_file(PROBES / "ninh-thuan_2024-q3_hen.txt")
    (share,) = [c for c in res.claims if c.rule == "share.count"]
    assert (share.status, share.expected, [v.value for v in share.values]) == ("holds", 97.0271, [97.03, 27905.0, 28760.0])


def test_one_verb_for_two_counts_and_the_tthc_in_force_as_a_base():
    """Probes long-an_2024-q3_tinh-den.txt and thua-thien-hue_2024-q1_cong-khai.txt. "đã tiếp nhận 156 cuộc gọi tư vấn,
    hướng dẫn và 24 phản ánh, kiến nghị; đã xử lý 22 ..., còn 3 ... đang xử lý": the 24 had no label of its own (the
    verb is before the first count), so 22 + 3 = 25 went unchecked. "Số TTHC được cung cấp dịch vụ công trực tuyến toàn
    trình là 1.120 TTHC, đạt 60,34%; dịch vụ công trực tuyến một phần 613 TTHC, đạt 33,03%" was held over the 1.120 (a
    false error): a count with its own share is a part, not a base, and the TTHC in force ("Tổng số TTHC thuộc thẩm quyền
    giải quyết ... là 1.856 TTHC") is."""
    la = check_file(PROBES / "long-an_2024-q3_tinh-den.txt")
    assert [(c.rule, c.stated, c.expected) for c in la.claims if c.status == "fail"] == [("calc.partition", 24.0, 25.0)]
    th = check_file(PROBES / "thua-thien-hue_2024-q1_cong-khai.txt")
    assert sorted((c.rule, c.status, c.stated, c.values[2].value) for c in th.claims if c.rule == "share.count") == [
        ("share.count", "holds", 33.03, 1856.0), ("share.count", "holds", 60.34, 1856.0)]


def test_a_districts_own_report_and_the_dossiers_arising_on_the_system():
    """Probes tay-ninh_2024-q2_huyen.txt and dong-thap_2024-h1_trieu.txt. In a district's report, "1. Cấp huyện: Bộ phận
    Một cửa huyện tiếp nhận 3.450 hồ sơ ... 2. Cấp xã: ... 6.210 hồ sơ ... Toàn huyện tiếp nhận 9.660 hồ sơ": the district
    level was taken for the province's districts, so the sum went unchecked. "Tổng số hồ sơ phát sinh trên Hệ thống thông
    tin giải quyết TTHC của tỉnh là 1.234.567 hồ sơ" was read as resolved (the system's name); it is the dossiers arising,
    online + in person. "5.000 hồ sơ phát sinh nghĩa vụ tài chính" stays the dossiers with a fee to pay."""
    tn = check_file(PROBES / "tay-ninh_2024-q2_huyen.txt")
    assert ("calc.levels", "holds", 9660.0, 9660.0) in [(c.rule, c.status, c.stated, c.expected) for c in tn.claims]
    (total,) = [f for f in extract_file(PROBES / "dong-thap_2024-h1_trieu.txt").facts if f.value == 1234567]
    assert total.indicator == "dossiers.new"
    dt = check_file(PROBES / "dong-thap_2024-h1_trieu.txt")
    assert ("calc.partition", "holds", 1234567.0) in [(c.rule, c.status, c.stated) for c in dt.claims]
    hb = extract_file(PROBES / "hoa-binh_2024-q4_thanh-toan-phan-so.txt").facts
    assert [f.indicator for f in hb if f.value == 3456] == ["payments.dossiers"]


def test_an_announcing_lead_and_a_list_total_that_changed():
    """Probes hung-yen_2024-q3_hai-cham-ngoac.txt and thai-binh_2024-q3_linh-vuc-tong-cong.txt. "Kết quả: Tổng số hồ sơ:
    8.765; Đã giải quyết: 8.600 (Trước hạn: 6.000; ...)" gave no facts: "Kết quả" made the sentence count results. And
    "Số hồ sơ tiếp nhận theo lĩnh vực: ...; tổng cộng 6.790 hồ sơ. / So với cùng kỳ năm 2023, số hồ sơ tiếp nhận giảm 1.234
    hồ sơ (cùng kỳ năm 2023: 7.924 hồ sơ)": the list's total is the received count that changed (6.790 - 7.924 = -1.134)."""
    hy = check_file(PROBES / "hung-yen_2024-q3_hai-cham-ngoac.txt")
    assert sorted((c.rule, c.status, c.stated, c.expected) for c in hy.claims if c.rule == "calc.partition") == [
        ("calc.partition", "fail", 165.0, 175.0), ("calc.partition", "holds", 8600.0, 8600.0),
        ("calc.partition", "holds", 8765.0, 8765.0)]
    tb = check_file(PROBES / "thai-binh_2024-q3_linh-vuc-tong-cong.txt")
    assert sorted((c.rule, c.stated, c.expected) for c in tb.claims if c.status == "fail") == [
        ("change.count", -1234.0, -1134.0), ("enum.shortfall", 6790.0, 6690.0)]


def test_a_comparison_tables_change_columns(tmp_path):
    """Probes binh-dinh_2024-q3_bang-cung-ky.txt and phu-yen_2024-h1_so-sanh-ty-le.txt: a table setting the period beside
    the same one a year before, with a change column ("Tăng/giảm (%)": the relative change; "So sánh (%)": the ratio;
    "Chênh lệch": the difference), was not checked at all. Either sign is read for a change written without its minus."""
    bd = check_file(PROBES / "binh-dinh_2024-q3_bang-cung-ky.txt")
    assert [(c.rule, c.status, c.stated, c.expected) for c in bd.claims if c.rule == "change.count"] == [
        ("change.count", "holds", 8.73, 8.7318), ("change.count", "holds", 8.25, 8.2452), ("change.count", "holds", -40.0, -40.0)]
    # (the table's columns are periods: its quarter's counts are facts, over which the stated on-time rate is recomputed)
    assert ("rate.recomputed", "holds", 99.59) in {(c.rule, c.status, c.stated) for c in bd.claims}
    py = check_file(PROBES / "phu-yen_2024-h1_so-sanh-ty-le.txt")
    assert [(c.stated, c.expected) for c in py.claims if c.status == "holds"] == [
        (107.5, 107.5), (122.86, 122.8571), (80.0, 80.0), (4500.0, 4500.0), (7680.0, 7680.0), (-80.0, -80.0)]
    bad = tmp_path / (PROBES / "phu-yen_2024-h1_so-sanh-ty-le.txt").name
    bad.write_text((PROBES / "phu-yen_2024-h1_so-sanh-ty-le.txt").read_text(encoding="utf-8").replace("\t122,86\t", "\t121,86\t"),
                   encoding="utf-8")
    (fail,) = [c for c in check_file(bad).claims if c.status == "fail"]
    assert "Từ 33.600 đến 41.280: nêu so sánh 121,86%, nhưng hai số liệu cho 122,8571%" in fail.finding()["message"]


def test_a_score_over_the_maximum_the_report_states():
    """Probe yen-bai_2024-h1_chi-so-nhom.txt: "Công khai, minh bạch 18,5/18 điểm" is above the most its group can score;
    "Dịch vụ trực tuyến 9,8/12 điểm" (a part of a 22-point group, a report splitting it finer) is held against the 12 the
    report states, and stays out of the groups' sum."""
    res = check_file(PROBES / "yen-bai_2024-h1_chi-so-nhom.txt")
    assert [(c.rule, c.stated, c.expected) for c in res.claims if c.status == "fail"] == [("bound.max", 18.5, 18.0)]
    assert ("bound.max", "holds", 9.8, 12.0) in [(c.rule, c.status, c.stated, c.expected) for c in res.claims]
    assert not [c for c in res.claims if c.rule == "calc.partition"]


def test_a_trailing_total_with_its_verb_and_the_main_parts_only():
    """Probe quang-tri_2024-q2_huyen-tong.txt: "UBND huyện Gio Linh tiếp nhận 1.200 hồ sơ, ...; tổng cộng cấp huyện tiếp nhận
    2.720 hồ sơ" (the words after "tổng cộng" kept it from being the list's total) and "quá hạn là 60 hồ sơ, chủ yếu
    thuộc lĩnh vực đất đai (45 hồ sơ) và xây dựng (20 hồ sơ)" (the main parts, more than the whole)."""
    res = check_file(PROBES / "quang-tri_2024-q2_huyen-tong.txt")
    assert sorted((c.rule, c.stated, c.expected) for c in res.claims if c.status == "fail") == [
        ("enum.exceeds", 60.0, 65.0), ("enum.exceeds", 2720.0, 2820.0)]


def test_the_second_rate_of_a_run_takes_its_words_under_the_first_ones_ty_le():
    """Probe binh-duong_2024-9t_so-sanh.txt: "trong đó đúng hạn 12.405 hồ sơ, trễ hạn 75 hồ sơ; tỷ lệ giải quyết đúng hạn
    99,4%, trễ hạn 0,8%": the 0,8% was no fact (it borrows "tỷ lệ" from the rate before it) and, with no early count, the
    two rates were no exhaustive group (on time there counts early dossiers too, as the counts show), so 75/12.480 = 0,60%
    went unchecked. Probe nam-dinh_2024-q3_ty-le-cap.txt: "… đúng hạn của cấp tỉnh đạt 99,5%, cấp huyện 98,7%" is the
    district level's on-time rate."""
    bd = check_file(PROBES / "binh-duong_2024-9t_so-sanh.txt")
    fails = {(c.rule, c.stated, c.expected) for c in bd.claims if c.status == "fail"}
    assert {("rate.recomputed", 0.8, 0.601), ("share.count", 0.8, 0.601), ("share.sum", 100.2, 100.0)} <= fails
    assert ("rate.late", 0.8, "trễ hạn 0,8%", 5) in [(f.indicator, f.value, f.quote, f.line)
                                                    for f in extract_file(PROBES / "binh-duong_2024-9t_so-sanh.txt").facts]
    nd = extract_file(PROBES / "nam-dinh_2024-q3_ty-le-cap.txt")
    assert [(f.level, f.value) for f in nd.facts if f.indicator == "rate.on_time"][:3] == [
        ("tinh", 99.5), ("huyen", 98.7), ("xa", 99.9)]
    # probe phu-tho_2025-q3_ty-le-cap.txt: "… toàn tỉnh đạt 99,95%; trong đó, cấp tỉnh 99,8%, cấp xã 99,97%"
    pt = extract_file(PROBES / "phu-tho_2025-q3_ty-le-cap.txt")
    assert [(f.level, f.value, f.quote) for f in pt.facts if f.indicator == "rate.on_time"] == [
        ("total", 99.95, "Tỷ lệ giải quyết hồ sơ đúng hạn toàn tỉnh đạt 99,95%"), ("tinh", 99.8, "trong đó, cấp tỉnh 99,8%"),
        ("xa", 99.97, "cấp xã 99,97%")]


def test_a_rate_under_a_table_that_names_its_base():
    """Probe ha-tinh_2024-q4_bang-ty-le.txt: "Tỷ lệ hồ sơ đã giải quyết trên tổng số hồ sơ tiếp nhận đạt 98,65%" under a
    table of the levels (total row 451.000 received, 449.410 resolved) was no fact: there was no resolved-over-received
    rate, and a text rate was never recomputed from a table's counts (now from those of a table above it when the text
    states none: 99,65%). Probe kien-giang_2024-q3_tab.txt: the same rate that holds (98,61% of 112.570)."""
    res = check_file(PROBES / "ha-tinh_2024-q4_bang-ty-le.txt")
    (fail,) = [c for c in res.claims if c.status == "fail"]
    assert (fail.rule, fail.stated, fail.expected, fail.level) == ("rate.recomputed", 98.65, 99.6475, "total")
    assert fail.evidence == [(14, "Tỷ lệ hồ sơ đã giải quyết trên tổng số hồ sơ tiếp nhận đạt 98,65%"), (12, "449.410"), (12, "451.000")]
    kg = check_file(PROBES / "kien-giang_2024-q3_tab.txt")
    assert ("rate.recomputed", "holds", 98.61, 98.6053) in [(c.rule, c.status, c.stated, c.expected) for c in kg.claims]


def test_a_rate_stated_with_the_dossiers_words_and_dat_but_no_ty_le():
    """Probe hue_2025-q3_thanh-pho.txt: "Số hồ sơ giải quyết đúng hạn đạt 99,2%" before its counts (60.450 early or on time
    of 60.980 resolved: 99,13%) was no fact without "tỷ lệ"; probe dak-lak_2022-h1_hcc.txt states one that holds."""
    res = check_file(PROBES / "hue_2025-q3_thanh-pho.txt")
    assert [(c.rule, c.stated, c.expected) for c in res.claims if c.status == "fail"] == [("rate.recomputed", 99.2, 99.1309)]
    dl = check_file(PROBES / "dak-lak_2022-h1_hcc.txt")
    assert ("rate.recomputed", "holds", 97.8, 97.7986) in [(c.rule, c.status, c.stated, c.expected) for c in dl.claims]


def test_a_rate_in_the_text_under_a_table_is_recomputed_from_the_tables_counts(tmp_path):
    """Probe thai-binh_2024-q3_bang-ty-le.txt: "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt 99,82%" under a level table
    whose total row gives 80.050 early, 26.850 on time of 107.200 resolved (99,72%): a text rate was held only against
    text counts, so it went unchecked. The same table in a .docx, its rate 99,71%: it holds over early + on time + late
    (107.210, the parts of a total row that is 10 short)."""
    res = check_file(PROBES / "thai-binh_2024-q3_bang-ty-le.txt")
    (fail,) = [c for c in res.claims if c.status == "fail"]
    assert (fail.rule, fail.stated, fail.expected) == ("rate.recomputed", 99.82, 99.7201)
    assert fail.evidence[0] == (14, "Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt 99,82%")
    import docx
    d = docx.Document()
    for line in ("UBND TỈNH THÁI BÌNH", "BÁO CÁO", "Kết quả thực hiện cơ chế một cửa quý III năm 2024", "Kết quả như sau:"):
        d.add_paragraph(line)
    rows = [["Đơn vị", "Số hồ sơ tiếp nhận", "Đã giải quyết", "Trước hạn", "Đúng hạn", "Quá hạn"],
            ["Cấp tỉnh", "15.420", "15.100", "9.800", "5.200", "100"],
            ["Cấp xã", "92.810", "92.100", "70.250", "21.650", "210"],
            ["Tổng cộng", "108.230", "107.200", "80.050", "26.850", "310"]]
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            t.cell(i, j).text = v
    d.add_paragraph("Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn đạt 99,71%.")
    path = tmp_path / "thai-binh_2024-q3_bang.docx"
    d.save(str(path))
    got = check_file(path)
    assert ("rate.recomputed", "holds", 99.71, 99.7108) in [(c.rule, c.status, c.stated, c.expected) for c in got.claims]


def test_services_totalled_after_their_two_kinds_and_new_alone_in_brackets(tmp_path):
    """Probe lang-son_2025-05_luy-ke.txt: "1.245 DVC trực tuyến toàn trình và 689 DVC trực tuyến một phần; tổng 1.934 DVC"
    is the services' total (it was read as the procedures offered online, which the same kinds split, so nothing held
    it against its parts), and "Tiếp nhận 15 PAKN (kỳ trước chuyển sang 3, mới 12)": "mới" alone was no label."""
    res = check_file(PROBES / "lang-son_2025-05_luy-ke.txt")
    holds = [(c.rule, c.stated, c.expected) for c in res.claims if c.status == "holds"]
    assert ("calc.partition", 1934.0, 1934.0) in holds and ("calc.partition", 15.0, 15.0) in holds
    facts = {(f.indicator, f.value, f.quote) for f in extract_file(PROBES / "lang-son_2025-05_luy-ke.txt").facts}
    assert {("dvc.total", 1934.0, "tổng 1.934"), ("pakn.new", 12.0, "mới 12")} <= facts
    bad = tmp_path / "lang-son_2025-05_luy-ke.txt"
    bad.write_text((PROBES / bad.name).read_text(encoding="utf-8").replace("tổng 1.934 DVC", "tổng 1.944 DVC"), encoding="utf-8")
    assert ("calc.partition", 1944.0, 1934.0) in [(c.rule, c.stated, c.expected) for c in check_file(bad).claims
                                                  if c.status == "fail"]


@pytest.mark.parametrize("sentence,claim", [
    ("Số hồ sơ tiếp nhận tăng 22% so với cùng kỳ (12.000 hồ sơ so với 10.000 hồ sơ).", ("change.count", "fail", 22.0, 20.0)),
    ("Số hồ sơ tiếp nhận tăng 2.000 hồ sơ so với cùng kỳ (12.000 hồ sơ so với 10.000 hồ sơ).", ("change.count", "holds", 2000.0, 2000.0)),
    ("Số hồ sơ nộp trực tuyến gấp 1,6 lần cùng kỳ năm 2023 (12.000 hồ sơ so với 8.000 hồ sơ).", ("change.times", "fail", 1.6, 1.5)),
])
def test_a_change_with_both_counts_in_the_brackets_after_it(tmp_path, sentence, claim):
    """Probe hai-duong_2024-q3_giam-tu-xuong.txt: "gấp 1,5 lần cùng kỳ năm 2023 (12.000 hồ sơ so với 8.000 hồ sơ)": the change
    first, then the later count "so với" the earlier one; the "1,5" had been read as 1,5 dossiers filed online."""
    path = tmp_path / "hai-duong_2024-q3_x.txt"
    path.write_text(f"UBND TỈNH HẢI DƯƠNG\nBÁO CÁO\nKết quả quý III năm 2024\n\n{sentence}\n", encoding="utf-8")
    assert [(c.rule, c.status, c.stated, c.expected) for c in check_file(path).claims] == [claim]
    assert not [f for f in extract_file(path).facts if f.value in (1.6, 22.0) and f.unit == "hồ sơ"]


def test_the_overdue_share_of_the_pending_dossiers(tmp_path):
    """Probe ninh-thuan_2025-h1_dang-giai-quyet.txt: "tỷ lệ hồ sơ quá hạn/tổng số hồ sơ đang giải quyết: 4,14%" (60 of 1.450
    pending) was read as the late rate of the resolved dossiers, over which it is not recomputed: a changed 4,14 went
    unseen. It is the pending dossiers' overdue share (briefs.yml overdue_pending now states it)."""
    path = PROBES / "ninh-thuan_2025-h1_dang-giai-quyet.txt"
    assert ("rate.recomputed", "holds", 4.14, 4.1379) in [(c.rule, c.status, c.stated, c.expected) for c in check_file(path).claims]
    bad = tmp_path / path.name
    bad.write_text(path.read_text(encoding="utf-8").replace("4,14%", "4,84%"), encoding="utf-8")
    assert [(c.rule, c.stated, c.expected) for c in check_file(bad).claims if c.rule == "rate.recomputed"] == [
        ("rate.recomputed", 4.84, 4.1379)]


def test_the_online_payment_share_is_recomputed_over_the_dossiers_with_a_fee():
    """Probe quang-binh_2024-q1_thanh-toan-ty-le.txt: "tổng số hồ sơ phát sinh nghĩa vụ tài chính là 3.200 hồ sơ, trong đó
    thanh toán trực tuyến 2.450 hồ sơ, thanh toán trực tiếp 750 hồ sơ. Tỷ lệ thanh toán trực tuyến đạt 78,56%": the counts
    were read as dossiers received and filed online, and the stated rate was never recomputed (2.450/3.200 = 76,56%)."""
    claims = [(c.rule, c.status, c.stated, c.expected) for c in check_file(PROBES / "quang-binh_2024-q1_thanh-toan-ty-le.txt").claims]
    assert ("rate.recomputed", "fail", 78.56, 76.5625) in claims
    assert ("calc.partition", "holds", 3200.0, 3200.0) in claims


@pytest.mark.parametrize("pair, later, earlier", [
    ("(quý IV/2023: 19.500 hồ sơ; quý I/2024: 18.480 hồ sơ)", 18480, 19500),
    ("(quý I/2024: 18.480 hồ sơ, quý IV/2023: 19.500 hồ sơ)", 18480, 19500),
    ("(năm 2023 là 19.500 hồ sơ; năm 2024 là 18.480 hồ sơ)", 18480, 19500),
])
def test_a_change_with_each_count_of_its_pair_labelled_by_its_period(tmp_path, pair, later, earlier):
    """Probe phu-tho_2024-q1_danh-sach.txt: "giảm 1.020 hồ sơ (quý IV/2023: 19.500 hồ sơ; quý I/2024: 18.480 hồ sơ)": the two
    counts after the change, each after its period, in either order; the change was not held against them."""
    def claims(change):
        path = tmp_path / "phu-tho_2024-q1_x.txt"
        path.write_text(f"UBND TỈNH PHÚ THỌ\nBÁO CÁO\nKết quả quý I năm 2024\n\nSo với quý trước, số hồ sơ tiếp nhận giảm "
                        f"{change} hồ sơ {pair}.\n", encoding="utf-8")
        return [(c.rule, c.status, c.stated, c.expected) for c in check_file(path).claims if c.rule == "change.count"]
    assert claims("1.020") == [("change.count", "holds", -1020.0, later - earlier)]     # (a fall, signed)
    assert claims("1.120") == [("change.count", "fail", -1120.0, later - earlier)]


def test_form_ii06c_formulas_hold_on_a_table_laid_out_as_the_form(tmp_path):
    """Probe binh-thuan_2024-q1_bieu-06c.txt: a tab-separated "Biểu số II.06c/VPCP/KSTT" with one header row and its column
    numbers: its bare "Tổng số" (3) was read as no count, so neither (3) = (4)+(5)+(6) nor (3) = (7)+(11) (received =
    resolved + pending) was checked. calc.yml now declares the form's formulas; they hold for a table laid out as the form
    only: probes bac-kan_2024-q3_bieu.txt and ninh-thuan_2021-q2_tab.txt number their own columns ("Tổng số (1)=(2)+(3)",
    7 columns) and got three false alarms each when the form's were applied to them."""
    probe = PROBES / "binh-thuan_2024-q1_bieu-06c.txt"
    formulas = {(c.params.get("formula"), c.stated) for c in check_file(probe).claims if c.rule == "table.formula"}
    assert {("Biểu II.06c: (3) = (4) + (5) + (6)", 2450.0), ("Biểu II.06c: (3) = (7) + (11)", 3120.0),
            ("Biểu II.06c: (7) = (8) + (9) + (10)", 950.0)} <= formulas
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("\t3.100\t", "\t3.010\t"), encoding="utf-8")
    fails = {(c.params.get("formula"), c.stated, c.expected) for c in check_file(bad).claims
             if c.rule == "table.formula" and c.status == "fail"}
    assert ("Biểu II.06c: (3) = (7) + (11)", 3120.0, 3030.0) in fails
    form = {"Biểu II.06c: (3) = (4) + (5) + (6)", "Biểu II.06c: (7) = (8) + (9) + (10)", "Biểu II.06c: (3) = (7) + (11)"}
    for name in ("bac-kan_2024-q3_bieu.txt", "ninh-thuan_2021-q2_tab.txt"):
        claims = [c for c in check_file(PROBES / name).claims if c.rule == "table.formula"]
        assert claims and not [c for c in claims if c.params.get("formula") in form]


def test_dossiers_digitised_add_up_over_the_levels(tmp_path):
    """Probe bac-ninh_2024-q4_dvc-phat-sinh.txt: "Số hồ sơ được số hóa: cấp tỉnh 45.120 hồ sơ, cấp huyện 30.450 hồ sơ, cấp xã
    60.230 hồ sơ; tổng cộng 135.800 hồ sơ": the digitised dossiers were no indicator of calc.yml level_sum, so a changed
    level went unseen."""
    probe = PROBES / "bac-ninh_2024-q4_dvc-phat-sinh.txt"
    assert ("calc.levels", "holds", 135800.0) in {(c.rule, c.status, c.stated) for c in check_file(probe).claims}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("30.450", "31.450"), encoding="utf-8")
    assert ("calc.levels", "fail", 135800.0, 136800.0) in {(c.rule, c.status, c.stated, c.expected) for c in check_file(bad).claims}


def test_a_change_opened_by_its_comparison_is_checked_in_both_its_forms(tmp_path):
    """Probe an-giang_2024-h1_hai-quy.txt: "So với 6 tháng đầu năm 2023 (185.000 hồ sơ), số hồ sơ tiếp nhận tăng 25.500 hồ sơ,
    tương đương 13,78%" after the half year's 210.500: the count change was held against the two counts, its restatement in
    per cent was not (a changed 13,78 went unseen)."""
    probe = PROBES / "an-giang_2024-h1_hai-quy.txt"
    got = {(c.rule, c.status, c.stated) for c in check_file(probe).claims if c.rule == "change.count"}
    assert got == {("change.count", "holds", 25500.0), ("change.count", "holds", 13.78)}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("13,78%", "15,78%"), encoding="utf-8")
    assert ("change.count", "fail", 15.78) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


@pytest.mark.parametrize("probe, old, new, rule, stated", [
    # "Cơ cấu hồ sơ tiếp nhận theo cấp: cấp tỉnh chiếm 25,6%, cấp huyện 30,1%, cấp xã 44,3%": each level's share, all levels
    ("an-giang_2024-q3_ti-le-ngoac.txt", "chiếm 25,6%", "chiếm 26,3%", "share.sum", 100.0),
    # "đạt 99,12 %, cao hơn quý II/2024 (98,86%) là 0,26 điểm phần trăm": the comparison word before the earlier rate
    ("tra-vinh_2024-q3_don-vi-dat.txt", "là 0,26 điểm", "là 0,96 điểm", "change.pp_or_relative", 0.26),
    # "Số hồ sơ đã giải quyết: 8.765 hồ sơ (...). ... So với quý I/2024 tăng 1.205 hồ sơ (quý I/2024: 7.560 hồ sơ)"
    ("binh-phuoc_2024-q2_ngoac-hai-cham.txt", "tăng 1.205 hồ sơ", "tăng 1.215 hồ sơ", "change.count", 1205.0),
    # "Trong đó, cấp tỉnh, cấp huyện, cấp xã lần lượt tiếp nhận 21.300, 30.150 và 47.000 hồ sơ" after 98.450
    ("phu-tho_2024-q2_lan-luot-cap.txt", "tiếp nhận 98.450", "tiếp nhận 98.550", "calc.levels", 98450.0),
])
def test_relations_of_more_than_two_figures_in_the_probes_truth(tmp_path, probe, old, new, rule, stated):
    """Relations of the probes' truth with more than two figures, which the truth mutation test did not mutate until this
    stop, and the checker did not check: each holds as written, and breaks when one figure changes."""
    path = PROBES / probe
    assert (rule, "holds", stated) in {(c.rule, c.status, c.stated) for c in check_file(path).claims}
    bad = tmp_path / probe
    bad.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert rule in {c.rule for c in check_file(bad).claims if c.status == "fail"}


def test_rates_at_each_level_do_not_add_up(tmp_path):
    # the shares of a count's levels add up to 100 % (above); a rate at each level does not, "chiếm" or not
    path = tmp_path / "quang-nam_2024-q1_x.txt"
    path.write_text("UBND TỈNH QUẢNG NAM\nBÁO CÁO\nquý I năm 2024\n\nTỷ lệ giải quyết đúng hạn cấp tỉnh đạt 99,8%, cấp huyện 99,1%, "
                    "cấp xã 99,9%. Tỷ lệ hồ sơ trực tuyến: cấp tỉnh chiếm 85,2%, cấp huyện 60,1%, cấp xã 40,3%.\n", encoding="utf-8")
    assert [c for c in check_file(path).claims if c.rule == "share.sum"] == []


def test_a_count_of_levels_before_a_total_and_another_counts_levels_after_it(tmp_path):
    """Probe bac-giang_2024-q2_tuong-ung.txt: "Tổng số hồ sơ tiếp nhận của 3 cấp: 12.500 hồ sơ (tỉnh: 4.500; huyện: 3.000; xã:
    5.000). Trong đó, số hồ sơ đã giải quyết của cấp tỉnh, cấp huyện và cấp xã tương ứng là 4.400, 2.950 và 4.990 hồ sơ."
    The "3 cấp" took the words before it, so the 12.500 was no fact; the "Trong đó" list took the aside's last figure
    (5.000) as its total, a false enum.exceeds alarm; and the levels' resolved counts are no complete breakdown of the
    received total (a false shortfall once the total was right)."""
    from analysis.build import extract_file
    probe = PROBES / "bac-giang_2024-q2_tuong-ung.txt"
    assert [(f.indicator, f.value) for f in extract_file(probe).facts if f.line == 5][0] == ("dossiers.received", 12500)
    assert [c for c in check_file(probe).claims if c.status == "fail"] == []


def test_a_ratio_to_an_earlier_period_of_a_count_stated_in_the_sentence_before(tmp_path):
    """Probe quang-tri_2024-q2_hon-hop.txt: "Toàn tỉnh tiếp nhận 12.500 hồ sơ. ... Số hồ sơ tiếp nhận bằng 102,5% so với cùng kỳ
    năm 2023 (12.195 hồ sơ)": the ratio names its count by words, the count stands in an earlier sentence; it was not
    checked (change.count across sentences read changes only)."""
    probe = PROBES / "quang-tri_2024-q2_hon-hop.txt"
    assert ("change.ratio", "holds", 102.5) in {(c.rule, c.status, c.stated) for c in check_file(probe).claims}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("102,5%", "104,5%"), encoding="utf-8")
    assert ("change.ratio", "fail", 104.5) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


def test_a_change_in_both_forms_then_the_count_it_reached(tmp_path):
    """Probe quang-binh_2024-q3_chu-the.txt: "Số hồ sơ trực tuyến tăng 5,2% (tương ứng 618 hồ sơ) so với cùng kỳ, đạt 12.503 hồ
    sơ": the count the change reached stands after it, so the two forms were not held together (618 / (12.503 - 618))."""
    probe = PROBES / "quang-binh_2024-q3_chu-the.txt"
    assert ("change.both_forms", "holds", 5.2) in {(c.rule, c.status, c.stated) for c in check_file(probe).claims}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("tăng 5,2%", "tăng 6,2%"), encoding="utf-8")
    assert ("change.both_forms", "fail", 6.2) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


def test_reviews_counted_in_a_rates_brackets_are_no_dossiers():
    """Probe ben-tre_2024-q2_xin-loi.txt: "Tỷ lệ hài lòng ... trong giải quyết TTHC đạt 98,6% (7.890/8.002 lượt đánh giá)":
    the 7.890 took the share's category (resolved dossiers, from "giải quyết TTHC"), so a quarter's resolved count stated
    before it gave a calc.partition error against 7.890."""
    probe = PROBES / "ben-tre_2024-q2_xin-loi.txt"
    facts = {(f.indicator, f.value) for f in extract_file(probe).facts}
    assert ("satisfaction.reviews", 7890.0) in facts and ("dossiers.resolved", 7890.0) not in facts


def test_a_levels_counts_written_over_their_bases_add_up_to_the_total(tmp_path):
    """Probe hau-giang_2024_so-hoa.txt: "cấp tỉnh số hóa 98.210/102.340 hồ sơ (đạt 95,96%); cấp huyện số hóa 87.450/95.600
    hồ sơ ...": a level's count over its base was no part of the levels' sum (289.300 digitised in all)."""
    probe = PROBES / "hau-giang_2024_so-hoa.txt"
    assert ("calc.levels", "holds", 289300.0) in {(c.rule, c.status, c.stated) for c in check_file(probe).claims}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("289.300 hồ sơ", "298.300 hồ sơ"), encoding="utf-8")
    assert ("calc.levels", "fail", 298300.0, 289300.0) in \
        {(c.rule, c.status, c.stated, c.expected) for c in check_file(bad).claims}


def test_a_rates_change_after_its_comparison_takes_the_rate_an_earlier_sentence_states(tmp_path):
    """Probe binh-phuoc_2024-q3_dvc.txt: "... đạt tỷ lệ 65,2%. So với quý II/2024 (61,8%), tỷ lệ hồ sơ trực tuyến tăng 3,4
    điểm phần trăm": the current rate stands in the sentence before (a changed 3,4 went unseen)."""
    probe = PROBES / "binh-phuoc_2024-q3_dvc.txt"
    got = [c for c in check_file(probe).claims if c.rule == "change.pp_or_relative"]
    assert [(c.status, c.stated, c.expected) for c in got] == [("holds", 3.4, 3.4)]
    assert got[0].evidence[1][0] == 6 and "đạt tỷ lệ 65,2%" in got[0].evidence[1][1]
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("tăng 3,4", "tăng 4,1"), encoding="utf-8")
    assert ("change.pp_or_relative", "fail", 4.1) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


def test_a_part_written_over_its_base_is_a_part_of_its_total(tmp_path):
    """Probe kon-tum_2024-q1_pakn-tyle.txt: "tiếp nhận 15 PAKN, đã xử lý xong 12/15 PAKN, đạt 80%; 03 PAKN đang trong quá trình
    xử lý": the 12 over its base was no part of received = processed + pending, and "đang trong quá trình xử lý" was no
    pending label."""
    probe = PROBES / "kon-tum_2024-q1_pakn-tyle.txt"
    got = {(c.rule, c.status, c.stated, c.expected) for c in check_file(probe).claims}
    assert ("calc.partition", "holds", 15.0, 15.0) in got
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("03 PAKN", "04 PAKN"), encoding="utf-8")
    assert ("calc.partition", "fail", 15.0, 16.0) in {(c.rule, c.status, c.stated, c.expected) for c in check_file(bad).claims}
    assert not [f for f in extract_file(probe).facts if f.value == 1022]


def test_a_quarters_months_are_checked_before_a_partial_list(tmp_path):
    """Probe yen-bai_2024-q2_thang.txt: "Tổng số hồ sơ tiếp nhận trong quý II là 24.560 hồ sơ (tháng 4: 8.120 hồ sơ; tháng 5:
    8.340 hồ sơ; tháng 6: 8.010 hồ sơ)": the quarter against its months failed (24.470), but the generic list's warning
    (enum.gap, "phần chưa nêu có thể giải thích") spoke for the same gap and the error was dropped."""
    probe = PROBES / "yen-bai_2024-q2_thang.txt"
    got = [(c.rule, c.status, c.stated, c.expected) for c in check_file(probe).claims if c.status == "fail"]
    assert got == [("calc.months", "fail", 24560.0, 24470.0)]


def test_a_field_list_after_its_label_is_no_second_total():
    """Probe phu-tho_2024-q3_nghin.txt: "Số hồ sơ tiếp nhận theo lĩnh vực: đất đai 12.340 hồ sơ, ...": the land field's
    count was the province's received dossiers (a calc.partition error against 51,3 + 1,2 nghìn)."""
    probe = PROBES / "phu-tho_2024-q3_nghin.txt"
    assert ("dossiers.received", 12340.0, "lĩnh vực đất đai") in {(f.indicator, f.value, f.scope) for f in extract_file(probe).facts}
    assert not [c for c in check_file(probe).claims if c.status == "fail"]


@pytest.mark.parametrize("old, new, stated", [
    # "năm 2023 ... 1.245.600 hồ sơ; năm 2024 ... 1.356.800 hồ sơ, tăng 8,93% so với năm 2023": the compared year's count
    # in the sentence's first clause
    ("tăng 8,93%", "tăng 9,93%", 9.93),
    # "giảm 50% so với năm 2023 (từ 2.460 hồ sơ xuống 1.230 hồ sơ)": the comparison between the change and its two figures
    ("giảm 50%", "giảm 40%", -40.0),
])
def test_a_change_against_a_named_years_count(tmp_path, old, new, stated):
    """Probe thanh-hoa_2024_hai-nam.txt: neither change was checked."""
    probe = PROBES / "thanh-hoa_2024_hai-nam.txt"
    assert ("change.count", "holds") in {(c.rule, c.status) for c in check_file(probe).claims if c.stated in (8.93, 50.0)}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert ("change.count", "fail", stated) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


def test_a_fully_online_share_over_the_base_it_names(tmp_path):
    """Probe bac-kan_2024-q1_toan-trinh.txt: "Tỷ lệ hồ sơ trực tuyến toàn trình trên tổng số hồ sơ trực tuyến đạt 45%" was read
    as the online share (its base's words matched that label) and was not recomputed."""
    probe = PROBES / "bac-kan_2024-q1_toan-trinh.txt"
    assert ("rate.online_full", 45.0, "dossiers.new_online") in \
        {(f.indicator, f.value, f.denominator) for f in extract_file(probe).facts}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("đạt 45%", "đạt 47%"), encoding="utf-8")
    assert ("rate.recomputed", "fail", 47.0) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


def test_a_share_after_a_dash_is_its_counts(tmp_path):
    """Probe son-la_2024-q2_gach-ngang.txt: "(trực tuyến: 9.876 hồ sơ – 64,83%; trực tiếp: 5.358 hồ sơ – 35,17%)": the shares
    after a dash were rates of nothing, and none was checked."""
    probe = PROBES / "son-la_2024-q2_gach-ngang.txt"
    got = {(c.rule, c.stated) for c in check_file(probe).claims if c.status == "holds"}
    assert {("share.count", v) for v in (64.83, 35.17, 68.29, 31.04, 0.67)} <= got
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("64,83%", "65,83%"), encoding="utf-8")
    assert ("share.count", "fail", 65.83) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


@pytest.mark.parametrize("probe, row, periods, old, new", [
    # "| Chỉ tiêu | Quý I | Quý II | Quý III | Quý IV | Cả năm |": rows are indicators, columns periods (no fact was read)
    ("quang-nam_2024-q4_ca-nam.md", "dossiers.late", ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024"], "| 95 |", "| 96 |"),
    ("quang-binh_2024-q2_thang-bang.md", "dossiers.received", ["2024-04", "2024-05", "2024-06", "2024-Q2"],
     "| 11.340 |", "| 11.430 |"),
])
def test_a_table_whose_columns_are_periods(probe, row, periods, old, new, tmp_path):
    """A year's (quarter's) column against its quarters (months): calc.months, once the cells are facts."""
    facts = [f for f in extract_file(PROBES / probe).facts if f.indicator == row]
    assert [f.period for f in facts] == periods
    assert all(f.role == "value" for f in facts)
    bad = tmp_path / probe
    bad.write_text((PROBES / probe).read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert "calc.months" in {c.rule for c in check_file(bad).claims if c.status == "fail"}


def test_a_running_total_column_is_no_period_of_the_report():
    """Probe quang-ninh_2024-10_luy-ke-bang.md: "| Chỉ tiêu | Tháng 9 | Tháng 10 | Lũy kế |" in October's report: the running
    total is not read as the month's count (it would be a second, different count of October)."""
    facts = {(f.indicator, f.period, f.value, f.role) for f in extract_file(PROBES / "quang-ninh_2024-10_luy-ke-bang.md").facts}
    assert facts == {("dossiers.received", "2024-09", 14903.0, "baseline"), ("dossiers.received", "2024-10", 15678.0, "value"),
                     ("dossiers.resolved", "2024-09", 14700.0, "baseline"), ("dossiers.resolved", "2024-10", 15420.0, "value")}


def test_the_766_index_with_online_payment_shown_apart(tmp_path):
    """Probe son-la_2024_chi-so.txt: "Chỉ số tổng hợp của tỉnh đạt 85,6 điểm, gồm: ... dịch vụ công trực tuyến 9,8 điểm; thanh
    toán trực tuyến 7,5 điểm; ...": the payment group was read as nothing, so the five groups made 78,1 (a false
    calc.partition error)."""
    probe = PROBES / "son-la_2024_chi-so.txt"
    got = [(c.status, c.stated, c.expected) for c in check_file(probe).claims if c.rule == "calc.partition"]
    assert got == [("holds", 85.6, 85.6)]
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("trực tuyến 7,5 điểm", "trực tuyến 8,5 điểm"), encoding="utf-8")
    assert ("calc.partition", "fail", 85.6, 86.6) in {(c.rule, c.status, c.stated, c.expected) for c in check_file(bad).claims}


def test_a_share_of_the_plan_stated_in_brackets_after_it(tmp_path):
    """Probe son-la_2024_chi-so.txt: "đã cắt giảm, đơn giản hóa 125 TTHC, đạt 104% kế hoạch (kế hoạch 120 TTHC)": the 104% was
    held as a share of the next sentence's 912 TTHC (a false share.count error); it is 125 over the plan's 120."""
    probe = PROBES / "son-la_2024_chi-so.txt"
    claims = check_file(probe).claims
    assert not [c for c in claims if c.status == "fail"]
    assert ("change.ratio", "holds", 104.0, 104.1667) in {(c.rule, c.status, c.stated, c.expected) for c in claims}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("đạt 104%", "đạt 106%"), encoding="utf-8")
    assert ("change.ratio", "fail", 106.0) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


def test_a_running_total_of_n_months_named_with_its_year(tmp_path):
    """Probe quang-ninh_2024-10_thang.txt: "Lũy kế 10 tháng năm 2024, tiếp nhận 148.320 hồ sơ" in October's report: "10 tháng
    năm 2024" was no period (only "năm 2024", the whole year, was read), so the running total was the month's count
    again (a false dup.figure error against 15.678)."""
    probe = PROBES / "quang-ninh_2024-10_thang.txt"
    facts = {(f.value, f.period) for f in extract_file(probe).facts if f.indicator == "dossiers.received"}
    assert facts == {(15678.0, "2024-10"), (148320.0, "2024-YTD")}
    assert not [c for c in check_file(probe).claims if c.status == "fail"]


def test_a_part_nearer_another_total_of_its_kind_is_that_totals():
    """Probe bac-lieu_2024-q1_cung-ky-giua.txt: "toàn tỉnh tiếp nhận 12.000 hồ sơ; ...; đã giải quyết 11.800 hồ sơ, đang giải quyết
    200 hồ sơ." then "Tổng số hồ sơ tiếp nhận là 5.000 hồ sơ (gồm 4.200 hồ sơ mới và 800 hồ sơ tồn kỳ trước) tại Bộ phận Một cửa
    các sở, ngành": the 12.000 took the 5.000's parts and the 5.000 the 12.000's (two false calc.partition errors), and
    "4.200 hồ sơ mới" was no new count."""
    probe = PROBES / "bac-lieu_2024-q1_cung-ky-giua.txt"
    got = {(c.stated, c.expected, c.status) for c in check_file(probe).claims if c.rule == "calc.partition"}
    assert got == {(12000.0, 12000.0, "holds"), (5000.0, 5000.0, "holds")}


def test_a_share_after_its_counts_closed_aside(tmp_path):
    """Probe quang-tri_2024-q3_truc-tuyen-muc.txt: "Tổng số hồ sơ tiếp nhận trên Hệ thống thông tin giải quyết TTHC của tỉnh:
    52.340 hồ sơ; trong đó số hồ sơ tiếp nhận trực tuyến 36.210 hồ sơ (toàn trình 21.450 hồ sơ, một phần 14.760 hồ sơ), đạt
    tỷ lệ 69,18%": the 52.340 were resolved (the system's name read as the verb), and the share after the closed aside was a
    rate of nothing (a changed 69,18 went unseen)."""
    probe = PROBES / "quang-tri_2024-q3_truc-tuyen-muc.txt"
    assert ("dossiers.received", 52340.0) in {(f.indicator, f.value) for f in extract_file(probe).facts}
    got = {(c.rule, c.status, c.stated, round(c.expected, 2)) for c in check_file(probe).claims}
    assert ("share.count", "holds", 69.18, 69.18) in got
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("69,18%", "67,18%"), encoding="utf-8")
    assert ("share.count", "fail", 67.18) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


def test_a_changes_count_is_the_nearest_of_its_own_kind(tmp_path):
    """Probe son-la_2024-h1_thanh-toan-tien.txt: "có 24.560 giao dịch thanh toán trực tuyến với số tiền hơn 15,6 tỷ đồng, tăng
    4.120 giao dịch so với cùng kỳ năm 2023 (19.440 giao dịch)": the change was taken from the amount (another kind than the
    base's), so no change was checked (24.560 - 19.440 = 5.120); the 24.560 was no fact (no amount stated before it)."""
    probe = PROBES / "son-la_2024-h1_thanh-toan-tien.txt"
    got = [(c.status, c.stated, c.expected) for c in check_file(probe).claims if c.rule == "change.count"]
    assert got == [("fail", 4120.0, 5120.0)]
    assert ("payments.transactions", 24560.0, "value") in {(f.indicator, f.value, f.role) for f in extract_file(probe).facts}
    good = tmp_path / probe.name
    good.write_text(probe.read_text(encoding="utf-8").replace("tăng 4.120", "tăng 5.120"), encoding="utf-8")
    assert [c.status for c in check_file(good).claims if c.rule == "change.count"] == ["holds"]



def test_a_reuse_share_is_over_the_results_digitised(tmp_path):
    """Probe ha-giang_2024-q1_so-hoa-ket-qua.txt: "số hồ sơ có kết quả giải quyết được số hóa là 12.430 hồ sơ, đạt 85,37%; số kết
    quả được tái sử dụng 3.120 hồ sơ, đạt 25,1%": the reused results' share was held against the 14.560 resolved only (a
    false share.count error, 21,43%); reading.yml's digitisation.reused makes the digitised results a base."""
    probe = PROBES / "ha-giang_2024-q1_so-hoa-ket-qua.txt"
    got = [(c.status, c.stated, c.expected) for c in check_file(probe).claims if c.rule == "share.count" and c.stated == 25.1]
    assert got == [("holds", 25.1, 25.1006)]
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("đạt 25,1%", "đạt 27,1%"), encoding="utf-8")
    assert ("share.count", "fail", 27.1) in {(c.rule, c.status, c.stated) for c in check_file(bad).claims}


def test_a_portals_name_counts_no_service(tmp_path):
    """Probe quang-nam_2024-h1_pakn-kenh.txt: "tiếp nhận 26 phản ánh, kiến nghị (qua Cổng Dịch vụ công quốc gia 15, qua đường dây
    nóng 6, trực tiếp 4)": "Dịch vụ công" in the portal's name made the 15 a count of services, so the channels were not
    summed (reading.yml units: other)."""
    probe = PROBES / "quang-nam_2024-h1_pakn-kenh.txt"
    assert ("pakn.via_system", 15.0) in {(f.indicator, f.value) for f in extract_file(probe).facts}
    got = [(c.status, c.stated, c.expected) for c in check_file(probe).claims
           if c.rule == "calc.partition" and c.status == "fail"]
    assert got == [("fail", 26.0, 25.0)]



def test_a_headline_is_held_against_its_body(devset):
    """Probes soc-trang_2024-h1_tieu-de.txt, vinh-long_2024-05_bao-dien-tu.txt: a press article's headline restates its body
    in other words ("6 tháng đầu năm tiếp nhận 12.345 hồ sơ" over "các cơ quan, đơn vị ... đã tiếp nhận 12.354 hồ sơ"; "Hơn
    99% hồ sơ ... được giải quyết đúng hạn" over "đúng và trước hạn 43.050 hồ sơ" of 44.100, four lines below): neither
    was compared."""
    got = [(c.rule, c.status, c.stated, c.expected) for c in check_file(PROBES / "soc-trang_2024-h1_tieu-de.txt").claims
           if c.status == "fail"]
    assert got == [("dup.figure", "fail", 12345.0, 12354.0)]
    got = [(c.rule, c.status, c.stated, c.expected) for c in check_file(PROBES / "vinh-long_2024-05_bao-dien-tu.txt").claims
           if c.rule == "rate.recomputed"]
    assert got == [("rate.recomputed", "fail", 99.0, 97.619)]
    # a headline's rate is recomputed only from counts one body line states together: the devset's "Tỷ lệ giải quyết hồ sơ
    # đúng hạn đạt 99,4%" is the week's of line 7 (1.447 of 1.456), not a share of line 5's cumulative 23.239
    assert not [c for c in check_extracted(devset["quang-nam_2018-05_hcc.txt"]).claims if c.status == "fail"]


def test_a_changes_earlier_count_in_the_next_sentence(tmp_path):
    """Probe ha-tinh_2024-q3_bao-tuan.txt: "hồ sơ trực tuyến 41.090 hồ sơ (chiếm 70%), tăng 5.230 hồ sơ so với quý II/2024. Quý
    II/2024, số hồ sơ trực tuyến là 35.960 hồ sơ": the earlier count opens the next sentence (41.090 - 35.960 = 5.130)."""
    probe = PROBES / "ha-tinh_2024-q3_bao-tuan.txt"
    got = [(c.status, c.stated, c.expected) for c in check_file(probe).claims if c.rule == "change.count"]
    assert got == [("fail", 5230.0, 5130.0)]
    other = tmp_path / probe.name     # the next sentence's count of another category is no earlier count
    other.write_text(probe.read_text(encoding="utf-8").replace("số hồ sơ trực tuyến là", "số hồ sơ đã giải quyết là"),
                     encoding="utf-8")
    assert not [c for c in check_file(other).claims if c.rule == "change.count"]



@pytest.mark.parametrize("probe, old, new, row", [
    # "Tỷ lệ toàn trình (%)" beside "Tổng số TTHC | DVC toàn trình | DVC một phần": no indicator names the column (its
    # rates had not been read at all); its definition is the pair of columns that explains the other rows
    ("dak-nong_2024-q3_dvc-bang.md", "| 46,15 |", "| 47,15 |", "Cấp huyện"),
    ("dak-nong_2024-q3_dvc-bang.md", "| 120 |", "| 130 |", "Cấp huyện"),
])
def test_a_rate_column_is_read_off_its_rows(tmp_path, probe, old, new, row):
    """table.rate on a rate column no indicator names."""
    path = PROBES / probe
    assert [c.status for c in check_file(path).claims if c.rule == "table.rate"] == ["holds"] * 4
    bad = tmp_path / probe
    bad.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert [c.params["row"] for c in check_file(bad).claims if c.rule == "table.rate" and c.status == "fail"] == [row]


def test_a_rate_column_two_definitions_fit_is_read_as_none(tmp_path):
    """Two pairs of columns that explain the rows alike define nothing: no table.rate claim (here every row's two count
    columns are equal, so either is the part)."""
    text = ("UBND TỈNH HẬU GIANG\nBÁO CÁO\nRà soát TTHC năm 2024\n\n| Cấp | Tổng số TTHC | TTHC A | TTHC B | Tỷ lệ (%) |\n"
            "|---|---|---|---|---|\n| Cấp tỉnh | 100 | 50 | 50 | 50 |\n| Cấp huyện | 200 | 50 | 50 | 25 |\n"
            "| Cấp xã | 400 | 100 | 100 | 25 |\n")
    f = tmp_path / "hau-giang_2024_x.md"
    f.write_text(text, encoding="utf-8")
    assert not [c for c in check_file(f).claims if c.rule == "table.rate"]


def test_feedback_made_public_is_no_second_processed_count(tmp_path):
    """Probe binh-duong_2024-q2_pakn-ket-qua.txt: "Số PAKN đã xử lý được công khai trên Cổng Dịch vụ công là 128 PAKN, chiếm 91,78% số
    PAKN đã xử lý" was a second processed count (a false calc.partition error, 141 + 128 + 15 against 156), and its share was
    held against the 156 received (a false share.count error); it is the published ones, some of the 141 processed."""
    probe = PROBES / "binh-duong_2024-q2_pakn-ket-qua.txt"
    assert ("pakn.published", 128.0) in {(f.indicator, f.value) for f in extract_file(probe).facts}
    got = [(c.rule, c.stated, c.expected) for c in check_file(probe).claims if c.status == "fail"]
    assert got == [("share.count", 91.78, 90.7801)]


def test_a_list_after_a_count_over_its_total_breaks_down_the_count(tmp_path):
    """Probe long-an_2022-05_dvc.txt: "18.642 hồ sơ được tiếp nhận qua dịch vụ công trực tuyến mức độ 3, 4 trên tổng số 86.720 hồ sơ,
    chiếm tỷ lệ 21,5%. Trong đó, hồ sơ mức độ 4 là 6.110 hồ sơ, mức độ 3 là 12.352 hồ sơ": the list was held against the 86.720
    (a false enum.shortfall of 68.078; "mức độ 3, 4" broke the clause) and the 18.642 was a received count; the headline's rate
    is the body's share stated again."""
    probe = PROBES / "long-an_2022-05_dvc.txt"
    got = [(c.rule, c.stated, c.expected) for c in check_file(probe).claims if c.status == "fail"]
    assert got == [("calc.partition", 18642.0, 18462.0)]
    headline = tmp_path / probe.name
    headline.write_text(probe.read_text(encoding="utf-8").replace("mới đạt 21,5%", "mới đạt 22,2%"), encoding="utf-8")
    assert ("dup.figure", 22.2, 21.5) in {(c.rule, c.stated, c.expected) for c in check_file(headline).claims if c.status == "fail"}


def test_a_ward_is_the_commune_level(tmp_path):
    """Probe hai-phong_2020-q1_quan-le-chan.txt: "Bộ phận Một cửa quận tiếp nhận 3.215 hồ sơ, giải quyết 3.108 hồ sơ, ... Bộ phận Một
    cửa 15 phường tiếp nhận 8.942 hồ sơ, giải quyết 8.940 hồ sơ, còn 2 hồ sơ đang giải quyết": the wards were the district's
    level, so the 2 pending were the 3.215's too (a false calc.partition error) and the district's total went unchecked."""
    probe = PROBES / "hai-phong_2020-q1_quan-le-chan.txt"
    got = [(c.rule, c.stated, c.expected) for c in check_file(probe).claims if c.status == "fail"]
    assert got == [("calc.levels", 12257.0, 12157.0)]


def test_a_count_of_the_district_and_its_communes_named_together(tmp_path):
    """Probe dak-nong_2023-11_tin-huyen.txt: "Bộ phận Một cửa huyện và 9 xã, thị trấn đã tiếp nhận 14.560 hồ sơ. Trong đó, cấp huyện
    tiếp nhận 4.120 hồ sơ, cấp xã tiếp nhận 10.440 hồ sơ": the two levels were named too far apart to be read together (the
    count was the communes'), and a count of both was held against no levels."""
    from analysis.annotate import detect_level
    assert detect_level("Bộ phận Một cửa huyện và 9 xã, thị trấn đã tiếp nhận") == "huyen+xa"
    probe = PROBES / "dak-nong_2023-11_tin-huyen.txt"
    assert _claims_of(probe, "calc.levels") == [("holds", 14560.0, 14560.0)]
    assert [c[:2] for c in _claims_of(_edited(tmp_path, probe, "14.560", "14.660"), "calc.levels")] == [("fail", 14660.0)]


def test_a_headlines_approximate_figure_holds_its_body_to_its_tolerance(tmp_path):
    """Probe dong-thap_2024-q2_bao-xa.txt: "Cấp xã giải quyết gần 20 ngàn hồ sơ trong quý II" over "giải quyết 19.870 hồ sơ": the
    headline's approximate figure was compared with nothing, so a changed body count went unseen."""
    probe = PROBES / "dong-thap_2024-q2_bao-xa.txt"
    assert _claims_of(probe, "dup.figure") == [("holds", 20000.0, 19870.0)]
    bad = _edited(tmp_path, probe, "giải quyết 19.870", "giải quyết 29.870")
    assert _claims_of(bad, "dup.figure") == [("fail", 20000.0, 29870.0)]


@pytest.mark.parametrize("probe, rule, stated, expected", [
    # "Tỷ lệ hồ sơ trực tuyến của tỉnh năm 2023: 45,2%; năm 2024: 62,8%, tăng 17,0 điểm phần trăm"
    ("bac-lieu_2024_nam-hai-nam.txt", "change.pp_or_relative", 17.0, 17.6),
    # "Số hồ sơ tiếp nhận năm 2023: 845.200 hồ sơ; năm 2024: 912.800 hồ sơ, tăng 77.600 hồ sơ"
    ("an-giang_2024_hai-nam-so.txt", "change.count", 77600.0, 67600.0),
])
def test_a_change_after_two_figures_each_labelled_by_its_period(probe, rule, stated, expected):
    """Probes bac-lieu_2024_nam-hai-nam.txt, an-giang_2024_hai-nam-so.txt: the earlier figure stands before the later one, each
    after its year, the change right after the later: not checked."""
    got = [(c.rule, c.stated, c.expected) for c in check_file(PROBES / probe).claims if c.status == "fail"]
    assert got == [(rule, stated, expected)]


@pytest.mark.parametrize("probe, rule, old, new, stated, expected", [
    # "tiếp nhận 61.250 hồ sơ, cao hơn quý III/2024 là 3.480 hồ sơ (quý III/2024: 57.870 hồ sơ)": the change word stands before
    # the compared period, not before the figure, and was not read (3.380)
    ("thua-thien-hue_2024-q4_so-sanh-quy.txt", "change.count", "là 3.480", "là 3.380", 3480.0, 3380.0),
    # "tiếp nhận 11.880 hồ sơ, giảm 120 hồ sơ so với quý I/2024, tương đương giảm 1,5%": the comparison between the change's
    # two forms hid the second (120 of 12.000 is 1,0%)
    ("tay-ninh_2024-q2_tuong-duong.txt", "change.both_forms", "giảm 1,5%", "giảm 1,0%", 1.5, 1.0),
    # "... trễ hạn 42 hồ sơ ... Cùng kỳ năm 2023, Sở giải quyết 1.980 hồ sơ, trễ hạn 156 hồ sơ ... Như vậy, số hồ sơ trễ hạn giảm
    # 124 hồ sơ so với cùng kỳ.": the change's two counts stand in the sentences before it (156 - 42 = 114)
    ("ninh-thuan_2024-q3_tin-so.txt", "change.count", "giảm 124", "giảm 114", -124.0, -114.0),
])
def test_a_change_written_where_its_rule_had_not_looked(tmp_path, probe, rule, old, new, stated, expected):
    """Probes thua-thien-hue_2024-q4_so-sanh-quy.txt, tay-ninh_2024-q2_tuong-duong.txt, ninh-thuan_2024-q3_tin-so.txt: each
    change was not checked; each fails as written, and holds once its stated change is the right one."""
    path = PROBES / probe
    assert [(c.status, c.stated, c.expected) for c in check_file(path).claims if c.rule == rule] == [("fail", stated, expected)]
    good = tmp_path / probe
    good.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert [c.status for c in check_file(good).claims if c.rule == rule] == ["holds"]


@pytest.mark.parametrize("probe, old, new", [
    # "So với quý II/2024, số hồ sơ tiếp nhận tăng 6,2%." then "Quý II/2024, Bộ phận Một cửa thành phố tiếp nhận 11.750 hồ sơ."
    ("lam-dong_2024-q3_bao-da-lat.txt", "tăng 6,2%", "tăng 7,2%"),
    # "tiếp nhận 9.870 hồ sơ ..., tăng 1.120 hồ sơ so với quý I/2023." ... then "Quý I/2023, thành phố tiếp nhận 8.750 hồ sơ."
    ("gia-lai_2023-q2_pleiku.txt", "tăng 1.120", "tăng 1.220"),
])
def test_a_changes_earlier_count_in_a_later_paragraph(tmp_path, probe, old, new):
    """Probes lam-dong_2024-q3_bao-da-lat.txt, gia-lai_2023-q2_pleiku.txt: the compared period's count stands in the next
    paragraph; the change was not checked."""
    path = PROBES / probe
    assert [c.status for c in check_file(path).claims if c.rule == "change.count"] == ["holds"]
    bad = tmp_path / probe
    bad.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert [c.status for c in check_file(bad).claims if c.rule == "change.count"] == ["fail"]


def test_a_total_that_opens_the_sentence_after_its_list(tmp_path):
    """Probe quang-binh_2024-q3_bao-tre-han.txt: "còn 4 cơ quan cấp tỉnh để xảy ra hồ sơ trễ hạn, gồm: Sở Tài nguyên và Môi trường
    (35 hồ sơ), Sở Xây dựng (12 hồ sơ), Sở Giao thông vận tải (8 hồ sơ) và Sở Công Thương (3 hồ sơ). Tổng số hồ sơ trễ hạn của các
    cơ quan cấp tỉnh là 68 hồ sơ.": the list stood before its total, which was summed with nothing."""
    probe = PROBES / "quang-binh_2024-q3_bao-tre-han.txt"
    got = [(c.rule, c.stated, c.expected) for c in check_file(probe).claims if c.status == "fail"]
    assert got == [("enum.shortfall", 68.0, 58.0)]
    good = tmp_path / probe.name
    good.write_text(probe.read_text(encoding="utf-8").replace("là 68 hồ sơ", "là 58 hồ sơ"), encoding="utf-8")
    assert [c.status for c in check_file(good).claims if c.rule.startswith("enum.")] == ["holds"]


def test_a_second_total_on_the_line_takes_none_of_the_firsts_parts():
    """Probe hung-yen_2024-q3_pakn.txt: "tỉnh tiếp nhận 126 phản ánh, kiến nghị ...; đã xử lý xong 118 PAKN, đạt 93,65%; đang xử lý
    8 PAKN. Trong số PAKN đã xử lý, có 97 PAKN được xử lý qua Hệ thống tiếp nhận, trả lời PAKN ...": the 97, read as received
    (the system's name), was given the 126's parts (a false calc.partition error, 97 against 126)."""
    claims = check_file(PROBES / "hung-yen_2024-q3_pakn.txt").claims
    assert [(c.rule, c.stated, c.expected) for c in claims if c.rule == "calc.partition"] == [("calc.partition", 126.0, 126.0)]
    assert not [c for c in claims if c.status == "fail"]


def test_the_compliance_cost_cut_by_simplifying(tmp_path):
    """Probes vinh-phuc_2024-q3_don-gian-hoa.txt, ninh-binh_2024_phuong-an.txt: the yearly cost of compliance before simplifying is
    the cost after it and the cost saved, and the rate cut is the saved over the before (Thông tư 02/2017/TT-VPCP); none of it
    was read, and "cắt giảm" was a change."""
    probe = PROBES / "vinh-phuc_2024-q3_don-gian-hoa.txt"
    facts = {(f.indicator, f.value, f.role) for f in extract_file(probe).facts}
    assert {("simplify.cost_before", 5.86e9, "value"), ("simplify.cost_after", 4.12e9, "value"),
            ("simplify.cost_saved", 1.84e9, "value"), ("rate.cost_cut", 31.4, "value")} <= facts
    got = {(c.rule, c.status, c.stated, c.expected) for c in check_file(probe).claims}
    assert ("calc.partition", "fail", 5.86e9, 5.96e9) in got
    assert ("rate.recomputed", "holds", 31.4, 31.3993) in got
    whole = PROBES / "ninh-binh_2024_phuong-an.txt"
    assert {(c.rule, c.status) for c in check_file(whole).claims} == {("calc.partition", "holds"), ("rate.recomputed", "holds")}
    bad = tmp_path / whole.name
    bad.write_text(whole.read_text(encoding="utf-8").replace("đạt 28,79%", "đạt 27,79%"), encoding="utf-8")
    assert [(c.status, c.stated) for c in check_file(bad).claims if c.rule == "rate.recomputed"] == [("fail", 27.79)]


@pytest.mark.parametrize("probe, line, earlier, later, later_period", [
    # "Năm 2024, tỷ lệ hồ sơ tiếp nhận trực tuyến của tỉnh tăng từ 52,3% năm 2023 lên 71,1%"
    ("thanh-hoa_2024_bao-ty-le.txt", 3, 52.3, 71.1, "2024"),
    # "Tỷ lệ hồ sơ trực tuyến tăng từ 45,25% năm 2023 lên 52,36% năm 2024"
    ("quang-binh_2024-q2_tu-len.txt", 4, 45.25, 52.36, "2024-Q2"),
])
def test_the_period_between_from_and_to_is_the_earlier_figures(probe, line, earlier, later, later_period):
    """Probes thanh-hoa_2024_bao-ty-le.txt, quang-binh_2024-q2_tu-len.txt: in "từ A <năm 2023> lên B" the year after A was read as
    B's, and A took the sentence's own period: the two figures' periods were swapped."""
    got = {(f.value, f.period, f.role) for f in extract_file(PROBES / probe).facts if f.line == line and f.unit == "%"}
    assert (earlier, "2023", "baseline") in got and (later, later_period, "value") in got


def test_a_share_whose_base_its_words_name_after_it(tmp_path):
    """Probe ben-tre_2024-q2_thu-xin-loi.txt: "Các cơ quan, đơn vị đã gửi 146 thư xin lỗi, đạt 100% số hồ sơ quá hạn": the letters
    were dossiers, held against the 98.760 resolved (a share.count error of the wrong base); they are letters over the 156
    late dossiers the words name. Of the count's own kind ("chiếm 0,16% số hồ sơ tiếp nhận"), only the count named is tried."""
    probe = PROBES / "ben-tre_2024-q2_thu-xin-loi.txt"
    got = [(c.rule, c.stated, c.expected, [v.value for v in c.values]) for c in check_file(probe).claims if c.status == "fail"]
    assert got == [("share.count", 100.0, 93.5897, [100.0, 146.0, 156.0])]
    good = tmp_path / probe.name
    good.write_text(probe.read_text(encoding="utf-8").replace("gửi 146", "gửi 156"), encoding="utf-8")
    assert not [c for c in check_file(good).claims if c.status == "fail"]
    # "Số hồ sơ quá hạn là 12 hồ sơ, chiếm 0,27% số hồ sơ đã giải quyết": over the 4.398 resolved, not the 4.512 received
    claims = check_file(PROBES / "bac-kan_2024-05_hs-ton.txt").claims
    assert [(c.stated, c.expected) for c in claims if c.rule == "share.count"] == [(0.27, 0.2729)]


def test_a_total_of_both_levels_named(tmp_path):
    """Probe kien-giang_2024-h1_huyen.txt: "UBND cấp huyện tiếp nhận 45.300 hồ sơ, ...; UBND cấp xã tiếp nhận 62.150 hồ sơ, ...
    Tổng cộng hai cấp tiếp nhận 107.450 hồ sơ": the total took the district level (its sentence's) and was summed with nothing."""
    probe = PROBES / "kien-giang_2024-h1_huyen.txt"
    assert _claims_of(probe, "calc.levels") == [("holds", 107450.0, 107450.0)]
    assert [c[:2] for c in _claims_of(_edited(tmp_path, probe, "107.450", "107.540"), "calc.levels")] == [("fail", 107540.0)]
    from analysis.vocab import names_both_levels
    assert names_both_levels("Tổng cộng hai cấp tiếp nhận") and not names_both_levels("thực hiện chính quyền địa phương hai cấp")


@pytest.mark.parametrize("probe, old, new, rule", [
    # "Bộ phận Một cửa thành phố Phủ Lý tiếp nhận 22.640 hồ sơ, trong đó cấp thành phố 8.150 hồ sơ (chiếm 36%), cấp xã, phường
    # 14.490 hồ sơ": in a province's report a thành phố is a district-level town, and its two levels are all of it
    ("ha-nam_2020_phu-ly.txt", "cấp thành phố 8.150", "cấp thành phố 8.050", "enum.shortfall"),
    # "số hồ sơ giải quyết đúng hạn và trước hạn là 1.389 hồ sơ, ...; còn 13 hồ sơ trễ hạn": early or on time, not early
    ("quang-tri_2020-10_hcc-tuan.txt", "giải quyết là 1.402", "giải quyết là 1.412", "calc.partition"),
])
def test_a_relation_read_in_a_new_phrasing(tmp_path, probe, old, new, rule):
    """Probes ha-nam_2020_phu-ly.txt, quang-tri_2020-10_hcc-tuan.txt: each relation holds as written and was not read as one;
    one number changed, it fails."""
    path = PROBES / probe
    assert not [c for c in check_file(path).claims if c.status == "fail"]
    bad = tmp_path / probe
    bad.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert rule in {c.rule for c in check_file(bad).claims if c.status == "fail"}


def test_received_and_resolved_together_is_a_received_count():
    """Gia Lai 2022-Q1 line 53: "toàn tỉnh tiếp nhận, giải quyết 205.295 hồ sơ TTHC trong đó: Số mới tiếp nhận trong kỳ: 10.445
    hồ sơ nhận trực tuyến; 185.787 hồ sơ nhận trực tiếp ...; 9.063 hồ sơ nhận từ kỳ trước chuyển qua": the list was held as
    one part of a resolved count; it is the received count's, all of it."""
    res = check_file(ROOT / "data" / "raw" / "gia-lai_2022-q1_kiem-soat-tthc-bao-cao-vpcp.txt")
    got = [(c.rule, c.status, c.stated, c.expected) for c in res.claims if c.rule.startswith("enum.") and c.stated == 205295.0]
    assert got == [("enum.exceeds", "holds", 205295.0, 205295.0)]


def test_feedback_received_by_channel_named_after_each_count(tmp_path):
    """Probe quang-ngai_2024-q3_so-hoa.txt: "tỉnh tiếp nhận 56 PAKN qua Hệ thống tiếp nhận, trả lời PAKN của Chính phủ, 12 PAKN
    qua đường dây nóng, 8 PAKN qua các hình thức khác; tổng cộng 76 PAKN": each count took the channel before it (the 56 were
    received, the 12 via the system), two false calc.partition errors; the channel after each count is its own."""
    probe = PROBES / "quang-ngai_2024-q3_so-hoa.txt"
    facts = {(f.indicator, f.value) for f in extract_file(probe).facts if f.line == 6}
    assert {("pakn.via_system", 56.0), ("pakn.via_hotline", 12.0), ("pakn.via_other", 8.0), ("pakn.received", 76.0)} <= facts
    assert not [c for c in check_file(probe).claims if c.status == "fail"]
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("12 PAKN qua", "17 PAKN qua"), encoding="utf-8")
    assert [(c.rule, c.stated, c.expected) for c in check_file(bad).claims if c.status == "fail"] == [
        ("calc.partition", 76.0, 81.0)]


@pytest.mark.parametrize("before, after, months", [
    ("Quý I/2024, toàn tỉnh tiếp nhận 15.000 hồ sơ, bình quân mỗi tháng tiếp nhận ", " hồ sơ; đã giải quyết", 1.0),
    ("trung bình mỗi ngày tiếp nhận khoảng ", " hồ sơ.", 0.0),
    ("Bình quân ", " hồ sơ/tháng.", 1.0),
    ("bình quân hằng năm giải quyết ", " hồ sơ", 12.0),
    ("tỉnh tiếp nhận ", " hồ sơ, bình quân mỗi tháng", None),         # the average named after the figure is the next one's
    ("thời gian giải quyết trung bình ", " ngày", None),              # no unit of time after a per word: no average
])
def test_an_average_per_unit_of_time_is_read(before, after, months):
    from analysis.vocab import average_per
    assert average_per(before, after) == months


def test_an_average_is_no_count_of_the_period(tmp_path):
    """Probes thanh-hoa_2024-q1_binh-quan.txt, nam-dinh_2023_binh-quan-ngay.txt: "tiếp nhận 15.000 hồ sơ, bình quân mỗi tháng
    tiếp nhận 5.000 hồ sơ, mỗi ngày làm việc khoảng 240 hồ sơ; đã giải quyết 14.800 hồ sơ, đang giải quyết 200 hồ sơ": the
    5.000 was a second received count, given the resolved and pending (a false calc.partition error); an average per month
    is held against the period's count over its months (calc.average), one per day against nothing."""
    probe = PROBES / "thanh-hoa_2024-q1_binh-quan.txt"
    got = {(c.rule, c.status, c.stated, c.expected) for c in check_file(probe).claims if c.rule != "dup.figure"}
    assert got == {("calc.average", "holds", 5000.0, 5000.0), ("calc.partition", "holds", 15000.0, 15000.0)}
    bad = tmp_path / probe.name
    bad.write_text(probe.read_text(encoding="utf-8").replace("tiếp nhận 5.000", "tiếp nhận 5.010"), encoding="utf-8")
    assert [(c.rule, c.stated) for c in check_file(bad).claims if c.status == "fail"] == [("calc.average", 5010.0)]
    year = [(c.rule, c.stated, c.expected) for c in check_file(PROBES / "nam-dinh_2023_binh-quan-ngay.txt").claims
            if c.status == "fail"]
    assert year == [("calc.average", 3140.0, 3041.7)]


def test_a_headline_that_restates_a_running_total(tmp_path):
    """Probe binh-phuoc_2023_tu-khi-thanh-lap.txt: "Tiếp nhận hơn 120 nghìn hồ sơ sau 3 năm hoạt động" over "Năm 2023, ... tiếp nhận
    45.320 hồ sơ ... Từ khi đi vào hoạt động (tháng 10/2020) đến nay, Trung tâm đã tiếp nhận 121.500 hồ sơ": the headline was
    held against the year's count (a false dup.figure error); it restates the running total. Where no body figure is
    restated, the headline still fails against the period's."""
    probe = PROBES / "binh-phuoc_2023_tu-khi-thanh-lap.txt"
    assert _claims_of(probe, "dup.figure") == [("holds", 120000.0, 121500.0)]
    assert _claims_of(_edited(tmp_path, probe, "121.500", "101.500"), "dup.figure") == [("fail", 120000.0, 45320.0)]


def test_named_units_and_the_rest_make_their_total(tmp_path):
    """Probe ninh-thuan_2024-q2_xa-con-lai.txt: "tiếp nhận 5.600 hồ sơ ... Trong đó, thị trấn Phước Dân tiếp nhận 1.200 hồ sơ, ...;
    xã Phước Thuận tiếp nhận 900 hồ sơ, ...; các xã còn lại tiếp nhận 3.400 hồ sơ": the named units were an open list (only an
    excess is an error), and the rest a second count of the level; with the rest, the list is the whole."""
    probe = PROBES / "ninh-thuan_2024-q2_xa-con-lai.txt"
    got = [(c.status, c.stated, c.expected) for c in check_file(probe).claims if c.rule == "scope.remainder"]
    assert got == [("fail", 5600.0, 5500.0), ("holds", 5540.0, 5540.0)]
    good = tmp_path / probe.name
    good.write_text(probe.read_text(encoding="utf-8").replace("tiếp nhận 3.400", "tiếp nhận 3.500"), encoding="utf-8")
    assert not [c for c in check_file(good).claims if c.status == "fail"]


def test_a_level_named_after_a_press_dateline_holds_for_the_paragraph():
    """Probe kon-tum_2021-h1_hcc.txt: "(KTO) - Theo báo cáo của Trung tâm Phục vụ hành chính công tỉnh, 6 tháng đầu năm 2021, Trung
    tâm đã tiếp nhận 18.760 hồ sơ, ... Trong đó, hồ sơ tiếp nhận trực tuyến là 6.320 hồ sơ, ...": the dateline pushed the level
    past the paragraph's lead, so the parts were the whole province's and the received count's partitions went unchecked
    (the headline's "gần 19 nghìn", of no level, took them); the headline is held against the body at the body's level."""
    claims = check_file(PROBES / "kon-tum_2021-h1_hcc.txt").claims
    got = {(c.rule, c.stated, c.level) for c in claims if c.rule in ("calc.partition", "dup.figure")}
    assert got == {("calc.partition", 18760.0, "tinh"), ("calc.partition", 18540.0, "tinh"), ("dup.figure", 19000.0, "tinh")}


@pytest.mark.parametrize("probe, old, new", [
    # "Tổng số HS: 8.765; Đã giải quyết: 8.600 (...); Đang giải quyết: 165 (...)": "HS" for "hồ sơ" in the labels
    ("thai-nguyen_2024-q2_viet-tat.txt", "Tổng số HS: 8.765", "Tổng số HS: 8.865"),
    # "số HS tiếp nhận, đã giải quyết và đang giải quyết ... lần lượt là 4.560, 4.410 và 150 HS"
    ("thai-nguyen_2024-q2_viet-tat.txt", "4.560, 4.410", "4.660, 4.410"),
    # "Đối với HS trực tuyến, Trung tâm tiếp nhận 3.000 HS": the kind of dossier shortened
    ("thai-nguyen_2024-q2_viet-tat.txt", "tiếp nhận 3.000 HS", "tiếp nhận 3.100 HS"),
    # "Tổng số hồ sơ giải quyết xong trong kỳ là 49.870 hồ sơ": those resolved, not the total to deal with
    ("lao-cai_2024-q3_giai-quyet-xong.txt", "là 49.870", "là 49.970"),
])
def test_a_shortened_or_reworded_label(tmp_path, probe, old, new):
    """Probes thai-nguyen_2024-q2_viet-tat.txt, lao-cai_2024-q3_giai-quyet-xong.txt: labels written with "HS" for "hồ sơ" (reading.yml
    abbreviations) and "giải quyết xong" read as their full forms; each relation holds as written and fails with one
    number changed."""
    path = PROBES / probe
    assert not [c for c in check_file(path).claims if c.status == "fail"]
    bad = tmp_path / probe
    bad.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert "calc.partition" in {c.rule for c in check_file(bad).claims if c.status == "fail"}


def test_a_word_and_its_short_forms():
    from analysis.vocab import indicators, phrase_forms
    assert phrase_forms("hồ sơ phát sinh") == ["hồ sơ phát sinh", "hs phát sinh", "hồ sơ tthc phát sinh", "bộ hồ sơ phát sinh"]
    # reading.yml other_forms: a deadline named in full or as the appointment given
    assert phrase_forms("trễ hạn") == ["trễ hạn", "trễ thời hạn", "trễ hẹn"]
    received = next(i for i in indicators() if i.code == "dossiers.received")
    assert any(rx.search("số hs tiếp nhận trong kỳ là") for rx in received.labels)
    assert any(rx.search("tổng số hồ sơ tthc tiếp nhận là") for rx in received.labels)
    from analysis.vocab import abbreviated
    # an abbreviation's words are read in their other forms too, and a word's other forms in its abbreviation
    assert abbreviated("dịch vụ công trực tuyến toàn trình").pattern == "(?:dịch vụ công (?:online|trực tuyến)|dvctt) toàn trình"
    late = next(i for i in indicators() if i.code == "dossiers.late")
    assert any(rx.search("giải quyết quá thời hạn") for rx in late.labels)


def test_other_verbs_for_resolved_pending_and_late():
    """Probe yen-bai_2024-q2_tu-dong-nghia.txt: "đã xử lý 27.600 hồ sơ, ... chậm trễ 120 hồ sơ; số hồ sơ chưa giải quyết xong là 850
    hồ sơ", "còn 3 PAKN chưa xử lý xong": "chưa giải quyết xong" had read "giải quyết xong" (a resolved count) and the verbs
    the PAKN forms use went unread for dossiers. "Đã xử lý: 20" after PAKN stays feedback (dossiers.resolved_handled is read
    only where the noun names dossiers)."""
    facts = {(f.indicator, f.value) for f in extract_file(PROBES / "yen-bai_2024-q2_tu-dong-nghia.txt").facts}
    assert {("dossiers.resolved", 27600.0), ("dossiers.late", 120.0), ("dossiers.pending", 850.0), ("pakn.pending", 3.0)} <= facts
    pakn = {(f.indicator, f.value) for f in extract_file(PROBES / "ha-nam_2024-q3_pakn-ngoac.txt").facts if f.line == 4}
    assert ("pakn.processed", 20.0) in pakn


@pytest.mark.parametrize("old, new, rule", [
    ("tồn từ kỳ trước chuyển sang là 1.120", "tồn từ kỳ trước chuyển sang là 1.220", "calc.partition"),
    ("trước hạn 15.200 hồ sơ", "trước hạn 15.300 hồ sơ", "calc.partition"),          # the list after "cụ thể:"
    ("đạt mức 99,38%", "đạt mức 98,38%", "rate.recomputed"),
    ("đang trong thời gian giải quyết là 550", "đang trong thời gian giải quyết là 650", "calc.partition"),
    ("đang giải quyết 200 hồ sơ", "đang giải quyết 300 hồ sơ", "calc.partition"),   # "Đối với bộ hồ sơ trực tuyến"
])
def test_a_relation_in_other_words(tmp_path, old, new, rule):
    """Probe bac-kan_2024-q3_cach-viet-khac.txt: "tồn từ kỳ trước chuyển sang", "cụ thể:", "đạt mức", "đang trong thời gian giải quyết",
    "Đối với bộ hồ sơ trực tuyến" were not read as their usual words are; each relation holds as written and fails with one
    number changed."""
    path = PROBES / "bac-kan_2024-q3_cach-viet-khac.txt"
    assert not [c for c in check_file(path).claims if c.status == "fail"]
    bad = tmp_path / path.name
    bad.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    assert rule in {c.rule for c in check_file(bad).claims if c.status == "fail"}


_NO_DOTS = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?![\d]|[.,]\d)")


@pytest.mark.parametrize("probe", ["nghe-an_2024-06_tra-ket-qua.txt", "ha-nam_2024-q3_so-hoa.txt", "bac-lieu_2024-h1_bang.txt",
                                   "ha-tinh_2024-q4_nam-bang.txt", "long-an_2023-q2_luy-ke.txt"])
def test_figures_written_without_thousands_dots_read_the_same(tmp_path, probe):
    """Each probe's figures written without their thousands dots ("4498", "3250 hồ sơ/8900 hồ sơ", a table's "5230"): "đạt
    99,82% hồ sơ đúng hạn" had become a share of the count before it (the dots of the figures between had stopped it), a
    slash base's share was held against other counts, and a table's second column of plain figures went unread."""
    path = PROBES / probe
    plain = tmp_path / probe
    plain.write_text(_NO_DOTS.sub(lambda m: m.group(1).replace(".", ""), path.read_text(encoding="utf-8")), encoding="utf-8")
    def got(p):
        return sorted((c.rule, c.status, c.stated) for c in check_file(p).claims)
    assert got(plain) == got(path)


def test_a_figure_without_thousands_dots_holds_no_year():
    """"Quý IV, toàn tỉnh tiếp nhận 20000 hồ sơ, đã giải quyết 19500 hồ sơ": the quarter's year had been read from the digits of
    "20000" (2000-Q4), so the later figures were an earlier period's."""
    from analysis.periods import find_periods
    assert [p.key for p, _a, _b in find_periods("Quý IV, toàn tỉnh tiếp nhận 20000 hồ sơ", 2024)] == ["2024-Q4"]
    assert [p.key for p, _a, _b in find_periods("quý IV/2023 tiếp nhận 20000 hồ sơ", 2024)] == ["2023-Q4"]


@pytest.mark.parametrize("old, new, rule", [
    ("mới tiếp nhận được là 43.500", "mới tiếp nhận được là 43.600", "calc.partition"),
    ("lần lượt là 29.600", "lần lượt là 29.700", "calc.partition"),
    ("khi tiếp nhận được là 39.150", "khi tiếp nhận được là 38.150", "share.count"),
])
def test_a_verb_with_its_duoc(tmp_path, old, new, rule):
    """Probe ha-tinh_2024-q1_tiep-nhan-duoc.txt: "số hồ sơ mới tiếp nhận được là", "Số hồ sơ tiếp nhận được trực tuyến và trực tiếp lần
    lượt là", "được số hóa khi tiếp nhận được là": the "được" left each count a received one (a second received count, a
    false calc.partition error)."""
    path = PROBES / "ha-tinh_2024-q1_tiep-nhan-duoc.txt"
    assert not [c for c in check_file(path).claims if c.status == "fail"]
    assert rule in {c.rule for c in check_file(_edited(tmp_path, path, old, new)).claims if c.status == "fail"}


@pytest.mark.parametrize("old, new, rule", [
    ("qua DVCTT 4.350", "qua DVCTT 4.450", "calc.partition"),             # "tiếp nhận qua DVCTT": online, not received
    ("Toàn tỉnh tiếp nhận 39.721", "Toàn tỉnh tiếp nhận 39.821", "calc.levels"),   # "Trung tâm PVHCC tỉnh": the province level
])
def test_the_centre_and_the_online_services_shortened(tmp_path, old, new, rule):
    """Probe binh-phuoc_2024-q2_viet-tat-ttpvhcc.txt: "Trung tâm PVHCC tỉnh" named no level and "qua DVCTT" no online count
    (reading.yml abbreviations, now read in the levels too)."""
    path = PROBES / "binh-phuoc_2024-q2_viet-tat-ttpvhcc.txt"
    assert not [c for c in check_file(path).claims if c.status == "fail"]
    assert rule in {c.rule for c in check_file(_edited(tmp_path, path, old, new)).claims if c.status == "fail"}


@pytest.mark.parametrize("name,old,new,rule,want", [
    # the post shortened (Quyết định 45/2016/QĐ-TTg "dịch vụ bưu chính công ích", BCCI): the in-person part stays read,
    # and the file's error (8.000 + 4.345 + 1.200 = 13.545, stated 13.555 elsewhere) stays found
    ("bac-kan_2023-q4_ky-truoc.txt", "trực tiếp và qua dịch vụ bưu chính công ích", "trực tiếp và qua dịch vụ BCCI",
     "calc.partition", [("holds", 13545.0, 13545.0), ("holds", 13100.0, 13100.0), ("fail", 13545.0, 13555.0)]),
    # the carried-over dossiers "tồn đọng kỳ trước"
    ("bac-kan_2021-q1_xa.txt", "kỳ trước chuyển sang 214", "tồn đọng kỳ trước 214",
     "calc.partition", [("holds", 9118.0, 9118.0), ("holds", 8963.0, 8963.0), ("holds", 155.0, 155.0),
                        ("holds", 9118.0, 9118.0)]),
    # the people's committees named in full (reading.yml other_forms): the levels' sum stays found short of the total
    ("tra-vinh_2024-q3_ubnd-cac.txt", "UBND các", "Ủy ban nhân dân các", "calc.levels", [("fail", 15000.0, 15100.0)]),
    # a list opened by "trong đó có" (reading.yml part_markers)
    ("dak-lak_2024-q2_don-vi.txt", "92.400 hồ sơ, trong đó:", "92.400 hồ sơ, trong đó có:", "enum.exceeds",
     [("holds", 92810.0, 92810.0), ("holds", 92400.0, 92400.0), ("holds", 2720.0, 2720.0)]),
])
def test_a_phrase_written_in_other_words_is_read_the_same(tmp_path, name, old, new, rule, want):
    path = PROBES / name
    assert _claims_of(path, rule) == want
    assert _claims_of(_edited(tmp_path, path, old, new), rule) == want


@pytest.mark.parametrize("name,rules", [
    ("binh-dinh_2024-q2_cung-ky-kenh.txt", ("calc.partition", "enum.exceeds")),
    ("phu-tho_2024-q1_thang-nam.txt", ("calc.partition", "calc.months")),
])
def test_parts_in_a_sentence_of_their_own_are_of_the_sentence_before(tmp_path, name, rules):
    """"Cùng kỳ năm 2023, toàn tỉnh tiếp nhận 9.000 hồ sơ. Trong đó, trực tuyến 5.000 hồ sơ, ...": the parts in the "Trong
    đó" sentence were read for the report's quarter and summed with the quarter's own (a false error of 9.000); and
    "Trong đó, tháng 1: 3.200 hồ sơ; ..." set January as the paragraph's period for the sentences after it."""
    path = PROBES / name
    want = [c for r in rules for c in _claims_of(path, r)]
    assert want and all(status == "holds" for status, _s, _e in want)
    edited = _edited(tmp_path, path, ", trong đó", ". Trong đó,")
    assert [c for r in rules for c in _claims_of(edited, r)] == want
