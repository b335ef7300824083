"""The layout's fitness test: the import graph of app/, indicators/ and reports/, read with ast.

The rules (docs/architecture.md):
- indicators/ and reports/ are pure: no flask, sqlalchemy, wtforms or app;
- no two packages of app/ import each other, beyond the commented allow-list below;
- nothing in app/ imports app.devdata, except the one command registry.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = ("flask", "flask_login", "flask_wtf", "sqlalchemy", "wtforms", "app")

# Pairs of app/ packages allowed to import each other: at most two, each with its reason.
ALLOWED_PAIRS = {
    # Sign-in events are written to the audit trail (auth -> audit.services), and the audit
    # pages are guarded by the permission rules (audit.views -> auth.permissions).
    frozenset({"auth", "audit"}),
}
# The only module outside app/devdata that may import it: it registers the seed commands.
DEVDATA_REGISTRY = "app.commands"

# The floors of app/ from the bottom (docs/architecture.md); a package imports only its own
# floor or lower ones. The ground floor's modules (db.py, errors.py, ...) are below them all and
# the wiring (blueprints.py, commands.py, home.py) above.
FLOORS = [
    "models",
    "reference",
    "auth",
    "audit",
    "mail",
    "ui",
    "portfolio",
    "logframe",
    "progress",
    "baselines",
    "figures",
    "compare",
    "quarterly",
    "api",
    "admin",
    "iati",  # the IATI export: reads the models, adds its download to the admin pages
    "devdata",
]
WIRING = {"blueprints", "commands", "home"}
# Imports that go up a floor, each with its reason (at most the pairs above, and these).
ALLOWED_UPWARD = {
    ("auth", "audit"),  # sign-in and sign-out are recorded in the audit trail
    ("portfolio", "logframe"),  # the project pages show the project's logframe
}


def module_name(path: Path) -> str:
    """Return the dotted module name of a source file under ROOT."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> Iterator[str]:
    """Yield every module a source file imports (from-imports resolved to their names)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from app import db` imports app.db; `from app.models import x` imports app.models.
            if base == "app":
                yield from (_app_member(alias.name) for alias in node.names)
            else:
                yield base


def _app_member(name: str) -> str:
    """Return app.<name> for a module or package of app/, else app itself (create_app)."""
    folder = ROOT / "app"
    is_module = (folder / name).is_dir() or (folder / f"{name}.py").exists()
    return f"app.{name}" if is_module else "app"


def sources(*folders: str, root: Path = ROOT) -> list[Path]:
    """Return the Python files of the named top-level folders."""
    return sorted(p for folder in folders for p in (root / folder).rglob("*.py"))


def unit_of(module: str) -> str | None:
    """Return the app/ package (or top-level module) a module belongs to, None outside app."""
    parts = module.split(".")
    if parts[0] != "app":
        return None
    return parts[1] if len(parts) > 1 else "app"


def impure_imports(files: list[Path]) -> list[str]:
    """List "module imports target" for every framework or app import of a pure package."""
    found = []
    for path in files:
        for target in imported_modules(path):
            if target.split(".")[0] in FRAMEWORKS:
                found.append(f"{module_name(path)} imports {target}")
    return found


def package_edges(files: list[Path]) -> dict[tuple[str, str], list[str]]:
    """Map (from package, to package) to the imports that make that edge, within app/."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in files:
        source = unit_of(module_name(path))
        for target in imported_modules(path):
            dest = unit_of(target)
            if source and dest and source != dest and "app" not in (source, dest):
                edges.setdefault((source, dest), []).append(f"{module_name(path)} -> {target}")
    return edges


def mutual_pairs(files: list[Path]) -> dict[frozenset[str], list[str]]:
    """Return the pairs of app/ packages that import each other, with the imports of both ways."""
    edges = package_edges(files)
    pairs: dict[frozenset[str], list[str]] = {}
    for (a, b), imports in edges.items():
        if (b, a) in edges:
            pairs[frozenset({a, b})] = imports + edges[(b, a)]
    return pairs


