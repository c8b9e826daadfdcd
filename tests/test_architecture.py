"""The one-way dependency rule (ui -> layers -> geo) holds, and ruff's banned-api rule enforces it."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("package", "source", "banned"),
    [("geo", "import folium\n", "folium"), ("geo", "from layers import registry\n", "layers"),
     ("geo", "import streamlit as st\n", "streamlit"), ("layers", "import streamlit\n", "streamlit"),
     ("layers", "from ui import home\n", "ui")],
)  # fmt: skip
def test_ruff_refuses_imports_against_the_dependency_direction(tmp_path, package, source, banned):
    probe = ROOT / package / "_probe_banned.py"
    probe.write_text(source)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251", str(probe)],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        probe.unlink()
    assert result.returncode == 1
    assert f"`{banned}` is banned" in result.stdout


def test_the_whole_tree_passes_ruff():
    cmd = [sys.executable, "-m", "ruff", "check", "--no-cache", "."]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_geo_and_layers_type_check_strictly():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
