"""Golden values from the five seed reports (one section per report type)."""
import unicodedata

import pytest

from analysis.read import read_document
from conftest import SEEDS, find, one


def test_every_quote_is_verbatim_at_its_line(seeds):
    for key, ex in seeds.items():
        lines = read_document(SEEDS[key]).lines
        assert ex.facts, key
        for f in ex.facts:
            assert f.quote, (key, f)
            assert unicodedata.normalize("NFC", f.quote) in lines[f.line - 1], (key, f.line, f.quote)


# ---- Bắc Giang 2022 (KSTTHC report to VPCP)

@pytest.mark.parametrize("indicator,level,value,line", [
    ("dossiers.received", "total", 690889, 66), ("dossiers.new", "total", 682242, 66),
    ("dossiers.new_online", "total", 322233, 66), ("dossiers.new_offline", "total", 360009, 66),
    ("dossiers.carried_over", "total", 8747, 66), ("dossiers.resolved", "total", 681365, 68),
    ("dossiers.early", "total", 608877, 68), ("dossiers.on_time", "total", 69251, 68),
    ("dossiers.late", "total", 3237, 68), ("dossiers.pending", "total", 9624, 76),
    ("dossiers.pending_within", "total", 9576, 76), ("dossiers.pending_overdue", "total", 48, 76),
    ("dossiers.received", "tinh", 264740, 70), ("dossiers.resolved", "tinh", 256889, 70),
    ("dossiers.early", "tinh", 212046, 70), ("dossiers.on_time", "tinh", 44404, 70), ("dossiers.late", "tinh", 439, 70),
    ("dossiers.received", "huyen", 85065, 72), ("dossiers.resolved", "huyen", 84160, 72),
    ("dossiers.early", "huyen", 78996, 72), ("dossiers.on_time", "huyen", 4660, 72), ("dossiers.late", "huyen", 504, 72),
    ("dossiers.received", "xa", 341184, 74), ("dossiers.resolved", "xa", 340316, 74),
    ("dossiers.early", "xa", 317835, 74), ("dossiers.on_time", "xa", 20187, 74), ("dossiers.late", "xa", 2294, 74),
    ("tthc.total", "total", 1950, 34), ("tthc.central", "total", 1920, 34), ("tthc.local", "total", 30, 34),
    ("tthc.decisions", "total", 40, 30), ("tthc.published", "total", 419, 32),
    ("dvc.level34", "total", 1363, 114), ("dvc.level3", "total", 552, 114), ("dvc.level4", "total", 811, 114),
    ("dvc.full", "total", 295, 116), ("dvc.partial", "total", 362, 116),
    ("pakn.new", "total", 13, 56), ("pakn.processed", "total", 13, 58),
])
def test_bac_giang(seeds, indicator, level, value, line):
    f = one(seeds["bac_giang"], indicator, level)
    assert (f.value, f.line) == (value, line)
    assert f.period == "2022" and f.province == "Bắc Giang"


def test_bac_giang_shares_keep_their_denominator_and_decimals(seeds):
    f = one(seeds["bac_giang"], "dossiers.late", "total", role="share")
    assert (f.value, f.decimals, f.unit, f.denominator) == (0.6, 1, "%", "dossiers.resolved")
    assert f.quote == "3.237 (0,6 %"


def test_bac_giang_online_payments_are_approximate_billions(seeds):
    f = one(seeds["bac_giang"], "payments.amount")
    assert f.value == 59e9 and f.approximate and f.qualifier == "trên"


# ---- Gia Lai Q1 2022 (text and annex forms)

def test_gia_lai_q1_both_tthc_totals_each_with_its_line(seeds):
    ex = seeds["gia_lai_q1"]
    text = [f for f in find(ex, "tthc.total") if f.source_kind == "text"]
    annex = [f for f in find(ex, "tthc.total") if f.source_kind == "table"]
    assert [(f.value, f.line) for f in text] == [(1888, 27)]
    assert [(f.value, f.line) for f in annex] == [(1955, 262)]
    assert {f.level: f.value for f in ex.facts if f.indicator == "tthc.total" and f.line == 27} == {
        "total": 1888, "tinh": 1436, "huyen": 279, "xa": 173}
    assert {f.level: f.value for f in ex.facts if f.indicator == "tthc.total" and f.line == 262} == {
        "total": 1955, "tinh": 1469, "huyen": 313, "xa": 173}


@pytest.mark.parametrize("indicator,value,line", [
    ("dossiers.received", 205295, 53), ("dossiers.new_online", 10445, 53), ("dossiers.new_offline", 185787, 53),
    ("dossiers.carried_over", 9063, 53), ("dossiers.resolved", 188769, 55), ("dossiers.early", 25593, 55),
    ("dossiers.on_time", 162464, 55), ("dossiers.late", 712, 55), ("dossiers.pending", 11660, 57),
    ("dossiers.pending_within", 11539, 57), ("dossiers.pending_overdue", 121, 57),
    ("pakn.received", 22, 47), ("pakn.processed", 18, 47), ("pakn.rejected", 2, 47), ("pakn.pending", 2, 47),
    ("tthc.decisions", 19, 27), ("tthc.published_new", 9, 27), ("tthc.amended", 198, 27), ("tthc.abolished", 20, 27),
    ("dvc.level3", 135, 135), ("dvc.level4", 1064, 135),
])
def test_gia_lai_q1_text(seeds, indicator, value, line):
    f = one(seeds["gia_lai_q1"], indicator)
    assert (f.value, f.line, f.period) == (value, line, "2022-Q1")


