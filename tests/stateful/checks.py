"""After every step: what the site shows against what the model expects.

The coordinator's side is read first (kept counts, roster, reports), then hers: a completion
that appeared only once she opened her own page would leave the report behind until then.
"""
from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.models import UnitCourseCount, UnitMemberCount
from app.models.counts import NO_DUE_DATE

from . import pages
from .driver import step_url
from .model import COURSE, Expected, World
from .starting_point import LEARNER


def _say(what: str, seen, expected) -> str:
    return f"{what}: the site shows {seen!r}, the model expects {expected!r}"


def expected_counts(world: World, usernames: list[str]) -> pages.Counts:
    """A report row for these members: assigned pairs by status and the mean best score."""
    tally = {"not_started": 0, "in_progress": 0, "completed": 0, "overdue": 0}
    scores = []
    for username in usernames:
        expected = world.expected(username)
        if expected.status is not None:
            tally[expected.status] += 1
            if expected.best_score is not None:
                scores.append(expected.best_score)
    return pages.Counts(members=len(usernames), assigned=sum(tally.values()), **tally,
                        average_score=sum(scores) / len(scores) if scores else None)


def check_roster(machine) -> None:
    """Her unit's committee roster: a course column when the course is assigned over the
    unit (above, on or below it), and each member's status or "not assigned"."""
    world, unit = machine.world, machine.world.people[LEARNER].unit
    shown = pages.roster(machine.coordinator.get(f"/reports/units/{unit}/roster").data)
    below = {code for code in world.units if unit in world.ancestry(code)}
    around = set(world.ancestry(unit)) | below
    if not any(assignment.unit in around for assignment in world.assignments):
        assert shown is None, _say(f"roster of {unit}: a course column", shown, None)
        return
    expected = {machine.ids[name]: world.expected(name).status for name in world.members_of(unit)}
    assert shown == expected, _say(f"roster of {unit} (member id: status)", shown, expected)


def check_reports(machine) -> None:
    """The completion report of her unit by member, and of her district by commune."""
    world = machine.world
    unit = world.people[LEARNER].unit
    page = machine.coordinator.get(f"/reports/?unit={unit}&by=member").data
    rows, total = pages.report(page, by_member=True)
    members = world.members_of(unit)
    expected = {world.people[name].full_name: expected_counts(world, [name]) for name in members}
    assert rows == expected, _say(f"report of {unit} by member", rows, expected)
    assert total == expected_counts(world, members), _say(
        f"total of {unit}", total, expected_counts(world, members))

    district = world.units[unit].parent
    page = machine.coordinator.get(f"/reports/?unit={district}&by=commune").data
    rows, total = pages.report(page, by_member=False)
    communes = [code for code, u in world.units.items() if u.active and u.parent == district]
    expected = {world.units[c].name: expected_counts(world, world.members_of(c)) for c in communes}
    assert rows == expected, _say(f"report of {district} by commune", rows, expected)
    assert total == expected_counts(world, world.members_of(district)), _say(
        f"total of {district}", total, expected_counts(world, world.members_of(district)))


def expected_kept_counts(world: World) -> tuple[dict, dict]:
    """The kept counts as the model sees them: per (unit, committee role, earliest due date)
    of a unit's own members, (assigned, completed, started and not completed, scored, sum of
    best scores); and members per (unit, committee role)."""
    courses: dict[tuple, list] = {}
    members: dict[tuple, int] = {}
    for username, person in world.people.items():
        key = (person.unit, person.committee_role)
        members[key] = members.get(key, 0) + 1
        expected = world.expected(username)
        if expected.status is None:
            continue
        dues = [a.due for a in world.assignments_of(username) if a.due is not None]
        row = courses.setdefault((*key, min(dues) if dues else NO_DUE_DATE), [0, 0, 0, 0, 0.0])
        row[0] += 1
        row[1] += expected.complete
        row[2] += expected.started and not expected.complete
        row[3] += expected.best_score is not None
        row[4] += expected.best_score or 0.0
    return {key: tuple(value) for key, value in courses.items()}, members


_KEPT = select(UnitCourseCount.unit_id, UnitCourseCount.committee_role, UnitCourseCount.due_date,
               UnitCourseCount.assigned, UnitCourseCount.completed, UnitCourseCount.started,
               UnitCourseCount.scored, UnitCourseCount.score_sum) \
    .where(UnitCourseCount.course_slug == COURSE)
