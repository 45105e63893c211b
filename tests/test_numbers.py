"""Vietnamese number parsing and the interval policy (unit and property tests)."""
import pytest
from hypothesis import given, strategies as st

from analysis.numbers import (Number, find_fractions, find_numbers, fmt_vn, parse_number,
                              rounding_interval, truncation_interval)


@pytest.mark.parametrize("raw,value,decimals", [
    ("1.888", 1888, 0), ("690.889", 690889, 0), ("28,94", 28.94, 2), ("05", 5, 0),
    ("0,6", 0.6, 1), ("1.660.478", 1660478, 0), ("99,95", 99.95, 2)])
def test_parse_number(raw, value, decimals):
    assert parse_number(raw) == (pytest.approx(value), decimals)


def test_find_numbers_percent_multiplier_and_qualifier():
    nums = find_numbers("thanh toán được khoảng 32,8 tỷ đồng, với 91.746 giao dịch; 5,65 ngàn; tỷ lệ 0,6 %")
    assert [(n.value, n.decimals, n.qualifier, n.percent) for n in nums] == [
        (32_800_000_000, 1, "khoảng", False), (91746, 0, None, False), (5650, 2, None, False), (0.6, 1, None, True)]
    assert nums[0].step == 100_000_000


def test_dates_document_numbers_and_service_levels_are_not_quantities():
    text = ("Quyết định số 1880/QĐ-UBND ngày 12/9/2021; Thông tư số 01/2020/TT-VPCP; 1291/QĐTTg; "
            "từ ngày 15/12/2020 đến ngày 14/6/2021; quý I năm 2022; 1.363 DVC mức độ 3,4; ISO 9001:2015; 94(28)")
    assert [n.value for n in find_numbers(text)] == [1363, 94]


def test_fractions_but_not_dates():
    fr = find_fractions("hoàn thành 11/38 nhiệm vụ, 1.287/1.503 thủ tục, đến ngày 14/3, tháng 8/2021, 16/17 huyện")
    assert [(f.num.value, f.den.value) for f in fr] == [(11, 38), (1287, 1503), (16, 17)]


def test_a_ratio_of_like_counts_with_their_noun_on_both_sides():
    text = "Đã giải quyết 23.410 hồ sơ/24.618 hồ sơ, đạt 95,09%; làm việc 8 giờ/ngày; 5 hồ sơ/3 TTHC; 11/38 nhiệm vụ"
    assert [(f.num.value, f.den.value, text[f.start:f.end]) for f in find_fractions(text, with_nouns=True)] == [
        (23410, 24618, "23.410 hồ sơ/24.618 hồ sơ"), (11, 38, "11/38")]
    # the facts read each side as a count of its own: only the ratio check asks for the noun form
    assert [(f.num.value, f.den.value) for f in find_fractions(text)] == [(11, 38)]


def test_approximate_interval_is_wide():
    n = find_numbers("khoảng hơn 49.000 hồ sơ")[0]
    lo, hi = n.interval()
    assert n.approximate and lo <= 49000 and hi >= 49000 * 1.09


@given(st.integers(min_value=0, max_value=10**9))
def test_vietnamese_thousands_roundtrip(x):
    s = fmt_vn(x)
    assert parse_number(s) == (x, 0)
    assert [n.value for n in find_numbers(f"tiếp nhận {s} hồ sơ")] == [x]


@given(st.floats(min_value=0, max_value=10**6, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_stated_interval_admits_rounding_and_truncation(true_value, d):
    rounded = round(true_value, d)
    truncated = int(true_value * 10**d) / 10**d
    for stated in (rounded, truncated):
        n = Number(stated, d)
        lo, hi = n.interval()
        assert lo - 1e-6 <= true_value <= hi + 1e-6
    assert rounding_interval(rounded, d).contains(true_value, 1e-6)
    assert truncation_interval(truncated, d).contains(true_value, 1e-6)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_truncated_percentage_of_a_fraction_is_admitted(a, b):
    pct = 100 * a / b
    stated = int(pct * 100) / 100
    assert truncation_interval(stated, 2).contains(pct, 1e-9)


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=4),
       st.sampled_from(["", " ngàn", " triệu", " tỷ"]), st.sampled_from(["", "-", "−"]))
