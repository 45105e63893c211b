"""Document metadata detection and sidecar overrides."""
import shutil
from pathlib import Path

import pytest

from analysis import extract_file
from analysis.errors import MetadataError
from conftest import SEEDS


@pytest.mark.parametrize("key,province,successor,period,start,end,rtype", [
    ("bac_giang", "Bắc Giang", "Bắc Ninh", "2022", "2021-12-15", "2022-12-14", "kstthc_vpcp"),
    ("gia_lai_q1", "Gia Lai", "Gia Lai", "2022-Q1", "2021-12-15", "2022-03-14", "kstthc_vpcp"),
    ("gia_lai_h1", "Gia Lai", "Gia Lai", "2021-H1", "2020-12-15", "2021-06-14", "cchc_bnv"),
    ("quang_ngai", "Quảng Ngãi", "Quảng Ngãi", "2024-H1", "2024-01-01", "2024-06-30", "resolution"),
    ("qd258", "Gia Lai", "Gia Lai", "2021-2025", "2021-04-29", "2025-12-31", "plan"),
])
def test_seed_metadata(seeds, key, province, successor, period, start, end, rtype):
    m = seeds[key].meta
    assert (m.province, m.successor, m.period, m.period_start, m.period_end, m.report_type) == (
        province, successor, period, start, end, rtype)
    assert m.sources["province"] == "text"


def test_issuer_recipient_date(seeds):
    m = seeds["bac_giang"].meta
    assert (m.issuer, m.recipient, m.date) == ("UBND tỉnh Bắc Giang", "Văn phòng Chính phủ", "2022-12")
    q = seeds["quang_ngai"].meta
    assert (q.issuer, q.recipient, q.date) == ("Văn phòng UBND tỉnh Quảng Ngãi", "Sở Kế hoạch và Đầu tư", "unknown")


def test_unknown_is_reported_not_guessed(tmp_path):
    p = tmp_path / "report.txt"
    p.write_text("Trong kỳ đã tiếp nhận 1.234 hồ sơ.\n", encoding="utf-8")
    m = extract_file(p).meta
    assert (m.province, m.sources["province"], m.date) == ("unknown", "unknown", "unknown")


def test_sidecar_overrides_and_validates(tmp_path):
    p = tmp_path / "bao-cao.txt"
    shutil.copy(SEEDS["bac_giang"], p)
    p.with_suffix(".yml").write_text("province: Bắc Giang\nperiod: 2022-Q4\n", encoding="utf-8")
    m = extract_file(p).meta
    assert (m.period, m.period_start, m.sources["period"]) == ("2022-Q4", "2022-09-15", "sidecar")
    p.with_suffix(".yml").write_text("provinse: X\n", encoding="utf-8")
    with pytest.raises(MetadataError, match=r"bao-cao\.yml: unknown field"):
        extract_file(p)


def test_quarter_iv_is_the_fourth_quarter(tmp_path):
    # "quý IV" was read as "quý I" (the pattern tried I{1,3} before IV): every fourth-quarter report
    # was filed under the first quarter
    from analysis.periods import find_periods
    assert [p.key for p, *_ in find_periods("Kết quả quý IV/2021", 2021)] == ["2021-Q4"]
    assert [p.key for p, *_ in find_periods("so với quý III năm 2021", 2021)] == ["2021-Q3"]
    assert [p.key for p, *_ in find_periods("quý I/2022", 2022)] == ["2022-Q1"]
    f = tmp_path / "kien-giang_bao-cao.txt"
    f.write_text("BÁO CÁO\nKết quả cung cấp dịch vụ công trực tuyến quý IV/2021 của tỉnh Kiên Giang\n\n"
                 "Trong quý, tỉnh tiếp nhận 52.706 hồ sơ trực tuyến.\n", encoding="utf-8")
    meta = extract_file(f).meta
    assert meta.period == "2021-Q4"
    # (no Thông tư 01/2020 cited: the calendar quarter)
    assert (meta.period_obj.start.isoformat(), meta.period_obj.end.isoformat()) == ("2021-10-01", "2021-12-31")


