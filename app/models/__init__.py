"""Persistence: typed SQLAlchemy models. The database keeps slugs into the catalogue, never text."""
from ..db import Base
from .learning import CourseCompletion, LessonProgress
from .members import CommitteeRole, Member, PlatformRole, SignInCode
from .quizzes import QuizAttempt
from .records import Assignment, Certificate
from .units import Unit, UnitKind

__all__ = [
    "Assignment",
    "Base",
    "Certificate",
    "CommitteeRole",
    "CourseCompletion",
    "LessonProgress",
    "Member",
    "PlatformRole",
    "QuizAttempt",
    "SignInCode",
    "Unit",
    "UnitKind",
]