def test_find_numbers_reads_as_parse_number_does(units, d, mult, minus):
    # find_numbers reads a matched figure in place (no second check of its shape, no Decimal without a
    # multiplier); it must give parse_number's value and decimals, scaled and signed
    value = units / 10 ** d
    s = fmt_vn(value, d)
    # (a noun of a quantity that can be fractional: before a whole count's noun, "12,345 hồ sơ", commas grouping
    # thousands are read as such, test_comma_thousands_before_a_whole_count)
    (n,) = find_numbers(f"chênh lệch {minus}{s}{mult} ngày")
    v, dec = parse_number(s)
    scale = {"": 1, " ngàn": 1_000, " triệu": 1_000_000, " tỷ": 1_000_000_000}[mult]
    assert dec == d and n.decimals == d and n.multiplier == scale
    assert n.value == pytest.approx((-1 if minus else 1) * v * scale, rel=1e-15)
    if not mult:
        assert n.value == (-v if minus else v)


def test_a_paragraphs_enumerator_is_no_figure():
    # "1. Cấp tỉnh: tiếp nhận 4.120 hồ sơ": the 1 numbers the paragraph (it had been read as a count)
    from analysis.numbers import find_numbers
    assert [n.raw for n in find_numbers("1. Cấp tỉnh: tiếp nhận 4.120 hồ sơ, giải quyết 3.985 hồ sơ.")] == ["4.120", "3.985"]
    assert [n.raw for n in find_numbers("2.1) Cấp xã: 15 hồ sơ")] == ["15"]
    assert [n.raw for n in find_numbers("12 hồ sơ quá hạn.")] == ["12"]        # a count opening its sentence stays


@pytest.mark.parametrize("text, want", [
    ("đạt 98.5%", [(98.5, 1, True, 1, "98.5%")]),                     # a point before 1-2 digits and a % sign
    ("đạt 99.75% hồ sơ", [(99.75, 2, True, 1, "99.75%")]),
    ("đạt 1.2 nghìn hồ sơ", [(1200.0, 1, False, 1000, "1.2 nghìn")]),  # before a multiplier word
    ("tổng 12.345 hồ sơ", [(12345.0, 0, False, 1, "12.345")]),        # three digits: thousands, as before
    ("3.2 Kết quả giải quyết", []),                                    # a section number stays unread
    ("phiên bản 1.2.3%", []),
])
def test_a_point_as_the_decimal_mark_before_a_percent_or_multiplier(text, want):
    """Press texts sometimes write "98.5%": a point before one or two digits separates no thousands."""
    assert [(n.value, n.decimals, n.percent, n.multiplier, n.raw) for n in find_numbers(text)] == want


def test_the_percent_sign_in_words():
    """"đạt 98,5 phần trăm" is a percentage; "2,5 điểm phần trăm" stays points (read by the change rules)."""
    assert [(n.value, n.percent, n.raw) for n in find_numbers("đạt 98,5 phần trăm hồ sơ")] == [(98.5, True, "98,5 phần trăm")]
    assert [(n.value, n.percent) for n in find_numbers("tăng 2,5 điểm phần trăm")] == [(2.5, False)]


def test_fraction_whose_count_noun_runs_on_before_the_slash():
    """'2.345 hồ sơ trực tuyến/ 3.100 hồ sơ': the noun after the count may take up to three more words before the
    slash, as long as the base repeats it; '8 giờ làm việc/ngày' is no ratio."""
    from analysis.numbers import find_fractions
    got = [(f.num.value, f.den.value) for f in find_fractions("đã tiếp nhận 2.345 hồ sơ trực tuyến/ 3.100 hồ sơ, đạt 75,6%", True)]
    assert got == [(2345, 3100)]
    assert find_fractions("làm việc 8 giờ làm việc/ngày, 40 giờ/tuần", True) == []
    assert find_fractions("2.345 hồ sơ trực tuyến/ 3.100 dịch vụ", True) == []


