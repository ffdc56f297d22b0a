"""Text-level rules of Moodle's GIFT importer (qformat_gift, Moodle 4.5), transliterated.

Kept apart from the question logic in ``gift_read`` so each rule can be checked against
``format.php`` on its own: PHP ``trim``, the escape placeholders, ``[format]`` prefixes,
default names (``shorten_text``), tags/idnumber in comments, and the allowed grades.
"""
from __future__ import annotations

import re

from .problems import N_, Message
from .quiz_text import HTML, MARKDOWN, MOODLE, PLAIN

PHP_SPACE = " \t\n\r\0\x0b"  # what PHP's trim() removes (str.strip would also eat U+00A0)

# Moodle swaps escaped characters for placeholders before parsing and back afterwards;
# private-use characters play the part of its "&&058;" strings.
_ESCAPES = {":": "\ue000", "#": "\ue001", "=": "\ue002", "{": "\ue003", "}": "\ue004",
            "~": "\ue005", "n": "\ue006"}
_UNESCAPE = {v: ("\n" if k == "n" else k) for k, v in _ESCAPES.items()}
_BACKSLASH = "\ue007"
_ESCAPE_RE = re.compile(r"\\([:#={}~n])")
_UNESCAPE_RE = re.compile("[" + "".join(_UNESCAPE) + "]")

FORMAT_NAMES = (MOODLE, HTML, PLAIN, MARKDOWN)

# question_bank::fraction_options_full(): the only grades Moodle stores.
MOODLE_GRADES = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333,
                 0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0)
WEIGHT_RE = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")  # $giftanswerweightregex
# PHP's is_numeric(): optional surrounding white space, sign, decimals, exponent
_NUMBER = re.compile(r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$", re.ASCII)


def php_trim(text: str) -> str:
    return text.strip(PHP_SPACE)


def escape_pre(text: str) -> str:
    """``escapedchar_pre``: ``\\\\`` becomes one backslash that escapes nothing after it."""
    text = text.replace("\\\\", _BACKSLASH)
    text = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(1)], text)
    return text.replace(_BACKSLASH, "\\")


def escape_post(text: str) -> str:
    return _UNESCAPE_RE.sub(lambda m: _UNESCAPE[m.group(0)], text)


def text_with_format(text: str, default: str = MOODLE) -> tuple[str, str]:
    """``parse_text_with_format``: a leading ``[html]`` etc. sets the format; else ``default``.

    An unknown ``[latex]`` stays part of the text. The result is trimmed and unescaped.
    """
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        # PHP: with no "]", strpos gives false, substr($text, 1, false - 1) drops the last
        # character and substr($text, false + 1) only the "[" ("[htmlx" is html "htmlx")
        name = text[1:end] if end != -1 else text[1:-1]
        if name in FORMAT_NAMES:
            fmt, text = name, text[end + 1:] if end != -1 else text[1:]
    return php_trim(escape_post(text)), fmt


def split_weight(answer: str) -> tuple[float | None, str, Message | None]:
    """``%50%rest`` -> (0.5, "rest", None). No weight -> (None, answer, None).

    Returns a refusal reason when PHP would crash or Moodle would store nonsense, e.g.
    ``%--5%`` (PHP 8 cannot divide "--5").
    """
    if not WEIGHT_RE.match(answer):
        return None, answer, None
    end = answer.index("%", 1)
    raw = answer[1:end]
    try:
        value = float(raw) / 100
    except ValueError:
        return None, answer, Message.of(N_("weight '%(weight)s' is not a number"), weight=f"%{raw}%")
    return value, answer[end + 1:], None


def snap_grade(fraction: float) -> float | None:
    """``match_grade_options(..., 'error')``: the allowed grade within 1e-5, else None."""
    for grade in MOODLE_GRADES:
        for candidate in (grade, -grade):
            if abs(fraction - candidate) < 0.00001:
                return candidate
    return None


def percent_text(fraction: float) -> str:
    """A fraction as GIFT writes weights: 0.3333333 -> "33.33333", -1 -> "-100"."""
    text = f"{round(fraction * 100, 5):.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def strip_tags(text: str) -> str:
    """Roughly PHP ``strip_tags`` (what ``clean_param(PARAM_TEXT)`` does to names)."""
    return re.sub(r"<[a-zA-Z/!?][^>]*>?", "", text)


def clean_name(name: str) -> str:
    """``clean_question_name``: tags stripped, trimmed, at most 255 characters."""
    name = php_trim(strip_tags(name))
    trim_length = 251
    while len(name) > 255 and trim_length > 0:
        name = shorten_text(name, trim_length)
        trim_length -= 10
    return name


def default_name(question_text: str) -> str:
    """``create_default_question_name``: the text shortened to 80 characters."""
    return clean_name(shorten_text(question_text, 80)) or "Question name"


