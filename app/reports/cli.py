"""`flask report completion`: the completion report on the command line, same numbers as the page.

``--unit CODE`` limits the report to that unit and the units below it, exactly like a
coordinator's view of her own unit.
"""
from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ..audit import Action, record
from ..content_store import catalogue
from ..extensions import db
from ..models import CommitteeRole, Unit
from ..progress.assignments import today_in
from ..templating import COMMITTEE_LABELS
from ..training.report_columns import report_attendance, with_attendance
from ..units.levels import UnknownLevel, find_level
from ..units.lookup import resolve_unit_code
from .completion import make_query, run_report
from .completion_query import SORT_KEYS
from .exports import csv_bytes, report_table, text_table, xlsx_bytes
from .levels import MEMBER, default_level, levels_below

report = AppGroup("report", help="Reports on the members' learning.")

ROLES = [role.value for role in CommitteeRole]


@report.command("completion")
@click.option("--by", "level_word", metavar="LEVEL",
              help="A level's code or name (province, commune, branch, ...) or 'member'; "
                   "by default the level just below the unit.")
@click.option("--course", "course_slug", help="A course's slug; all assigned courses if left out.")
@click.option("--unit", "unit_code", help="Only this unit and the units below it (its code).")
@click.option("--role", "committee_role", type=click.Choice(ROLES), help="Only this committee role.")
@click.option("--from", "since", type=click.DateTime(["%Y-%m-%d"]), help="Learning done on or after this day.")
@click.option("--to", "until", type=click.DateTime(["%Y-%m-%d"]), help="State at the end of this day.")
@click.option("--sort", type=click.Choice(SORT_KEYS), default="name", show_default=True)
@click.option("--desc", "descending", is_flag=True, help="Largest first.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "xlsx"]), default="table",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output (needed for xlsx on a terminal).")
def completion(level_word, course_slug, unit_code, committee_role, since, until, sort, descending, fmt, output):
    """Completion of assigned courses by any level of units, or by member."""
    root = _unit(unit_code) if unit_code else _single_top_unit()
    level = _level(level_word, root)
    courses = list(catalogue().visible_courses())
    titles = {c.slug: c.title for c in courses}
    if course_slug:
        courses = [c for c in courses if c.slug == course_slug]
        if not courses:
            known = ", ".join(sorted(titles)) or "none"
            raise click.UsageError(f"Unknown course '{course_slug}'. Courses: {known}.")
    if since and until and until < since:
        raise click.UsageError("--to is before --from.")
    zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    query = make_query(root=root, level=level if level == MEMBER else find_level(db.session, level), courses=courses,
                       today=today_in(zone), zone=zone,
                       committee_role=committee_role, since=since.date() if since else None,
                       until=until.date() if until else None, sort=sort, descending=descending)
    result = run_report(db.session, query, root=root)
    about = [("Report", f"Completion by {level}"),
             ("Unit", f"{root.name} ({root.code})" if root else "Whole union"),
             ("Course", titles.get(course_slug, "") if course_slug else "All assigned courses"),
             ("Committee role", committee_role or "All committee roles"),
             ("From", since.date().isoformat() if since else ""),
             ("To", until.date().isoformat() if until else "")]
    table = report_table(result, zone=zone, about=about,
                         committee_label=lambda role: str(COMMITTEE_LABELS.get(role, role)),
                         course_title=lambda slug: titles.get(slug, slug),
                         with_status=level == "member" and bool(course_slug))
    # The attendance columns of the downloads, when sessions of these courses have begun.
    table = with_attendance(table, result, report_attendance(db.session, result.query))
    if level == "member":  # names of members leave the site: the audit trail says so
        record(db.session, None, Action.EXPORT_MEMBERS, people=len(result.rows), format=fmt,
               filters={key: value for key, value in about if value})
        db.session.commit()
    if fmt == "table":
        _write(text_table(table).encode("utf-8"), output, binary=False)
    elif fmt == "csv":
        _write(csv_bytes(table), output, binary=False)
    else:
        if output is None and sys.stdout.isatty():
            raise click.UsageError("An XLSX file is not for a terminal: add --output FILE.xlsx.")
        _write(xlsx_bytes(table, title="Completion"), output, binary=True)


def _level(word: str | None, root: Unit | None) -> str:
    """The level code asked for (code or name, any language), checked against the unit."""
    if not word:
        return default_level(db.session, root)
    if word.strip().lower() == MEMBER:
        return MEMBER
    allowed = levels_below(db.session, root)
    try:
        level = find_level(db.session, word)
    except UnknownLevel:
        raise click.UsageError(f"Invalid value for '--by': unknown level '{word}'. "
                               f"Levels: {', '.join(allowed)}.") from None
    if root is not None and level.rank < root.level.rank:
        raise click.UsageError(f"--by {word} is above the unit {root.code}; choose one of {', '.join(allowed)}.")
    if level.code not in allowed:
        where = f"the unit {root.code}" if root else "the union"
        raise click.UsageError(f"--by {word}: no units of that level in {where}; choose one of {', '.join(allowed)}.")
    return level.code


def _unit(code: str) -> Unit:
    """The unit of a code; a merged unit's former code finds the unit it was merged into."""
    unit, notice = resolve_unit_code(db.session, code)
    if unit is None:
        raise click.UsageError(f"Unknown unit code '{code}'.")
    if notice:
        click.echo(notice, err=True)
    return unit


def _single_top_unit() -> Unit | None:
    tops = db.session.scalars(select(Unit).where(Unit.depth == 0).limit(2)).all()
    return tops[0] if len(tops) == 1 else None


def _write(data: bytes, output: str | None, *, binary: bool) -> None:
    if output:
        with open(output, "wb") as handle:
            handle.write(data)
        click.echo(f"Written to {output}.", err=True)
    elif binary:
        click.get_binary_stream("stdout").write(data)  # type: ignore[operator]  # click types its deprecated names as object
    else:
        click.echo(data.decode("utf-8"), nl=False)


@report.command("verify")
@click.option("--repair", is_flag=True,
              help="Count again from the records whatever differs (and count the courses not counted yet).")
def verify(repair: bool):
    """Recompute every kept count from the records (lesson progress, attempts, completions,
    attendance, assignments, members) and compare; exit with status 1 if any differs.

    The completion report reads these counts instead of every record; a course whose content
    changed since it was counted is read from the records until `flask content publish`.
    """
    from ..progress import counts
    from ..progress.count_sql import differences

    found, notes = differences(db.session, catalogue())
    for line in found + notes:
        click.echo(line)
    if repair and (found or notes):
        stored, _courses = counts.bring_up_to_date(db.session)
        counts.recount(db.session)
        db.session.commit()
        click.echo(f"Counted again from the records ({stored} completions stored that content changes had made due).")
        return
    if found:
        click.echo(f"{len(found)} count(s) differ from the records; `flask report verify --repair` counts them again.",
                   err=True)
        raise SystemExit(1)
    click.echo("Every kept count agrees with the records.")
