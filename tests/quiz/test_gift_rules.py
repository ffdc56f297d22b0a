"""The tricky GIFT cases of GIFT-SYNTAX.md, our refusals of Moodle's bugs, and helpers."""
from __future__ import annotations

import pytest

from app.content.gift import gift_settings, parse_gift
from app.content.gift_text import idnumber_and_tags, shorten_text
from app.content.quiz_model import QuestionType as T


def parse_one(text):
    questions, _, problems = parse_gift(text, "q.gift")
    assert len(questions) == 1, problems
    return questions[0], problems


def errors(text):
    return [str(p) for p in parse_gift(text, "q.gift")[2] if p.is_error]


@pytest.mark.parametrize("text, expected", [
    ("Q is {~a =b}.", "Q is _____."),
    ('{#3:2~#Wrong}";', '_____";'),
    ("Q{T} // note", "Q_____ // note"),  # a trailing // is text, not a comment
    ("::Title Q{T}", "Title Q"),  # no closing :: -> no name
    ("[latex]Q{T}", "[latex]Q"),  # unknown format stays text
    ("A \\\\ B \\\\\\\\ C{}", "A \\ B \\\\ C"),  # MDL-34171
    ("a\\=b \\{c\\} \\~ \\# \\: x\\ny{}", "a=b {c} ~ # : x\ny"),
    ("x \\( y{}", "x \\( y"),  # other backslashes stay
])
def test_question_text_follows_moodle(text, expected):
    q, _ = parse_one(text)
    assert q.text == expected


def test_true_and_one_equals_answer_are_short_answers():
    assert parse_one("Q{true}")[0].type is T.SHORT
    q, _ = parse_one("Q{=China}")
    assert (q.type, [a.text for a in q.answers]) == (T.SHORT, ["China"])


def test_equals_with_weight_in_multichoice_is_full_credit_with_weight_as_text():
    q, _ = parse_one("Q{=%50%a ~b}")
    assert (q.type, [(c.text, c.fraction) for c in q.choices]) == (
        T.SINGLE, [("%50%a", 1.0), ("b", 0.0)])


def test_unescaped_equals_in_feedback_splits_answers():
    q, _ = parse_one("Q{=a # 1+1=2 ~b}")
    assert [(c.text, c.fraction, c.feedback) for c in q.choices] == [
        ("a", 1.0, "1+1"), ("2", 1.0, ""), ("b", 0.0, "")]


def test_truefalse_feedback_goes_to_the_wrong_choice_first():
    q, _ = parse_one("Q{FALSE#fb1#fb2}")
    assert (q.choice("true").feedback, q.choice("false").feedback) == ("fb1", "fb2")
    assert q.choice("false").correct
    q, _ = parse_one("Q{FALSE#only}")
    assert (q.choice("true").feedback, q.choice("false").feedback) == ("only", "")


def test_general_feedback_has_its_own_format_and_essays_may_have_one():
    q, _ = parse_one("Q{=Frog#Good! ####[html]GF}")
    assert (q.explanation, q.explanation_format, q.text_format) == ("GF", "html", "moodle")
    q, _ = parse_one("Q{####gf}")
    assert (q.type, q.explanation) == (T.ESSAY, "gf")


def test_first_braces_win_and_later_braces_are_warned_about():
    q, problems = parse_one("What is \\(x^{2}\\)? {=4}")
    assert (q.type, [a.text for a in q.answers]) == (T.SHORT, ["2"])
    assert q.text == "What is \\(x^\\)? {=4}"
    assert [str(p) for p in problems] == [
        "q.gift:1: warning: question 'What is \\(x^\\)? {=4}': only the first {...} holds "
        "the answers; write \\{ and \\} for braces in the text"]


@pytest.mark.parametrize("answers, value, tolerance", [
    ("#1..5", 3, 2), ("#-5..5", 0, 5), ("#3:2", 3, 2), ("#42", 42, 0), ("#*", None, 0),
])
def test_numerical_forms(answers, value, tolerance):
    q, _ = parse_one("N{" + answers + "}")
    assert (q.numeric[0].value, q.numeric[0].tolerance) == (value, tolerance)


@pytest.mark.parametrize("answers", ["#1,5", "#abc", "#3:x", "#a..5"])
def test_non_numbers_are_refused_instead_of_accepting_anything(answers):
    assert errors("::N::Pick\n{" + answers + "}") == [
        f"q.gift:1: question 'N': '{answers[1:]}' is not a number, value:tolerance or min..max "
        "(Moodle would accept ANY answer here)"]


