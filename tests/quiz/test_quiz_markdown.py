"""Our Markdown quiz format: every question type, every setting, every validation message."""
from __future__ import annotations

from textwrap import dedent

import pytest

from app.content.quiz_model import QuestionType as T
from app.content.quiz_model import ShowAnswers
from app.content.quizzes import load_markdown_quiz

FULL = dedent("""\
    ---
    title: Setting up your group
    pass_mark: 80
    max_attempts: 3
    shuffle_questions: true
    shuffle_choices: true
    show_answers: after_pass
    pool: 2
    language: vi
    ---
    Read the lesson first.

    ## Who can see posts in a private group? {#private-posts}
    Question text, first paragraph.

    Second paragraph.

    - [ ] Anyone on Facebook
      > Feedback shown for this choice.
    - [x] Only members of the group
      > Right: only members.
    - [ ] Only the admins

    > Private means members only.

    ## Đăng bài: ảnh hay chữ?
    - [x] Add a photo
    - [x] Ask a question
    - [ ] Post at 3am
      > Nobody reads it.

    ## Weighted
    - [x] {50%} a
    - [x] {50%} b
    - [ ] {-100%} c

    ## Partly right
    - [x] best
    - [ ] {50%} close
    - [ ] far

    ## Capital? {.essay}
    Write a few lines.

    > A good answer names Hanoi.

    ## Capital city
    - answer: Hanoi
    - answer: Ha  Noi
    - answer: {50%} Sai*
      > Saigon is not the capital.
    - answer: *
      > Try again.

    ## How many members?
    - number: 42 ± 0.5
    - number: 40 +- 1
    - number: {50%} 30..50
    - number: *

    ## Match them
    - match: Page -> public
    - match: Group -> members
    - match: -> nobody

    ## Facebook is free
    - [x] TRUE
      > Yes.
    - [ ] False

    ## Read this {.description}
    Just information.

    ## One right, shown as check boxes {.multiple}
    - [x] a
    - [ ] b
    """)


def load(text, path="quizzes/q.md"):
    return load_markdown_quiz(text.encode(), path, "q")


def messages(text):
    return [str(p) for p in load(text).problems]


@pytest.fixture(scope="module")
def quiz():
    return load(FULL)


def test_settings_are_read(quiz):
    assert quiz.problems == ()
    assert (quiz.title, quiz.pass_mark, quiz.max_attempts, quiz.shuffle_questions,
            quiz.shuffle_choices, quiz.show_answers, quiz.pool, quiz.language) == (
        "Setting up your group", 80, 3, True, True, ShowAnswers.AFTER_PASS, 2, "vi")
    assert quiz.intro == "Read the lesson first."


def test_defaults_for_a_bare_quiz():
    quiz = load("---\ntitle: T\n---\n## Q\n- [x] a\n- [ ] b\n")
    assert (quiz.pass_mark, quiz.max_attempts, quiz.shuffle_questions, quiz.shuffle_choices,
            quiz.show_answers, quiz.pool, quiz.language) == (
        70, 0, False, False, ShowAnswers.AFTER_ATTEMPT, None, "")


def test_single_choice_with_feedback_and_explanation(quiz):
    q = quiz.question("private-posts")
    assert (q.type, q.title, q.line) == (T.SINGLE, "Who can see posts in a private group?", 13)
    assert q.text == "Question text, first paragraph.\n\nSecond paragraph."
    assert [(c.id, c.text, c.fraction, c.correct, c.feedback) for c in q.choices] == [
        ("a", "Anyone on Facebook", 0.0, False, "Feedback shown for this choice."),
        ("b", "Only members of the group", 1.0, True, "Right: only members."),
        ("c", "Only the admins", 0.0, False, "")]
    assert q.explanation == "Private means members only."


def test_multiple_answer_gets_the_default_partial_credit_rule(quiz):
    q = quiz.question("dang-bai-anh-hay-chu")  # slug: Vietnamese diacritics folded, đ -> d
    assert q.type is T.MULTIPLE
    assert [c.fraction for c in q.choices] == [0.5, 0.5, -1.0]
    assert q.choices[2].feedback == "Nobody reads it."


