"""The static checks are part of the suite: ruff over app/ and tests/, mypy over app/, both with
the settings in pyproject.toml and no finding at all."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    # `make test` installs requirements-dev.txt, which pins both: a missing tool is a broken set-up.
    assert importlib.util.find_spec(tool) is not None, f"{tool} is missing: run `make test` (requirements-dev.txt)"
    return subprocess.run([sys.executable, "-m", tool, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600, check=False)


def _output(done: subprocess.CompletedProcess[str]) -> str:
    return (done.stdout + done.stderr).strip()


def test_ruff_finds_nothing_in_app_and_tests():
    done = _run("ruff", "check", "--no-fix", "app", "tests")
    assert done.returncode == 0, _output(done)


def test_mypy_finds_nothing_in_app():
    done = _run("mypy", "app")  # its cache is .mypy_cache in the project: a rerun takes a second
    said = [line for line in _output(done).splitlines() if line.strip() and not line.startswith("Success:")]
    assert done.returncode == 0 and not said, _output(done)
