"""`flask quizzes import-gift` and `flask quizzes export-gift`: what they write, what they say
about bad input (with the file and line), their exit codes, and that they never leave half a
file or write over one."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.content.quizzes import load_gift_quiz, load_markdown_quiz

GIFT = """\
// title: Group basics
// pass_mark: 60

::Private::Who sees posts in a private group? {=Only members#Right ~Anyone on Facebook#No}

::Posts::How many posts a day did the pilot group make? {#3:1}

::Capital::The province's capital is {=Vĩnh Long =Vinh Long}.
"""


@pytest.fixture
def app_config(app_config, quiz_dirs):
    """The small course and quiz of ``quiz_dirs`` as the site's content."""
    courses, quizzes, _ = quiz_dirs
    app_config.update(COURSES_DIR=str(courses), QUIZZES_DIR=str(quizzes))
    return app_config


@pytest.fixture
def gift_file(tmp_path) -> Path:
    path = tmp_path / "group-basics.gift"
    path.write_text(GIFT, encoding="utf-8")
    return path


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_import_gift_prints_a_markdown_quiz_with_the_same_questions(runner, gift_file):
    result = runner.invoke(args=["quizzes", "import-gift", str(gift_file)])
    assert result.exit_code == 0, result.output
    quiz = load_markdown_quiz(result.stdout.encode(), "quizzes/group-basics.md", "group-basics")
    assert not [p for p in quiz.problems if p.is_error]
    assert (quiz.title, quiz.pass_mark) == ("Group basics", 60)
    original = load_gift_quiz(GIFT, "group-basics.gift", "group-basics")
    assert [(q.id, q.type, q.title) for q in quiz.questions] == [
        (q.id, q.type, q.title) for q in original.questions]
    private = quiz.question("private")
    assert [(c.text, c.correct, c.feedback) for c in private.choices] == [
        ("Only members", True, "Right"), ("Anyone on Facebook", False, "No")]
    assert [(n.value, n.tolerance) for n in quiz.question("posts").numeric] == [(3.0, 1.0)]
    assert [a.text for a in quiz.question("capital").answers] == ["Vĩnh Long", "Vinh Long"]


def test_import_gift_writes_a_new_file_and_says_so(runner, gift_file, tmp_path):
    out = tmp_path / "converted" / "group-basics.md"
    out.parent.mkdir()
    result = runner.invoke(args=["quizzes", "import-gift", str(gift_file), "--out", str(out),
                                 "--title", "Nhóm: những điều cơ bản"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Wrote 3 questions to {out}." in result.stderr
    quiz = load_markdown_quiz(out.read_bytes(), "quizzes/group-basics.md", "group-basics")
    assert quiz.title == "Nhóm: những điều cơ bản" and len(quiz.questions) == 3
    assert files_in(out.parent) == {"group-basics.md"}  # nothing left beside it


def test_import_gift_names_the_file_and_line_of_each_error_and_writes_nothing(runner, tmp_path):
    folder = tmp_path / "converted"
    folder.mkdir()
    bad = folder / "bad.gift"
    bad.write_text("::Good::Fine? {T}\n\n::Broken::Who? {=a ~b\n", encoding="utf-8")
    out = folder / "bad.md"
    result = runner.invoke(args=["quizzes", "import-gift", str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{bad}:3: question 'Broken': could not find {{...}} around the answers" in result.stderr
    assert f"Error: {bad}: not converted, fix the errors above first." in result.stderr
    assert not out.exists() and files_in(folder) == {"bad.gift"}


def test_import_gift_refuses_a_file_that_is_not_utf8(runner, tmp_path):
    latin = tmp_path / "latin.gift"
    latin.write_bytes("::Q::Đúng không? {T}\n".encode("cp1258"))
    result = runner.invoke(args=["quizzes", "import-gift", str(latin)])
    assert result.exit_code == 1
    assert f"{latin}:1: file is not UTF-8 text; save it as UTF-8 and try again" in result.stderr
    assert result.stdout == ""


def test_import_gift_warnings_do_not_stop_the_conversion(runner, tmp_path):
    odd = tmp_path / "odd.gift"
    odd.write_text("::Q::Is {this} right? {T}\n", encoding="utf-8")
    result = runner.invoke(args=["quizzes", "import-gift", str(odd)])
    assert result.exit_code == 0, result.output
    assert f"{odd}:1: warning:" in result.stderr
    assert "## Q" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["missing.gift"], "File 'missing.gift' does not exist"),
    (["{gift}", "--out", "{tmp}"], "is a directory"),
    ([], "Missing argument 'FILE'"),
])
def test_import_gift_usage_errors_exit_2(runner, gift_file, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    args = [a.format(gift=gift_file, tmp=tmp_path) for a in args]
    result = runner.invoke(args=["quizzes", "import-gift", *args])
    assert result.exit_code == 2 and message in result.stderr


def test_import_gift_never_writes_over_a_file(runner, gift_file, tmp_path):
    out = tmp_path / "kept.md"
    out.write_text("the trainer's own edits", encoding="utf-8")
    result = runner.invoke(args=["quizzes", "import-gift", str(gift_file), "--out", str(out)])
    assert result.exit_code == 1
    assert f"{out} already exists; choose another name or delete it first." in result.stderr
    assert out.read_text(encoding="utf-8") == "the trainer's own edits"


def test_import_gift_into_a_missing_folder_says_which(runner, gift_file, tmp_path):
    out = tmp_path / "no-such-folder" / "q.md"
    result = runner.invoke(args=["quizzes", "import-gift", str(gift_file), "--out", str(out)])
    assert result.exit_code == 1
    assert f"The folder {out.parent} does not exist; create it first." in result.stderr
    assert not out.parent.exists()


def test_export_gift_prints_the_quiz_as_gift_that_reads_back_the_same(runner, app_config):
    result = runner.invoke(args=["quizzes", "export-gift", "basics"])
    assert result.exit_code == 0, result.output
    exported = load_gift_quiz(result.stdout, "basics.gift", "basics")
    source = Path(app_config["QUIZZES_DIR"]) / "basics.md"
    original = load_markdown_quiz(source.read_bytes(), "quizzes/basics.md", "basics")
    assert not [p for p in exported.problems if p.is_error]
    assert (exported.title, exported.pass_mark) == ("Group basics", 50)
    assert [(q.title, q.type) for q in exported.questions] == [
        (q.title, q.type) for q in original.questions]
    assert [c.correct for c in exported.questions[0].choices] == [False, True]


def test_export_gift_writes_a_new_file(runner, tmp_path):
    out = tmp_path / "basics.gift"
    result = runner.invoke(args=["quizzes", "export-gift", "basics", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Wrote 3 questions to {out}." in result.stderr
    assert out.read_text(encoding="utf-8").startswith("// title: Group basics\n")
    assert {p.name for p in tmp_path.iterdir() if ".partial" in p.name} == set()


def test_export_gift_never_writes_over_a_file(runner, tmp_path):
    out = tmp_path / "basics.gift"
    out.write_text("// edited in Moodle\n", encoding="utf-8")
    result = runner.invoke(args=["quizzes", "export-gift", "basics", "--out", str(out)])
    assert result.exit_code == 1
    assert f"{out} already exists; choose another name or delete it first." in result.stderr
    assert out.read_text(encoding="utf-8") == "// edited in Moodle\n"


def test_export_gift_of_an_unknown_quiz_lists_the_known_ones(runner):
    result = runner.invoke(args=["quizzes", "export-gift", "no-such-quiz"])
    assert result.exit_code == 1
    assert "No quiz 'no-such-quiz' in quizzes/ (known: basics)." in result.stderr


def test_export_gift_of_a_broken_quiz_prints_its_errors_and_writes_nothing(runner, app_config,
                                                                           tmp_path):
    broken = Path(app_config["QUIZZES_DIR"]) / "broken.md"
    broken.write_text("---\ntitle: Broken\n---\n## Q {#q}\n- [ ] nothing is right\n",
                      encoding="utf-8")
    out = tmp_path / "broken.gift"
    result = runner.invoke(args=["quizzes", "export-gift", "broken", "--out", str(out)])
    assert result.exit_code == 1
    assert "quizzes/broken.md:" in result.stderr
    assert "Quiz 'broken' has errors; fix them before exporting." in result.stderr
    assert not out.exists()


def test_a_conversion_that_fills_the_disk_leaves_no_file(flask_with_file_limit, tmp_path):
    """Half a quiz would load as a shorter quiz without a word of warning."""
    many = tmp_path / "many.gift"
    long_text = "How often should the group's admins check the membership requests? " * 8
    many.write_text("\n\n".join(f"::Q{i}::{long_text} {{T}}" for i in range(60)),
                    encoding="utf-8")  # about 33 KB of Markdown
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "many.md"
    done = flask_with_file_limit(16 * 1024, "quizzes", "import-gift", str(many), "--out", str(out))
    assert done.returncode == 1, done.stderr
    assert f"Error: Could not write {out}: File too large. Nothing was written." in done.stderr
    assert files_in(out_dir) == set()
