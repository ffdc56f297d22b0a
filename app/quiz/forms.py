"""The answer form of one attempt, built from its stored plan.

Field values are the attempt's random choice values (see ``grading.plan``) and positions
in its shuffled option lists, never choice ids, answer texts or marks, so the page sent
before grading carries no trace of which answers are right. A posted value that is not
on this paper (an old page, a forged request) counts as no answer.
"""
from __future__ import annotations

from wtforms import (
    Field,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError

from app.lazy_text import lazy_gettext as _l

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
        known = set(self._fields)
        stray = sorted(key for key in self._posted_names if key.startswith(FIELD_PREFIX)
                       and key not in known)
        if stray:
            self.form_errors.append(_l("This page does not match your quiz any more. "
                                       "Your answers below are kept: check them and send again."))
            return False
        return ok


_ANSWER_PLEASE = _l("Please answer this question.")


def _require(question: Question):
    return [InputRequired(message=_ANSWER_PLEASE)] if question.graded else [Optional()]


def _chosen(form, field) -> None:
    """Something on this paper was chosen (values not on it were dropped already)."""
    if not field.data:
        raise StopValidation(_ANSWER_PLEASE)


class _OnThePaper:
    """A choice field that keeps only posted values it offers: the rest is no answer."""

    def process_formdata(self, valuelist):
        offered = {choice.value for choice in self.choices}
        super().process_formdata([value for value in valuelist if value in offered])


class PlannedRadioField(_OnThePaper, RadioField):
    pass


class PlannedMultipleField(_OnThePaper, SelectMultipleField):
    pass


class PlannedSelectField(_OnThePaper, SelectField):
    pass


def _planned_choices(q: Question, plan: AttemptPlan):
    """(value, value) options of a choice question, in display order, for choices it still has."""
    return options((value, value) for value, cid in plan.displayed_choices(q.id) if q.choice(cid))


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
            field = PlannedRadioField(choices=_planned_choices(q, plan), validators=[_chosen],
                                      validate_choice=False)
        elif q.type is QuestionType.MULTIPLE:
            field = PlannedMultipleField(choices=_planned_choices(q, plan), validators=[_chosen],
                                         validate_choice=False)
        elif q.type is QuestionType.MATCHING:
            ids = plan.match_orders.get(qid, ())
            for pair in q.pairs:
                if pair.is_distractor:
                    continue
                # Values are positions in this attempt's shuffled list, not pair ids, which
                # would line up with the prompts' own ids and give the answers away.
                setattr(Form, field_name(qid, pair.id), PlannedSelectField(
                    choices=options([(str(n), str(n)) for n in range(len(ids))]),
                    validators=[_chosen], validate_choice=False))
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
                    option = q.pair(plan.match_orders[qid][int(position)]) if position else None
                    if option is not None:  # None: an option the quiz no longer has
                        chosen[pair.id] = option.answer
            responses[qid] = chosen or None
        elif q.type is QuestionType.MULTIPLE:
            values = form[field_name(qid)].data or ()
            responses[qid] = frozenset(plan.choice_for(qid, value) for value in values)
        elif q.type in (QuestionType.SINGLE, QuestionType.TRUEFALSE):
            value = form[field_name(qid)].data
            responses[qid] = plan.choice_for(qid, value) if value else None
        else:
            responses[qid] = form[field_name(qid)].data or None
    return responses
