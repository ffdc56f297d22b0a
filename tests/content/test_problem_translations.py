"""Every content problem can be shown in Vietnamese: its words are an N_-marked template
(never text assembled on the spot), and each template has a Vietnamese translation."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import ROOT

from app.content import load_catalogue
from app.content.problems import N_, Message, error

CONTENT = ROOT / "app" / "content"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")
#: Functions that take a problem's words, and the position of the words among their arguments.
MESSAGE_ARGUMENT = {"error": 2, "warning": 2, "_error": 1, "_warning": 1, "bad": 1, "refuse": 2}


def content_templates() -> set[str]:
    """The templates marked with N_ in app/content, extracted as the catalogue is."""
    return {message for _file, _line, message, _comments, _context in
            extract_from_dir(str(CONTENT), method_map=[("**.py", "python")], keywords={"N_": None})}


def _templates_of(message: Message) -> set[str]:
    found = {message.template}
    for _name, value in message.values:
        if isinstance(value, Message):
            found |= _templates_of(value)
    return found


def test_every_message_of_the_content_core_is_a_marked_template():
    """No f-string, literal or concatenation where a problem's words are given: those would
    never reach the translators (the template is N_(...) or a Message built from one)."""
    unmarked = []
    for path in sorted(CONTENT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            function = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if function == "N_":
                if not (len(node.args) == 1 and isinstance(node.args[0], ast.Constant)):
                    unmarked.append(f"{path.name}:{node.lineno}: N_ of something else than a literal")
                continue
            position = MESSAGE_ARGUMENT.get(function)
            if function in ("error", "warning") and isinstance(node.func, ast.Attribute):
                position = 1  # a parser's own self.error(line, message)
            if function == "of" and isinstance(node.func, ast.Attribute) and \
                    getattr(node.func.value, "id", None) == "Message":
                position = 0
            if position is not None and len(node.args) > position and \
                    isinstance(node.args[position], (ast.Constant, ast.JoinedStr, ast.BinOp)):
                unmarked.append(f"{path.name}:{node.lineno}: {function}() given unmarked words")
    assert not unmarked, "\n".join(unmarked)


def test_the_problems_of_broken_content_use_marked_templates(tmp_path):
    """At run time too: what a broken course and a broken quiz report is all marked."""
    courses, quizzes = tmp_path / "courses", tmp_path / "quizzes"
    files = {
        courses / "fb" / "course.md": "---\ntitel: Facebook\nminutes: -1\nprerequisites: [nope]\n---\n",
        courses / "fb" / "01-start" / "01-hello.md": "---\nminutes: x\nquiz: a b\n---\n![x](gone.png)\n",
        courses / "fb" / "Loose" / "x.md": "x",
        courses / "Bad_Name" / "course.md": "---\ntitle: [unclosed\n---\n",
        quizzes / "q.md": "---\npass_mark: 200\npoool: 2\n---\n## A {.bogus}\n- [x] one\n\n## A\n- number: 5..1\n",
        quizzes / "g.gift": "::Q1:: What? {=a ~%13%b}\n\n$CATEGORY: x\nnext\n",
    }
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    problems = load_catalogue(courses, quizzes).problems
    assert len(problems) >= 12
    marked = content_templates()
    for problem in problems:
        assert _templates_of(problem.text) <= marked, str(problem)


def test_a_problem_keeps_its_english_words_and_its_template():
    problem = error("quizzes/q.md", 3, N_("quiz '%(quiz)s' does not exist (no quizzes/%(quiz)s.md or "
                                         "quizzes/%(quiz)s.gift)"), quiz="basics")
    assert str(problem) == "quizzes/q.md:3: quiz 'basics' does not exist (no quizzes/basics.md or quizzes/basics.gift)"
    fake = {"quiz '%(quiz)s' does not exist (no quizzes/%(quiz)s.md or quizzes/%(quiz)s.gift)": "no %(quiz)s"}
    assert problem.text.render(lambda template: fake.get(template, template)) == "no basics"
    broken = {problem.text.template: "no %(quizz)s"}  # a translation that lost its placeholder
    assert problem.text.render(lambda template: broken.get(template, template)) == problem.message


@pytest.mark.parametrize("language", ["vi", "th"])
def test_every_problem_template_has_a_translation(language):
    with (ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = {message.id: message.string for message in read_po(handle) if isinstance(message.id, str)}
    templates = content_templates()
    assert len(templates) > 100
    missing = sorted(t for t in templates if not catalogue.get(t))
    assert not missing, f"{len(missing)} content templates without a {language} translation, e.g. {missing[:3]}"
    broken = sorted(t for t in templates
                    if sorted(PLACEHOLDER.findall(catalogue[t])) != sorted(PLACEHOLDER.findall(t)))
    assert not broken, f"placeholders differ in: {broken[:3]}"


def test_the_marker_is_known_to_the_extraction_settings():
    config = Path(ROOT / "babel.cfg").read_text(encoding="utf-8")
    assert re.search(r"^\[python: app/\*\*\.py\]\nkeywords = N_$", config, re.M)