def test_explicit_weights(quiz):
    assert [c.fraction for c in quiz.question("weighted").choices] == [0.5, 0.5, -1.0]
    partly = quiz.question("partly-right")
    assert (partly.type, [c.fraction for c in partly.choices]) == (T.SINGLE, [1.0, 0.5, 0.0])


def test_essay_description_and_forced_multiple(quiz):
    essay = quiz.question("capital")
    assert (essay.type, essay.text, essay.explanation, essay.graded) == (
        T.ESSAY, "Write a few lines.", "A good answer names Hanoi.", False)
    description = quiz.question("read-this")
    assert (description.type, description.text, description.graded) == (
        T.DESCRIPTION, "Just information.", False)
    assert quiz.question("one-right-shown-as-check-boxes").type is T.MULTIPLE


def test_short_answers(quiz):
    q = quiz.question("capital-city")
    assert [(a.text, a.fraction, a.feedback) for a in q.answers] == [
        ("Hanoi", 1.0, ""), ("Ha Noi", 1.0, ""), ("Sai*", 0.5, "Saigon is not the capital."),
        ("*", 0.0, "Try again.")]  # a lone * catches the rest and earns nothing by default


def test_numeric_answers(quiz):
    q = quiz.question("how-many-members")
    assert [(n.value, n.tolerance, n.fraction) for n in q.numeric] == [
        (42, 0.5, 1.0), (40, 1, 1.0), (40, 10, 0.5), (None, 0, 0.0)]


def test_matching_pairs_with_an_extra_wrong_answer(quiz):
    q = quiz.question("match-them")
    assert [(p.id, p.prompt, p.answer, p.is_distractor) for p in q.pairs] == [
        ("a", "Page", "public", False), ("b", "Group", "members", False),
        ("c", "", "nobody", True)]
    assert q.match_options == ("public", "members", "nobody")


def test_true_false_is_recognised_case_insensitively(quiz):
    q = quiz.question("facebook-is-free")
    assert q.type is T.TRUEFALSE
    assert [(c.id, c.text, c.correct, c.feedback) for c in q.choices] == [
        ("true", "TRUE", True, "Yes."), ("false", "False", False, "")]


def test_headings_inside_code_fences_are_not_questions():
    quiz = load("---\ntitle: T\n---\n## Q\n```\n## not a question\n- [x] nor a choice\n```\n"
                "- [x] a\n- [ ] b\n")
    assert len(quiz.questions) == 1
    assert quiz.questions[0].text == "```\n## not a question\n- [x] nor a choice\n```"


BASE = "---\ntitle: T\n---\n"


