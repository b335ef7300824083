"""Starting the app or a command loads no heavy library and computes no password hash.

Each check runs in a fresh interpreter, where sys.modules tells what was imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# authlib (and requests, joserfc) only once sign-in with OpenID Connect is configured; apispec
# (and yaml) with the first API description asked for; lxml with the first IATI file.
HEAVY = (
    "matplotlib", "numpy", "openpyxl", "reportlab", "alembic",
    "authlib", "requests", "joserfc", "apispec", "yaml", "lxml",
)  # fmt: skip

SCRIPT = """
import json, sys
import werkzeug.security as security
hashes = []
real = security.generate_password_hash
security.generate_password_hash = lambda *a, **k: hashes.append(1) or real(*a, **k)
from app import create_app
app = create_app({"DATABASE_URL": "sqlite://", "SECRET_KEY": "k" * 48})
after_app = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
from click.testing import CliRunner
result = CliRunner().invoke(app.cli, ["--help"])
commands = ["snapshot", "import-projects", "seed-scale", "report", "db"]
helps = [CliRunner().invoke(app.cli, [name, "--help"]).exit_code for name in commands]
after_cli = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"app": after_app, "cli": after_cli, "help": result.exit_code,
                  "helps": helps, "text": result.output, "hashes": len(hashes)}))
"""


def _run(script: str) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", f"HEAVY = {HEAVY!r}\n" + script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_app_and_its_commands_start_without_heavy_libraries() -> None:
    found = _run(SCRIPT)
    assert found["help"] == 0 and "snapshot" in found["text"]
    assert found["helps"] == [0, 0, 0, 0, 0]
    assert found["app"] == []
    assert found["cli"] == []
    assert found["hashes"] == 0


def test_the_libraries_load_where_they_are_used() -> None:
    script = """
import json, sys
from reports.tabular import to_xlsx
from app.progress import workbook_read
before = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
to_xlsx({"Sheet": (["a"], [["=1"]])})
print(json.dumps({"before": before, "after": "openpyxl" in sys.modules}))
"""
    found = _run(script)
    assert found == {"before": [], "after": True}


def test_the_copied_illegal_characters_are_openpyxl_s() -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE as theirs

    from reports.tabular import ILLEGAL_CHARACTERS_RE as ours

    assert ours.pattern == theirs.pattern


def test_the_copied_error_codes_are_openpyxl_s() -> None:
    from openpyxl.cell.cell import ERROR_CODES as theirs

    from reports.tabular import ERROR_CODES as ours

    assert tuple(ours) == tuple(theirs)


def test_defusedxml_is_asked_as_openpyxl_asks(monkeypatch) -> None:
    import openpyxl.xml

    from app.security import defused_xml

    assert defused_xml() is openpyxl.xml.DEFUSEDXML is True
    monkeypatch.setenv("OPENPYXL_DEFUSEDXML", "False")
    assert defused_xml() is False


def test_an_unknown_account_costs_one_hash_computed_once(db_session, monkeypatch) -> None:
    from app.auth import services

    services._dummy_hash.cache_clear()
    made = []
    real = services.generate_password_hash
    monkeypatch.setattr(services, "generate_password_hash", lambda p: made.append(p) or real(p))
    for _ in range(3):
        assert services.check_credentials(db_session, "nobody@example.org", "guess") is None
    assert len(made) == 1
