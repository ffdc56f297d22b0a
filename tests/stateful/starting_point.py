"""The union every example starts from, in the model and in the database.

A province with two former districts kept as a planning level and three communes; the
member who learns (``lan``, a chair) and a colleague who never opens anything (``mai``, a
committee member) in two communes of one district; the coordinator at the province (she
learns nothing either), who has assigned the course to that district (``FIRST_ASSIGNMENT``).
The course has two required lessons, an optional one and a quiz.
"""
from __future__ import annotations

import copy
from datetime import date

from conftest import TEST_HASH, TEST_PASSWORD

from app.accounts.passwords import hash_password
from app.extensions import db as database
from app.models import Member
from app.models import Unit as UnitRow
from app.models.units import finish_path
from app.units.levels import level_for

from .model import Content, Lesson, Module, Person, Unit, World

COORDINATOR = "coord"
LEARNER = "lan"
COLLEAGUE = "mai"

UNITS = [
    Unit("SM", "Tỉnh Mẫu", "province", None),
    Unit("SM-DA", "Huyện An (cũ)", "district", "SM"),
    Unit("SM-DB", "Huyện Bình (cũ)", "district", "SM"),
    Unit("SM-A1", "Xã An Một", "commune", "SM-DA"),
    Unit("SM-A2", "Xã An Hai", "commune", "SM-DA"),
    Unit("SM-B1", "Xã Bình Một", "commune", "SM-DB"),
]
PEOPLE = [
    Person(COORDINATOR, "Trần Thị Điều Phối", "standing_member", "SM", "coordinator"),
    Person(LEARNER, "Phạm Thị Lan", "chair", "SM-A1"),
    Person(COLLEAGUE, "Lê Thị Mai", "committee_member", "SM-A2"),
]


#: (unit, committee roles, due in days) of the assignment every example starts with.
FIRST_ASSIGNMENT = ("SM-DA", (), 3)


def first_content() -> Content:
    return Content(
        modules=[
            Module("start", [Lesson("hello"), Lesson("extra", required=False)]),
            Module("posting", [Lesson("plan")]),
        ],
        course_quizzes=["check"],
    )


def new_world(today: date) -> World:
    units = [copy.copy(unit) for unit in UNITS]  # the examples change them
    people = [copy.copy(person) for person in PEOPLE]
    return World(first_content(), units, people, today)


def populate(app, world: World) -> dict[str, int]:
    """Write the world's units and people; returns member ids by username."""
    with app.app_context():
        session = database.session
        rows: dict[str, UnitRow] = {}
        for unit in world.units.values():  # parents come first in UNITS
            row = UnitRow(code=unit.code, name=unit.name, level=level_for(session, unit.level))
            session.add(row)
            row.place_under(rows[unit.parent] if unit.parent else None)
            finish_path(session, row)
            rows[unit.code] = row
        password = hash_password(TEST_PASSWORD, TEST_HASH)
        members = [Member(username=p.username, full_name=p.full_name, role=p.platform_role,
                           unit_id=rows[p.unit].id, committee_role=p.committee_role, language="en",
                           password_hash=password, active=True) for p in world.people.values()]
        session.add_all(members)
        session.commit()
        ids = {member.username: member.id for member in members}
        database.scoped.remove()
    return ids
