"""The operator commands run as an operator runs them: through Flask's CLI runner, and in a
real process when the test needs one (a disk that fills up)."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def flask_with_file_limit(tmp_path):
    """Run ``flask --app app ARGS`` in a new process that may write files of at most
    ``limit`` bytes, as on a disk that is nearly full; returns the finished process."""

    def run(limit: int, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        def limit_file_size():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        environment = {**os.environ, "UNION_INSTANCE_PATH": str(tmp_path / "instance"),
                       "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
        return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT,
                              env=environment, preexec_fn=limit_file_size, capture_output=True,
                              text=True, timeout=300)

    return run
