"""`flask units ...`: the unit tree from the command line (the operator is the actor).

Every command checks everything before it writes and commits once, so a refused command
leaves the database as it was.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..audit import Action, record
from ..extensions import db
from ..i18n import union_today
from ..models import UnitLevel
from .importing import UnitFileError, apply_units, check_units, read_unit_file
from .levels import ordered_levels
from .official import UnknownProvince, load_official
from .reorganise import ReorganisationError, merge_units, move_unit, preview_merge, rename_unit

units = AppGroup("units", help="The union's units: official list, imports and reorganisations.")


def _day(value: str | None) -> date:
    if not value:
        return union_today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date written YYYY-MM-DD.", param_hint="--on") from None


@units.command("levels")
def levels_command():
    """List the organisation's levels, top first."""
    for level in ordered_levels(db.session):
        click.echo(f"{level.rank:>4}  {level.code:<12} {level.name_en} / {level.name_vi} / {level.name_th}")


@units.command("add-level")
@click.argument("code")
@click.option("--rank", type=int, required=True, help="Place in the order; smaller is higher up.")
@click.option("--name-en", required=True)
@click.option("--name-vi", required=True)
@click.option("--name-th", required=True)
def add_level_command(code: str, rank: int, name_en: str, name_vi: str, name_th: str):
    """Add a level to the organisation (for example a hamlet level between branch and group)."""
    code = code.strip().lower()
    clash = db.session.scalars(select(UnitLevel).where((UnitLevel.code == code) | (UnitLevel.rank == rank))).first()
    if clash is not None:
        raise click.ClickException(f"The level {clash.code} already has this code or rank ({clash.rank}).")
    db.session.add(UnitLevel(code=code, rank=rank, name_en=name_en, name_vi=name_vi, name_th=name_th))
    db.session.commit()
    click.echo(f"Level {code} added at rank {rank}.")


@units.command("load-official")
@click.argument("province_code")
def load_official_command(province_code: str):
    """Create a province and its communes and wards from Vietnam's official list (by GSO code)."""
    try:
        result = load_official(db.session, province_code)
    except UnknownProvince:
        raise click.UsageError(f"No province or city has the official code '{province_code}'.") from None
    if result.created:
        record(db.session, None, Action.UNITS_LOAD, people=0, province=result.province.code,
               created=result.created)
    db.session.commit()
    click.echo(f"{result.province.name} ({result.province.code}): {result.communes} communes and "
               f"{result.wards} wards in the official list; {result.created} units created, "
               f"{result.unchanged} already there.")


@units.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would change; write nothing.")
def import_command(file: Path, dry_run: bool):
    """Add units from a CSV or XLSX file with the columns code, name, parent code, level."""
    try:
        plan = check_units(db.session, read_unit_file(file.read_bytes()))
    except UnitFileError as exc:
        raise click.UsageError(str(exc)) from None
    for problem in plan.problems:
        click.echo(f"{file.name}: {problem}", err=True)
    if plan.problems:
        db.session.rollback()
        raise click.ClickException(f"{len(plan.problems)} problem(s); nothing was imported.")
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: {len(plan.new)} units would be added, {len(plan.unchanged)} are already there.")
        return
    created = apply_units(db.session, plan)
    if created:
        record(db.session, None, Action.UNITS_IMPORT, people=0, file=file.name, created=len(created))
    db.session.commit()
    click.echo(f"{len(created)} units added, {len(plan.unchanged)} already there.")


@units.command("merge")
@click.argument("former", nargs=-1, required=True)
@click.option("--into", "into", required=True, help="Code of the unit that takes them in.")
@click.option("--on", "on", help="The day the merge took effect (YYYY-MM-DD); today if left out.")
@click.option("--dry-run", is_flag=True, help="Show what would move; write nothing.")
def merge_command(former: tuple[str, ...], into: str, on: str | None, dry_run: bool):
    """Merge units into another: members, their learning, assignments and certificates follow."""
    day = _day(on)
    try:
        preview = (preview_merge if dry_run else lambda s, f, i: merge_units(s, f, i, on=day, actor=None))(
            db.session, list(former), into)
    except ReorganisationError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    moved = (f"{preview.members} members ({preview.progress} lesson records, {preview.attempts} quiz attempts, "
             f"{preview.completions} completions), {preview.rows.get('assignment', 0)} assignments, "
             f"{preview.rows.get('certificate', 0)} certificates, {preview.units_below} units below")
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: would move {moved} into {preview.into.code}.")
        return
    db.session.commit()
    click.echo(f"Merged {', '.join(u.code for u in preview.former)} into {preview.into.code} on {day}: moved {moved}. "
               "The former codes keep working.")


@units.command("move")
@click.argument("code")
@click.option("--under", "parent", required=True, help="Code of the new parent unit.")
@click.option("--on", "on", help="The day the move took effect (YYYY-MM-DD); today if left out.")
def move_command(code: str, parent: str, on: str | None):
    """Put a unit, and everything below it, under another unit."""
    try:
        unit = move_unit(db.session, code, parent, on=_day(on), actor=None)
    except ReorganisationError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    assert unit.parent is not None  # it was just put under one
    click.echo(f"{unit.code} is now under {unit.parent.code}.")


@units.command("rename")
@click.argument("code")
@click.option("--name", "name", required=True, help="The new name.")
@click.option("--on", "on", help="The day the new name took effect (YYYY-MM-DD); today if left out.")
def rename_command(code: str, name: str, on: str | None):
    """Rename a unit; certificates already issued keep the old name."""
    try:
        unit = rename_unit(db.session, code, name, on=_day(on), actor=None)
    except ReorganisationError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    click.echo(f"{unit.code} is now called {unit.name}.")
