"""The sanitizer's promise, checked on the HTML it gives: no script, no event handler
attribute, no ``javascript:`` (nor ``vbscript:``/``data:``) URL anywhere."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from .contract import ContractBroken

_SCRIPT = re.compile(r"<\s*script", re.I)
_UNSAFE_URL = re.compile(r"^(?:javascript|vbscript|data):", re.I)
# As a browser's URL parser reads an attribute: it removes tabs and line breaks anywhere
# ("java\tscript:" is javascript:) and control characters and spaces at either end.
_REMOVED_ANYWHERE = re.compile(r"[\t\n\r]+")
_STRIPPED = "".join(map(chr, range(0x21)))


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.found += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def unsafe_parts(html: str) -> list[str]:
    """What in ``html`` could run script in a browser; empty when it is safe."""
    parts = [f"'{m.group(0)}' at {m.start()}" for m in _SCRIPT.finditer(html)]
    parser = _Attributes()
    parser.feed(html)
    parser.close()
    for tag, name, value in parser.found:
        if name.startswith("on"):
            parts.append(f"<{tag} {name}=...> event handler")
        if _UNSAFE_URL.match(_REMOVED_ANYWHERE.sub("", value).strip(_STRIPPED)):
            parts.append(f"<{tag} {name}={value[:40]!r}> script URL")
    return parts


def require_safe(html: str) -> None:
    """Raise ContractBroken naming what is unsafe in ``html``."""
    parts = unsafe_parts(html)
    if parts:
        raise ContractBroken("unsafe HTML after sanitizing: " + "; ".join(parts[:5]))
