"""Headline rows of the briefs: golden tables for the four seed briefs, written from the reports' own
figures (the expressions below are the report's counts, with their lines), and the examples of the
issue that made the headline a declared definition evaluated on whole-province facts."""
from __future__ import annotations

import pytest

from analysis import brief as B
from analysis.build import facts_frame
from analysis.headline import headline_rows

NR = "not_reported"


def _rows(ex, period):
    return {(r.id, r.level): r for r in headline_rows(facts_frame([ex]), period)}


# (id, level): (status, stated, recomputed) -- recomputed from the counts the report states
GOLDEN = {
    "bac_giang": ("2022", {
        # line 68: resolved 681.365 = early 608.877 + on time 69.251 + late 3.237 (0,6 %)
        ("on_time", "total"): ("ok", None, 100 * (608877 + 69251) / 681365),
        ("late", "total"): ("ok", 0.6, 100 * 3237 / 681365),
        # lines 70, 72, 74: each level's resolved, early, on time, late (stated shares beside them)
        ("on_time", "tinh"): ("ok", None, 100 * (212046 + 44404) / 256889),
        ("late", "tinh"): ("ok", 0.18, 100 * 439 / 256889),
        ("on_time", "huyen"): ("ok", None, 100 * (78996 + 4660) / 84160),
        ("late", "huyen"): ("ok", 0.5, 100 * 504 / 84160),
        ("on_time", "xa"): ("ok", None, 100 * (317835 + 20187) / 340316),
        ("late", "xa"): ("ok", 0.6, 100 * 2294 / 340316),
        # line 66: new 682.242, of which online 322.233
        ("online", "total"): ("ok", None, 100 * 322233 / 682242),
        # line 76: pending 9.624, of which overdue 48
        ("overdue_pending", "total"): ("ok", None, 100 * 48 / 9624),
        # line 114: 1.363 DVC mức độ 3,4; line 34: 1.950 TTHC in force
        ("dvc34", "total"): ("ok", None, 100 * 1363 / 1950),
        # line 116: 295 services fully online, 362 partly online (Nghị định 42/2022)
        ("dvc_full", "total"): ("ok", None, 100 * 295 / (295 + 362)),
        ("digitisation", "total"): (NR, None, None),
        ("satisfaction", "total"): (NR, None, None),
    }),
    "gia_lai_q1": ("2022-Q1", {
        # line 55: resolved 188.769 = 25.593 + 162.464 + 712
        ("on_time", "total"): ("ok", None, 100 * (25593 + 162464) / 188769),
        ("late", "total"): ("ok", None, 100 * 712 / 188769),
        # line 53: new = 10.445 online + 185.787 in person or by post (the definition's base, not 205.295 received)
        ("online", "total"): ("ok", None, 100 * 10445 / (10445 + 185787)),
        # line 57: pending 11.660, overdue 121
        ("overdue_pending", "total"): ("ok", None, 100 * 121 / 11660),
        # line 135: 135 DVCTT mức độ 3 + 1.064 mức độ 4; line 27: 1.888 TTHC of the province
        ("dvc34", "total"): ("ok", None, 100 * (135 + 1064) / 1888),
        ("dvc_full", "total"): (NR, None, None),
        ("digitisation", "total"): (NR, None, None),
        ("satisfaction", "total"): (NR, None, None),
    }),
    "gia_lai_h1": ("2021-H1", {
        # line 261: "tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,89%" (no counts of resolved dossiers)
        ("on_time", "total"): ("stated_only", 98.89, None),
        # lines 426-428: the annex's on-time rates per level
        ("on_time", "tinh"): ("stated_only", 70, None),
        ("on_time", "huyen"): ("stated_only", 72.8, None),
        ("on_time", "xa"): ("stated_only", 87.8, None),
        # "nhiều đơn vị ... (tỷ lệ trễ hạn 0%)" is about some units: no province late rate
        ("late", "total"): (NR, None, None),
        # line 529 is the share at service level 3, a sub-indicator: no online share
        ("online", "total"): (NR, None, None),
        # annex lines 433 (540 TTHC at levels 3, 4, figures to 31/5/2021) and 409 (1.964 TTHC in force)
        ("dvc34", "total"): ("ok", None, 100 * 540 / 1964),
        ("dvc_full", "total"): (NR, None, None),
        ("overdue_pending", "total"): (NR, None, None),
        ("digitisation", "total"): (NR, None, None),
        ("satisfaction", "total"): (NR, None, None),
    }),
    "quang_ngai": ("2024-H1", {
        # the "khoảng hơn 49.000" of line 47 are the departments' dossiers, not the province's
        ("on_time", "total"): (NR, None, None),
        ("late", "total"): (NR, None, None),
        ("online", "total"): (NR, None, None),
        # lines 65, 67, 69: online shares per level, no counts
        ("online", "tinh"): ("stated_only", 81.6, None),
        ("online", "huyen"): ("stated_only", 54.7, None),
        ("online", "xa"): ("stated_only", 94, None),
        ("dvc34", "total"): (NR, None, None),
        ("dvc_full", "total"): (NR, None, None),
        ("overdue_pending", "total"): (NR, None, None),
        ("digitisation", "total"): (NR, None, None),
        # lines 77, 79, 81
        ("digitisation", "tinh"): ("stated_only", 99.2, None),
        ("digitisation", "huyen"): ("stated_only", 80.2, None),
        ("digitisation", "xa"): ("stated_only", 96.9, None),
        # line 51
        ("satisfaction", "total"): ("stated_only", 99.98, None),
    }),
}