def test_grades_moodle_would_reject_are_refused_and_valid_ones_snapped():
    assert errors("\n::W::Q{~%33.3%a =b}") == [
        "q.gift:2: question 'W': weight %33.3% is not a grade Moodle accepts (invalid grade); "
        "use 100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, "
        "16.66667, 14.28571, 12.5, 11.11111, 10, 5 or 0, or their negatives"]
    q, _ = parse_one("Q{~%33.33333%a ~%66.66667%b ~%-100%c}")
    assert [c.fraction for c in q.choices] == [0.3333333, 0.6666667, -1.0]


def test_category_must_be_alone_in_its_block():
    questions, categories, problems = parse_gift("$CATEGORY: foo\n::Q::T{T}\n", "q.gift")
    assert questions == [] and categories == ["foo\n::Q::T{T}"]
    assert [str(p) for p in problems] == [
        "q.gift:1: $CATEGORY must be alone in its block: put a blank line after it (Moodle "
        "reads the next lines as part of the category name and loses the question)"]


def test_blank_line_inside_braces_breaks_the_question_in_two():
    assert errors("::Q::Pick {\n=a\n\n~b}") == [
        "q.gift:1: question 'Q': could not find {...} around the answers (Moodle: braceerror); "
        "a question may not contain a blank line",
        "q.gift:4: question '~b}': could not find {...} around the answers (Moodle: "
        "braceerror); a question may not contain a blank line"]


def test_a_line_holding_zero_ends_the_question_like_a_blank_line():
    questions, _, problems = parse_gift("First{T}\n0\nSecond{F}", "q.gift")
    assert [q.text for q in questions] == ["First", "Second"]
    assert [p.line for p in problems] == [2] and not problems[0].is_error


def test_formats_inherit_from_the_question_text():
    q, _ = parse_one("[html]Q{=x -> y = -> z =[plain]w -> v}")
    assert q.type is T.MATCHING
    assert [p.prompt_format for p in q.pairs] == ["html", "html", "plain"]


def test_closing_brace_before_opening_one_is_refused():
    assert errors("::Q::a } b {") == [
        "q.gift:1: question 'Q': could not find {...} around the answers (Moodle: braceerror); "
        "a question may not contain a blank line"]


def test_comment_only_blocks_are_skipped_and_not_counted():
    questions, _, problems = parse_gift("// just a note\n// more\n\nQ{T}\n", "q.gift")
    assert len(questions) == 1 and problems == []


def test_multiple_answer_question_without_a_positive_weight_has_no_correct_answer():
    assert errors("::N::Q{~a ~b}") == ["q.gift:1: question 'N': has no correct answer: mark "
                                       "at least one choice as right"]


def test_question_ids_come_from_idnumber_else_name_and_are_unique():
    text = "// [id:fixed]\n::A::Q{T}\n\n::Same name::Q{T}\n\n::Same name::Q{T}\n"
    questions, _, _ = parse_gift(text, "q.gift")
    assert [q.id for q in questions] == ["fixed", "same-name", "same-name-2"]


@pytest.mark.parametrize("comment, expected", [
    ("", ("", [])),
    ("// A basic comment.", ("", [])),
    ("// A comment with [id:frog] <-- an idnumber.", ("frog", [])),
    ("// Look tags: [tag:frog] [tag:toad].", ("", ["frog", "toad"])),
    ("// [tag:add] [tag:basic] [id:four]", ("four", ["add", "basic"])),
    ("// [tag:  basic] Here is  \n// a [id:   four   ] que[tag:add   ]stion.",
     ("four", ["basic", "add"])),
    ("// Ceci n'est pas une [tag:\n\\ frog].", ("", [])),
    ("// [id:i\\]d].", ("i]d", [])),
    ("// [tag:t\\]ag].", ("", ["t]ag"])),
])
def test_idnumber_and_tags_from_comments(comment, expected):
    assert idnumber_and_tags(comment) == expected


def test_shorten_text_cuts_at_a_space_and_closes_tags():
    assert shorten_text("short", 80) == "short"
    assert shorten_text("one two three four", 12) == "one two ..."
    assert shorten_text("<b>one two three four</b>", 12) == "<b>one two ...</b>"


def test_settings_header_is_read_from_leading_comments_only():
    text = "// title: Basics\n// pass_mark: 80\n// passmark: 90\n// a note: ignored\n\n" \
           "// max_attempts: 5\n::Q::T{T}\n"
    settings, lines, problems = gift_settings(text, "q.gift")
    assert settings == {"title": "Basics", "pass_mark": "80"}
    assert lines == {"title": 1, "pass_mark": 2}
    assert [str(p) for p in problems] == [
        "q.gift:3: warning: 'passmark' is not a quiz setting (did you mean 'pass_mark'?); the "
        "line is read as a comment"]
