"""One definition of a member's standing in a course: each rule in Python and its SQL twin.

**Complete.** A course is complete for a member exactly when a ``course_completion`` row
exists for her and the course (:func:`is_complete`, :func:`completed_sql`). Every view reads
that row and nothing else to say "completed": My learning, the course list and course page,
the committee roster, a member's report page, the completion report, its CSV and XLSX, and
``flask report completion``. None of them decides it again from lessons and quizzes.

**When the row is stored.** The rule that says a member has met a course's requirements is
``rules.course_progress(...).requirements_met`` (every required lesson done and every quiz the
course names passed). It is applied

1. by the write that does her last step (marking a lesson done, passing a quiz), in the same
   transaction (``records.complete_if_done``);
2. when the content changes so that her requirements are met without a step of hers (a trainer
   makes a lesson optional, takes a quiz out of a course): by ``flask content publish`` for
   every member at once (``counts.bring_up_to_date``, which finds them with
   :func:`requirements_met_sql` and confirms each with the Python rule), and at her next visit
   to My learning, the course list or a course page, before the page is drawn
   (``records.store_due_completions``).

Until one of these has happened every view says "in progress", because every view reads the
same missing row; afterwards every view says "completed" and her certificate exists. A
completion, once stored, stands when a course later grows (the course shows new material).

**Started.** She has started a course when she has opened one of its lessons (one still in the
course: an opened lesson that was taken out no longer counts), or submitted an attempt at one of
the quizzes it names (:func:`started`, :func:`started_sql`).

**Status** of an assigned course, judged on a day (:func:`status_of`, :func:`status_sql`):
completed, else overdue (the due date is before that day), else in progress (started), else not
started. The due date is the earliest of the assignments that reach her: made to her unit or a
unit above it for her committee role, or made to her by name (``group_training_assignment``);
see :func:`assigned_pairs` and ``assignments.assignments_for``.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from sqlalchemy import ColumnElement, and_, case, false, func, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from ..models import (
    Assignment,
    CourseCompletion,
    GroupTrainingAssignment,
    LessonProgress,
    QuizAttempt,
    Unit,
)
from ..models.training import Attendance, TrainingSession
from ..reports.portable_sql import text_position


class AssignmentStatus(str, Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class CourseSteps:
    """What the SQL twins need of one course from the catalogue (which lives in files): its
    lessons, the required ones, and the quizzes it names."""

    slug: str
    lessons: tuple[str, ...]
    quizzes: tuple[str, ...]
    required: tuple[str, ...] = ()
    sessions_required: int = 0

    @classmethod
    def of(cls, course) -> CourseSteps:
        # A catalogue course never changes and keeps derived values in ``derived``: tracked
        # writes ask for its steps on every request.
        memo = getattr(course, "derived", None)
        steps = memo.get(cls) if memo is not None else None
        if steps is None:
            steps = cls(course.slug, tuple(lesson.slug for lesson in course.lessons),
                        tuple(dict.fromkeys(course.required_quiz_ids)),
                        tuple(lesson.slug for lesson in course.lessons if lesson.required),
                        getattr(course, "sessions_required", 0))
            if memo is not None:
                memo[cls] = steps
        return steps


# --- Complete -------------------------------------------------------------------------------

def is_complete(completions: Mapping[str, datetime] | AbstractSet[str], course_slug: str) -> bool:
    """Python: her completion rows (course slug -> completed at) hold this course."""
    return course_slug in completions


def completed_sql(facts) -> ColumnElement[bool]:
    """SQL twin of :func:`is_complete` over the columns of :func:`pair_facts`, which outer-join
    each pair's completion row: its ``completed_at`` is NULL exactly when there is none."""
    return facts.c.completed_at.is_not(None)