@pytest.mark.parametrize("seed", sorted(GOLDEN))
def test_headline_rows_match_the_golden_table(seeds, seed):
    period, want = GOLDEN[seed]
    got = _rows(seeds[seed], period)
    assert set(got) == set(want)
    for key, (status, stated, recomputed) in want.items():
        r = got[key]
        assert r.status == status, key
        assert r.stated == (pytest.approx(stated) if stated is not None else None), key
        assert r.recomputed == (pytest.approx(recomputed, abs=1e-3) if recomputed is not None else None), key


def test_bac_giang_late_share_reads_stated_beside_recomputed(seeds):
    r = _rows(seeds["bac_giang"], "2022")[("late", "total")]
    assert (r.stated, r.stated_kind, r.stated_line) == (0.6, "share", 68)
    assert B.fmt_rate(r.recomputed) == "0,475"
    assert (r.numerator.value, r.numerator.lines, r.denominator.value) == (3237, (68,), 681365)


def test_not_reported_rows_say_why(seeds):
    r = _rows(seeds["gia_lai_h1"], "2021-H1")[("online", "total")]
    assert r.stated is None and r.recomputed is None
    assert "Hồ sơ nộp trực tuyến" in r.reason and "Hồ sơ mới tiếp nhận" in r.reason


def test_online_share_never_falls_back_to_received(seeds):
    r = _rows(seeds["gia_lai_q1"], "2022-Q1")[("online", "total")]
    assert r.denominator.codes == ("dossiers.new_online", "dossiers.new_offline") and r.denominator.value == 196232
    assert round(r.recomputed, 2) == 5.32


def test_quarter_brief_shows_the_quarter_not_its_last_month(devset):
    ex = devset["vinh-phuc_2021-q3_tthc.txt"]
    c = B.counts(facts_frame([ex]), period="2021-Q3")
    got = {(r.indicator, r.level): r[B.labels("vi")["value"]] for _, r in c.iterrows()}
    assert got[("dossiers.received", "tinh")] == 16234 and got[("dossiers.new", "tinh")] == 14043
    assert 6302 not in got.values() and 4131 not in got.values()


def test_five_month_figures_are_divided_by_five(seeds):
    from analysis.compare import Comparison
    import pandas as pd
    from analysis.build import documents_frame
    items = [seeds["quang_ngai"]]
    cmp = Comparison.load(facts_frame(items), documents_frame(items), pd.DataFrame(columns=["document", "rule", "line"]),
                          pd.DataFrame(columns=["document"]))
    t = cmp.flows_and_stocks()
    pakn = t[t["indicator"] == "pakn.received"].iloc[0]
    # line 87: "Tiếp nhận và chuyển xử lý 5 tháng đầu năm 2024 khoảng 253 phản ánh"
    assert pakn["months"] == 5 and pakn[B.labels("vi")["per_month"]] == pytest.approx(253 / 5, abs=0.1)