def test_a_period_named_as_a_comparison_is_not_the_reports_own(tmp_path):
    # probe son-la_2024-q2_tre-han: "(tăng 1.234 hồ sơ so với cùng kỳ năm 2023)" made a 2024-Q2 report
    # one on 2023 (and every fact of it 2023's); the Hà Tĩnh probe's "so với tháng 8/2023" made its
    # September report August's
    from analysis.vocab import compared_at
    f = tmp_path / "son-la_2024-q2_tre-han.txt"
    f.write_text("2. Kết quả giải quyết hồ sơ\n\nĐã giải quyết 10.000 hồ sơ. Tổng số hồ sơ tiếp nhận: 10.345 hồ sơ "
                 "(tăng 1.234 hồ sơ so với cùng kỳ năm 2023).\n", encoding="utf-8")
    ex = extract_file(f)
    assert (ex.meta.period, ex.meta.sources["period"], ex.meta.warnings) == ("2024-Q2", "filename", "")
    assert {x.period for x in ex.facts} == {"2024-Q2"}
    probe = Path(__file__).parent / "data" / "probes" / "ha-tinh_2023-09_tang-giam.txt"
    assert extract_file(probe).meta.period == "2023-09"
    text = "bằng 127,5% của năm 2023; Trong năm 2024, toàn tỉnh"
    assert compared_at(text, text.index("năm 2023")) and not compared_at(text, text.index("năm 2024"))


@pytest.mark.parametrize("window,key,rule", [
    ("từ ngày 15/3/2024 đến ngày 14/6/2024", "2024-Q2", "TT01/2020"),     # quý II (Thông tư 01/2020, Điều 12)
    ("từ ngày 15/12/2023 đến ngày 14/6/2024", "2024-H1", "TT01/2020"),    # 6 tháng
    ("từ ngày 01/01/2024 đến ngày 30/6/2024", "2024-H1", "calendar"),
    ("từ ngày 15/12/2023 đến ngày 14/12/2024", "2024", "TT01/2020"),      # năm
])
def test_a_stated_window_that_is_a_standard_period_is_that_period(tmp_path, window, key, rule):
    # a report whose title names no period and whose window line does: it was filed under
    # "2024-03-15..2024-06-14", apart from every other report of the quarter, with a warning
    f = tmp_path / f"tay-ninh_{key.lower()}_bao-cao.txt"
    f.write_text(f"UBND TỈNH TÂY NINH\n\nBÁO CÁO\nTình hình, kết quả thực hiện công tác kiểm soát thủ tục hành chính\n\n"
                 f"(Số liệu tính {window})\n\nToàn tỉnh tiếp nhận 5.000 hồ sơ.\n", encoding="utf-8")
    m = extract_file(f).meta
    assert (m.period, m.period_rule, m.warnings) == (key, rule, "")
    # a window of no standard length stays as stated
    g = tmp_path / "tay-ninh_bao-cao-khac.txt"
    g.write_text("BÁO CÁO\n\n(Số liệu tính từ ngày 10/3/2024 đến ngày 14/6/2024)\n\nToàn tỉnh tiếp nhận 5.000 hồ sơ.\n",
                 encoding="utf-8")
    assert extract_file(g).meta.period == "2024-03-10..2024-06-14"


def test_a_form_header_window_says_which_rule_the_report_follows():
    # probe lao-cai_2024-q1_bieu-ii06c: "Kỳ báo cáo: Quý I năm 2024 (Từ ngày 15/12/2023 đến ngày 14/3/2024)" in a
    # form that cites no Thông tư was read as the calendar quarter, and its own header flagged (period.label)
    from analysis.check import check_extracted
    ex = extract_file(Path(__file__).parent / "data" / "probes" / "lao-cai_2024-q1_bieu-ii06c.txt")
    assert (ex.meta.period, ex.meta.period_rule, ex.meta.period_start) == ("2024-Q1", "TT01/2020", "2023-12-15")
    assert not [f for f in check_extracted(ex).findings if f["rule"] == "period.label"]


