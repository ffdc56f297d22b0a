"""`flask groups import-numbers FILE` and `flask groups report`: the same checks and numbers as
the pages, without a browser."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..models import Unit
from ..reports.exports import csv_bytes, text_table
from ..roster.reading import RosterFileError, read_roster
from . import bp
from .exports import standing_table
from .importing import IMPORT_MAX_ROWS, apply_import, check_import
from .queries import groups_for, standing


@bp.cli.command("import-numbers")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and list its problems; save nothing.")
@click.option("--accept-jumps", is_flag=True,
              help="Import numbers more than 5 times the month before (listed first; without this flag "
                   "a file with such numbers is not imported).")
def import_numbers(file: Path, dry_run: bool, accept_jumps: bool):
    """Import groups' monthly numbers (.xlsx or CSV UTF-8, English or Vietnamese headers): all rows
    or none. Columns: group address (or name), month (2025-11), then any of the numbers."""
    config = current_app.config
    if file.stat().st_size > config["MAX_CONTENT_LENGTH"]:
        raise click.ClickException(f"{file.name} is larger than {config['MAX_CONTENT_LENGTH'] // (1024 * 1024)} "
                                   "MB (MAX_CONTENT_LENGTH): split it into smaller files.")
    try:
        raw = read_roster(file.read_bytes(), max_rows=IMPORT_MAX_ROWS,
                          max_unzipped=config["ROSTER_MAX_UNZIPPED_BYTES"])
    except RosterFileError as exc:
        raise click.ClickException(f"{file.name}: {exc.message}") from None
    plan = check_import(db.session, raw, None)
    for problem in plan.problems:
        click.echo(f"{file.name}: row {problem.row}, column {problem.column}: {problem.message}", err=True)
    for jump in plan.jumps:
        click.echo(f"{file.name}: row {jump.row}, column {jump.column}: {jump.message}", err=True)
    if not plan.ok:
        db.session.rollback()
        raise click.ClickException(f"{len(plan.problems)} problem(s) found; nothing was imported.")
    if plan.jumps and not accept_jumps:
        db.session.rollback()
        raise click.ClickException(f"{len(plan.jumps)} number(s) to confirm: check them, then run again "
                                   "with --accept-jumps. Nothing was imported.")
    corrected = sum(1 for row in plan.rows if row.corrects)
    summary = f"{len(plan.rows)} month(s), {corrected} of them correcting months already entered"
    if dry_run:
        db.session.rollback()
        click.echo(f"Dry run: {summary}; nothing was saved.")
        return
    apply_import(db.session, plan, None, source=file.name)
    db.session.commit()
    click.echo(f"Imported {summary}.")


@bp.cli.command("report")
@click.option("--unit", "unit_code", help="Only the groups of this unit (by code) and the units below it.")
@click.option("--csv", "as_csv", is_flag=True, help="Write CSV (as the page's download) instead of a table.")
def report(unit_code: str | None, as_csv: bool):
    """The groups weakest first with their latest numbers, measures, band and admins' training:
    the same rows as the groups page and its CSV."""
    unit = None
    if unit_code:
        unit = db.session.scalar(select(Unit).where(Unit.code == unit_code))
        if unit is None:
            raise click.ClickException(f"There is no unit with the code {unit_code}.")
    table = standing_table(standing(db.session, groups_for(db.session, None, unit)), [])
    if as_csv:
        click.echo(csv_bytes(table).decode("utf-8-sig"), nl=False)
    else:
        click.echo(text_table(table), nl=False)
