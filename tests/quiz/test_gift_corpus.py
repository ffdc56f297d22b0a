"""Every file of the shared GIFT corpus parses as EXPECTED.md says Moodle 4.5 parses it.

One test per file (parametrised over the directory, so a new corpus file without an
expectation fails loudly). "Moodle name" is our title, "general feedback" our
explanation, "feedbacktrue/false" the feedback of the choices "true" and "false".
"""
from __future__ import annotations

from collections import Counter

import pytest
from gift_corpus import CORPUS, corpus_files

from app.content.gift import parse_gift
from app.content.quiz_model import QuestionType as T

BEST = "What's between orange and green in the spectrum?"


def choices(q):
    return [(c.text, c.fraction, c.feedback) for c in q.choices]


def formats(q):
    return [(c.text_format, c.feedback_format) for c in q.choices]


def tf(q):
    """(correct answer, feedbacktrue, feedbackfalse) as Moodle stores a true/false question."""
    true, false = q.choice("true"), q.choice("false")
    assert true.correct != false.correct
    return true.correct, true.feedback, false.feedback


def check_essay_q8(q):
    assert (q.type, q.title, q.text, q.text_format) == (T.ESSAY, "Q8", "How are you?", "moodle")


def check_match(q, first_prompt="An activity supporting asynchronous discussions."):
    assert (q.type, q.title, q.text_format) == (T.MATCHING, "Moodle activities", "html")
    assert q.text == "Match the <b>activity</b> to the description."
    assert [(p.prompt, p.prompt_format, p.answer) for p in q.pairs] == [
        (first_prompt, "html", "Forum"),
        ("A teacher asks a question and specifies a choice of multiple responses.", "moodle",
         "Choice"),
        ("A bank of record entries which participants can add to.", "plain", "Database"),
        ("A collection of web pages that anyone can add to or edit.", "markdown", "Wiki"),
        ("", "html", "Chat"),
    ]
    assert q.pairs[4].is_distractor


def check_single_q2(q, name="Q2"):
    assert (q.type, q.title, q.text, q.text_format) == (T.SINGLE, name, BEST, "moodle")
    assert choices(q) == [("yellow", 1.0, "right; good!"), ("red", 0.0, "wrong, it's yellow"),
                          ("blue", 0.0, "wrong, it's yellow")]
    assert formats(q) == [("moodle", "moodle"), ("moodle", "html"), ("plain", "moodle")]
    assert [c.correct for c in q.choices] == [True, False, False]


def check_colours(q):
    assert (q.type, q.title, q.text) == (T.MULTIPLE, "colours", BEST)
    assert choices(q) == [("yellow", 0.5, "right; good!"), ("red", -1.0, "wrong"),
                          ("off-beige", 0.5, "right; good!"), ("blue", -1.0, "wrong")]
    assert formats(q)[1] == ("moodle", "html") and formats(q)[3] == ("plain", "moodle")


def check_tricky(q, name="colours"):
    assert (q.type, q.title) == (T.MULTIPLE, name)  # single=0: no "=" in the answers
    assert [c.fraction for c in q.choices] == [1.0, -0.5, -0.5]
    assert [c.text for c in q.choices] == ["yellow", "red", "blue"]


def check_numerical_q5(q, text="What is a number from 1 to 5?"):
    assert (q.type, q.title, q.text) == (T.NUMERIC, "Q5", text)
    assert [(n.value, n.tolerance, n.fraction, n.feedback) for n in q.numeric] == [
        (3.0, 2.0, 1.0, ""), (None, 0.0, 0.0, "Completely wrong")]


def check_shortanswer(q):
    assert (q.type, q.title, q.text) == (T.SHORT, "Shortanswer", "Which is the best animal?")
    assert [(a.text, a.fraction, a.feedback) for a in q.answers] == [
        ("Frog", 1.0, "Good!"), ("Cat", 0.5, "What is it with Moodlers and cats?"),
        ("*", 0.0, "Completely wrong")]


def check_shortanswer_gf(q):
    check_shortanswer(q)
    assert (q.explanation, q.explanation_format, q.text_format) == (
        "Here is some general feedback!", "html", "moodle")


def check_truefalse_q1(q, text="42 is the Absolute Answer to everything."):
    assert (q.type, q.title, q.text) == (T.TRUEFALSE, "Q1", text)
    assert tf(q) == (False, "42 is the Ultimate Answer.", "You gave the right answer.")


def check_tsl(q):
    assert (q.type, q.title, q.text) == (T.TRUEFALSE, "2-08 TSL", "TSL is blablabla.")
    assert tf(q) == (True, "", "")


def one(check):
    def run(questions, categories, problems):
        assert len(questions) == 1 and categories == []
        check(questions[0])
    return run


