"""`flask users import FILE`: the roster import without a browser, same checks and limits.

Importing this module attaches the command to the existing ``users`` group.
"""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from ..accounts.cli import users
from ..extensions import db
from ..reports.exports import Table, csv_bytes
from .applying import apply_roster
from .checking import check_roster
from .reading import RosterFileError, read_roster

#: Below this many rows a progress bar would only flicker.
PROGRESS_FROM = 500


@users.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and list its problems; save nothing.")
@click.option("--allow-role-changes", is_flag=True,
              help="Also make the changes of platform role, and moves to a unit above the member's, "
                   "that the file asks for (they are listed first; without this flag nothing is imported).")
@click.option("--codes", "codes_file", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the new members' sign-in codes to this CSV file instead of the screen.")
def import_roster(file: Path, dry_run: bool, allow_role_changes: bool, codes_file: Path | None):
    """Import members from a roster (.xlsx or CSV UTF-8): all rows or none.

    Columns: username, full_name, unit_code (required); committee_role, phone, external_id,
    platform_role, language (optional). Members already known (by external id, else by
    username) are updated; new members get one-time sign-in codes.
    """
    config = current_app.config
    if file.stat().st_size > config["MAX_CONTENT_LENGTH"]:
        raise click.ClickException(
            f"{file.name} is larger than {config['MAX_CONTENT_LENGTH'] // (1024 * 1024)} MB "
            "(MAX_CONTENT_LENGTH): split it into smaller files.")
    try:
        roster = read_roster(file.read_bytes(), max_rows=config["ROSTER_MAX_ROWS"],
                             max_unzipped=config["ROSTER_MAX_UNZIPPED_BYTES"])
    except RosterFileError as exc:
        raise click.ClickException(f"{file.name}: {exc.message}") from None
    show = len(roster.rows) >= PROGRESS_FROM
    with click.progressbar(length=len(roster.rows), label="Checking", hidden=not show) as bar:
        plan = check_roster(db.session, roster, progress=bar.update)
    for problem in plan.problems:
        click.echo(f"{file.name}: row {problem.row}, column {problem.letter} ({problem.column}): "
                   f"{problem.message}", err=True)
    if plan.ignored_columns:
        click.echo("Ignored columns: " + ", ".join(plan.ignored_columns), err=True)
    summary = (f"{len(plan.new)} new, {len(plan.updates)} to update, "
               f"{plan.unchanged} already up to date")
    if not plan.ok:
        db.session.rollback()
        raise click.ClickException(f"{len(plan.problems)} problem(s) found; nothing was imported.")
    _list_changes(plan)
    if dry_run:
        click.echo(f"Dry run: {summary}. Nothing was saved.")
        return
    if plan.sensitive and not allow_role_changes:
        db.session.rollback()
        raise click.ClickException(
            f"{len(plan.sensitive)} member(s) would get another platform role or move to a unit above "
            "theirs (listed first above). Check them, then run again with --allow-role-changes; "
            "nothing was imported.")
    with click.progressbar(length=len(plan.new) + len(plan.updates), label="Importing",
                           hidden=not show) as bar:
        issued = apply_roster(db.session, plan, code_hours=config["SIGN_IN_CODE_HOURS"], source=file.name,
                              allow_sensitive=allow_role_changes, progress=bar.update)
    db.session.commit()
    click.echo(f"Imported: {summary.replace('to update', 'updated')}.")
    if not issued:
        return
    table = Table(["unit", "full_name", "username", "sign_in_code"],
                  [[c.unit_name, c.full_name, c.username, c.code] for c in issued], [])
    hours = config["SIGN_IN_CODE_HOURS"]
    if codes_file:
        codes_file.write_bytes(csv_bytes(table))
        codes_file.chmod(0o600)
        click.echo(f"{len(issued)} sign-in codes (valid {hours} hours, once) written to {codes_file}.")
    else:
        click.echo(f"One-time sign-in codes (valid {hours} hours, once):")
        for code in issued:
            click.echo(f"  {code.username:<24} {code.code}  {code.full_name} ({code.unit_name})")


def _list_changes(plan) -> None:
    """Every change to a known member, field by field; role changes and moves up first."""
    for change in plan.changes:
        mark = "NEEDS --allow-role-changes: " if change.sensitive else ""
        fields = "; ".join(f"{column}: {old or '-'} -> {new or '-'}" for column, old, new in change.fields)
        click.echo(f"{mark}row {change.row}, {change.username}: {fields}")
