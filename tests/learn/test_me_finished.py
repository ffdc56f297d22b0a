"""My learning shows every finished course, with its certificate and any new material,
and names quizzes in the reader's language."""
from __future__ import annotations

import re
from datetime import UTC, datetime

from app.models import Assignment, Certificate, CourseCompletion, QuizAttempt

COURSE = "running-facebook-groups"


def _finished(db, member, code="c" * 32):
    """Completed earlier with nothing of the current steps done: the course has new material."""
    with db() as session:
        session.add(CourseCompletion(member_id=member.id, course_slug=COURSE,
                                     completed_at=datetime.now(UTC)))
        session.add(Certificate(code=code, member_id=member.id, course_slug=COURSE, course_title="Course",
                                unit_id=member.unit_id))
        session.commit()


def _finished_section(html: str) -> str:
    start = html.index("Finished courses")
    return html[start:html.find("</main>", start)]


def test_a_finished_unassigned_course_with_new_material_stays_on_my_learning(client, db, make_member,
                                                                              login):
    member = make_member("mai")
    _finished(db, member)
    login("mai")
    html = _finished_section(client.get("/me").data.decode())
    assert 'class="card course-card status-completed"' in html
    assert 'badge badge-completed' in html and "Completed" in html
    assert f'<a class="button secondary" href="/me/certificates/{"c" * 32}">Certificate</a>' in html
    assert re.search(r'<a class="button wide" href="[^"]+">Continue</a>', html)


def test_a_finished_assigned_course_offers_its_certificate(client, db, make_member, login, province):
    member = make_member("lan")
    _finished(db, member, code="d" * 32)
    with db() as session:
        session.add(Assignment(course_slug=COURSE, unit_id=province.id))
        session.commit()
    login("lan")
    html = client.get("/me").data.decode()
    assigned = html[html.index("Courses assigned to you"):]
    assert f'<a class="button secondary" href="/me/certificates/{"d" * 32}">Certificate</a>' in assigned
    assert html.count(f'/me/certificates/{"d" * 32}"') == 1  # once, on its card


def test_quiz_attempts_are_named_in_the_readers_language(client, db, make_member, login):
    member = make_member("hoa", language="vi")
    with db() as session:
        session.add(QuizAttempt(member_id=member.id, quiz_id="fb-ready", number=1, token="t" * 32,
                                plan_json="{}", submitted_at=datetime.now(UTC), percent=80.0,
                                passed=True))
        session.commit()
    login("hoa")
    html = client.get("/me").data.decode()
    assert "Sẵn sàng bắt đầu" in html and "Ready to start" not in html