def questions_fixture(qs, categories, problems):
    assert len(qs) == 9 and categories == []  # "Importing 9 questions from file"
    check_essay_q8(qs[0])
    check_match(qs[1])
    check_single_q2(qs[2])
    check_colours(qs[3])
    check_numerical_q5(qs[4], 'What is a number from 1 to 5? _____";')
    check_shortanswer(qs[5])
    check_truefalse_q1(qs[6], '42 is the Absolute Answer to everything._____";')
    assert qs[6].explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    check_tsl(qs[7])
    check_tsl(qs[8])
    assert [q.id for q in qs[7:]] == ["2-08-tsl", "2-08-tsl-2"]  # duplicate names allowed
    assert not [p for p in problems if p.is_error]


def in_category(qs, categories, problems):
    assert categories == ["$course$/Default for New Features"] and len(qs) == 4
    match, greeting, user, acronym = qs
    assert (match.type, match.title, match.text_format, len(match.pairs)) == (
        T.MATCHING, "Moodle activities", "html", 5)
    assert match.text == "Match the activity to the description."
    assert all(p.prompt_format == "html" for p in match.pairs)
    assert (match.pairs[4].prompt, match.pairs[4].answer) == ("", "Chat")
    assert (greeting.type, greeting.title) == (T.SINGLE, "Greeting")
    assert greeting.text == ('<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3">'
                             "Listen to this greeting:</a><br /><br />What language is being "
                             "spoken?")
    assert [(c.text, c.fraction) for c in greeting.choices] == [
        ("English", 0), ("French", 1), ("German", 0), ("Spanish", 0)]
    assert [(a.text, a.fraction, a.feedback) for a in user.answers] == [("Moodler", 1.0, "")]
    assert (user.type, user.title) == (T.SHORT, "Moodle user")
    assert (acronym.type, acronym.title, acronym.text_format) == (
        T.TRUEFALSE, "Moodle acronym", "html")
    assert tf(acronym)[0] is True
    assert 'style="font-style: italic;"' in acronym.text
    assert all(q.category == "$course$/Default for New Features" for q in qs)


def windows_1252(qs, categories, problems):
    assert qs == [] and categories == []
    assert len(problems) == 1 and problems[0].is_error
    assert "not UTF-8" in str(problems[0])
    assert str(problems[0]).startswith("questions_encoding_windows-1252.gift.txt:")


def examples(qs, categories, problems):
    assert len(qs) == 43 and categories == []
    counts = Counter(q.type for q in qs)
    assert counts[T.SINGLE] + counts[T.MULTIPLE] == 18 and counts[T.MULTIPLE] == 2
    assert (counts[T.SHORT], counts[T.NUMERIC], counts[T.TRUEFALSE], counts[T.MATCHING]) == (
        9, 8, 5, 3)
    assert not counts[T.ESSAY] and not counts[T.DESCRIPTION]
    by_title = {}
    for q in qs:
        by_title.setdefault(q.title, []).append(q)
    pi_exact, pi_range = by_title["What is the value of pi (to 3 decimal places)? _____."]
    assert pi_exact.text == "What is the value of pi (to 3 decimal places)? _____."
    assert (pi_exact.numeric[0].value, pi_exact.numeric[0].tolerance) == (3.1415, 0.0005)
    assert pi_range.numeric[0].value == pytest.approx(3.1415)
    assert pi_range.numeric[0].tolerance == pytest.approx(0.0005)
    grant_md = [q for q in qs if q.text_format == "markdown"]
    assert [q.text for q in grant_md] == ["Who's buried in **Grant's tomb**?"]
    false_fb = [q for q in qs if q.type is T.TRUEFALSE and q.choice("true").feedback]
    assert [tf(q) for q in false_fb] == [(False, "No one is buried in Grant's tomb.", "")]
    equals5 = by_title["Which answer equals 5?"][0]
    assert [(c.text, c.fraction) for c in equals5.choices] == [
        ("= 2 + 2", 0), ("= 2 + 3", 1), ("= 2 + 4", 0)]
    control = by_title["GIFT Control Characters"][0]
    assert [c.text for c in control.choices] == ["~", "=", "#", "{", "}", "\\"]
    assert [c.correct for c in control.choices] == [False] * 5 + [True]
    assert control.choices[5].feedback == (
        "Correct! \\ (backslash) is not a control character. BUT,\nit is used to escape the "
        "control characters. So, to specify\na literal backslash, you must escape it with a "
        "backslash\n(as shown in this example).")
    numerical = by_title["Numerical example"][0]
    assert [(n.value, n.tolerance, n.fraction) for n in numerical.numeric] == [
        (1822, 0, 1.0), (1822, 2, 0.5)]
    assert numerical.numeric[1].feedback == ("He was born in 1822.\nYou get 50% credit for "
                                             "being close.")
    assert by_title["Kanji Origins"][0].type is T.SHORT
    # unnamed questions: Moodle's shorten_text(questiontext, 80)
    assert "The American holiday of Thanksgiving is celebrated on the _____ Thursday of ..." \
        in by_title
    assert by_title["Who's buried in Grant's tomb?"][0].text == "Who's buried in Grant's tomb?"
    assert not [p for p in problems if p.is_error]


