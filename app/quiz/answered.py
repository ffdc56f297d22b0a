"""What she answered, in words, for the result page: the choices' texts (not their ids),
the text she typed, or each matching prompt with the answer she picked.

Stored responses speak of choice ids (the random values of the paper were mapped back when
she sent it), so the words come from the quiz in the language she answered in.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.content.quiz_model import Question, QuestionType


@dataclass(frozen=True)
class AnswerPart:
    text: str
    #: Choice and prompt texts are the trainer's Markdown; typed text is shown as typed.
    markdown: bool


def answer_in_words(question: Question, response) -> tuple[AnswerPart, ...]:
    """Her answer to ``question`` (a canonical response, see grading.responses); () if none."""
    if response is None:
        return ()
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.TRUEFALSE, QuestionType.MULTIPLE):
        chosen = {response} if isinstance(response, str) else set(response)
        return tuple(AnswerPart(c.text_markdown, True) for c in question.choices if c.id in chosen)
    if kind is QuestionType.MATCHING:
        parts = []
        for pair in question.pairs:
            if pair.id in response:
                parts.append(AnswerPart(f"{pair.prompt_markdown} → {response[pair.id]}", True))
        return tuple(parts)
    return (AnswerPart(str(response), False),)
