"""Vietnam's official administrative units, from the ``vietnam-provinces`` package.

The package carries the General Statistics Office's codes after the 2025 reform (two
levels: 34 provinces and cities, 3,321 communes, wards and special zones). A unit's code
is its official code (``86`` for Vĩnh Long, ``29110`` for Xã Ba Tri), so a roster or a
report link can name it the way the state does.

Loading creates what is missing and nothing else: a unit that exists (even renamed or
moved by an admin since), or whose code was merged away, is left as it is, so a second run
changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from vietnam_provinces import Province, ProvinceCode, Ward

from ..models import Unit, UnitAlias
from ..models.units import finish_path
from .levels import level_for

_PROVINCE_PREFIX = {"tỉnh": "Tỉnh", "thành phố trung ương": "Thành phố"}


class UnknownProvince(LookupError):
    """No province or city has this official code."""


@dataclass(frozen=True)
class OfficialUnit:
    code: str
    name: str
    division: str  # the official division type: tỉnh, thành phố, xã, phường, đặc khu


@dataclass
class LoadResult:
    province: Unit
    created: int = 0
    unchanged: int = 0
    communes: int = 0  # in the official list
    wards: int = 0


def official_province(code: str) -> tuple[OfficialUnit, list[OfficialUnit]]:
    """The province with this official code and its commune-level units, by name."""
    try:
        province = Province.from_code(ProvinceCode(int(code)))
    except ValueError:
        raise UnknownProvince(code) from None
    division = province.division_type.value
    prefix = _PROVINCE_PREFIX.get(division, division.capitalize())
    head = OfficialUnit(str(int(province.code)), f"{prefix} {province.name}", division)
    below = sorted((OfficialUnit(str(int(ward.code)), ward.name, ward.division_type.value)
                    for ward in Ward.iter_all() if int(ward.province_code) == int(province.code)),
                   key=lambda unit: unit.name)
    return head, below


def load_official(session: Session, province_code: str) -> LoadResult:
    """Create the province and its communes and wards that are not there yet."""
    head, below = official_province(province_code)
    known = set(session.scalars(select(Unit.code))) | set(session.scalars(select(UnitAlias.code)))
    province = session.scalars(select(Unit).where(Unit.code == head.code)).first()
    result = LoadResult(province=province)  # type: ignore[arg-type]
    if province is None:
        province = Unit(code=head.code, name=head.name, level=level_for(session, "province"))
        session.add(province)
        province.place_under(None)
        finish_path(session, province)
        result.province, result.created = province, 1
    else:
        result.unchanged = 1
    commune = level_for(session, "commune")
    for official in below:
        result.wards += official.division == "phường"
        result.communes += official.division != "phường"
        if official.code in known:
            result.unchanged += 1
            continue
        unit = Unit(code=official.code, name=official.name, level=commune)
        session.add(unit)
        unit.place_under(province)
        result.created += 1
    session.flush()
    for unit in session.scalars(select(Unit).where(Unit.parent_id == province.id, Unit.path == "")):
        unit.path = f"{province.path}{unit.id}/"
    session.flush()
    return result