@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: T\npassmark: 80\n---\n## Q\n- [x] a\n- [ ] b\n",
     "quizzes/q.md:3: unknown setting 'passmark' (did you mean 'pass_mark'?); allowed: title, "
     "pass_mark, max_attempts, shuffle_questions, shuffle_choices, show_answers, pool, language"),
    ("---\ntitle: T\npass_mark: 120\n---\n## Q\n- [x] a\n- [ ] b\n",
     "quizzes/q.md:3: pass_mark must be a number from 0 to 100 (percent), not 120"),
    ("---\ntitle: T\nmax_attempts: -1\n---\n## Q\n- [x] a\n- [ ] b\n",
     "quizzes/q.md:3: max_attempts must be a whole number, 0 (unlimited) or more, not -1"),
    ("---\ntitle: T\npool: 3\n---\n## Q\n- [x] a\n- [ ] b\n\n## R {.description}\nx\n",
     "quizzes/q.md:3: pool must be a whole number from 1 to 1 (the number of questions), "
     "not 3"),
    ("---\ntitle: T\nshow_answers: always\n---\n## Q\n- [x] a\n- [ ] b\n",
     "quizzes/q.md:3: show_answers must be one of never, after_attempt, after_pass, "
     "after_last_attempt, not 'always'"),
    ("---\ntitle: T\nshuffle_choices: maybe\n---\n## Q\n- [x] a\n- [ ] b\n",
     "quizzes/q.md:3: shuffle_choices must be true or false, not 'maybe'"),
    (BASE + "## Q\n- [ ] a\n- [ ] b\n",
     "quizzes/q.md:4: question 'q' has no correct answer: mark at least one choice as right"),
    (BASE + "## Q\n- answer: {0%} a\n",
     "quizzes/q.md:4: question 'q' has no correct answer: no accepted answer earns credit"),
    (BASE + "## Q\n- number: {-50%} 4\n",
     "quizzes/q.md:4: question 'q' has no correct answer: no number earns credit"),
    (BASE + "## Q\n- match: a -> b\n- match: -> c\n",
     "quizzes/q.md:4: question 'q' needs at least 2 pairs 'prompt -> answer'"),
    (BASE + "## Q\n- [x] a\n- [ ] b\n\n## Q\n- [x] a\n- [ ] b\n",
     "quizzes/q.md:8: duplicate question id 'q' (also on line 4); give one of them an "
     "explicit {#id}"),
    (BASE + "## Q\n- [x] a\n- answer: b\n",
     "quizzes/q.md:6: question 'q' mixes answer kinds (choice and answer); use one kind per "
     "question"),
    (BASE + "## Q\n- number: 4,2\n",
     "quizzes/q.md:5: question 'q': malformed number '4,2': write 42, 42 ± 0.5 or 40..45 "
     "(with a '.' for decimals)"),
    (BASE + "## Q\n- number: 45..40\n",
     "quizzes/q.md:5: question 'q': range '45..40' runs backwards; write the smaller number "
     "first"),
    (BASE + "## Q\nNo answers here.\n",
     "quizzes/q.md:4: question 'q' has no answers: add choices '- [x]', '- answer:', "
     "'- number:' or '- match:' lines, or mark the heading {.essay} or {.description}"),
    (BASE + "## Q\n- [x] a\n- [ ] b\n\nStray text.\n",
     "quizzes/q.md:8: question 'q': text after the answer list must be a '>' blockquote (the "
     "explanation); move other text above the list"),
    (BASE + "## Q\n- [x] {50%} a\n- [ ] b\n",
     "quizzes/q.md:5: question 'q': the [x] choice of a single-choice question is worth 100%; "
     "remove its weight or make it [ ]"),
    (BASE + "## Q\n- [x] {50%} a\n- [x] b\n- [ ] c\n",
     "quizzes/q.md:5: question 'q': give a {n%} weight on every choice of a multiple-answer "
     "question, or on none"),
    (BASE + "## Q {.quiz}\n- [x] a\n- [ ] b\n",
     "quizzes/q.md:4: unknown heading attribute '.quiz': use {#id} or one of .essay, "
     ".description, .multiple, .single"),
    (BASE + "## Q {.essay}\nText\n- [x] a\n",
     "quizzes/q.md:6: question 'q' is an essay and takes no answer list"),
    (BASE + "## Q\n- [x] {150%} a\n- [ ] b\n",
     "quizzes/q.md:5: weight 150% is outside -100%..100%"),
    (BASE + "Intro only.\n", "quizzes/q.md:4: the quiz has no questions (one '## ' heading "
     "per question)"),
])
def test_validation_messages_point_at_the_line(text, expected):
    assert expected in messages(text)
    assert load(text).is_broken


def test_non_utf8_file_is_refused_with_its_path():
    quiz = load_markdown_quiz("---\ntitle: Caf\u00e9\n---\n".encode("cp1252"), "quizzes/q.md",
                              "q")
    assert quiz.is_broken
    assert [str(p) for p in quiz.problems] == [
        "quizzes/q.md:2: file is not UTF-8 text; save it as UTF-8 and try again"]


def test_weights_moodle_cannot_store_are_warned_about():
    assert messages(BASE + "## Q\n- [x] a\n- [ ] {35%} b\n") == [
        "quizzes/q.md:6: warning: weight 35% is not one of Moodle's grades; this quiz cannot "
        "be exported to Moodle (GIFT) as it is"]


def test_warnings_do_not_break_a_quiz():
    quiz = load("---\nshow_answers: after_last_attempt\n---\n## Q\n- [x] a\n- [ ] b\n")
    assert not quiz.is_broken and quiz.title == "Q"
    assert [str(p) for p in quiz.problems] == [
        "quizzes/q.md:1: warning: no title in the front matter; the file name is used",
        "quizzes/q.md:2: warning: show_answers: after_last_attempt never shows answers while "
        "max_attempts is 0 (unlimited)"]
