"""Reading a quiz page as a browser does: which form value stands for which choice text."""
from __future__ import annotations

import html
import re

_CHOICE = re.compile(r'<label class="choice"><input type="(radio|checkbox)" name="([^"]+)" '
                     r'value="([^"]*)"[^>]*> <span>(.*?)</span></label>', re.S)
_SELECT = re.compile(r'<select id="[^"]*" name="([^"]+)">(.*?)</select>', re.S)
_OPTION = re.compile(r'<option value="([^"]*)"[^>]*>(.*?)</option>', re.S)
_TEXT = re.compile(r'<input type="text" id="[^"]*" name="(q-[^"]+)"')
_TAG = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment)).strip()


def choices_on(page) -> dict[str, list[tuple[str, str]]]:
    """Field name -> [(value, choice text)] of radio buttons and check boxes, in page order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for _kind, name, value, label in _CHOICE.findall(page.data.decode()):
        found.setdefault(name, []).append((html.unescape(value), _text(label)))
    return found


def fields_on(page) -> dict[str, tuple[str, list[str]]]:
    """Every answer field: name -> (kind, values in page order); kind is radio, checkbox,
    select (a matching prompt; the empty "Choose" option left out) or text."""
    body = page.data.decode()
    fields: dict[str, tuple[str, list[str]]] = {}
    for kind, name, value, _label in _CHOICE.findall(body):
        fields.setdefault(name, (kind, []))[1].append(html.unescape(value))
    for name, options in _SELECT.findall(body):
        fields[name] = ("select", [html.unescape(v) for v, _ in _OPTION.findall(options) if v])
    for name in _TEXT.findall(body):
        fields[name] = ("text", [])
    return fields


def answers(page, by_text: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    """Form data for answers given as choice texts (a list for check boxes); fields
    without choices on the page (typed answers) are sent as given."""
    shown = choices_on(page)
    data: dict[str, str | list[str]] = {}
    for name, wanted in by_text.items():
        if name not in shown:
            data[name] = wanted
            continue
        values = {text: value for value, text in shown[name]}
        texts = [wanted] if isinstance(wanted, str) else wanted
        missing = [t for t in texts if t not in values]
        assert not missing, f"{name}: no choice {missing} on the page, only {sorted(values)}"
        picked = [values[t] for t in texts]
        data[name] = picked[0] if isinstance(wanted, str) else picked
    return data