def test_a_cut_off_date_sets_the_window_of_its_figures(seeds):
    # line 261: "Đến ngày 31/5/2021, hệ thống đã tiếp nhận 219.665 hồ sơ" in a report for 15/12/2020-14/6/2021
    f = [x for x in seeds["gia_lai_h1"].facts if x.line == 261 and x.indicator == "dossiers.received"][0]
    assert f.window_months == pytest.approx(5.5, abs=0.1)


def test_yearly_increment_target_is_not_a_level(seeds):
    facts = [f for f in seeds["qd258"].facts if f.line == 220 and f.role == "target"]
    kinds = {f.value: (f.comparator, f.deadline) for f in facts}
    assert kinds == {20: ("+/năm", "từ 2023-01"), 100: ("cap", "từ 2023-01")}


def test_plan_progress_reads_the_increment_and_the_online_target(seeds):
    from analysis.build import documents_frame
    items = [seeds["qd258"], seeds["gia_lai_h1"], seeds["gia_lai_q1"]]
    facts, docs = facts_frame(items), documents_frame(items)
    L = B.labels("vi")
    h1 = B.plan_progress(facts, docs, B.Selection("gia-lai", "2021-H1"))
    inc = h1[h1[L["line"]] == 220].iloc[0]
    assert inc[L["target"]] == "+20%/năm (đến 100%)" and inc[L["status"]] == L["not_yet"]
    online = h1[h1[L["line"]] == 241].iloc[0]
    assert online[L["status"]] == L["not_reported"]          # not "vượt" on a sub-indicator's 69,13
    q1 = B.plan_progress(facts, docs, B.Selection("gia-lai", "2022-Q1"))
    online = q1[q1[L["line"]] == 241].iloc[0]
    assert online[L["value"]] == pytest.approx(5.32) and online[L["status"]] == L["behind"]


def test_a_city_brief_names_the_city_levels(tmp_path):
    """A centrally-run city's brief (provinces.yml city_from) names its levels as the city does: the
    probe Hà Nội 2022-H1's line 8 counts 1.254.380 received in all, 412.560 at city level, 506.114 by
    quận/huyện and 335.706 by phường/xã; a province's report keeps "Toàn tỉnh", "Cấp huyện"."""
    from pathlib import Path
    from analysis.build import extract_file
    ex = extract_file(Path(__file__).parent / "data" / "probes" / "ha-noi_2022-h1_quan-huyen.txt")
    df = facts_frame([ex])
    assert B.unit_of(df) == "city"
    c = B.counts(df, "vi", period="2022-H1")
    got = {(r["Cấp"], r["Giá trị"], r["Dòng"]) for _, r in c[c["indicator"] == "dossiers.received"].iterrows()}
    assert got == {("Toàn thành phố", 1254380, 8), ("Cấp thành phố", 412560, 8),
                   ("Cấp quận, huyện", 506114, 8), ("Cấp phường, xã", 335706, 8)}
    h = B.headline(df, "en", period="2022-H1")
    assert set(h.loc[h["level"] == "total", "Level"]) == {"City"}
    # the same province named before it was a city (Huế: city_from 2025-01-01) is a province
    assert B.unit_of(df.assign(province="Thừa Thiên Huế", period="2024-H1")) == "province"
    assert B.unit_of(df.assign(province="Thừa Thiên Huế", period="2025-H1")) == "city"
    assert B.level_labels("vi", B.unit_of(df.assign(province="Bắc Giang")))["total"] == "Toàn tỉnh"


def test_the_comparison_names_a_citys_levels_on_its_rows():
    # the comparison kept "Toàn tỉnh" for every row, Hà Nội's too
    from pathlib import Path
    import pandas as pd
    from analysis.build import documents_frame, extract_file
    from analysis.compare import Comparison
    probes = Path(__file__).parent / "data" / "probes"
    exs = [extract_file(probes / n) for n in ("ha-noi_2022-h1_quan-huyen.txt", "binh-phuoc_2022-05_loc-ninh.txt")]
    docs = documents_frame(exs)
    cmp_ = Comparison(docs, facts_frame(exs), pd.DataFrame(columns=["document"]), pd.DataFrame(columns=["document"]), "vi")
    r = cmp_.rates()
    got = {(d, lv) for d, lv in zip(r["Văn bản"], r["Cấp"]) if lv.startswith("Toàn")}
    assert got == {("Hà Nội 2022-H1", "Toàn thành phố"), ("Bình Phước 2022-05", "Toàn tỉnh")}