def test_fraction_written_with_tren_and_its_noun_on_both_sides():
    """Probe vinh-phuc_2024-q3_cap.txt: "đạt 99,5 % (4.965 hồ sơ trên 4.990 hồ sơ)" was no ratio, so a changed 99,5 went
    unseen. The same noun after both figures and nothing else between them: "tăng 200 hồ sơ trên địa bàn" is none."""
    got = [(f.num.value, f.den.value) for f in find_fractions("đạt 99,5 % (4.965 hồ sơ trên 4.990 hồ sơ).", True)]
    assert got == [(4965, 4990)]
    assert find_fractions("đạt 99,5 % (4.965 hồ sơ trên 4.990 hồ sơ).") == []        # (the facts read each count alone)
    assert find_fractions("tiếp nhận 200 hồ sơ trên địa bàn 12 xã", True) == []
    assert find_fractions("4.965 hồ sơ trên 4.990 lượt", True) == []


@pytest.mark.parametrize("text,expected", [
    ("tiếp nhận 12,345 hồ sơ", [(12345, 0)]),     # commas grouping thousands before a whole count's noun
    ("đã giải quyết 12,000 TTHC", [(12000, 0)]),
    ("đạt 12,345%", [(12.345, 3)]),                # a percentage keeps the decimal comma
    ("1,234 tỷ đồng", [(1234000000, 3)]),          # an amount with a multiplier too
    ("giảm 1,250 ngày", [(1.25, 3)]),              # days are no whole count
    ("tiếp nhận 12,5 hồ sơ", [(12.5, 1)]),         # one decimal: no thousands group
    # two commas or more group thousands whatever follows (probe long-an_2024_dau-phay.txt: "1,204,500" was no number)
    ("tiếp nhận 1,204,500 hồ sơ", [(1204500, 0)]),
    ("khoảng 2,500,000 lượt", [(2500000, 0)]),
    ("1,234,5678", []),                             # not groups of three: no number
])
def test_comma_thousands_before_a_whole_count(text, expected):
    """Probe an-giang_2024-q2_dau-phay-nghin.txt: "tiếp nhận 12,345 hồ sơ, đã giải quyết 12,000 hồ sơ, đang giải quyết 345 hồ
    sơ" (English-style grouping) was read as 12,345 and 12 dossiers, a false error of -344,65."""
    assert [(n.value, n.decimals) for n in find_numbers(text)] == expected


@pytest.mark.parametrize("text,expected", [
    # a paragraph that groups one count's thousands with commas groups the others so, where no noun follows them
    ("tiếp nhận 45,210 hồ sơ (trực tuyến: 30,150; trực tiếp: 15,060)", [45210, 30150, 15060]),
    ("giải quyết 43,870 hồ sơ; trước hạn, đúng hạn và quá hạn lần lượt là 21,004, 22,512 và 354 hồ sơ",
     [43870, 21004, 22512, 354]),
    ("đạt 1,234,567 lượt; chỉ số 2,345", [1234567, 2345]),
    # a paragraph that does not keeps the decimal comma ("0,875": no thousands group opens on 0)
    ("trực tuyến: 8,000; trực tiếp: 4,345", [8.0, 4.345]),
    ("tiếp nhận 12,345 hồ sơ, chỉ số 0,875", [12345, 0.875]),
    ("tiếp nhận 12,345 hồ sơ, tăng 1,250%", [12345, 1.25]),   # a percentage keeps it
])
def test_a_paragraph_groups_its_thousands_one_way(text, expected):
    """Probe can-tho_2024-q3_dau-phay-doan.txt: "tiếp nhận 45,210 hồ sơ (trực tuyến: 30,150; trực tiếp: 15,060)" read the
    parts, with no noun after them, as 30,15 and 15,06 dossiers: a false error."""
    assert [n.value for n in find_numbers(text)] == expected


