"""Loading ``quizzes/``: both formats, translations, and what is not a quiz."""
from __future__ import annotations

from textwrap import dedent

import pytest

from app.content.quiz_model import QuestionType as T
from app.content.quizzes import gift_to_markdown, load_quizzes, quiz_from_gift

SOURCE = dedent("""\
    ---
    title: Private groups
    pass_mark: 50
    ---
    Intro in English.

    ## Who can see posts? {#who}
    - [ ] Anyone
      > No.
    - [x] Members
    - [ ] Admins

    > Members only.

    ## Facebook is free
    - [x] True
    - [ ] False

    ## Capital
    - answer: Hanoi
    """)

VI = dedent("""\
    ---
    title: Nhóm riêng tư
    language: vi
    ---
    Giới thiệu.

    ## Ai xem được bài đăng? {#who}
    - [ ] Bất kỳ ai
      > Không.
    - [ ] Thành viên
    - [ ] Quản trị viên

    > Chỉ thành viên.

    ## Facebook miễn phí
    - [ ] Đúng
    - [ ] Sai

    ## Thủ đô
    - answer: Hà Nội
    """)

GIFT = dedent("""\
    // title: Moodle import
    // pass_mark: 60
    // shuffle_choices: yes

    ::Colour::What's between orange and green?{=yellow ~red ~blue}

    ::Sun::The sun rises in the east.{T}
    """)


@pytest.fixture
def quizzes_dir(tmp_path):
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "private.md").write_text(SOURCE, encoding="utf-8")
    (folder / "private.vi.md").write_text(VI, encoding="utf-8")
    (folder / "moodle.gift").write_text(GIFT, encoding="utf-8")
    (folder / "README.md").write_text("# How to write quizzes\n", encoding="utf-8")
    (folder / "_draft.md").write_text("not loaded", encoding="utf-8")
    return folder


def test_loads_markdown_and_gift_quizzes_but_not_readme_or_drafts(quizzes_dir):
    quizzes, problems = load_quizzes(quizzes_dir)
    assert sorted(quizzes) == ["moodle", "private"] and problems == []
    gift = quizzes["moodle"]
    assert (gift.title, gift.pass_mark, gift.shuffle_choices, gift.source_format, gift.path) == (
        "Moodle import", 60, True, "gift", "quizzes/moodle.gift")
    assert [(q.id, q.type) for q in gift.questions] == [("colour", T.SINGLE),
                                                         ("sun", T.TRUEFALSE)]
    assert len(quizzes["private"].content_hash) == 64


def test_translation_replaces_texts_and_keeps_marks_from_the_source(quizzes_dir):
    quiz = load_quizzes(quizzes_dir)[0]["private"]
    assert list(quiz.translations) == ["vi"]
    vi = quiz.text_for("vi")
    assert (vi.title, vi.intro, vi.language, vi.pass_mark) == (
        "Nhóm riêng tư", "Giới thiệu.", "vi", 50)
    who = vi.question("who")
    assert [(c.id, c.text, c.correct, c.fraction) for c in who.choices] == [
        ("a", "Bất kỳ ai", False, 0.0), ("b", "Thành viên", True, 1.0),
        ("c", "Quản trị viên", False, 0.0)]
    assert (who.choices[0].feedback, who.explanation) == ("Không.", "Chỉ thành viên.")
    free = vi.question("facebook-is-free")  # ids come from the source, matched by position
    assert (free.type, [c.id for c in free.choices], [c.text for c in free.choices]) == (
        T.TRUEFALSE, ["true", "false"], ["Đúng", "Sai"])
    assert [a.text for a in vi.question("capital").answers] == ["Hà Nội"]


def test_unknown_language_falls_back_to_the_source(quizzes_dir):
    quiz = load_quizzes(quizzes_dir)[0]["private"]
    assert quiz.text_for("fr") is quiz and quiz.text_for(None) is quiz


def test_mismatched_translation_is_reported_and_ignored(quizzes_dir):
    (quizzes_dir / "private.vi.md").write_text(VI.replace("- [ ] Quản trị viên\n", ""),
                                               encoding="utf-8")
    quizzes, problems = load_quizzes(quizzes_dir)
    quiz = quizzes["private"]
    assert [str(p) for p in problems] == [
        "quizzes/private.vi.md:7: question 'who' has 2 choices here but 3 in the source"]
    assert quiz.translations == {} and quiz.text_for("vi") is quiz
    assert not quiz.is_broken  # the source quiz stays available


