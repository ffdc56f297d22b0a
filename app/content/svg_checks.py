"""Pictures drawn as SVG must be pictures only: no scripts, handlers, or outside references.

Lessons show SVG through ``<img>``, where browsers run nothing, and the file route serves
them with a policy that forbids scripts; this check also stops a trainer's drawing that
carries a script or loads something from elsewhere from reaching learners at all.
"""
from __future__ import annotations

from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from .problems import N_, Message

#: Elements that run code, embed other documents or fetch from elsewhere.
FORBIDDEN_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object",
                                "handler", "listener"})
_REFERENCE_ATTRIBUTES = ("href", "src")
#: Drawings are small: a phone on a slow link fetches each one.
MAX_BYTES = 200_000


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def svg_problems(path: Path) -> list[Message]:
    """What is wrong with the SVG file at ``path`` (empty when it is a plain drawing)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return [Message.of(N_("the drawing is %(size)d KB; keep SVG files under %(limit)d KB for phones "
                                  "on slow connections"), size=size // 1000, limit=MAX_BYTES // 1000)]
        root = ElementTree.parse(str(path)).getroot()
        assert root is not None  # a parsed document always has a root element
    except (OSError, ElementTree.ParseError, DefusedXmlException) as exc:
        return [Message.of(N_("the SVG file cannot be read as a drawing (%(reason)s)"), reason=str(exc))]
    if _local(root.tag) != "svg":
        return [Message.of(N_("the file does not start with an <svg> element"))]
    problems: set[Message] = set()
    for element in root.iter():
        tag = _local(element.tag)
        if tag in FORBIDDEN_ELEMENTS:
            problems.add(Message.of(N_("the drawing holds a <%(tag)s> element; remove it"), tag=tag))
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.startswith("on"):
                problems.add(Message.of(N_("the drawing has an event handler (%(attribute)s); remove it"),
                                        attribute=attribute))
            elif attribute in _REFERENCE_ATTRIBUTES and not value.strip().startswith("#"):
                problems.add(Message.of(N_("the drawing refers to '%(address)s'; draw everything inside the "
                                           "file instead"), address=value[:80]))
        if tag == "style" and ("url(" in (element.text or "") or "@import" in (element.text or "")):
            problems.add(Message.of(N_("the drawing's style loads something from outside; remove it")))
    return sorted(problems, key=str)
