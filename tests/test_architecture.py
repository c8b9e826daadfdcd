"""The one-way dependency rule (ui -> layers -> geo) holds, and ruff's banned-api rule enforces it.

These tests write nothing into the source tree: the probe goes to ruff on stdin (named as if it lived in the
package), ruff runs without its cache, and mypy keeps its cache in the system's temporary directory.
"""

import ast
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MYPY_CACHE = Path(tempfile.gettempdir()) / "bggm-mypy-cache"


def _tree() -> set[Path]:
    return {p for p in ROOT.rglob("*") if not {".git", ".venv", "node_modules"} & set(p.relative_to(ROOT).parts)}


@pytest.mark.parametrize(
    ("package", "source", "banned"),
    [("geo", "import folium\n", "folium"), ("geo", "from layers import registry\n", "layers"),
     ("geo", "import streamlit as st\n", "streamlit"), ("layers", "import streamlit\n", "streamlit"),
     ("layers", "from ui import home\n", "ui"), ("layers", "import folium\nfolium.Tooltip('x')\n", "folium.Tooltip"),
     ("layers", "import folium\nfolium.GeoJsonTooltip(['a'])\n", "folium.GeoJsonTooltip")],
)  # fmt: skip
def test_ruff_refuses_imports_against_the_dependency_direction(package, source, banned):
    probe = f"{package}/_probe_banned.py"  # never written: ruff reads it from stdin
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251", "--stdin-filename", probe, "-"],
        cwd=ROOT, input=source, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert f"`{banned}` is banned" in result.stdout
    assert not (ROOT / probe).exists()


def test_the_whole_tree_passes_ruff():
    cmd = [sys.executable, "-m", "ruff", "check", "--no-cache", "."]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_geo_layers_ui_and_app_type_check_strictly_and_write_nothing_into_the_tree():
    before = _tree()
    cmd = [sys.executable, "-m", "mypy", "--cache-dir", str(MYPY_CACHE)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert _tree() - before == set()


# Excel files, table checks, PNG/PDF export, schema migrations: none of them draws the home map
HEAVY = ("openpyxl", "pandera", "matplotlib", "alembic")


def _startup_imports() -> str:
    """app.py's own module-level imports, as source: what the server imports before any page runs."""
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    imports = [node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]
    assert any(isinstance(n, ast.ImportFrom) and n.module == "ui" for n in imports)  # the probe sees app's imports
    return "\n".join(ast.unparse(node) for node in imports)


@pytest.mark.parametrize("first_page", ["", "from ui import home"], ids=["app start-up", "with the home page"])
def test_start_up_and_the_home_page_import_no_excel_table_check_plotting_or_migration_library(first_page):
    probe = f"{_startup_imports()}\n{first_page}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == []
