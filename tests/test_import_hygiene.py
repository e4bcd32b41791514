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
    # nor what only later screens need: the other lists, the forms' widgets, statistics for one median
    assert "coach.tui.widgets.vim_list" not in mods and "coach.tui.screens.decision" not in mods
    assert "statistics" not in mods


def test_status_on_an_unchanged_journal_needs_no_numpy(tmp_path) -> None:
    """The coach's report is cached per journal revision: a second `status` reads it back, numpy-free;
    a new check-in makes the next one recompute."""
    home = str(tmp_path / "home")
    run = f"from coach.cli import main\nmain(['--home', {home!r}, 'status'])"
    for k in range(8):
        _loaded(f"from coach.cli import main\nmain(['--home', {home!r}, 'checkin', 'add', '-s', '{k % 3 + 4}', "
                f"'--at', '2026-0{1 + k // 4}-{1 + 7 * (k % 4):02d}'])")
    assert "numpy" in _loaded(run)  # first time: computed
    assert "numpy" not in _loaded(run)  # unchanged journal: from the cache
    _loaded(f"from coach.cli import main\nmain(['--home', {home!r}, 'checkin', 'add', '-s', '9'])")
    assert "numpy" in _loaded(run)  # changed: computed again