def requirements_met_sql(course: CourseSteps):
    """SQL twin of ``course_progress(...).requirements_met``: the ids of members without a
    completion row who have done every required lesson, passed every quiz of ``course`` and
    attended as many of its sessions as it requires. A course with no step is met by nobody."""
    from ..models import Member

    if not course.required and not course.quizzes and not course.sessions_required:
        return select(Member.id).where(false())

    conditions = [~select(CourseCompletion.id).where(CourseCompletion.member_id == Member.id,
                                                     CourseCompletion.course_slug == course.slug).exists()]
    if course.required:
        done = (select(func.count()).where(
            LessonProgress.member_id == Member.id, LessonProgress.course_slug == course.slug,
            LessonProgress.lesson_slug.in_(course.required), LessonProgress.completed_at.is_not(None))
            .scalar_subquery())
        conditions.append(done == len(course.required))
    for quiz_id in course.quizzes:
        conditions.append(select(QuizAttempt.id).where(
            QuizAttempt.member_id == Member.id, QuizAttempt.quiz_id == quiz_id,
            QuizAttempt.passed.is_(True)).exists())
    if course.sessions_required:
        attended = (select(func.count()).select_from(Attendance)
                    .join(TrainingSession, TrainingSession.id == Attendance.session_id)
                    .where(Attendance.member_id == Member.id, TrainingSession.course_slug == course.slug)
                    .scalar_subquery())
        conditions.append(attended >= course.sessions_required)
    return select(Member.id).where(*conditions)


# --- Started --------------------------------------------------------------------------------

def started(course: CourseSteps, opened_lessons: AbstractSet[str], attempted_quizzes: AbstractSet[str],
            sessions_attended: int = 0) -> bool:
    """Python: she opened a lesson still in the course, submitted one of its quizzes, or
    attended one of its in-person sessions (``rules.course_progress`` computes the same)."""
    return (bool(set(course.lessons) & opened_lessons) or bool(set(course.quizzes) & attempted_quizzes)
            or sessions_attended > 0)


def started_sql(facts) -> ColumnElement[bool]:
    """SQL twin of :func:`started` over the columns of :func:`pair_facts`."""
    return or_(facts.c.opened_at.is_not(None), facts.c.done_at.is_not(None),
               facts.c.attempted_at.is_not(None), facts.c.attended_at.is_not(None))


# --- Status ---------------------------------------------------------------------------------

def status_of(*, completed: bool, started: bool, due: date | None, judge_day: date) -> AssignmentStatus:
    """Python: the status of an assigned course. The due date is the last day to finish: on
    it the course is not yet overdue."""
    if completed:
        return AssignmentStatus.COMPLETED
    if due is not None and judge_day > due:
        return AssignmentStatus.OVERDUE
    return AssignmentStatus.IN_PROGRESS if started else AssignmentStatus.NOT_STARTED


def status_sql(*, completed, done_by_end, started, due, judge_day: date | ColumnElement[date]) -> ColumnElement[str]:
    """SQL twin of :func:`status_of`. ``completed`` is "completed in the report's window",
    ``done_by_end`` "completed before its end" (both "a row exists" without dates): a member
    who finished before the window is neither completed in it nor overdue."""
    overdue = and_(~done_by_end, due.is_not(None), due < judge_day)
    return case((completed, AssignmentStatus.COMPLETED.value), (overdue, AssignmentStatus.OVERDUE.value),
                (started, AssignmentStatus.IN_PROGRESS.value), else_=AssignmentStatus.NOT_STARTED.value)


# --- Assigned pairs and their facts ---------------------------------------------------------

def role_applies(committee_roles, committee_role) -> ColumnElement[bool]:
    """SQL twin of ``assignments.applies_to``: no roles named, or hers among them."""
    return or_(committee_roles.is_(None), committee_roles == "", text_position(
        literal(",") + committee_roles + literal(","), literal(",") + committee_role + literal(",")) > 0)


