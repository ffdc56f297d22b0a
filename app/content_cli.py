"""`flask content check` and `flask quizzes import-gift|export-gift`."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

content = AppGroup("content", help="Check the courses and quizzes that trainers write.")
quizzes = AppGroup("quizzes", help="Convert quizzes between our Markdown format and Moodle GIFT.")


def _checked_catalogue(courses_dir: Path, quizzes_dir: Path):
    """The catalogue with every page rendered once, as a server loads it."""
    from .content import load_catalogue
    from .content.render_checks import check_rendering

    return check_rendering(load_catalogue(courses_dir, quizzes_dir))


@content.command("check")
@click.option("--strict", is_flag=True, help="Treat warnings as errors too.")
def check(strict: bool):
    """Print every problem in courses/ and quizzes/ as path:line: message.

    Every page is also rendered once, as the server does: one that cannot be rendered, or
    takes too long, is an error. Exits with status 1 when there is an error (or, with
    --strict, a warning).
    """
    catalogue = _checked_catalogue(Path(current_app.config["COURSES_DIR"]), Path(current_app.config["QUIZZES_DIR"]))
    errors = _print_problems(catalogue)
    warnings = len(catalogue.problems) - errors
    if errors or (strict and warnings):
        raise SystemExit(1)


def _print_problems(catalogue) -> int:
    for problem in sorted(catalogue.problems, key=lambda p: (p.path, p.line)):
        click.echo(str(problem))
    errors = sum(1 for p in catalogue.problems if p.is_error)
    lessons = sum(len(course.lessons) for course in catalogue.courses)
    click.echo(f"{len(catalogue.courses)} courses, {lessons} lessons, {len(catalogue.quizzes)} quizzes: "
               f"{errors} errors, {len(catalogue.problems) - errors} warnings.")
    return errors


@content.command("publish")
@click.option("--allow-errors", is_flag=True,
              help="Publish even with errors (courses and quizzes with errors stay hidden).")
def publish(allow_errors: bool):
    """Check courses/ and quizzes/, then make them what every worker serves.

    The content is copied into the instance folder as a new revision; each worker of this
    server switches to it on its next request (a worker started later loads it too), and
    edits made afterwards are served only after the next publish. Run it on every app
    server. Nothing is published when there are errors, unless --allow-errors is given.
    """
    from .content.publication import publish as publish_revision
    from .content.render import configure_disk_cache
    from .content_store import published_dir

    config = current_app.config
    courses_dir, quizzes_dir = Path(config["COURSES_DIR"]), Path(config["QUIZZES_DIR"])
    errors = _print_problems(_checked_catalogue(courses_dir, quizzes_dir))
    if errors and not allow_errors:
        raise click.ClickException(f"{errors} error(s): nothing was published. Fix them, or publish "
                                   "with --allow-errors (what has errors stays hidden).")
    revision, changed = publish_revision(courses_dir, quizzes_dir, published_dir(current_app))
    store = current_app.extensions["catalogue"]
    configure_disk_cache(store.cache_dir)
    _checked_catalogue(revision.courses_dir, revision.quizzes_dir)  # warm the cache the workers read
    if changed:
        click.echo(f"Published revision {revision.id}: every worker serves it from its next request.")
    else:
        click.echo(f"Revision {revision.id} is already published; nothing changed.")
    _count_for_published_steps()


def _count_for_published_steps() -> None:
    """Completions the new steps have made due are stored, and courses whose steps changed are
    counted again, so every report and every page agrees from the next request on."""
    from flask import g

    from .extensions import db
    from .progress.counts import bring_up_to_date

    g.pop("catalogue", None)  # the published revision, not the one this command started with
    stored, counted = bring_up_to_date(db.session)
    db.session.commit()
    if counted:
        click.echo(f"Counted again for their new steps: {', '.join(counted)}; "
                   f"{stored} completion(s) stored that the new steps have made due.")


@quizzes.command("import-gift")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the Markdown quiz (default: print it).")
@click.option("--title", help="Quiz title (default: the file name).")
def import_gift(file: Path, out: Path | None, title: str | None):
    """Convert a Moodle GIFT file into our Markdown quiz format."""
    from .content.quiz_markdown_write import write_quiz_markdown
    from .content.quizzes import quiz_from_gift

    quiz, problems = quiz_from_gift(file.read_bytes(), str(file), quiz_id=file.stem.split(".")[0],
                                    title=title)
    for problem in problems:
        click.echo(str(problem), err=True)
    if quiz is None or any(p.is_error for p in problems):
        raise click.ClickException(f"{file}: not converted, fix the errors above first.")
    text = write_quiz_markdown(quiz)
    if out is None:
        click.echo(text, nl=False)
    else:
        _write_new_file(out, text)
        click.echo(f"Wrote {len(quiz.questions)} questions to {out}.", err=True)


@quizzes.command("export-gift")
@click.argument("quiz_id")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the GIFT file (default: print it).")
def export_gift(quiz_id: str, out: Path | None):
    """Write the quiz QUIZ_ID (a file name in quizzes/ without extension) as Moodle GIFT
    (--out never overwrites a file)."""
    from .content.gift import write_gift
    from .content.quizzes import load_quizzes

    found, problems = load_quizzes(Path(current_app.config["QUIZZES_DIR"]))
    quiz = found.get(quiz_id)
    if quiz is None:
        known = ", ".join(sorted(found)) or "none"
        raise click.ClickException(f"No quiz '{quiz_id}' in quizzes/ (known: {known}).")
    if quiz.is_broken:
        for problem in quiz.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException(f"Quiz '{quiz_id}' has errors; fix them before exporting.")
    text = write_gift(quiz)
    if out is None:
        click.echo(text, nl=False)
    else:
        _write_new_file(out, text)
        click.echo(f"Wrote {len(quiz.questions)} questions to {out}.", err=True)


def _write_new_file(out: Path, text: str) -> None:
    """Write a converted quiz to the new file ``out``: whole or not at all, never over a file."""
    from .output_files import whole_new_file

    exists = click.ClickException(f"{out} already exists; choose another name or delete it first.")
    if out.exists():
        raise exists
    if not out.parent.is_dir():
        raise click.ClickException(f"The folder {out.parent} does not exist; create it first.")
    try:
        with whole_new_file(out) as partial:
            partial.write_text(text, encoding="utf-8")
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise click.ClickException(f"Could not write {out}: {exc.strerror or exc}. "
                                   "Nothing was written.") from None
