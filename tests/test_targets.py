"""National reference targets (vocab/targets.yml) beside the shipped reports' headline rates, and the
Bộ chỉ số 766 scores read from a report's text and checked against the decision's group maxima."""
from __future__ import annotations

import pytest

from analysis import brief as B
from analysis import extract_file
from analysis.check import check_file
from analysis.build import facts_frame
from analysis.headline import headline_rows
from analysis.targets import national_rows, parse_targets, score_rows, targets
from analysis.vocab import VocabularyError

HEADS = ["online", "dvc34", "satisfaction"]


def _national(ex, period):
    return {r.target: r for r in national_rows(headline_rows(facts_frame([ex]), period), int(period[:4]))}


def test_every_target_cites_its_legal_source_and_page():
    ts = targets()
    assert {t.id for t in ts} >= {"nq76_dvc34_2025", "egov_fully_online_2025", "nq17_online_2020", "nq30c_satisfaction_2020"}
    for t in ts:
        assert t.source.document and t.source.title and t.source.read_from.startswith("https://")
        assert t.first_year <= t.last_year
    nq76 = next(t for t in ts if t.id == "nq76_dvc34_2025")
    assert (nq76.value, nq76.comparator, nq76.last_year, nq76.same_basis) == (80.0, ">=", 2025, True)
    assert nq76.source.cite() == "Nghị quyết 76/NQ-CP ngày 15/07/2021"


@pytest.mark.parametrize("broken, says", [
    ({"id": "x", "headline": "online", "comparator": ">=", "value": 50, "years": [2021, 2025], "same_basis": True,
      "measures": {"vi": "a", "en": "a"}}, "incomplete"),                                   # no source
    ({"id": "x", "headline": "online", "comparator": "~", "value": 50, "years": [2021, 2025], "same_basis": True,
      "measures": {"vi": "a", "en": "a"}, "source": {"document": "d", "date": "2021-01-01", "title": "t",
                                                      "read_from": "https://e.vn"}}, "comparator"),
    ({"id": "x", "headline": "nope", "comparator": ">=", "value": 50, "years": [2021, 2025], "same_basis": True,
      "measures": {"vi": "a", "en": "a"}, "source": {"document": "d", "date": "2021-01-01", "title": "t",
                                                      "read_from": "https://e.vn"}}, "does not define"),
    ({"id": "x", "headline": "online", "comparator": ">=", "value": 50, "years": [2021, 2025], "same_basis": True,
      "measures": {"vi": "a", "en": "a"}, "source": {"document": "d", "date": "2021", "title": "t",
                                                      "read_from": "a friend"}}, "https"),
])
def test_a_target_without_its_source_or_with_bad_fields_is_refused_by_name(broken, says):
    with pytest.raises(VocabularyError, match=says) as e:
        parse_targets({"targets": [broken]}, HEADS)
    assert "'x'" in str(e.value)


def test_bac_giang_2022_against_nq76_and_the_egov_strategy(seeds):
    got = _national(seeds["bac_giang"], "2022")
    # line 114: 1.363 DVC trực tuyến mức độ 3, 4; line 34: 1.950 TTHC -> 69,9 %, below NQ 76's 80 % for 2025
    dvc = got["nq76_dvc34_2025"]
    assert dvc.value == pytest.approx(100 * 1363 / 1950, abs=1e-3)
    assert (dvc.status, dvc.gap, dvc.deadline) == ("not_yet_met", round(100 * 1363 / 1950 - 80, 2), 2025)
    # line 66: 322.233 of 682.242 new dossiers filed online; the strategy counts dossiers processed fully
    # online, another basis: shown for reference, never judged
    online = got["egov_fully_online_2025"]
    assert online.value == pytest.approx(100 * 322233 / 682242, abs=1e-3)
    assert online.status == "reference"
    assert "nq17_online_2020" not in got and "nq30c_satisfaction_2020" not in got   # 2019-2020 and 2011-2020 only


