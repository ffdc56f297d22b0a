"""Persistence: typed SQLAlchemy models. The database keeps slugs into the catalogue, never text."""
from ..db import Base
from .audit import AuditEntry
from .counts import CountedCourse, UnitCourseCount, UnitMemberCount  # noqa: F401
from .followup import FollowUpNote, NoticeDismissal  # noqa: F401
from .groups import (  # noqa: F401
    FacebookGroup,
    GroupHealthSetting,
    GroupRole,
    GroupTrainingAssignment,
    MonthlyNumbers,
    MonthlyNumbersHistory,
)
from .learning import CourseCompletion, LessonProgress
from .members import CommitteeRole, Member, PlatformRole, SignInCode
from .privacy import Consent, Erasure, PrivacyRequest  # noqa: F401
from .quizzes import QuizAttempt
from .records import Assignment, Certificate
from .throttle import ThrottleCounter
from .training import Attendance, AttendanceMethod, SessionInvitation, TrainingSession  # noqa: F401
from .units import Unit, UnitAlias, UnitChange, UnitLevel

__all__ = [
    "Assignment",
    "AuditEntry",
    "Base",
    "Certificate",
    "CommitteeRole",
    "CourseCompletion",
    "LessonProgress",
    "Member",
    "PlatformRole",
    "QuizAttempt",
    "SignInCode",
    "ThrottleCounter",
    "Unit",
    "UnitAlias",
    "UnitChange",
    "UnitLevel",
]
