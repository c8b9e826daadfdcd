"""The one-way dependency rule (ui -> layers -> geo) holds, and ruff's banned-api rule enforces it.

These tests write nothing into the source tree: the probe goes to ruff on stdin (named as if it lived in the
package), ruff runs without its cache, and mypy keeps its cache in the system's temporary directory.
"""

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