def test_a_month_reported_over_its_own_dates_keeps_them(tmp_path):
    # "tháng 5 năm 2024 (Số liệu từ ngày 21/4/2024 đến ngày 20/5/2024)": the month was filed with the
    # calendar window 1/5–31/5, not the dates the report states (monthly reports often run 21st to 20th)
    f = tmp_path / "ninh-thuan_bao-cao.txt"
    f.write_text("UBND TỈNH NINH THUẬN\nSố: 215/BC-VPUB\nNinh Thuận, ngày 22 tháng 5 năm 2024\n\nBÁO CÁO\n"
                 "Kết quả thực hiện nhiệm vụ kiểm soát thủ tục hành chính tháng 5 năm 2024\n"
                 "(Số liệu từ ngày 21/4/2024 đến ngày 20/5/2024)\n\n"
                 "Trong tháng, Trung tâm tiếp nhận 4.120 hồ sơ, đã giải quyết 3.980 hồ sơ, đang giải quyết 140 hồ sơ.\n",
                 encoding="utf-8")
    meta = extract_file(f).meta
    assert meta.period == "2024-05" and meta.period_rule == "stated"
    assert (meta.period_obj.start.isoformat(), meta.period_obj.end.isoformat()) == ("2024-04-21", "2024-05-20")
    # a window of another length is no report window of the month: the calendar month stays
    f.write_text(f.read_text(encoding="utf-8").replace("21/4/2024", "1/1/2024"), encoding="utf-8")
    meta = extract_file(f).meta
    assert meta.period == "2024-05" and meta.period_obj.start.isoformat() == "2024-05-01"
    # a quarter whose window stands in the first lines: that window says the rule (Thông tư 01/2020)
    g = tmp_path / "nghe-an_quy.txt"
    g.write_text("Nghệ An: kết quả giải quyết TTHC quý III/2022\n\nTừ ngày 15/6/2022 đến ngày 14/9/2022, Trung tâm "
                 "tiếp nhận 21.536 hồ sơ.\n", encoding="utf-8")
    meta = extract_file(g).meta
    assert meta.period == "2022-Q3" and meta.period_rule == "TT01/2020"
    assert (meta.period_obj.start.isoformat(), meta.period_obj.end.isoformat()) == ("2022-06-15", "2022-09-14")


def test_a_province_named_after_a_prefix_of_the_file_name(tmp_path):
    """A copy or download named with a number first ("x1__hai-phong_2024-q2_quan.txt", as the mutation tool
    names its copies) had no province: a centrally-run city's copy was read with a province's levels, so
    "cấp thành phố tiếp nhận 32.100" was no level and a changed city total went unflagged."""
    from analysis.check import check_file
    from analysis.meta import province_from_filename
    assert province_from_filename(Path("x1__hai-phong_2024-q2_quan.txt")) == "Hải Phòng"
    assert province_from_filename(Path("tp-ho-chi-minh_2018_quan1-hoso.txt")) == "Hồ Chí Minh"
    assert province_from_filename(Path("gia-lai_2021-2025_kon-tum.txt")) == "Gia Lai"    # the start first
    assert province_from_filename(Path("bao-cao_2024.txt")) is None
    probe = Path(__file__).parent / "data" / "probes" / "hai-phong_2024-q2_quan.txt"
    copy = tmp_path / ("x1__" + probe.name)
    copy.write_text(probe.read_text(encoding="utf-8").replace("98.450", "98.550"), encoding="utf-8")
    assert extract_file(copy).meta.province == "Hải Phòng"
    assert [(f["rule"], f["stated"]) for f in check_file(copy).findings if f["severity"] == "error"] == \
        [("calc.levels", 98550)]


def test_a_province_named_by_a_press_headline(tmp_path):
    """A press article named without a province ("report.txt") whose headline opens on it ("Hải Phòng: kết quả
    giải quyết ...") had no province, so a city's article was read with a province's levels; the headline is
    read last, after the text's mentions and the file's name."""
    probes = Path(__file__).parent / "data" / "probes"
    copy = tmp_path / "report.txt"
    copy.write_text((probes / "hai-phong_2024-q2_quan.txt").read_text(encoding="utf-8"), encoding="utf-8")
    m = extract_file(copy).meta
    assert (m.province, m.sources["province"], m.unit) == ("Hải Phòng", "text", "city")
    assert extract_file(probes / "hue_2024-h1_cong-dan.txt").meta.province == "Thừa Thiên Huế"
    copy.write_text("Nha Trang: Quý III, tỷ lệ hồ sơ trễ hạn giảm\n\nTiếp nhận 1.300 hồ sơ.\n", encoding="utf-8")
    assert extract_file(copy).meta.province == "unknown"         # a city inside a province is no province


@pytest.mark.parametrize("name, period", [("dong-thap_2024-q1_hai-quy.txt", "2024-Q1"),
                                          ("vinh-long_2024-q1_cung-ky-ngoac.txt", "2024-Q1"),
                                          ("dak-lak_2024-q2_cung-ky.txt", "2024-Q2"),
                                          ("thai-binh_2024-q2_quy-so-sanh.txt", "2024-Q2")])
def test_a_short_title_led_by_its_kind_is_the_title(name, period):
    """Probes whose second line is "Báo cáo quý I năm 2024": a line led by its document's kind was a title only when
    longer than 25 characters, so the first sentence of the body was taken ("Quý I/2023 toàn tỉnh tiếp nhận 9.000 hồ sơ,
    quý I/2024 ...", "Cùng kỳ năm trước (quý I/2023), ...") and the period read from it was the year before."""
    meta = extract_file(Path(__file__).parent / "data" / "probes" / name).meta
    assert meta.period == period and meta.title.startswith("Báo cáo quý")


def test_a_reporting_windows_bounds_date_no_document():
    """Probe vinh-long_2024-q1_nhiem-vu.txt: a short header line "(Số liệu từ ngày 15/12/2023 đến ngày 14/3/2024)" was taken
    for the document's date (its first date), so "Kế hoạch số 12/KH-UBND ngày 15/01/2024", cited in the body, was flagged as
    dated after the report (cite.future, a false alarm)."""
    from analysis.check import check_extracted
    ex = extract_file(Path(__file__).parent / "data" / "probes" / "vinh-long_2024-q1_nhiem-vu.txt")
    assert ex.meta.date != "2023-12-15" and ex.meta.period == "2024-Q1"
    assert [c.rule for c in check_extracted(ex).claims if c.status == "fail"] == []


@pytest.mark.parametrize("text, key", [
    ("Lũy kế 10 tháng năm 2024", "2024-M01-10"),      # (was the whole year 2024)
    ("10 tháng năm 2024", "2024-M01-10"),
    ("6 tháng năm 2024", "2024-H1"),
    ("9 tháng năm 2024", "2024-9M"),
    ("ngày 15 tháng 5 năm 2024", "2024-05"),         # a date's month, no running total
])
def test_n_months_of_a_named_year(text, key):
    from analysis.periods import find_periods
    assert [p.key for p, _a, _b in find_periods(text, 2024)] == [key]


@pytest.mark.parametrize("text, key", [
    ("từ đầu năm đến ngày 20/5/2024, Trung tâm đã tiếp nhận 45.230 hồ sơ", "2024-01-01..2024-05-20"),
    ("Kể từ đầu năm 2024 đến hết ngày 30/6/2024, tiếp nhận 12.000 hồ sơ", "2024-01-01..2024-06-30"),
])
def test_a_window_from_the_years_start_is_read(text, key):
    """Probe vinh-long_2024-05_bao-dien-tu.txt: "từ đầu năm đến ngày 20/5/2024" was no period, so the article's period was
    read from a comparison in its last paragraph ("từ 52,3% năm 2023 lên 71,1%": the year 2023)."""
    from analysis.periods import find_periods
    assert [p.key for p, _a, _b in find_periods(text, 2024)] == [key]
    from analysis.build import extract_file
    ex = extract_file(Path(__file__).parent / "data" / "probes" / "vinh-long_2024-05_bao-dien-tu.txt")
    assert ex.meta.period == "2024-01-01..2024-05-20"
