"""The extractor generalises to short real texts in other phrasings (../shared/devset)."""
from conftest import one


def test_lam_dong_district_level(devset):
    ex = devset["lam-dong_2019-10_hcc-huyen.txt"]
    got = {f.indicator: f.value for f in ex.facts if f.level == "huyen" and f.role == "value"}
    assert got["dossiers.resolved"] == 17651 and got["dossiers.early"] == 13767
    assert got["dossiers.on_time"] == 3254 and got["dossiers.late"] == 634
    assert got["dossiers.received"] == 21686 and got["dossiers.new"] == 18477
    assert one(ex, "dossiers.early", "huyen", role="share").value == 78
    assert ex.meta.period == "2019-10"


def test_lam_dong_provincial_centre(devset):
    ex = devset["lam-dong_2019-10_hcc-huyen.txt"]
    assert one(ex, "dossiers.received", "tinh").value == 19361
    assert one(ex, "dossiers.new", "tinh").value == 16041
    assert one(ex, "dossiers.resolved", "tinh").value == 15641


def test_vinh_phuc_month_and_quarter_are_separate_periods(devset):
    ex = devset["vinh-phuc_2021-q3_tthc.txt"]
    assert ex.meta.period == "2021-Q3"
    assert one(ex, "dossiers.received", "tinh", period="2021-09").value == 6302
    assert one(ex, "dossiers.received", "tinh", period="2021-Q3").value == 16234
    assert one(ex, "dossiers.carried_over", "tinh", period="2021-09").value == 2171


def test_vinh_phuc_monthly_window_21_to_20(devset):
    ex = devset["vinh-phuc_2021-08_motcua-huyen-xa.txt"]
    assert (ex.meta.period, ex.meta.period_start, ex.meta.period_end) == ("2021-08", "2021-07-21", "2021-08-20")
    assert one(ex, "dossiers.due", "huyen+xa").value == 19944
    assert one(ex, "dossiers.early_or_on_time", "huyen+xa").value == 19255


def test_thai_nguyen_publication_partition(devset):
    ex = devset["thai-nguyen_2020-h1_kstthc.txt"]
    # "TTHC thuộc chức năng của 13 sở, ngành với 865 TTHC": the provincial departments' procedures
    assert one(ex, "tthc.published", level="tinh").value == 865
    assert {f.indicator: f.value for f in ex.facts if f.line == 5 and f.indicator.startswith("tthc.")
            and f.indicator != "tthc.decisions" and f.indicator != "tthc.published"} == {
        "tthc.published_new": 428, "tthc.amended": 1, "tthc.abolished": 436}
    assert one(ex, "dossiers.received").value == 278797


def test_bac_ninh_custom_window(devset):
    ex = devset["bac-ninh_2018-q1_hcc.txt"]
    assert (ex.meta.period_start, ex.meta.period_end) == ("2018-01-01", "2018-03-12")
    assert [f.value for f in ex.facts if f.indicator == "dossiers.early" and f.unit == "hồ sơ"] == [4557]
