"""Content core: courses and quizzes read from files into frozen data. No Flask here.

Use it as a library::

    from app.content import load_catalogue
    catalogue = load_catalogue("courses", "quizzes")
    for problem in catalogue.problems:
        print(problem)          # path:line: message
"""
from .catalogue import Catalogue, load_catalogue
from .model import Course, CourseText, Lesson, LessonText, Module, ModuleText
from .problems import Problem, Severity

__all__ = [
    "Catalogue", "Course", "CourseText", "Lesson", "LessonText", "Module", "ModuleText",
    "Problem", "Severity", "load_catalogue",
]
