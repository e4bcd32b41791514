"""Run the real command line in a subprocess, as a user's shell would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def coach(home: Path, *args: str, input: str | None = None, env: dict[str, str] | None = None,
          timeout: float = 60) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "COACH_HOME": str(home), **(env or {})}
    return subprocess.run([sys.executable, "-m", "coach", *args], capture_output=True, text=True,
                          input=input, env=full_env, timeout=timeout)