_KEPT_MEMBERS = select(UnitMemberCount.unit_id, UnitMemberCount.committee_role,
                       UnitMemberCount.members)


def check_kept_counts(machine) -> None:
    """The per-unit counts the report reads, against the model; then `flask report verify`."""
    codes = {id_: code for code, id_ in machine.unit_ids.items()}
    with machine.site.app.app_context():
        courses = {(codes[unit], role, due): (assigned, completed, started, scored, float(total))
                   for unit, role, due, assigned, completed, started, scored, total
                   in db.session.execute(_KEPT) if assigned or completed or started or scored}
        members = {(codes[unit], role): number
                   for unit, role, number in db.session.execute(_KEPT_MEMBERS) if number}
        db.scoped.remove()
    expected_courses, expected_members = expected_kept_counts(machine.world)
    assert courses == expected_courses, _say(
        "kept counts (unit, role, due: assigned, completed, started, scored, score sum)",
        courses, expected_courses)
    assert members == expected_members, _say("kept member counts", members, expected_members)
    verified = machine.coordinator.runner.invoke(args=["report", "verify"])
    # One line saying all agree: no difference, and no course left uncounted after a publish.
    assert verified.exit_code == 0 and len(verified.output.splitlines()) == 1, (
        f"flask report verify: {verified.output}")


def check_my_learning(machine, expected: Expected) -> None:
    """Her card on My learning, her certificate and its public check page, her attempts."""
    card = pages.my_learning(machine.her.get("/me").data)
    status = expected.status or ("completed" if expected.complete else "none")
    assert card.status == status, _say("My learning: status", card.status, status)
    assert card.percent == expected.percent, _say("My learning: percent done", card.percent,
                                                  expected.percent)
    assert bool(card.certificate) == expected.certificate, _say(
        "My learning: a certificate", card.certificate, expected.certificate)
    if card.certificate:  # valid, hers, and issued by her unit as it was named that day
        machine.certificate = machine.certificate or card.certificate
        assert card.certificate == machine.certificate, "her certificate changed; a completion stands"
        check = machine.coordinator.get(f"/certificates/{card.certificate}").data
        shown = pages.certificate_check(check)
        wanted = (True, machine.world.people[LEARNER].full_name, machine.learner.certificate_unit)
        assert shown == wanted, _say("certificate check (valid, holder, issued by)", shown, wanted)
    button = None
    if not expected.complete or expected.new_material:
        button = (step_url(expected.next_step), "Continue" if expected.started else "Start")
    seen = (card.continue_href, card.continue_label) if card.continue_href else None
    assert seen == button, _say("My learning: the Continue button", seen, button)
    results = machine.learner.results[-20:]
    assert (card.attempts, card.passes) == (len(results), sum(results)), _say(
        "My learning: quiz attempts (all, passed)", (card.attempts, card.passes),
        (len(results), sum(results)))


def check_course_page(machine, expected: Expected) -> None:
    world, learner = machine.world, machine.learner
    page = pages.course_page(machine.her.get(f"/courses/{COURSE}/").data)
    lessons = [lesson.slug for lesson in world.content.lessons()]
    label = None
    if expected.next_step is not None:
        label = ("Take the quiz" if expected.next_step[0] == "quiz" and expected.started
                 else "Continue" if expected.started else "Start the course")
    wanted = pages.CoursePage(
        percent=expected.percent,
        lessons_read=(expected.lessons_done, expected.lessons_total),
        quizzes_passed=((expected.quizzes_passed, expected.quizzes_total) if expected.quizzes_total
                        else None),
        finished=expected.complete, certificate=expected.certificate,
        new_material=expected.new_material,
        done_lessons=frozenset(set(lessons) & learner.done), listed_lessons=tuple(lessons),
        button_href=step_url(expected.next_step) if expected.next_step else None,
        button_label=label,
    )
    assert page == wanted, _say("course page", page, wanted)


def check_everything(machine) -> None:
    check_kept_counts(machine)
    check_roster(machine)
    check_reports(machine)
    expected = machine.world.expected(LEARNER)
    check_my_learning(machine, expected)
    check_course_page(machine, expected)
