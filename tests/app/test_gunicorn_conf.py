"""gunicorn.conf.py: each worker imports what the pages load lazily before its first request,
and the commands still start without it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, runpy, sys
settings = runpy.run_path("gunicorn.conf.py")
before = "reportlab" in sys.modules or "openpyxl" in sys.modules
settings["post_worker_init"](None)
print(json.dumps({"before": before, "after": sorted(m for m in ("reportlab", "openpyxl")
      if m in sys.modules), "warmed": list(settings["WARMED"])}))
"""


def test_a_worker_imports_the_lazy_libraries_before_serving() -> None:
    found = json.loads(
        subprocess.run(
            [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    )
    assert found["before"] is False, "reading the settings imports nothing heavy"
    assert found["after"] == ["openpyxl", "reportlab"]
    assert "reports.pdf.baseline" in found["warmed"], "the baseline report page's framing"