def test_a_fraction_of_comma_grouped_figures():
    got = find_fractions("tỷ lệ giải quyết đúng hạn đạt 99,66% (44,650/44,800 hồ sơ)")
    assert [(f.num.value, f.den.value) for f in got] == [(44650, 44800)]
    assert [(f.num.value, f.den.value) for f in find_fractions("đạt 1,5/2,5 điểm")] == [(1.5, 2.5)]


def test_the_whole_year_is_a_period():
    from analysis.periods import find_periods
    assert [(p.key, a, b) for p, a, b in find_periods("Cả năm đã giải quyết 36.700 hồ sơ", 2024)] == [("2024", 3, 6)]
    assert [p.key for p, _a, _b in find_periods("tính cả năm 2023", 2024)] == ["2023"]
    # (the span starts at "năm", where its plain lead is; the label keeps the word before: a whole year, facts._WHOLE_YEAR)
    assert [p.label for p, _a, _b in find_periods("Tính cả năm 2024, toàn tỉnh", 2024)] == ["cả năm 2024"]
    assert find_periods("trong cả năm học", 2024) == []          # a school year is no reporting year
    assert find_periods("Cả năm đã giải quyết", None) == []       # no year to give it


@pytest.mark.parametrize("text,values", [
    # probe nam-dinh_2024-q3_luy-ke.txt: the "9" of "9 tháng năm 2024" was a figure, which cut the next count's window
    # after it, so "Lũy kế 9 tháng năm 2024, toàn tỉnh tiếp nhận 128.400 hồ sơ" read as the quarter's (two false errors)
    ("Lũy kế 9 tháng năm 2024, toàn tỉnh tiếp nhận 128.400 hồ sơ", [128400]),
    ("Lũy kế 9 tháng, tiếp nhận 88.400 hồ sơ", [88400]),
    ("9 tháng/2024 có 3 đơn vị", [3]),
    ("6 tháng đầu năm tiếp nhận 5 hồ sơ", [5]),
    ("rút ngắn 3 tháng so với quy định", [3]),           # a duration stays a figure
])
def test_a_period_named_by_its_months_is_no_figure(text, values):
    assert [n.value for n in find_numbers(text)] == values


@pytest.mark.parametrize("text, values", [
    # probe kon-tum_2024-q1_pakn-tyle.txt: the hotline's number was 1.022 dossiers received
    ("Tổng đài 1022 đã tiếp nhận 2.340 cuộc gọi", [2340.0]),
    ("đường dây nóng 0259.3823456 tiếp nhận 56 cuộc gọi", [56.0]),
    ("Hotline: 1900 1234 hoạt động; tiếp nhận 12 phản ánh", [12.0]),
    # the line's name with no number after it is no mask
    ("Tổng đài tiếp nhận 1.340 cuộc gọi", [1340.0]),
])
def test_a_phone_number_is_no_figure(text, values):
    assert [n.value for n in find_numbers(text)] == values


def test_a_multiplier_in_a_headlines_capitals():
    """"HƠN 45 NGHÌN HỒ SƠ" (a press headline in capitals) was 45, held against the body's 45.320 (a false dup.figure error)."""
    from analysis.numbers import find_numbers
    assert [(n.value, n.multiplier) for n in find_numbers("HƠN 45 NGHÌN HỒ SƠ và 2,5 Tỷ đồng")] == [(45000.0, 1000), (2.5e9, 10**9)]


def test_a_quarter_in_arabic_figures():
    """"Quý 3/2024, toàn tỉnh tiếp nhận 12.000 hồ sơ" (the press writes the quarter in Arabic figures): its 3 was read
    as a figure and the text had no quarter."""
    from analysis.periods import find_periods
    assert [n.value for n in find_numbers("Quý 3/2024, toàn tỉnh tiếp nhận 12.000 hồ sơ, quý 2 năm 2024 là 11.500")] \
        == [12000, 11500]
    assert [p.key for p, _a, _b in find_periods("Quý 3/2024, so với quý 2 năm 2024", 2024)] == ["2024-Q3", "2024-Q2"]
    assert [n.value for n in find_numbers("quý 1.234 hồ sơ")] == [1234]          # no quarter opens a figure
