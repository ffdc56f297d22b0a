"""The answer form of one attempt, built from its stored plan.

Field values are choice or option ids, never answer texts or marks, so the page sent
before grading carries no trace of which answers are right.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from ..content.quiz_model import Question, QuestionType, Quiz
from ..forms import AppForm, options
from ..grading import AttemptPlan, parse_number

FIELD_PREFIX = "q-"


def field_name(question_id: str, pair_id: str | None = None) -> str:
    return FIELD_PREFIX + question_id + (f"--{pair_id}" if pair_id else "")


class AttemptForm(AppForm):
    """Base class; ``answer_form`` adds one field per question (and per matching prompt)."""

    token = HiddenField()

    def __init__(self, formdata=None, **kwargs):
        super().__init__(formdata=formdata, **kwargs)
        self._posted_names = set(formdata or ())

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        known = {name for name in self._fields}
        stray = sorted(key for key in self._posted_names if key.startswith(FIELD_PREFIX)
                       and key not in known)
        if stray:
            self.form_errors.append(_l("This page does not match your quiz any more. "
                                       "Your answers below are kept: check them and send again."))
            return False
        return ok


def _require(question: Question):
    message = _l("Please answer this question.")
    return [InputRequired(message=message)] if question.graded else [Optional()]


def _numeric(form, field) -> None:
    if field.data and parse_number(field.data) is None:
        raise ValidationError(_l("Type a number, for example 12 or 3.5."))


def answer_form(quiz: Quiz, plan: AttemptPlan, formdata=None, **kwargs) -> AttemptForm:
    """An instance of a form class made for this attempt's questions, in plan order."""

    class Form(AttemptForm):
        pass

    for qid in plan.question_ids:
        q = quiz.question(qid)
        if q is None or q.type is QuestionType.DESCRIPTION:
            continue
        name = field_name(qid)
        field: Field
        if q.type in (QuestionType.SINGLE, QuestionType.TRUEFALSE):
            ids = plan.choice_orders.get(qid, tuple(c.id for c in q.choices))
            field = RadioField(choices=options((i, i) for i in ids), validators=_require(q),
                               validate_choice=True)
        elif q.type is QuestionType.MULTIPLE:
            ids = plan.choice_orders.get(qid, tuple(c.id for c in q.choices))
            field = SelectMultipleField(choices=options((i, i) for i in ids), validators=_require(q))
        elif q.type is QuestionType.MATCHING:
            ids = plan.match_orders.get(qid, ())
            for pair in q.pairs:
                if pair.is_distractor:
                    continue
                # Values are positions in this attempt's shuffled list, not pair ids, which
                # would line up with the prompts' own ids and give the answers away.
                setattr(Form, field_name(qid, pair.id), SelectField(
                    choices=options([("", "—")] + [(str(n), str(n)) for n in range(len(ids))]),
                    validators=_require(q)))
            continue
        elif q.type is QuestionType.ESSAY:
            field = TextAreaField(validators=[Optional(), Length(max=5000)])
        else:
            validators = _require(q) + [Length(max=200)]
            if q.type is QuestionType.NUMERIC:
                validators.append(_numeric)
            field = StringField(validators=validators)
        setattr(Form, name, field)
    return Form(formdata=formdata, **kwargs)


def responses_from(form: AttemptForm, quiz: Quiz, plan: AttemptPlan) -> dict[str, object]:
    """The grading core's response mapping from a validated form."""
    responses: dict[str, object] = {}
    for qid in plan.question_ids:
        q = quiz.question(qid)
        if q is None or q.type is QuestionType.DESCRIPTION:
            continue
        if q.type is QuestionType.MATCHING:
            chosen = {}
            for pair in q.pairs:
                if not pair.is_distractor:
                    position = form[field_name(qid, pair.id)].data
                    if position:
                        option_id = plan.match_orders[qid][int(position)]
                        chosen[pair.id] = q.pair(option_id).answer
            responses[qid] = chosen or None
        elif q.type is QuestionType.MULTIPLE:
            responses[qid] = frozenset(form[field_name(qid)].data or ())
        else:
            responses[qid] = form[field_name(qid)].data or None
    return responses