def test_a_rate_stated_only_per_level_is_shown_per_level_and_not_judged(seeds):
    online = _national(seeds["quang_ngai"], "2024-H1")["egov_fully_online_2025"]
    assert online.value is None and online.status == "not_reported"
    assert dict(online.by_level) == {"tinh": 81.6, "huyen": 54.7, "xa": 94.0}


def test_met_and_missed_after_the_deadline(seeds):
    rows = headline_rows(facts_frame([seeds["bac_giang"]]), "2022")
    # the same figures read as a 2026 report: past NQ 76's deadline year, so "not met" (no target speaks
    # to 2026); as 2025, the last year: "not met" too, since the deadline year has come
    assert "nq76_dvc34_2025" not in {r.target for r in national_rows(rows, 2026)}
    assert {r.target: r.status for r in national_rows(rows, 2025)}["nq76_dvc34_2025"] == "not_met"
    hi = [r.__class__(**{**r.__dict__, "recomputed": 85.0}) if r.id == "dvc34" and r.level == "total" else r for r in rows]
    assert {r.target: r.status for r in national_rows(hi, 2023)}["nq76_dvc34_2025"] == "met"


def test_brief_table_has_vietnamese_and_english_statuses(seeds):
    f = facts_frame([seeds["bac_giang"]])
    vi, en = B.national(f, "vi", "2022"), B.national(f, "en", "2022")
    row = vi[vi["id"] == "nq76_dvc34_2025"].iloc[0]
    assert row["Tình trạng"] == "chưa đạt (hạn 2025)" and row["Giá trị của tỉnh"] == "69,90" and row["Chênh (điểm %)"] == "-10,10"
    assert en[en["id"] == "nq76_dvc34_2025"].iloc[0]["Status"] == "not yet met (deadline 2025)"
    assert en[en["id"] == "nq76_dvc34_2025"].iloc[0]["Legal source"].startswith("Nghị quyết 76/NQ-CP of 15/07/2021")


INDEX_766 = """UBND TỈNH BÌNH DƯƠNG
BÁO CÁO
Kết quả kiểm soát thủ tục hành chính quý I năm 2024

Kết quả thực hiện Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp theo Quyết định số 766/QĐ-TTg ngày 23/6/2022: đến ngày 14/3/2024, tỉnh đạt 83,47 điểm, xếp hạng 01/63 tỉnh, thành phố. Trong đó, nhóm chỉ số công khai, minh bạch đạt 16,2 điểm; nhóm chỉ số tiến độ, kết quả giải quyết đạt 19,1 điểm; nhóm chỉ số số hóa hồ sơ đạt 17,37 điểm; nhóm chỉ số cung cấp dịch vụ trực tuyến đạt 13,8 điểm; nhóm chỉ số mức độ hài lòng đạt 17 điểm.
Tại thời điểm báo cáo, có 25 điểm tiếp nhận hồ sơ tại các xã.
"""


