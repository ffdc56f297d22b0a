"""Demo data: the province of Ben Tre, its districts and communes, and about 60 members."""
from __future__ import annotations

import random
import secrets
import unicodedata
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from .accounts.passwords import hash_password
from .models import Assignment, LessonProgress, Member, QuizAttempt, Unit
from .models.units import finish_path
from .progress.records import complete_if_done

DEMO_PASSWORD = "bentre-demo-2026"

#: District code, name, how many members (uneven on purpose), communes (code suffix, name).
DISTRICTS = [
    ("BT-TP", "Thành phố Bến Tre", 9, [("PHUKHUONG", "Phường Phú Khương"), ("ANHOI", "Phường An Hội"),
                                       ("MYTHANHAN", "Xã Mỹ Thạnh An"), ("PHUHUNG", "Xã Phú Hưng")]),
    ("BT-BATRI", "Huyện Ba Tri", 12, [("TT", "Thị trấn Ba Tri"), ("ANTHUY", "Xã An Thủy"),
                                     ("BAOTHANH", "Xã Bảo Thạnh"), ("TANXUAN", "Xã Tân Xuân")]),
    ("BT-MCB", "Huyện Mỏ Cày Bắc", 4, [("PHUOCMYTRUNG", "Xã Phước Mỹ Trung"), ("THANHTAN", "Xã Thanh Tân"),
                                      ("TANTHANHBINH", "Xã Tân Thành Bình")]),
    ("BT-MCN", "Huyện Mỏ Cày Nam", 8, [("TT", "Thị trấn Mỏ Cày"), ("ANTHANH", "Xã An Thạnh"),
                                      ("DAPHUOCHOI", "Xã Đa Phước Hội")]),
    ("BT-CT", "Huyện Châu Thành", 6, [("TT", "Thị trấn Châu Thành"), ("TANTHACH", "Xã Tân Thạch"),
                                     ("PHUTUC", "Xã Phú Túc")]),
    ("BT-CL", "Huyện Chợ Lách", 5, [("TT", "Thị trấn Chợ Lách"), ("VINHTHANH", "Xã Vĩnh Thành"),
                                   ("SONDINH", "Xã Sơn Định")]),
    ("BT-GT", "Huyện Giồng Trôm", 7, [("TT", "Thị trấn Giồng Trôm"), ("LUONGHOA", "Xã Lương Hòa"),
                                     ("CHAUHOA", "Xã Châu Hòa")]),
    ("BT-BD", "Huyện Bình Đại", 5, [("TT", "Thị trấn Bình Đại"), ("THUADUC", "Xã Thừa Đức"),
                                   ("THOILAI", "Xã Thới Lai")]),
    ("BT-TPH", "Huyện Thạnh Phú", 3, [("TT", "Thị trấn Thạnh Phú"), ("GIAOTHANH", "Xã Giao Thạnh"),
                                     ("THANHPHONG", "Xã Thạnh Phong")]),
]

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
            "Dương", "Lý", "Trương", "Đoàn"]
MIDDLE = ["Thị", "Thị", "Thị", "Ngọc", "Thanh", "Kim", "Thị Thu", "Thị Mỹ"]
GIVEN = ["Lan", "Hoa", "Mai", "Hương", "Thảo", "Ngọc", "Hạnh", "Loan", "Thủy", "Trang", "Nhung",
         "Phượng", "Yến", "Diễm", "Tuyết", "Hồng", "Bích", "Xuân", "Thu", "Oanh", "Vân", "Liên",
         "Nga", "Dung", "Hằng", "Trinh", "Tâm", "Cúc", "Huệ", "Phương"]
COMMITTEE_ORDER = ["chair", "vice_chair", "standing_member", "committee_member", "committee_member"]

#: username, full name, platform role, unit code, committee role
DEMO_ACCOUNTS = [
    ("admin", "Nguyễn Thị Thanh Hà", "admin", "BT", "standing_member"),
    ("coordinator", "Trần Thị Kim Phượng", "coordinator", "BT-BATRI", "vice_chair"),
    ("trainer", "Lê Thị Ngọc Diễm", "trainer", "BT", "committee_member"),
    ("officer", "Phạm Thị Hồng Nhung", "officer", "BT-BATRI-ANTHUY", "chair"),
]


def ascii_fold(text: str) -> str:
    """``Nguyễn Thị Đào`` -> ``Nguyen Thi Dao``."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")


def _unit(session: Session, code: str, name: str, kind: str, parent: Unit | None) -> Unit:
    unit = session.scalars(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        unit = Unit(code=code, name=name, kind=kind)
        session.add(unit)
        unit.place_under(parent)
        finish_path(session, unit)
    return unit


def seed_demo(session: Session, *, password_method: str = "scrypt") -> list[tuple[str, str]]:
    """Create (or complete) the demo data; returns the demo accounts as (username, role)."""
    rng = random.Random(2026)
    province = _unit(session, "BT", "Tỉnh Bến Tre", "province", None)
    communes: dict[str, list[Unit]] = {}
    for code, name, _count, commune_list in DISTRICTS:
        district = _unit(session, code, name, "district", province)
        communes[code] = [_unit(session, f"{code}-{suffix}", cname, "commune", district)
                          for suffix, cname in commune_list]
    taken = set(session.scalars(select(Member.username)))
    seeded_before = DEMO_ACCOUNTS[-1][0] in taken  # running twice adds no second crowd
    demo_hash = hash_password(DEMO_PASSWORD, password_method)
    for username, full_name, role, unit_code, committee in DEMO_ACCOUNTS:
        if username not in taken:
            unit = session.scalars(select(Unit).where(Unit.code == unit_code)).one()
            session.add(Member(username=username, full_name=full_name, role=role, unit=unit,
                               committee_role=committee, password_hash=demo_hash, language=None))
            taken.add(username)
    for code, _name, count, _communes in DISTRICTS:
        if seeded_before:
            break
        units = communes[code]
        for i in range(count):
            unit = units[i % len(units)]
            full_name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            base = ".".join(ascii_fold(full_name).lower().split()[::-1][:2])
            username = base
            n = 2
            while username in taken:
                username, n = f"{base}{n}", n + 1
            taken.add(username)
            session.add(Member(
                username=username, full_name=full_name, unit=unit, role="officer",
                committee_role=COMMITTEE_ORDER[(i // len(units)) % len(COMMITTEE_ORDER)],
                phone=f"09{rng.randrange(10_000_000, 99_999_999)}", language="vi",
            ))
    session.flush()
    return [(u, r) for u, _n, r, _c, _cr in DEMO_ACCOUNTS]


def seed_demo_learning(session: Session, course, quiz_ids, *, today: date) -> None:
    """Assign ``course`` to the whole province and give the demo officers uneven progress,
    so the reports and "My learning" have something to show. Runs once."""
    province = session.scalars(select(Unit).where(Unit.code == "BT")).one()
    if session.scalars(select(Assignment).where(Assignment.course_slug == course.slug)).first():
        return
    session.add(Assignment(course_slug=course.slug, unit_id=province.id, due_date=today + timedelta(days=30)))
    rng = random.Random(2026)
    lessons = [lesson for lesson in course.lessons if lesson.required]
    now = datetime.now(timezone.utc)
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
