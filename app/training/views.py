"""Organisers' pages: the list of sessions, scheduling and changing one, a session's page
with its invited members, the printable sheet, the poster for the hall, cancelling.

Who may organise which session is the policy's (``may_organise``): a session this member
may not organise does not exist for her (404), whatever its id.
"""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..accounts.access import roles_required
from ..accounts.policy import (
    may_invite,
    may_organise,
    may_record_attendance,
    may_schedule_sessions,
    organised_sessions,
)
from ..admin.scope import unit_choices
from ..audit import Action, record
from ..content_store import catalogue
from ..extensions import db
from ..learn.access import language
from ..models import Member, PlatformRole, SessionInvitation, TrainingSession, Unit
from ..name_order import collation_key
from ..qr import qr_svg
from ..security import log_denied
from . import bp, checkin
from .forms import CancelForm, SessionForm
from .queries import (
    attendance_count,
    attendance_of,
    invited_count,
    invited_members,
    invited_members_query,
    members_invited_by,
    upcoming_for_member,
)
from .times import local

organisers = roles_required(PlatformRole.COORDINATOR, PlatformRole.TRAINER)
#: The list shows sessions that ended at most this long ago under "recent".
RECENT = timedelta(days=60)


def now_utc() -> datetime:
    return datetime.now(UTC)


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


def _session_form(training: TrainingSession | None = None, **kwargs) -> SessionForm:
    """The scheduling form; for a change to ``training`` it also offers what the session has
    now (a course since hidden, a unit or a trainer since switched off), so keeping it is
    never refused."""
    lang = language()
    offered = list(catalogue().visible_courses(include_drafts=False))
    current = catalogue().course(training.course_slug) if training is not None else None
    if current is not None and all(c.slug != current.slug for c in offered):
        offered.append(current)
    courses = [(c.slug, c.text_for(lang).title) for c in offered]
    modules = [(f"{c.slug}/{m.slug}", f"{c.text_for(lang).title} › {m.text_for(lang).title}")
               for c in offered for m in c.modules]
    invitable = _invitable_units()
    units = unit_choices(invitable)
    if training is not None:
        shown = {unit_id for unit_id, _label in units}
        units += [(u.id, f"{u.name} ({u.code})") for u in invitable if u.id in training.unit_ids and u.id not in shown]
    trainer = Member.active.is_(True) if training is None or training.trainer_id is None else \
        (Member.active.is_(True) | (Member.id == training.trainer_id))
    trainers = [(m.id, f"{m.full_name} ({m.username})") for m in db.session.scalars(
        select(Member).where(Member.role == PlatformRole.TRAINER.value, trainer).order_by(Member.full_name))]
    return SessionForm(courses=courses, modules=modules, units=units, trainers=trainers, **kwargs)


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
        units = _chosen_units(form)
        if not may_organise(current_user, units):  # the choices already say so; the policy decides
            abort(404)
        training = TrainingSession(created_by_id=current_user.id)
        _fill(training, form, units)
        db.session.add(training)
        db.session.commit()
        flash(_("The session has been scheduled. Invited members see it on My learning."), "success")
        return redirect(url_for("training.show", session_id=training.id))
    return render_template("training/form.html", form=form), (400 if form.errors else 200)


def _chosen_units(form: SessionForm) -> list[Unit]:
    """The units the form invites, each once (the form checked that they were offered)."""
    found = [db.session.get(Unit, unit_id) for unit_id in dict.fromkeys(form.unit_ids.data or [])]
    return [unit for unit in found if unit is not None]


def _fill(training: TrainingSession, form: SessionForm, units: list[Unit]) -> None:
    """Write the form's answers into ``training`` (its invitations only when they changed)."""
    training.course_slug = form.course.data
    training.module_slugs = form.module_slugs()
    training.starts_at, training.ends_at = form.starts_at(), form.ends_at()
    training.place = (form.place.data or "").strip()
    training.trainer_id = form.trainer_id.data or None
    training.capacity = form.capacity.data
    training.allow_walk_ins = form.allow_walk_ins.data
    training.note = (form.note.data or "").strip() or None
    roles = ",".join(form.committee_roles.data or []) or None
    wanted = [(unit.id, roles) for unit in units]
    if [(i.unit_id, i.committee_roles) for i in training.invitations] != wanted:
        training.invitations = [SessionInvitation(unit_id=unit_id, committee_roles=roles) for unit_id, roles in wanted]