def test_gia_lai_q1_annex_total_row(seeds):
    ex = seeds["gia_lai_q1"]
    got = {f.indicator: f.value for f in ex.facts if f.line == 274}
    assert got == {"tthc.decisions": 18, "tthc.published": 256, "tthc.published_new": 8, "tthc.amended": 198,
                   "tthc.abolished": 20, "tthc.publicized": 203, "tthc.not_publicized": 20}


def test_gia_lai_q1_integrated_ratio(seeds):
    f = one(seeds["gia_lai_q1"], "dvc.integrated_national", role="ratio")
    assert (f.value, f.denominator_value) == (810, 1199)


# ---- Quảng Ngãi 2024-H1 (resolution implementation report)

@pytest.mark.parametrize("level,value,change,baseline,line", [
    ("tinh", 81.6, 9.6, 72, 65), ("huyen", 54.7, 11.6, 43.1, 67), ("xa", 94, 50, 43.8, 69)])
def test_quang_ngai_online_shares_with_2023_baselines(seeds, level, value, change, baseline, line):
    ex = seeds["quang_ngai"]
    v = one(ex, "rate.online", level, role="value")
    c = one(ex, "rate.online", level, role="change")
    b = one(ex, "rate.online", level, role="baseline")
    assert (v.value, v.period, v.line) == (value, "2024-H1", line)
    assert c.value == change
    assert (b.value, b.period) == (baseline, "2023")


def test_quang_ngai_land_scope_is_kept_apart(seeds):
    land = [f for f in find(seeds["quang_ngai"], "rate.online", "tinh") if f.scope]
    assert {f.value for f in land} == {28.14, 16.7, 11.43}


def test_quang_ngai_approximate_counts_and_payments(seeds):
    ex = seeds["quang_ngai"]
    # "Đối với hồ sơ thuộc thẩm quyền giải quyết của các sở, ngành, ... tại Trung tâm khoảng hơn 49.000":
    # the departments' dossiers (cấp tỉnh), not the province's
    r = [f for f in find(ex, "dossiers.received", level="tinh") if not f.scope][0]
    assert (r.value, r.approximate, r.qualifier, r.line) == (49000, True, "khoảng hơn", 47)
    assert not [f for f in find(ex, "dossiers.received", level="total") if not f.scope]
    assert one(ex, "payments.amount").value == 32.8e9
    assert one(ex, "payments.transactions").value == 91746
    assert {f.level: f.value for f in find(ex, "rate.digitisation", level="tinh") + find(ex, "rate.digitisation", "huyen")
            + find(ex, "rate.digitisation", "xa")} == {"tinh": 99.2, "huyen": 80.2, "xa": 96.9}


# ---- Gia Lai 2021-H1 (CCHC report with statistics appendix)

@pytest.mark.parametrize("indicator,level,value,line", [
    ("cchc.plan_tasks", "total", 38, 371), ("cchc.plan_tasks_done", "total", 11, 372),
    ("survey.forms", "total", 3133, 387), ("tthc.published_new", "total", 75, 407),
    ("tthc.total", "total", 1964, 409), ("tthc.total", "tinh", 1494, 410), ("tthc.total", "huyen", 297, 411),
    ("tthc.total", "xa", 173, 412), ("dvc.level3", "total", 191, 527), ("dvc.level4", "total", 349, 528),
    ("rate.on_time", "tinh", 70, 426), ("rate.on_time", "huyen", 72.8, 427), ("rate.on_time", "xa", 87.8, 428),
    # "Tỷ lệ hồ sơ xử lý trực tuyến mức độ 3": a sub-indicator, not the online share
    ("rate.online_level3", "total", 69.13, 529), ("rate.online_level4", "total", 63.75, 530),
])
def test_gia_lai_h1_appendix(seeds, indicator, level, value, line):
    got = [f for f in find(seeds["gia_lai_h1"], indicator, level, value) if f.source_kind == "appendix"]
    assert [f.line for f in got] == [line]
    assert got[0].period == "2021-H1"


def test_gia_lai_h1_appendix_keeps_unmatched_rows_with_their_label(seeds):
    rows = [f for f in seeds["gia_lai_h1"].facts if f.indicator == "other" and f.line == 449]
    assert rows and rows[0].value == 2673 and rows[0].label == "Tổng số biên chế được giao trong năm"


def test_gia_lai_h1_text_publication_counts(seeds):
    ex = seeds["gia_lai_h1"]
    assert [(f.value, f.line) for f in find(ex, "tthc.published_new") if f.source_kind == "text"] == [(82, 111)]
    assert one(ex, "pakn.received").value == 18


# ---- QĐ 258/QĐ-UBND (plan 2021-2025 with dated targets)

def test_qd258_targets(seeds):
    ex = seeds["qd258"]
    online = one(ex, "rate.online", role="target")
    assert (online.value, online.comparator, online.deadline) == (50, ">=", "2023-05")
    sat = one(ex, "rate.satisfaction", role="target")
    assert (sat.value, sat.comparator, sat.deadline) == (95, ">=", "2025")
    digit = {f.level: (f.value, f.deadline) for f in ex.facts if f.indicator == "rate.digitisation" and f.line == 122}
    assert digit == {"tinh": (30, "2021-12"), "huyen": (20, "2021-12"), "xa": (15, "2021-12")}
    assert "Các sở, ban, ngành tỉnh" in online.responsible