def test_translation_with_other_ids_or_count_is_refused(quizzes_dir):
    (quizzes_dir / "private.vi.md").write_text(VI.replace("{#who}", "{#whom}"), encoding="utf-8")
    problems = load_quizzes(quizzes_dir)[1]
    assert [str(p) for p in problems] == [
        "quizzes/private.vi.md:7: question 1 has id 'whom' here but 'who' in the source"]
    (quizzes_dir / "private.vi.md").write_text(VI.split("## Thủ đô")[0], encoding="utf-8")
    problems = load_quizzes(quizzes_dir)[1]
    assert [str(p) for p in problems] == [
        "quizzes/private.vi.md:7: the translation has 2 questions, the source has 3; it is "
        "ignored until they match"]


def test_translation_settings_are_ignored_with_a_warning_unless_copied(quizzes_dir):
    (quizzes_dir / "private.vi.md").write_text(
        VI.replace("language: vi", "pass_mark: 90\nmax_attempts: 0\nshow_answers: after_attempt"),
        encoding="utf-8")
    quizzes, problems = load_quizzes(quizzes_dir)
    assert [str(p) for p in problems] == [
        "quizzes/private.vi.md:3: warning: 'pass_mark' is not translated; it comes from the "
        "source quiz and is ignored here"]
    assert quizzes["private"].text_for("vi").pass_mark == 50


def test_orphan_translation_duplicate_ids_and_bad_names(quizzes_dir):
    (quizzes_dir / "ghost.vi.md").write_text(VI, encoding="utf-8")
    (quizzes_dir / "private.gift").write_text(GIFT, encoding="utf-8")
    (quizzes_dir / "bad name.gift").write_text(GIFT, encoding="utf-8")
    quizzes, problems = load_quizzes(quizzes_dir)
    assert [str(p) for p in problems] == [
        "quizzes/private.md:1: quiz id 'private' is already used by quizzes/private.gift; "
        "rename one of the files",
        "quizzes/ghost.vi.md:1: translation of a quiz that does not exist: no ghost.md or "
        "ghost.gift beside it",
        "quizzes/bad name.gift:1: quiz id 'bad name' (the file name) may hold only letters, "
        "digits, '-' and '_'",
        # private.gift sorts first and wins; the Markdown translation does not fit it
        "quizzes/private.vi.md:7: the translation has 3 questions, the source has 2; it is "
        "ignored until they match"]
    assert quizzes["bad name"].is_broken


def test_broken_gift_quiz_is_returned_flagged(quizzes_dir):
    (quizzes_dir / "broken.gift").write_bytes("::Q::Café{T}".encode("cp1252"))
    quizzes, problems = load_quizzes(quizzes_dir)
    assert quizzes["broken"].is_broken and quizzes["broken"].questions == ()
    assert [str(p) for p in problems] == [
        "quizzes/broken.gift:1: file is not UTF-8 text; save it as UTF-8 and try again"]


def test_bad_gift_setting_is_reported_at_its_line(quizzes_dir):
    (quizzes_dir / "moodle.gift").write_text(GIFT.replace("60", "sixty"), encoding="utf-8")
    problems = load_quizzes(quizzes_dir)[1]
    assert [str(p) for p in problems] == [
        "quizzes/moodle.gift:2: pass_mark must be a number from 0 to 100 (percent), "
        "not 'sixty'"]


def test_gift_converts_to_markdown_with_its_settings():
    markdown, problems = gift_to_markdown(GIFT.encode(), "moodle.gift", "moodle")
    assert problems == []
    assert markdown.startswith("---\ntitle: Moodle import\npass_mark: 60\n"
                               "shuffle_choices: true\n---\n")
    assert "## Colour\n\nWhat's between orange and green?\n\n- [x] yellow\n" in markdown


def test_quiz_from_gift_for_the_import_command():
    quiz, problems = quiz_from_gift(GIFT.encode(), "in.gift", "in", title="Renamed")
    assert (quiz.id, quiz.title, len(quiz.questions), problems) == ("in", "Renamed", 2, [])
    quiz, problems = quiz_from_gift("Caf\u00e9{T}".encode("cp1252"), "in.gift", "in")
    assert quiz is None and [str(p) for p in problems] == [
        "in.gift:1: file is not UTF-8 text; save it as UTF-8 and try again"]


def test_missing_folder_gives_no_quizzes(tmp_path):
    assert load_quizzes(tmp_path / "nope") == ({}, [])