def _write(tmp_path, text, name="binh-duong_2024-q1_kiem-soat-tthc.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_index_766_scores_are_read_beside_their_maxima(tmp_path):
    ex = extract_file(_write(tmp_path, INDEX_766))
    s = score_rows(facts_frame([ex]), "2024-Q1")
    assert list(s["indicator"]) == ["index766.total", "index766.public", "index766.progress", "index766.digitisation",
                                    "index766.online", "index766.satisfaction"]
    assert list(s["value"]) == [83.47, 16.2, 19.1, 17.37, 13.8, 17.0]
    assert list(s["maximum"]) == [100, 18, 20, 22, 22, 18]
    assert set(s["line"]) == {5}
    # "25 điểm tiếp nhận" (reception points) and "01/63" (a rank) are no scores
    assert 25.0 not in set(s["value"]) and 1.0 not in set(s["value"])
    # as published the scores add up, and none is above its maximum
    assert [f for f in check_file(_write(tmp_path, INDEX_766)).findings if f["severity"] != "info"] == []


def test_a_changed_group_score_breaks_the_index_sum(tmp_path):
    # the five groups make the index (calc.yml index766.total=groups): 16,2 + 19,1 + 17,37 + 13,8 + 17 = 83,47
    bad = INDEX_766.replace("đạt 13,8 điểm", "đạt 15,8 điểm")
    f = [x for x in check_file(_write(tmp_path, bad)).findings if x["rule"] == "calc.partition"]
    assert f and f[0]["stated"] == 83.47 and f[0]["expected"] == pytest.approx(85.47) and f[0]["line"] == 5


def test_a_group_score_above_its_maximum_is_an_error(tmp_path):
    bad = INDEX_766.replace("đạt 19,1 điểm", "đạt 21,1 điểm")   # tiến độ, kết quả giải quyết: at most 20
    f = [x for x in check_file(_write(tmp_path, bad)).findings if x["rule"] == "bound.max"]
    assert len(f) == 1 and f[0]["stated"] == 21.1 and f[0]["expected"] == 20.0 and f[0]["severity"] == "error"
    assert "766/QĐ-TTg" in f[0]["message"]


def test_a_score_written_over_its_maximum_is_the_score(tmp_path):
    text = INDEX_766.replace("tỉnh đạt 83,47 điểm", "điểm đánh giá của tỉnh đạt 83,47/100 điểm")
    s = score_rows(facts_frame([extract_file(_write(tmp_path, text))]), "2024-Q1")
    assert s.iloc[0]["indicator"] == "index766.total" and s.iloc[0]["value"] == 83.47


def test_the_index_named_with_its_year_before_its_score(tmp_path):
    """Probe ha-tinh_2024_ra-soat.txt: "Điểm Bộ chỉ số phục vụ người dân, doanh nghiệp của tỉnh năm 2024 đạt 92,62/100 điểm":
    the year between the province and "đạt" left the total unread, so only a "gồm" list's sum held it."""
    text = INDEX_766.replace("tỉnh đạt 83,47 điểm", "điểm Bộ chỉ số của tỉnh năm 2024 đạt 83,47/100 điểm")
    s = score_rows(facts_frame([extract_file(_write(tmp_path, text))]), "2024-Q1")
    assert s.iloc[0]["indicator"] == "index766.total" and s.iloc[0]["value"] == 83.47
    bad = text.replace("đạt 13,8 điểm", "đạt 15,8 điểm")
    f = [x for x in check_file(_write(tmp_path, bad)).findings if x["rule"] == "calc.partition"]
    assert f and f[0]["stated"] == 83.47 and f[0]["expected"] == pytest.approx(85.47)


def test_a_year_beside_an_index_name_is_no_score(tmp_path):
    # quirk of the Gia Lai 2021-H1 report (line 29): "PARINDEX 2020 và Chỉ số hài lòng của người dân"
    ex = extract_file(_write(tmp_path, INDEX_766.splitlines()[0] + "\nBÁO CÁO\nCải cách hành chính 6 tháng đầu năm 2021\n\n"
                             "Hội nghị công bố Chỉ số CCHC - PARINDEX 2020 và Chỉ số hài lòng của người dân, tổ chức - SIPAS 2020.\n",
                             "gia-lai_2021-h1_cchc.txt"))
    assert not [f for f in ex.facts if f.indicator.startswith("index766")]


def test_a_rate_is_no_index_score():
    """The shipped Gia Lai 2021-H1 report's brief showed its on-time rate (98,89%) and its level-3 and level-4 online shares
    as "Bộ chỉ số 766" scores out of 100, and Quảng Ngãi's 2024-H1 brief its satisfaction rate (99,98%): every indicator with
    a maximum was taken for a score, the rates' 100 % included. Only the indicators scored in points are."""
    from pathlib import Path
    facts = facts_frame([extract_file(Path(__file__).parent.parent / "data" / "raw" / "gia-lai_2021-h1_cai-cach-hanh-chinh-bao-cao-bnv.txt")])
    assert {"rate.on_time", "rate.online_level3"} <= set(facts["indicator"])
    assert score_rows(facts, "2021-H1").empty
