"""Every interface string has a Vietnamese and a Thai translation, with the same placeholders."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po
from conftest import ROOT

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


def _strings_in_the_source(tmp_path) -> set[str]:
    """Extract afresh from the code and templates, as `make messages` does, so a string
    added without updating the catalogues fails here."""
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
                    "-k", "_l", "-k", "lazy_gettext", "--ignore-dirs", ".* .venv", "-o", str(pot), "."],
                   cwd=ROOT, check=True, capture_output=True)
    with pot.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


@pytest.mark.parametrize("language", ["vi", "th"])
def test_catalogue_is_complete(language, tmp_path):
    path = ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    wanted = _strings_in_the_source(tmp_path)
    missing, broken = [], []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(ids[0])
            continue
        for text in strings:
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(ids[-1])):
                broken.append(ids[0])
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    assert not (wanted - known), f"not in the {language} catalogue: {sorted(wanted - known)[:5]}"
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"
    assert not broken, f"placeholders differ in: {broken[:5]}"


def test_pages_speak_vietnamese(client, make_member, login):
    make_member("lan", language="vi")
    login("lan")
    page = client.get("/account/password")
    assert 'lang="vi"' in page.data.decode()
    assert "Đổi mật khẩu".encode() in page.data or "mật khẩu".encode() in page.data


@pytest.mark.parametrize("language", ["en", "vi"])
def test_translated_strings_escape_what_they_are_filled_with(client, make_member, login, language):
    make_member("lan", language=language, full_name='<b onmouseover="x()">Lan</b> & Mai')
    login("lan")
    html = client.get("/me").get_data(as_text=True)
    assert "&lt;b onmouseover=&#34;x()&#34;&gt;Lan&lt;/b&gt; &amp; Mai" in html
    assert "<b onmouseover" not in html


def test_language_menu_marks_the_current_language(client, make_member, login):
    make_member("lan", language="vi")
    login("lan")
    html = client.get("/me").get_data(as_text=True)
    options = re.findall(r'<option value="(\w+)"( selected)?>', html)
    assert options == [("en", ""), ("vi", " selected"), ("th", "")]


@pytest.mark.parametrize("language, one, many", [("en", "1 member", "3 members"),
                                                  ("vi", "1 thành viên", "3 thành viên")])
def test_counts_take_the_plural_of_the_language(client, make_member, login, language, one, many):
    make_member("admin", role="admin", language=language)  # she is the one member at first
    login("admin")
    assert f"<p>{one}</p>" in client.get("/admin/members/").get_data(as_text=True)
    make_member("lan")
    make_member("mai")
    assert f"<p>{many}</p>" in client.get("/admin/members/").get_data(as_text=True)
