"""The checker against the devset's checked truth, with the shared measuring tool (../shared/tools)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from analysis.paths import ROOT
from conftest import DEVSET, require_devset

TOOLS = DEVSET.parent / "tools"


PROBES = ROOT / "tests" / "data" / "probes"      # report-style texts in phrasings the devset lacks


@pytest.mark.parametrize("texts", [DEVSET, PROBES], ids=["devset", "probes"])
def test_devset_recall_precision_and_no_false_alarm(texts, tmp_path):
    require_devset()
    if not (TOOLS / "eval_findings.py").exists():
        pytest.skip("../shared/tools is not beside the project")
    env = dict(os.environ, CHECK_CMD=f"{sys.executable} -m analysis check {{file}} --format json",
               PROJECT_DIR=str(ROOT))
    # the tool runs the checker once per text, one after the other: the truth is cut into one share per core, each
    # measured by its own run of the tool at the same time, and their counts added up (the same measures as one run)
    procs = [subprocess.Popen([sys.executable, str(TOOLS / "eval_findings.py"), str(part), str(texts),
                               "--min-recall", "0", "--max-false", "1000000", "--verbose"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
             for part in _truth_shares(texts / "truth.yaml", os.cpu_count() or 1, tmp_path)]
    outs = [p.communicate(timeout=1800) for p in procs]
    report = "\n".join(o for o, _e in outs)
    print(report)
    counts = [re.search(r"recall (\d+)/(\d+) = [\d.]+; false alarms on holding relations (\d+); "
                        r"alarms not in truth (\d+) of (\d+)", o) for o, _e in outs]
    assert all(counts), report + "\n".join(e for _o, e in outs)
    found, need, false_alarms, unmatched, alarms = (sum(int(m.group(k)) for m in counts) for k in range(1, 6))
    precision = (alarms - unmatched) / alarms if alarms else 1.0
    assert found == need and false_alarms == 0 and precision >= 0.9, report
    assert all(p.returncode == 0 for p in procs), report


def _truth_shares(truth: Path, n: int, folder: Path) -> list[Path]:
    """`truth` cut into at most n truth files of every n-th text (each a valid truth file for the tool)."""
    docs = list(yaml.safe_load(truth.read_text(encoding="utf-8"))["docs"].items())
    out = []
    for k in range(min(n, len(docs))):
        path = folder / f"truth-{k}.yaml"
        path.write_text(yaml.safe_dump({"docs": dict(docs[k::n])}, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out.append(path)
    return out
