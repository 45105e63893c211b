"""The checker against the devset's checked truth, with the shared measuring tool (../shared/tools)."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from analysis.paths import ROOT
from conftest import DEVSET, require_devset

TOOLS = DEVSET.parent / "tools"


PROBES = ROOT / "tests" / "data" / "probes"      # report-style texts in phrasings the devset lacks


@pytest.mark.parametrize("texts", [DEVSET, PROBES], ids=["devset", "probes"])
def test_devset_recall_precision_and_no_false_alarm(texts):
    require_devset()
    if not (TOOLS / "eval_findings.py").exists():
        pytest.skip("../shared/tools is not beside the project")
    env = dict(os.environ, CHECK_CMD=f"{sys.executable} -m analysis check {{file}} --format json",
               PROJECT_DIR=str(ROOT))
    out = subprocess.run([sys.executable, str(TOOLS / "eval_findings.py"), str(texts / "truth.yaml"), str(texts),
                          "--min-recall", "1.0", "--max-false", "0", "--min-precision", "0.9", "--verbose"],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    print(out.stdout)
    m = re.search(r"recall (\d+)/(\d+) = ([\d.]+); false alarms on holding relations (\d+); .*precision ([\d.]+)",
                  out.stdout)
    assert m, out.stdout + out.stderr
    recall, false_alarms, precision = float(m.group(3)), int(m.group(4)), float(m.group(5))
    assert recall == 1.0 and false_alarms == 0 and precision >= 0.9, out.stdout
    assert out.returncode == 0
