"""Pictures drawn as SVG must be pictures only: no scripts, handlers, or outside references.

Lessons show SVG through ``<img>``, where browsers run nothing, and the file route serves
them with a policy that forbids scripts; this check also stops a trainer's drawing that
carries a script or loads something from elsewhere from reaching learners at all.
"""
from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

#: Elements that run code, embed other documents or fetch from elsewhere.
FORBIDDEN_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object",
                                "handler", "listener"})
_REFERENCE_ATTRIBUTES = ("href", "src")
#: Drawings are small: a phone on a slow link fetches each one.
MAX_BYTES = 200_000


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def svg_problems(path: Path) -> list[str]:
    """What is wrong with the SVG file at ``path`` (empty when it is a plain drawing)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return [f"the drawing is {size // 1000} KB; keep SVG files under "
                    f"{MAX_BYTES // 1000} KB for phones on slow connections"]
        root = ElementTree.parse(str(path)).getroot()
    except (OSError, ElementTree.ParseError, DefusedXmlException) as exc:
        return [f"the SVG file cannot be read as a drawing ({exc})"]
    if _local(root.tag) != "svg":
        return ["the file does not start with an <svg> element"]
    problems: list[str] = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag in FORBIDDEN_ELEMENTS:
            problems.append(f"the drawing holds a <{tag}> element; remove it")
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.startswith("on"):
                problems.append(f"the drawing has an event handler ({attribute}); remove it")
            elif attribute in _REFERENCE_ATTRIBUTES and not value.strip().startswith("#"):
                problems.append(f"the drawing refers to '{value[:80]}'; draw everything inside "
                                "the file instead")
        if tag == "style" and ("url(" in (element.text or "") or "@import" in (element.text or "")):
            problems.append("the drawing's style loads something from outside; remove it")
    return sorted(set(problems))
