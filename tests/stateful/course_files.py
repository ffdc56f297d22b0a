"""The model's course as a trainer writes it: Markdown files in courses/ and quizzes/."""
from __future__ import annotations

import shutil
from pathlib import Path

from .model import COURSE, QUIZZES, Content

#: Every quiz has one question; the member answers it by the choice's text.
RIGHT, WRONG = "Yes, every time", "No, never"
QUIZ = """---
title: {title}
pass_mark: 50
max_attempts: 0
shuffle_choices: true
show_answers: after_attempt
---
## Do you check the group every day? {{#daily}}

- [x] {right}
- [ ] {wrong}
"""


def write_quizzes(quizzes_dir: Path) -> None:
    quizzes_dir.mkdir(parents=True, exist_ok=True)
    for quiz_id in QUIZZES:
        (quizzes_dir / f"{quiz_id}.md").write_text(
            QUIZ.format(title=quiz_id.title(), right=RIGHT, wrong=WRONG), encoding="utf-8")


def write_course(courses_dir: Path, content: Content) -> None:
    """Replace the course folder with ``content``: numbers follow the lessons' order, as a
    trainer renumbers files when she inserts or removes a lesson; slugs stay."""
    folder = courses_dir / COURSE
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    quizzes = f"quizzes: [{', '.join(content.course_quizzes)}]\n" if content.course_quizzes else ""
    (folder / "course.md").write_text(f"---\ntitle: Running the group\n{quizzes}---\nWelcome.\n",
                                      encoding="utf-8")
    for m, module in enumerate(content.modules, start=1):
        module_dir = folder / f"{m:02d}-{module.slug}"
        module_dir.mkdir()
        quiz = f"quiz: {module.quiz}\n" if module.quiz else ""
        (module_dir / "module.md").write_text(
            f"---\ntitle: Module {module.slug}\n{quiz}---\nIntro.\n", encoding="utf-8")
        for n, lesson in enumerate(module.lessons, start=1):
            settings = f"title: Lesson {lesson.slug}\nminutes: 2\n"
            settings += "" if lesson.required else "required: false\n"
            settings += f"quiz: {lesson.quiz}\n" if lesson.quiz else ""
            (module_dir / f"{n:02d}-{lesson.slug}.md").write_text(
                f"---\n{settings}---\nThe text of {lesson.slug}.\n", encoding="utf-8")