def _answers(training: TrainingSession) -> dict:
    """The session as the form shows it: local day and times, ``course/module`` values."""
    zone = current_app.config["BABEL_DEFAULT_TIMEZONE"]
    starts, ends = local(training.starts_at, zone), local(training.ends_at, zone)
    return {"course": training.course_slug, "modules": [f"{training.course_slug}/{m}" for m in training.modules],
            "day": starts.date(), "starts": starts.time(), "ends": ends.time(), "place": training.place,
            "trainer_id": training.trainer_id or 0, "unit_ids": training.unit_ids,
            "committee_roles": training.roles, "capacity": training.capacity,
            "allow_walk_ins": training.allow_walk_ins, "note": training.note or ""}


@bp.route("/<int:session_id>/edit", methods=["GET", "POST"])
@organisers
def edit(session_id: int):
    """Change a session: the scheduling form, filled in. Attendance already recorded stays
    (another day, time or place keeps it), so the form refuses what would contradict it
    (``SessionForm``). Who may is who may cancel it (``may_organise``); a cancelled session
    stays as it was."""
    training = organised_or_404(session_id)
    if training.cancelled_at is not None:
        flash(_("This session has been cancelled: it can no longer be changed."), "error")
        return redirect(url_for("training.show", session_id=training.id))
    attendance = attendance_of(db.session, training)
    form = _session_form(training, data=_answers(training), recorded=len(attendance),
                         begun=training.starts_at <= now_utc(),
                         no_longer_invited=lambda unit_ids, roles: _left_out(training, attendance, unit_ids, roles))
    form.submit.label.text = _("Save the changes")
    if form.validate_on_submit():
        units = _chosen_units(form)
        if not may_organise(current_user, units):  # the choices already say so; the policy decides
            abort(404)
        _fill(training, form, units)
        db.session.commit()
        flash(_("The session has been changed. Invited members see the new details on My learning."), "success")
        return redirect(url_for("training.show", session_id=training.id))
    return render_template("training/form.html", form=form, training=training, recorded=len(attendance)), \
        (400 if form.errors else 200)


def _left_out(training: TrainingSession, attendance: dict, unit_ids: list[int], roles: list[str]) -> list[str]:
    """Names of the members recorded as present (walk-ins aside), invited now, whom an
    invitation of ``unit_ids`` and ``roles`` would no longer invite."""
    present = [member_id for member_id, a in attendance.items() if not a.walk_in]
    if not present:
        return []
    paths = list(db.session.scalars(select(Unit.path).where(Unit.id.in_(unit_ids or [0]))))
    ids = invited_members_query(training).where(Member.id.in_(present)).with_only_columns(Member.id)
    still = members_invited_by(paths, roles).where(Member.id.in_(present)).with_only_columns(Member.id)
    gone = set(db.session.scalars(ids)) - set(db.session.scalars(still))
    return [attendance[member_id].member.full_name for member_id in present if member_id in gone]


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
    # Invited members are in her units (she organises the session); a walk-in may not be.
    removable = {member_id for member_id, a in attendance.items() if training.cancelled_at is None
                 and (member_id in invited_ids or may_record_attendance(current_user, a.member))}
    return render_template(
        "training/show.html", training=training, title=course_title(training.course_slug),
        modules=module_titles(training), invited=invited, attendance=attendance, walk_ins=walk_ins,
        present=sum(1 for member_id in attendance if member_id in invited_ids),
        window=checkin.check_in_window(training.starts_at, training.ends_at),
        is_open=checkin.is_open(training.starts_at, training.ends_at, now), can_record=can_record,
        removable=removable, cancel=CancelForm())


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
