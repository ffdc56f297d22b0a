"""Demo data: the new Vĩnh Long province (official list, 2025), the former Bến Tre communes that
carry the pilot groups, branches under a few of them, about 70 members, and one recorded merge.

Six former districts of Bến Tre that the union still plans by (among them Ba Tri, Mỏ Cày Bắc
and the city) are kept as units of the level "district" with some of their new communes under
them; the other communes sit straight under the province, as in the official list.
"""
from __future__ import annotations

import random
import secrets
import unicodedata
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .accounts.passwords import hash_password
from .models import Assignment, LessonProgress, Member, QuizAttempt, Unit, UnitAlias
from .models.units import finish_path
from .progress.records import complete_if_done
from .units.levels import level_for
from .units.official import load_official
from .units.reorganise import merge_units

DEMO_PASSWORD = "bentre-demo-2026"
PROVINCE = "86"  # Vĩnh Long, General Statistics Office code
#: The new commune that took in the two former communes of the demo's recorded merge.
MERGED_INTO, MERGED_ON = "29110", date(2025, 7, 1)  # Xã Ba Tri

#: Former district kept as a planning level: code, name, its new communes (official codes).
DISTRICTS = [
    ("BT-TP", "Thành phố Bến Tre (cũ)", ["28777", "28756", "28789", "28783"]),
    ("BT-BATRI", "Huyện Ba Tri (cũ)", ["29110", "29125", "29137"]),
    ("BT-MCB", "Huyện Mỏ Cày Bắc (cũ)", ["28915", "28948"]),
    ("BT-CT", "Huyện Châu Thành (cũ)", ["28810", "28840"]),
    ("BT-CL", "Huyện Chợ Lách (cũ)", ["28870", "28894"]),
    ("BT-GT", "Huyện Giồng Trôm (cũ)", ["28984", "28987"]),
]
#: Former communes, merged into MERGED_INTO by the demo: code, name.
FORMER_COMMUNES = [("BT-BATRI-ANTHUY", "Xã An Thủy (cũ)"), ("BT-BATRI-TT", "Thị trấn Ba Tri (cũ)")]
#: Branches (chi hội): parent code, code suffix, name.
BRANCHES = [
    ("29110", "AT", "Chi hội ấp An Thạnh"), ("29110", "AB", "Chi hội ấp An Bình"),
    ("29110", "AH", "Chi hội ấp An Hòa"), ("28777", "KP1", "Chi hội khu phố 1"),
    ("28777", "KP2", "Chi hội khu phố 2"), ("29125", "TH", "Chi hội ấp Thạnh Hòa"),
]
#: Where the crowd of officers sits and how many (uneven on purpose).
MEMBERS_AT = [
    ("BT-BATRI-ANTHUY", 6), ("BT-BATRI-TT", 4), ("29110", 5), ("29110-AT", 4), ("29110-AB", 3),
    ("29110-AH", 1), ("29125", 5), ("29125-TH", 2), ("29137", 3), ("28777", 7), ("28777-KP1", 4),
    ("28777-KP2", 2), ("28756", 6), ("28789", 3), ("28783", 2), ("28915", 4), ("28948", 2),
    ("28810", 3), ("28840", 1), ("28870", 2), ("28894", 3), ("28984", 4), ("28987", 1),
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Trương", "Đoàn"]
MIDDLE = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Thị Thu", "Thị Mỹ"]
GIVEN = ["Lan", "Hoa", "Mai", "Hương", "Thảo", "Ngọc", "Hạnh", "Loan", "Thủy", "Trang", "Nhung",
         "Phượng", "Yến", "Diễm", "Tuyết", "Hồng", "Bích", "Xuân", "Thu", "Oanh", "Vân", "Liên",
         "Nga", "Dung", "Hằng", "Trinh", "Tâm", "Cúc", "Huệ", "Phương"]
COMMITTEE_ORDER = ["chair", "vice_chair", "standing_member", "committee_member", "committee_member"]
BRANCH_ORDER = ["branch_head", "branch_deputy", "committee_member", "none"]

#: username, full name, platform role, unit code, committee role
DEMO_ACCOUNTS = [
    ("admin", "Nguyễn Thị Thanh Hà", "admin", PROVINCE, "standing_member"),
    ("coordinator", "Trần Thị Kim Phượng", "coordinator", MERGED_INTO, "vice_chair"),
    ("trainer", "Lê Thị Ngọc Diễm", "trainer", PROVINCE, "committee_member"),
    ("officer", "Phạm Thị Hồng Nhung", "officer", "BT-BATRI-ANTHUY", "chair"),
]


def ascii_fold(text: str) -> str:
    """``Nguyễn Thị Đào`` -> ``Nguyen Thi Dao``."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


def _unit(session: Session, code: str, name: str, level: str, parent: Unit | None) -> Unit:
    unit = session.scalars(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        unit = Unit(code=code, name=name, level=level_for(session, level))
        session.add(unit)
        unit.place_under(parent)
        finish_path(session, unit)
    return unit


def _by_code(session: Session, code: str) -> Unit:
    return session.scalars(select(Unit).where(Unit.code == code)).one()


def seed_units(session: Session) -> Unit:
    """The province from the official list, the kept districts, former communes, branches."""
    province = load_official(session, PROVINCE).province
    for code, name, communes in DISTRICTS:
        district = _unit(session, code, name, "district", province)
        for commune_code in communes:
            commune = _by_code(session, commune_code)
            if commune.parent_id != district.id:
                commune.place_under(district)
                finish_path(session, commune)
    ba_tri = _by_code(session, "BT-BATRI")
    for code, name in FORMER_COMMUNES:
        if session.scalars(select(UnitAlias).where(UnitAlias.code == code)).first() is None:
            _unit(session, code, name, "commune", ba_tri)
    for parent, suffix, name in BRANCHES:
        _unit(session, f"{parent}-{suffix}", name, "branch", _by_code(session, parent))
    return province


def seed_demo(session: Session, *, password_method: str = "scrypt") -> list[tuple[str, str]]:
    """Create (or complete) the demo data; returns the demo accounts as (username, role)."""
    rng = random.Random(2026)
    seed_units(session)
    taken = set(session.scalars(select(Member.username)))
    seeded_before = DEMO_ACCOUNTS[-1][0] in taken  # running twice adds no second crowd
    demo_hash = hash_password(DEMO_PASSWORD, password_method)
    for username, full_name, role, unit_code, committee in DEMO_ACCOUNTS:
        if username not in taken:
            unit = _by_code(session, unit_code)
            session.add(Member(username=username, full_name=full_name, role=role, unit=unit,
                               committee_role=committee, password_hash=demo_hash, language=None))
            taken.add(username)
    for code, count in ([] if seeded_before else MEMBERS_AT):
        unit = _by_code(session, code)
        order = BRANCH_ORDER if unit.kind == "branch" else COMMITTEE_ORDER
        for i in range(count):
            full_name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            base = ".".join(ascii_fold(full_name).lower().split()[::-1][:2])
            username = base
            n = 2
            while username in taken:
                username, n = f"{base}{n}", n + 1
            taken.add(username)
            session.add(Member(
                username=username, full_name=full_name, unit=unit, role="officer",
                committee_role=order[min(i, len(order) - 1)],
                phone=f"09{rng.randrange(10_000_000, 99_999_999)}", language="vi",
            ))
    session.flush()
    return [(u, r) for u, _n, r, _c, _cr in DEMO_ACCOUNTS]


def seed_demo_merge(session: Session) -> None:
    """The recorded merge of the demo: two former communes into the new Xã Ba Tri, once.

    Runs after the learning and the groups are seeded, so the history shows them moving."""
    former = [code for code, _name in FORMER_COMMUNES
              if session.scalars(select(UnitAlias).where(UnitAlias.code == code)).first() is None]
    if former:
        merge_units(session, former, MERGED_INTO, on=MERGED_ON, actor=None)


def seed_demo_learning(session: Session, course, quiz_ids, *, today: date) -> None:
    """Assign ``course`` to the whole province and give the demo officers uneven progress,
    so the reports and "My learning" have something to show. Runs once."""
    province = _by_code(session, PROVINCE)
    if session.scalars(select(Assignment).where(Assignment.course_slug == course.slug)).first():
        return
    session.add(Assignment(course_slug=course.slug, unit_id=province.id, due_date=today + timedelta(days=30)))
    rng = random.Random(2026)
    lessons = [lesson for lesson in course.lessons if lesson.required]
    now = datetime.now(UTC)
    demo = {username for username, *_ in DEMO_ACCOUNTS}
    for member in session.scalars(select(Member).where(Member.role == "officer")):
        if member.username in demo:
            continue
        read = rng.choice([0, 0, 1, 2, 3, 5, 8, len(lessons)])
        for i, lesson in enumerate(lessons[:read]):
            opened = now - timedelta(days=read - i, hours=rng.randrange(12))
            session.add(LessonProgress(member_id=member.id, course_slug=course.slug, lesson_slug=lesson.slug,
                                       started_at=opened, completed_at=opened + timedelta(minutes=lesson.minutes or 5),
                                       content_hash=lesson.content_hash))
        if read == len(lessons):  # she has read everything: she also passed the quizzes
            for quiz_id in (q for q in course.required_quiz_ids if q in quiz_ids):
                session.add(QuizAttempt(member_id=member.id, quiz_id=quiz_id, number=1,
                                        token=secrets.token_urlsafe(24), plan_json="{}", started_at=now,
                                        submitted_at=now, percent=rng.choice([75.0, 87.5, 100.0]), passed=True))
            session.flush()
            complete_if_done(session, member, course)


def seed_demo_groups(session: Session, *, today: date) -> None:
    """The union's Facebook groups: the three pilot groups and a few more (see app/groups/demo.py)."""
    from .groups.demo import seed_groups

    seed_groups(session, today=today)