def devdata_importers(files: list[Path]) -> list[str]:
    """List the modules outside app.devdata (and its registry) that import app.devdata."""
    found = []
    for path in files:
        name = module_name(path)
        if name.startswith("app.devdata") or name == DEVDATA_REGISTRY:
            continue
        found += [f"{name} -> {t}" for t in imported_modules(path) if t.startswith("app.devdata")]
    return found


def floor_of(unit: str) -> int:
    """Return the floor of an app/ package: -1 for the ground floor, len(FLOORS) for wiring."""
    if unit in WIRING:
        return len(FLOORS)
    return FLOORS.index(unit) if unit in FLOORS else -1


def upward_imports(files: list[Path]) -> dict[tuple[str, str], list[str]]:
    """Return the package edges that go from a floor to a higher one."""
    return {
        edge: imports
        for edge, imports in package_edges(files).items()
        if floor_of(edge[1]) > floor_of(edge[0])
    }


def test_pure_packages_import_no_framework() -> None:
    assert impure_imports(sources("indicators", "reports")) == []


def test_no_new_pair_of_app_packages_imports_each_other() -> None:
    assert len(ALLOWED_PAIRS) <= 2
    unexpected = {
        "/".join(sorted(pair)): imports
        for pair, imports in mutual_pairs(sources("app")).items()
        if pair not in ALLOWED_PAIRS
    }
    assert unexpected == {}


def test_allow_list_names_only_pairs_that_exist() -> None:
    """A pair that no longer imports both ways leaves the allow-list."""
    assert set(mutual_pairs(sources("app"))) >= ALLOWED_PAIRS


def test_every_package_of_app_is_on_a_floor() -> None:
    packages = {p.name for p in (ROOT / "app").iterdir() if (p / "__init__.py").exists()}
    assert packages == set(FLOORS)


def test_imports_go_down_the_floors() -> None:
    unexpected = {
        f"{a} -> {b}": imports
        for (a, b), imports in upward_imports(sources("app")).items()
        if (a, b) not in ALLOWED_UPWARD
    }
    assert unexpected == {}


def test_nothing_in_app_imports_devdata() -> None:
    assert devdata_importers(sources("app")) == []


# The checks themselves fail on a forbidden import (each case is a small tree of its own).
CASES = {
    "pure": ("indicators/rule.py", "from sqlalchemy import select\n"),
    "pure-app": ("reports/page.py", "from app.models import Project\n"),
    "pair": ("app/portfolio/views.py", "from app.progress import services\n"),
    "devdata": ("app/portfolio/views.py", "from app.devdata.demo import seed_demo\n"),
    "upward": ("app/progress/models.py", "from app.quarterly import build\n"),
}


def _tree(tmp_path: Path, case: str) -> Path:
    files = {
        "app/__init__.py": "",
        "app/portfolio/__init__.py": "",
        "app/portfolio/views.py": "",
        "app/progress/__init__.py": "",
        "app/progress/services.py": "from app.portfolio import views\n",
        "app/progress/models.py": "",
        "app/quarterly/__init__.py": "",
        "app/quarterly/build.py": "",
        "app/devdata/__init__.py": "",
        "app/devdata/demo.py": "from app.models import Project\n",
        "indicators/__init__.py": "",
        "indicators/rule.py": "from indicators import periods\n",
        "reports/__init__.py": "",
        "reports/page.py": "import reportlab\n",
    }
    path, text = CASES[case]
    files[path] += text
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content)
    return tmp_path


@pytest.mark.parametrize("case", sorted(CASES))
def test_checks_catch_a_forbidden_import(tmp_path: Path, case: str, monkeypatch) -> None:
    root = _tree(tmp_path, case)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", root)
    found = {
        "pure": impure_imports(sources("indicators", "reports", root=root)),
        "pair": [str(p) for p in mutual_pairs(sources("app", root=root))],
        "devdata": devdata_importers(sources("app", root=root)),
        "upward": [f"{a}->{b}" for a, b in upward_imports(sources("app", root=root))],
    }
    # A pair, and an import of devdata, also go up a floor; the other checks stay quiet.
    expected = {"pure": {"pure"}, "pair": {"pair", "upward"}, "devdata": {"devdata", "upward"}}
    kind = case.split("-")[0]
    assert {k for k, v in found.items() if v} == expected.get(kind, {kind}), found
