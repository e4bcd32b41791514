"""Start-up cost is a feature: the scriptable CLI loads no Textual (and no numpy unless it analyses), and the
app's first screen loads no numpy. Checked in a fresh interpreter, as Harlequin does."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _loaded(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sys.modules))"],
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize(
    "code",
    [
        "import coach.cli",
        "from coach.cli import main\nmain(['--home', __import__('tempfile').mkdtemp(), 'checkin', 'add', '-s', '5'])",
        "from coach.cli import main\nmain(['--home', __import__('tempfile').mkdtemp(), 'config', 'path'])",
        "from coach.cli import main\nmain(['--home', __import__('tempfile').mkdtemp(), 'export'])",
    ],
)
def test_cli_loads_neither_textual_nor_numpy(code: str) -> None:
    mods = _loaded(code)
    assert not any(m == "textual" or m.startswith("textual.") for m in mods)
    assert "numpy" not in mods


def test_first_screen_loads_no_numpy() -> None:
    code = ("import coach.tui.app, coach.tui.screens.home, coach.session\n"
            "from coach.tui.app import CoachApp")
    mods = _loaded(code)
    assert "numpy" not in mods and "coach.analytics" not in mods and "coach.insight" not in mods