def assigned_pairs(members, course_slugs: Iterable[str], keep: tuple[str, ...] = (), name: str = "pairs"):
    """(member, course) pairs assigned to the members of ``members`` (a CTE with ``member_id``,
    ``unit_id`` and ``committee_role``), each once with its earliest due date: from assignments
    to her unit or a unit above it for her role, and from assignments to her by name.
    ``keep`` names further columns of ``members`` carried along."""
    slugs = list(course_slugs)
    member_unit, assigned_unit = aliased(Unit), aliased(Unit)
    kept = [members.c[column] for column in ("member_id", *keep)]
    by_unit = (
        select(*kept, Assignment.course_slug.label("course_slug"), Assignment.due_date.label("due_date"))
        .select_from(members)
        .join(member_unit, member_unit.id == members.c.unit_id)
        .join(Assignment, Assignment.course_slug.in_(slugs))
        .join(assigned_unit, and_(assigned_unit.id == Assignment.unit_id,
                                  member_unit.path.startswith(assigned_unit.path)))
        .where(role_applies(Assignment.committee_roles, members.c.committee_role))
    )
    by_name = (
        select(*kept, GroupTrainingAssignment.course_slug.label("course_slug"),
               GroupTrainingAssignment.due_date.label("due_date"))
        .select_from(members)
        .join(GroupTrainingAssignment, and_(GroupTrainingAssignment.member_id == members.c.member_id,
                                            GroupTrainingAssignment.course_slug.in_(slugs)))
    )
    every = union_all(by_unit, by_name).subquery(f"{name}_each")
    group = [every.c[column] for column in ("member_id", *keep, "course_slug")]
    return select(*group, func.min(every.c.due_date).label("due_date")).group_by(*group).cte(name)


def in_window(column, since: datetime | None, until: datetime | None) -> ColumnElement[bool]:
    conditions = [column.is_not(None)]
    if since is not None:
        conditions.append(column >= since)
    if until is not None:
        conditions.append(column < until)
    return and_(*conditions)


def pair_facts(pairs, courses: Iterable[CourseSteps], *, since: datetime | None = None,
               until: datetime | None = None, keep: tuple[str, ...] = (), name: str = "pair_facts"):
    """Per pair, the facts its status and measures come from: ``completed_at`` (the completion
    row), the latest lesson opened and done and attempt submitted (lessons and quizzes of the
    course only), the best quiz percent, and the latest attendance at one of the course's
    sessions; dated facts only inside [since, until).

    Each is an index lookup on (member_id, course or quiz). Each maximum is taken over a CASE,
    never a bare column: for ``max(completed_at)`` SQLite's planner would otherwise choose the
    (course, completed_at) index for its min/max shortcut and read every progress row of the
    course for every pair.
    """
    courses = list(courses)
    progress, attempt = aliased(LessonProgress), aliased(QuizAttempt)
    lesson_known = or_(false(), *[
        and_(pairs.c.course_slug == course.slug, progress.lesson_slug.in_(course.lessons))
        for course in courses if course.lessons])
    quiz_counts = or_(false(), *[
        and_(pairs.c.course_slug == course.slug, attempt.quiz_id.in_(course.quizzes))
        for course in courses if course.quizzes])
    of_pair = and_(progress.member_id == pairs.c.member_id,
                   progress.course_slug == pairs.c.course_slug, lesson_known)
    attempts_of_pair = and_(attempt.member_id == pairs.c.member_id, quiz_counts)

    def highest(value, where, dated_by=None):
        window = in_window(value if dated_by is None else dated_by, since, until)
        return select(func.max(case((window, value)))).where(where).scalar_subquery()

    completion = aliased(CourseCompletion)
    attended = (select(func.max(case((in_window(Attendance.recorded_at, since, until), Attendance.recorded_at))))
                .join(TrainingSession, TrainingSession.id == Attendance.session_id)
                .where(Attendance.member_id == pairs.c.member_id,
                       TrainingSession.course_slug == pairs.c.course_slug).scalar_subquery())
    return (
        select(
            *[pairs.c[column] for column in keep], pairs.c.due_date, completion.completed_at,
            highest(progress.started_at, of_pair).label("opened_at"),
            highest(progress.completed_at, of_pair).label("done_at"),
            highest(attempt.percent, attempts_of_pair, dated_by=attempt.submitted_at).label("best_percent"),
            highest(attempt.submitted_at, attempts_of_pair).label("attempted_at"),
            attended.label("attended_at"),
        )
        .select_from(pairs)
        .outerjoin(completion, and_(completion.member_id == pairs.c.member_id,
                                    completion.course_slug == pairs.c.course_slug))
    ).cte(name).prefix_with("MATERIALIZED")  # evaluate each lookup once
