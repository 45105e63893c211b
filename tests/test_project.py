"""Project hygiene: conda env mirrors pyproject; the package names no seed file or seed figure; CLI works."""
import json
import re
import subprocess
import sys
import tomllib

from analysis.paths import PACKAGE_DIR, ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!\[ ]", req.strip(), maxsplit=1)[0].lower()


def test_environment_yml_mirrors_pyproject():
    import yaml
    py = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    want = {_name(r) for r in py["dependencies"] + py["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    have = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert have == want


def test_package_names_no_seed_file_or_figure():
    pattern = re.compile(r"000_c540900f|001_ba3d58d4|002_74729b5c|003_bdaee82e|004_c8f9407e|"
                         r"690[.,]?889|205[.,]?295|681[.,]?365|1[.,]888\b|154[.,]?553|bac-giang_2022|gia-lai_2022")
    for p in list(PACKAGE_DIR.rglob("*.py")) + list(PACKAGE_DIR.rglob("*.yml")):
        assert not pattern.search(p.read_text(encoding="utf-8")), p


def test_cli_extract_json_and_bad_file(tmp_path):
    from conftest import SEEDS
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    r = subprocess.run([sys.executable, "-m", "analysis", "extract", str(SEEDS["bac_giang"]), str(bad), "--format", "json"],
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 2 and "empty.txt: the file is empty" in r.stderr
    rows = json.loads(r.stdout)
    assert any(x["indicator"] == "dossiers.received" and x["value"] == 690889 and x["line"] == 66 for x in rows)


def test_build_writes_tables_atomically(tmp_path, monkeypatch):
    import pandas as pd
    import analysis.build as b
    from conftest import SEEDS
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "x.txt").write_bytes(b"\x00\x01" * 50)
    res = b.build([SEEDS["bac_giang"], tmp_path / "raw" / "x.txt"])
    assert len(res.errors) == 1 and "x.txt" in res.errors[0][1]
    b.write_tables(res, tmp_path / "out")
    facts = pd.read_parquet(tmp_path / "out" / "facts.parquet")
    assert list(facts.columns[:12]) == ["document", "province", "period", "indicator", "level", "value", "unit",
                                         "decimals", "approximate", "source_kind", "line", "quote"]
    assert (tmp_path / "out" / "facts.xlsx").exists() and not list((tmp_path / "out").glob(".*"))
