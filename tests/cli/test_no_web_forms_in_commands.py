"""The command line and the roster import are not web code: importing them, and everything their
commands import when they run, loads no forms module (the field rules they share with the forms
live in ``app/field_rules.py``)."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
#: The roster package's web side: its upload forms, its pages, and the blueprint that mounts them
#: (the package itself is still imported, as the parent of its other modules).
ROSTER_WEB = {"forms.py", "views.py", "__init__.py"}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _commands_and_import() -> list[Path]:
    return sorted([APP / "cli.py", APP / "content_cli.py", *APP.glob("*/cli.py"),
                   *(path for path in (APP / "roster").glob("*.py") if path.name not in ROSTER_WEB)])


def _imported_by(path: Path) -> set[str]:
    """Every app module ``path`` imports, at the top or inside a function (a command's body)."""
    package = _module(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)  # may name a module
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "app" or name.startswith("app.")}


def _loaded_by_importing(modules: list[str]) -> list[str]:
    script = (
        "import importlib, importlib.util, json, sys\n"
        f"for name in {modules!r}:\n"
        "    if importlib.util.find_spec(name) is not None:\n"
        "        importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _find_spec_safe(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def test_commands_and_the_roster_import_load_no_forms():
    sources = _commands_and_import()
    assert APP / "roster" / "checking.py" in sources and APP / "accounts" / "cli.py" in sources
    modules = sorted({_module(path) for path in sources}
                     | {name for path in sources for name in _imported_by(path) if _find_spec_safe(name)})
    loaded = _loaded_by_importing(modules)
    forms = [name for name in loaded if name.startswith("app.") and name.rsplit(".", 1)[-1].endswith("forms")]
    assert not forms, f"forms loaded by the command line or the roster import: {forms}"


def test_the_check_sees_a_forms_module_when_one_is_imported():
    loaded = _loaded_by_importing(["app.roster.forms"])
    assert "app.forms" in loaded