def pre_content(qs, categories, problems):
    (q,) = qs
    assert (q.type, q.text_format) == (T.ESSAY, "html")
    # through a file every line is trimmed: the <pre> indentation is lost, as in Moodle
    assert q.text == ("<p>What would running the test method print?</p>\n<pre>\npublic void "
                      "test() {\nmethod1();\nmethod2();\nmethod3();\n}\n</pre>")


def with_tags(qs, categories, problems):
    (q,) = qs
    assert (q.type, q.title, q.id, q.tags) == (T.ESSAY, "Question name", "myid",
                                               ("tag", "other-tag"))


def backslash(name):
    def check(q):
        assert (q.type, q.title, q.text) == (T.ESSAY, name, "A \\ B \\\\ C")
    return one(check)


def export_tags(q):
    assert (q.type, q.title, q.text, q.text_format) == (
        T.TRUEFALSE, "True/false question", "The answer is true.", "html")
    assert tf(q) == (True, "This is the right answer.", "This is the wrong answer.")
    assert (q.explanation, q.id, q.tags) == ("You should have selected true.", "myid",
                                             ("tag1", "tag2"))


def export_truefalse(q):
    assert (q.type, q.title) == (T.TRUEFALSE, "Q1")
    assert tf(q) == (True, "You gave the right answer.", "42 is the Ultimate Answer.")
    assert q.choice("false").feedback_format == "html"


EXPECTED = {
    "tests-fixtures/questions.gift.txt": questions_fixture,
    "tests-fixtures/questions_in_category.gift.txt": in_category,
    "tests-fixtures/questions_encoding_windows-1252.gift.txt": windows_1252,
    "moodle-examples/examples.txt": examples,
    "from-unit-tests/test_import_essay.gift": one(check_essay_q8),
    "from-unit-tests/test_import_match.gift": one(check_match),
    "from-unit-tests/test_import_multichoice.gift": one(check_single_q2),
    "from-unit-tests/test_import_multichoice_multi.gift": one(check_colours),
    "from-unit-tests/test_import_multichoice_multi_tricky.gift": one(check_tricky),
    "from-unit-tests/test_import_numerical.gift": one(check_numerical_q5),
    "from-unit-tests/test_import_shortanswer.gift": one(check_shortanswer),
    "from-unit-tests/test_import_shortanswer_with_general_feedback.gift": one(
        check_shortanswer_gf),
    "from-unit-tests/test_import_truefalse.gift": one(check_truefalse_q1),
    "from-unit-tests/test_import_truefalse_true_answer1.gift": one(check_tsl),
    "from-unit-tests/test_import_truefalse_true_answer2.gift": one(check_tsl),
    "from-unit-tests/test_import_backslash.gift": backslash("double backslash"),
    "from-unit-tests/test_import_pre_content.gift": pre_content,
    "from-unit-tests/test_import_question_with_tags.gift": with_tags,
    "from-unit-tests/test_export_backslash.gift": backslash("backslash"),
    "from-unit-tests/test_export_essay.gift": one(check_essay_q8),
    "from-unit-tests/test_export_match.gift": one(lambda q: check_match(
        q, '<div class="frog">An activity supporting asynchronous discussions.</div>')),
    "from-unit-tests/test_export_multichoice.gift": one(lambda q: check_single_q2(q, "Q8")),
    "from-unit-tests/test_export_multichoice_multi_tricky.gift": one(
        lambda q: check_tricky(q, "Q8")),
    "from-unit-tests/test_export_numerical.gift": one(check_numerical_q5),
    "from-unit-tests/test_export_question_with_tags_and_idnumber.gift": one(export_tags),
    "from-unit-tests/test_export_shortanswer.gift": one(check_shortanswer),
    "from-unit-tests/test_export_shortanswer_with_general_feedback.gift": one(
        check_shortanswer_gf),
    "from-unit-tests/test_export_truefalse.gift": one(export_truefalse),
}


@pytest.mark.parametrize("path", corpus_files())
def test_corpus_file_parses_as_moodle_does(path):
    relative = path.relative_to(CORPUS).as_posix()
    assert relative in EXPECTED, f"no expectation written for corpus file {relative}"
    questions, categories, problems = parse_gift(path.read_bytes(), path.name)
    EXPECTED[relative](questions, categories, problems)
