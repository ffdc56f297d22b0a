"""YAML front matter between ``---`` lines, with line numbers for error messages."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import N_, Problem, error


@dataclass(frozen=True)
class Document:
    """A text file split into its front matter and its Markdown body."""

    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line number of the first body line in the file
    # 1-based line of each top-level front matter key, so problems can point at `quiz:` etc.
    key_lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, key: str, default: int = 1) -> int:
        """The line where ``key`` is set, or ``default`` when it is absent."""
        return self.key_lines.get(key, default)


# A top-level YAML key: starts at column 0 (nested keys are indented), not a comment.
_TOP_KEY = re.compile(r"^([^\s#'\"-][^:]*?|'[^']*'|\"[^\"]*\")\s*:(?:\s|$)")


def _key_lines(yaml_lines: list[str]) -> dict[str, int]:
    lines: dict[str, int] = {}
    for index, line in enumerate(yaml_lines):
        match = _TOP_KEY.match(line)
        if match:
            key = match.group(1).strip("'\"")
            lines.setdefault(key, index + 2)  # +1 for 1-based, +1 for the opening '---'
    return lines


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys instead of silently keeping the last."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


class _FastUniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml's, if built
    """The same on libyaml's parser: the front matter of every lesson is read at each start,
    and the pure-Python parser was half of that. Errors are re-read with _UniqueKeyLoader,
    whose messages and line numbers the content checks report."""


_FastUniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def read_text(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode a content file as UTF-8 (a BOM is dropped); refuse anything else clearly."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [error(path, line, N_("file is not UTF-8 text; save it as UTF-8 and try again"))]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _load_yaml(yaml_text: str):
    try:
        return yaml.load(yaml_text, Loader=_FastUniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError:
        return yaml.load(yaml_text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass


def split_front_matter(text: str, path: str) -> tuple[Document, list[Problem]]:
    """Split ``text`` into front matter and body.

    A file without front matter gets empty ``meta``. Broken YAML is reported with the line
    number in the file (not in the YAML block) and yields empty ``meta``.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return Document({}, text, 1), []
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return Document({}, text, 1), [
            error(path, 1, N_("front matter starts with '---' but has no closing '---' line"))
        ]
    yaml_text = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    body_line = end + 2
    try:
        meta = _load_yaml(yaml_text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        return Document({}, body, body_line), [
            error(path, line, N_("front matter is not valid YAML: %(problem)s"), problem=problem)
        ]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return Document({}, body, body_line), [
            error(path, 2, N_("front matter must be a set of 'key: value' lines"))
        ]
    return Document(meta, body, body_line, _key_lines(lines[1:end])), []
