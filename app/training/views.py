"""Organisers' pages: the list of sessions, scheduling, a session's page with its invited
members, the printable sheet, the poster for the hall, cancelling.

Who may organise which session is the policy's (``may_organise``): a session this member
may not organise does not exist for her (404), whatever its id.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..accounts.access import roles_required
from ..accounts.policy import may_invite, may_organise, may_schedule_sessions, organised_sessions
from ..admin.scope import unit_choices
from ..audit import Action, record
from ..qr import qr_svg
from ..content_store import catalogue
from ..extensions import db
from ..learn.access import language
from ..models import Member, PlatformRole, SessionInvitation, TrainingSession, Unit
from ..name_order import collation_key
from ..security import log_denied
from . import bp, checkin
from .forms import CancelForm, SessionForm
from .queries import attendance_count, attendance_of, invited_count, invited_members, upcoming_for_member

organisers = roles_required(PlatformRole.COORDINATOR, PlatformRole.TRAINER)
#: The list shows sessions that ended at most this long ago under "recent".
RECENT = timedelta(days=60)


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def organised_or_404(session_id: int) -> TrainingSession:
    """A session the signed-in member may organise; 404 for any other id."""
    training = db.session.get(TrainingSession, session_id)
    if training is None or not may_organise(current_user, [i.unit for i in training.invitations]):
        if training is not None:
            log_denied(f"training session {session_id}")
        abort(404)
    return training


def course_title(slug: str) -> str:
    course = catalogue().course(slug)
    return course.text_for(language()).title if course is not None else slug


def module_titles(training: TrainingSession) -> list[str]:
    course = catalogue().course(training.course_slug)
    lang = language()
    found = []
    for slug in training.modules:
        module = course.module(slug) if course is not None else None
        found.append(module.text_for(lang).title if module is not None else slug)
    return found


def check_in_url(training: TrainingSession, code: str) -> str:
    """The address in the poster's QR code, from PUBLIC_URL (never the request's Host)."""
    return current_app.config["PUBLIC_URL"].rstrip("/") + url_for(
        "training.check_in", session_id=training.id, code=code)


@bp.route("/")
@login_required
def index():
    now = now_utc()
    if not may_schedule_sessions(current_user):
        return render_template("training/mine.html", sessions=upcoming_for_member(db.session, current_user, now),
                               titles=_titles(), now=now)
    query = organised_sessions(current_user)
    upcoming = list(db.session.scalars(query.where(TrainingSession.ends_at >= now)
                                       .order_by(TrainingSession.starts_at, TrainingSession.id)))
    recent = list(db.session.scalars(query.where(TrainingSession.ends_at < now, TrainingSession.ends_at >= now - RECENT)
                                     .order_by(TrainingSession.starts_at.desc(), TrainingSession.id.desc())))
    return render_template("training/index.html", upcoming=upcoming, recent=recent, titles=_titles(), now=now,
                           is_open=lambda s: checkin.is_open(s.starts_at, s.ends_at, now))


def _titles() -> dict[str, str]:
    lang = language()
    return {c.slug: c.text_for(lang).title for c in catalogue().courses}


def _session_form() -> SessionForm:
    lang = language()
    courses = [(c.slug, c.text_for(lang).title) for c in catalogue().visible_courses(include_drafts=False)]
    modules = [(f"{c.slug}/{m.slug}", f"{c.text_for(lang).title} › {m.text_for(lang).title}")
               for c in catalogue().visible_courses(include_drafts=False) for m in c.modules]
    units = unit_choices(_invitable_units())
    trainers = [(m.id, f"{m.full_name} ({m.username})") for m in db.session.scalars(
        select(Member).where(Member.role == PlatformRole.TRAINER.value, Member.active.is_(True))
        .order_by(Member.full_name))]
    return SessionForm(courses=courses, modules=modules, units=units, trainers=trainers)


def _invitable_units() -> list[Unit]:
    """The units she may invite (the policy's ``may_invite``), in tree order, siblings by name."""
    units = [u for u in db.session.scalars(select(Unit).order_by(Unit.path)) if may_invite(current_user, u)]
    names = {u.id: u.name for u in units}
    return sorted(units, key=lambda u: [collation_key(names.get(int(i), "")) for i in u.path.strip("/").split("/")])


@bp.route("/new", methods=["GET", "POST"])
@organisers
def new():
    form = _session_form()
    if form.validate_on_submit():
        units = [db.session.get(Unit, unit_id) for unit_id in form.unit_ids.data]
        if not may_organise(current_user, units):  # the choices already say so; the policy decides
            abort(404)
        roles = ",".join(form.committee_roles.data) or None
        training = TrainingSession(
            course_slug=form.course.data, module_slugs=form.module_slugs(),
            starts_at=form.starts_at(), ends_at=form.ends_at(), place=form.place.data.strip(),
            trainer_id=form.trainer_id.data or None, capacity=form.capacity.data,
            allow_walk_ins=form.allow_walk_ins.data, note=(form.note.data or "").strip() or None,
            created_by_id=current_user.id,
            invitations=[SessionInvitation(unit_id=unit.id, committee_roles=roles) for unit in units])
        db.session.add(training)
        db.session.commit()
        flash(_("The session has been scheduled. Invited members see it on My learning."), "success")
        return redirect(url_for("training.show", session_id=training.id))
    return render_template("training/form.html", form=form), (400 if form.errors else 200)


@bp.route("/<int:session_id>/")
@organisers
def show(session_id: int):
    training = organised_or_404(session_id)
    now = now_utc()
    invited = invited_members(db.session, training)
    attendance = attendance_of(db.session, training)
    invited_ids = {m.id for m in invited}
    walk_ins = [a for member_id, a in attendance.items() if member_id not in invited_ids]
    can_record = checkin.has_started_window(training.starts_at, now) and training.cancelled_at is None
    return render_template(
        "training/show.html", training=training, title=course_title(training.course_slug),
        modules=module_titles(training), invited=invited, attendance=attendance, walk_ins=walk_ins,
        present=sum(1 for member_id in attendance if member_id in invited_ids),
        window=checkin.check_in_window(training.starts_at, training.ends_at),
        is_open=checkin.is_open(training.starts_at, training.ends_at, now), can_record=can_record,
        cancel=CancelForm())


@bp.route("/<int:session_id>/sheet")
@organisers
def sheet(session_id: int):
    """The A4 sign-in sheet: invited members with a signature column, blank lines for walk-ins."""
    training = organised_or_404(session_id)
    invited = invited_members(db.session, training)
    record(db.session, current_user, Action.EXPORT_MEMBERS, people=len(invited), format="print",
           training_session=training.id)
    db.session.commit()
    return render_template("training/sheet.html", training=training, title=course_title(training.course_slug),
                           modules=module_titles(training), invited=invited,
                           blank_lines=max(5, (training.capacity or 0) - len(invited)) if training.capacity else 5)


@bp.route("/<int:session_id>/poster")
@organisers
def poster(session_id: int):
    """The poster for the hall: the current code in big letters and as a QR code, refreshed
    (by the page itself, no script) when the code changes."""
    training = organised_or_404(session_id)
    now = now_utc()
    opens, closes = checkin.check_in_window(training.starts_at, training.ends_at)
    state = "cancelled" if training.cancelled_at else "open" if opens <= now <= closes else \
        "not_yet" if now < opens else "closed"
    refresh = None
    code = qr = None
    if state == "open":
        code = checkin.current_code(current_app.config["SECRET_KEY"], training.id, now)
        qr = qr_svg(check_in_url(training, code))
        refresh = checkin.seconds_to_next_code(now)
    elif state == "not_yet":
        refresh = max(1, min(int((opens - now).total_seconds()) + 1, int(checkin.CODE_SLOT.total_seconds())))
    return render_template("training/poster.html", training=training, title=course_title(training.course_slug),
                           state=state, code=code, qr=qr, refresh=refresh, opens=opens,
                           check_in_path=url_for("training.check_in_any"),
                           attending=attendance_count(db.session, training.id),
                           invited=invited_count(db.session, training))


@bp.route("/<int:session_id>/cancel", methods=["POST"])
@organisers
def cancel(session_id: int):
    training = organised_or_404(session_id)
    form = CancelForm()
    if form.validate_on_submit() and training.cancelled_at is None:
        training.cancelled_at = now_utc()
        db.session.commit()
        flash(_("The session has been cancelled. It is no longer shown to the invited members."), "success")
    return redirect(url_for("training.show", session_id=training.id))
