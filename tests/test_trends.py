"""Trends over periods and the ranking table, on the shipped reports (values from the reports' own figures)."""
from __future__ import annotations

import pytest

from analysis.build import documents_frame, facts_frame
from analysis.trends import trend, wide


@pytest.fixture(scope="module")
def tables(seeds):
    items = list(seeds.values())
    return facts_frame(items), documents_frame(items)


def test_gia_lai_trend_per_month_over_the_window_covered(tables):
    facts, docs = tables
    t = trend(facts, docs, "gia-lai")
    rec = t[t["indicator"] == "dossiers.received"].set_index("period")
    # 2021-H1: 219.665 received "đến ngày 31/5/2021", 5,5 months of the 15/12/2020-14/6/2021 window
    assert rec.loc["2021-H1", "months"] == pytest.approx(5.5) and rec.loc["2021-H1", "value"] == pytest.approx(219665 / 5.5, abs=0.1)
    # 2022-Q1: 205.295 over the quarter 15/12/2021-14/3/2022 (90 days, 3,0 months)
    assert rec.loc["2022-Q1", "value"] == pytest.approx(205295 / 3.0, abs=0.1)
    # the window changes between the two periods: flagged
    assert bool(rec.loc["2022-Q1", "basis_changed"]) and not bool(rec.loc["2021-H1", "basis_changed"])
    on_time = t[t["indicator"] == "on_time"].set_index("period")
    assert on_time.loc["2021-H1", "value"] == 98.89 and on_time.loc["2021-H1", "basis"].startswith("báo cáo nêu")
    assert on_time.loc["2022-Q1", "basis"].startswith("tính lại") and bool(on_time.loc["2022-Q1", "basis_changed"])


def test_a_province_with_one_period_has_a_one_period_trend(tables):
    facts, docs = tables
    assert set(trend(facts, docs, "bac-giang")["period"]) == {"2022"}


def test_ranking_table(tables):
    facts, docs = tables
    w = wide(facts, docs).set_index("report")
    assert list(w.index) == ["Bắc Giang 2022", "Gia Lai 2021-H1", "Gia Lai 2022-Q1", "Quảng Ngãi 2024-H1"]
    # late: 712/188.769 = 0,377 % (Gia Lai 2022-Q1) is better than 3.237/681.365 = 0,475 % (Bắc Giang)
    assert w.loc["Gia Lai 2022-Q1", "rank_late"] == 1 and w.loc["Bắc Giang 2022", "rank_late"] == 2
    assert [w.loc[r, "rank_on_time"] for r in ("Gia Lai 2022-Q1", "Bắc Giang 2022", "Gia Lai 2021-H1")] == [1, 2, 3]
    assert w.loc["Bắc Giang 2022", "rank_online"] == 1 and w.loc["Gia Lai 2022-Q1", "online"] == pytest.approx(5.32, abs=0.01)
    assert w.loc["Bắc Giang 2022", "dossiers.received/month"] == pytest.approx(690889 / 12.0, abs=0.1)