_ENTITY = re.compile(r"&[0-9a-z]{2,8};|&#[0-9]{1,7};|&#x[0-9a-f]{1,6};", re.IGNORECASE)


def shorten_text(text: str, ideal: int = 30, ending: str = "...") -> str:
    """Moodle's ``shorten_text`` (not exact mode): cut at a space or dot, keep tags closed."""
    if len(re.sub(r"<.*?>", "", text)) <= ideal:
        return text
    total = len(ending)
    out = ""
    open_tags: list[str] = []
    for tag, plain in re.findall(r"(<.+?>)?([^<>]*)", text, flags=re.DOTALL):
        if tag:
            _track_tag(tag, open_tags)
            out += tag
        length = len(_ENTITY.sub(" ", plain))
        if total + length > ideal:
            left = ideal - total
            entities = 0
            for entity in _ENTITY.finditer(plain):
                if entity.start() + 1 - entities <= left:
                    left -= 1
                    entities += len(entity.group(0))
                else:
                    break
            limit = left + entities
            cut = limit
            while cut > 0:
                char = plain[cut:cut + 1]
                if char in (".", " ") or (char and len(char.encode()) > 2):
                    cut += 1
                    break
                cut -= 1
            if cut == 0 or cut > limit:
                cut = limit
            out += plain[:cut]
            break
        out += plain
        total += length
        if total >= ideal:
            break
    return out + ending + "".join(f"</{tag}>" for tag in open_tags)


def _track_tag(tag: str, open_tags: list[str]) -> None:
    if re.match(r"^<(\s*.+?/\s*|\s*(img|br|input|hr|area|base|basefont|col|frame|isindex|link"
                r"|meta|param)(\s.+?)?)>$", tag, flags=re.DOTALL | re.IGNORECASE):
        return
    closing = re.match(r"^<\s*/([^\s]+?)\s*>$", tag, flags=re.DOTALL)
    if closing:
        name = closing.group(1).lower()
        if name in open_tags:
            open_tags.remove(name)  # the most recent one: open_tags is newest first
        return
    opening = re.match(r"^<\s*([^\s>!]+).*?>$", tag, flags=re.DOTALL)
    if opening:
        open_tags.insert(0, opening.group(1).lower())


_ID_TOKEN = re.compile(r"\[id:((?:\\]|[^\]\x00-\x1f\x7f])+)]")
_TAG_TOKEN = re.compile(r"\[tag:((?:\\]|[^\]<>`\x00-\x1f\x7f])+)]")


def idnumber_and_tags(comment: str) -> tuple[str, list[str]]:
    """``extract_idnumber_and_tags_from_comment``: ``[id:x]`` and ``[tag:y]`` tokens."""
    found = _ID_TOKEN.search(comment)
    idnumber = found.group(1).strip().replace("\\]", "]") if found else ""
    tags = [raw.strip().replace("\\]", "]") for raw in _TAG_TOKEN.findall(comment)]
    return idnumber, tags


def escape_text(text: str) -> str:
    """``repchar``: escape GIFT's control characters; a newline becomes ``\\n``."""
    for char, escaped in (("\\", "\\\\"), ("#", "\\#"), ("=", "\\="), ("~", "\\~"),
                          ("{", "\\{"), ("}", "\\}"), (":", "\\:"), ("\n", "\\n"), ("\r", "")):
        text = text.replace(char, escaped)
    return text


def comment(answer: str, default: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """``commentparser``: the text before the first ``#`` and the feedback after it."""
    bits = answer.split("#", 1)
    feedback = text_with_format(php_trim(bits[1]), default) if len(bits) > 1 else ("", default)
    return text_with_format(php_trim(bits[0]), default), feedback


def number_spec(text: str) -> tuple[float | None, float] | None:
    """``min..max`` / ``value:tolerance`` / ``value`` / ``*`` as Moodle reads them; None if
    not numeric (where Moodle's ``$ans = '*'`` typo would accept anything)."""
    def num(s: str) -> float | None:
        return float(s) if _NUMBER.match(s) else None

    if text.find("..") > 0:
        cut = text.index("..")
        low, high = num(php_trim(text[:cut])), num(php_trim(text[cut + 2:]))
        if low is None or high is None:
            return None
        middle = (high + low) / 2
        return middle, high - middle
    if text.find(":") > 0:
        cut = text.index(":")
        raw, tolerance = php_trim(text[:cut]), num(php_trim(text[cut + 1:]))
    else:
        raw, tolerance = php_trim(text), 0.0
    if tolerance is None:
        return None
    if raw == "*":
        return None, 0.0
    value = num(raw)
    return None if value is None else (value, abs(tolerance))
