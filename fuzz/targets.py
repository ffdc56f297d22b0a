"""The fuzz targets by name, and the code each one instruments for coverage."""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from types import ModuleType

from .seeds import REGRESSIONS

#: name -> (module, packages whose code the fuzzer measures coverage in)
TARGETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "gift": ("fuzz.target_gift", ("app.content",)),
    "quiz_markdown": ("fuzz.target_quiz_markdown", ("app.content", "yaml")),
    "frontmatter": ("fuzz.target_frontmatter", ("app.content", "yaml")),
    "render": ("fuzz.target_render", ("app.content", "markdown")),
    "roster": ("fuzz.target_roster", ("app.roster", "openpyxl", "et_xmlfile", "defusedxml")),
    "group_import": ("fuzz.target_group_import", ("app.groups", "app.roster")),
}


def load(name: str) -> ModuleType:
    return importlib.import_module(TARGETS[name][0])


def regression_inputs(name: str) -> list[Path]:
    """The kept crash inputs of target ``name``."""
    folder = REGRESSIONS / name
    return sorted(p for p in folder.iterdir() if p.name.startswith("crash-")) if folder.is_dir() else []


def digest(data: bytes) -> str:
    """libFuzzer names a crash input ``crash-<sha1 of its bytes>``."""
    return hashlib.sha1(data).hexdigest()  # noqa: S324 - a name, not a security check
