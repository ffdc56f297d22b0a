"""Attendance: an officer checks herself in with the code shown in the hall (or its QR code),
the organiser ticks names or enters the signed paper sheet, and takes back a mistaken tick or
paper entry; and the calendar file.

Every attendance says how it was recorded and by whom; a second check-in, tick or sheet
entry for the same member is the same one record.
"""
from __future__ import annotations

from datetime import datetime

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from ..accounts.policy import may_organise, may_record_attendance
from ..content_store import catalogue
from ..extensions import db
from ..forms import validated
from ..learn.access import language
from ..models import AttendanceMethod, Member, TrainingSession
from ..models.privacy import Erasure
from ..progress.records import completed_courses
from . import bp, checkin
from .attendance import record_attendance, take_back_attendance
from .calendar import CalendarEntry, session_ics
from .forms import CheckInForm, PaperForm, TakeBackForm, TickForm
from .queries import (
    attendance_count,
    attendance_of,
    attendance_of_member,
    invited_members,
    is_invited,
)
from .views import course_title, module_titles, now_utc, organised_or_404, organisers

OPENS_MINUTES = int(checkin.OPENS_BEFORE.total_seconds() // 60)
REFUSALS = {
    checkin.CANCELLED: lambda: _("This session has been cancelled."),
    checkin.NOT_OPEN_YET: lambda: _(
        "Check-in has not opened yet. It opens %(minutes)d minutes before the session starts.", minutes=OPENS_MINUTES),
    checkin.CLOSED: lambda: _(
        "Check-in for this session has closed. Ask the organiser to record you from the paper sheet."),
    checkin.WRONG_CODE: lambda: _("This code is not right or has expired. Type the code shown in the hall now."),
    checkin.NOT_INVITED: lambda: _(
        "This session is only for the invited members. Ask the organiser to write your name on the paper sheet."),
    checkin.FULL: lambda: _("The hall is full: every seat is taken. Ask the organiser."),
}


def _attempt(training: TrainingSession, typed: str, via: str, now: datetime) -> tuple[str | None, bool]:
    """Check her in with the code she gave: (why it is refused, or None; whether it is new)."""
    invited = is_invited(db.session, training, current_user)
    refusal = checkin.check_in_refusal(
        starts_at=training.starts_at, ends_at=training.ends_at, cancelled=training.cancelled_at is not None,
        now=now, code_ok=checkin.code_matches(current_app.config["SECRET_KEY"], training.id, typed, now),
        invited=invited, walk_ins_allowed=training.allow_walk_ins, capacity=training.capacity,
        attending=attendance_count(db.session, training.id))
    if refusal is not None:
        return refusal, False
    method = AttendanceMethod.QR if via == "qr" else AttendanceMethod.CODE
    inserted = record_attendance(db.session, training, current_user, catalogue().course(training.course_slug),
                                 method=method.value, walk_in=not invited, recorded_by=current_user,
                                 language=language(), now=now)
    db.session.commit()
    return None, inserted


def _checked_in(training: TrainingSession, inserted: bool):
    if inserted:
        flash(_("You are checked in. Welcome, and enjoy the session!"), "success")
    else:
        flash(_("You were already checked in for this session."), "info")
    return redirect(url_for("training.check_in", session_id=training.id))


@bp.route("/<int:session_id>/check-in", methods=["GET", "POST"])
@login_required
def check_in(session_id: int):
    training = db.session.get(TrainingSession, session_id)
    if training is None:
        abort(404)
    now = now_utc()
    attended = attendance_of(db.session, training).get(current_user.id)
    invited = is_invited(db.session, training, current_user)
    if attended is None and not invited and not training.allow_walk_ins:
        # She may have scanned the poster; say why, but tell nothing about the session.
        return render_template("training/check_in.html", training=None, form=None,
                               refusal=REFUSALS[checkin.NOT_INVITED]()), 403
    code = request.args.get("code", "")
    form = CheckInForm(data={"code": checkin.normalise_code(code)[:20], "via": "qr" if code else ""})
    refusal, status = None, 200
    if attended is None and form.validate_on_submit():
        refused, inserted = _attempt(training, validated(form.code.data), validated(form.via.data), now)
        if refused is None:
            return _checked_in(training, inserted)
        refusal, status = REFUSALS[refused](), 400
    elif form.errors:
        status = 400
    return render_template("training/check_in.html", training=training, form=form, refusal=refusal,
                           attended=attended, title=course_title(training.course_slug),
                           is_open=checkin.is_open(training.starts_at, training.ends_at, now),
                           window=checkin.check_in_window(training.starts_at, training.ends_at)), status


@bp.route("/check-in", methods=["GET", "POST"])
@login_required
def check_in_any():
    """Type the code shown in the hall, whatever the session: it names one open session."""
    form = CheckInForm()
    if not form.validate_on_submit():
        return render_template("training/check_in_any.html", form=form, refusal=None), 400 if form.errors else 200
    now = now_utc()
    opens_by = now + checkin.OPENS_BEFORE
    candidates = db.session.scalars(select(TrainingSession).where(
        TrainingSession.starts_at <= opens_by, TrainingSession.ends_at >= now,
        TrainingSession.cancelled_at.is_(None)))
    secret = current_app.config["SECRET_KEY"]
    training = next((t for t in candidates if checkin.code_matches(secret, t.id, form.code.data, now)), None)
    if training is None:
        return render_template("training/check_in_any.html", form=form,
                               refusal=REFUSALS[checkin.WRONG_CODE]()), 400
    refused, inserted = _attempt(training, form.code.data, "code", now)
    if refused is not None:
        return render_template("training/check_in_any.html", form=form, refusal=REFUSALS[refused]()), 403
    return _checked_in(training, inserted)


def _may_record_now(training: TrainingSession) -> bool:
    if training.cancelled_at is not None:
        flash(_("This session has been cancelled: no attendance can be recorded."), "error")
        return False
    if not checkin.has_started_window(training.starts_at, now_utc()):
        flash(_("Attendance can be recorded from %(minutes)d minutes before the session starts.",
                minutes=OPENS_MINUTES), "error")
        return False
    return True


@bp.route("/<int:session_id>/tick", methods=["POST"])
@organisers
def tick(session_id: int):
    """The organiser taps a name on her phone: she is here."""
    training = organised_or_404(session_id)
    form = TickForm()
    if not form.validate_on_submit() or not _may_record_now(training):
        return redirect(url_for("training.show", session_id=training.id))
    member = db.session.get(Member, form.member() or 0)
    if (member is None or not is_invited(db.session, training, member)
            or not may_record_attendance(current_user, member)):
        abort(404)
    inserted = record_attendance(db.session, training, member, catalogue().course(training.course_slug),
                                 method=AttendanceMethod.TICKED.value, walk_in=False, recorded_by=current_user)
    db.session.commit()
    if inserted:
        flash(_("%(name)s is marked as present.", name=member.full_name), "success")
    else:
        flash(_("%(name)s was already marked as present.", name=member.full_name), "info")
    return redirect(url_for("training.show", session_id=training.id, _anchor=f"member-{member.id}"))


@bp.route("/<int:session_id>/attendance/<int:member_id>/take-back", methods=["GET", "POST"])
@organisers
def take_back(session_id: int, member_id: int):
    """Take back a tick or a paper entry made by mistake: this page asks first, its button
    removes the record. Who may is who may tick her; only what an organiser recorded is
    taken back however it was recorded (``attendance.take_back_attendance`` says why), but
    nothing on a cancelled session,
    which stays as it was. A completion the attendance finished stays."""
    training = organised_or_404(session_id)
    attended = attendance_of_member(db.session, training.id, member_id)
    if attended is None or not may_record_attendance(current_user, attended.member):
        abort(404)
    member = attended.member
    back = redirect(url_for("training.show", session_id=training.id, _anchor=f"member-{member.id}"))
    if training.cancelled_at is not None:
        flash(_("This session has been cancelled: its attendance can no longer be changed."), "error")
        return back
    form = TakeBackForm()
    if form.validate_on_submit():
        take_back_attendance(db.session, training, member)
        db.session.commit()
        flash(_("%(name)s is no longer marked as present.", name=member.full_name), "success")
        return back
    return render_template("training/take_back.html", training=training, attended=attended, form=form,
                           title=course_title(training.course_slug),
                           completed=training.course_slug in completed_courses(db.session, member.id))


def _walk_ins(form: PaperForm, training: TrainingSession, invited_ids: set[int]) -> list[Member] | None:
    """The walk-ins the sheet names, or None with an error on the field for each wrong name."""
    found, errors = [], []
    for username in form.usernames():
        member = db.session.scalars(select(Member).where(Member.username == username)).first()
        if member is None:
            errors.append(_("There is no member with the username “%(name)s”.", name=username))
        elif not member.active or db.session.scalar(select(Erasure.id).where(Erasure.member_id == member.id)):
            errors.append(_("“%(name)s” is switched off: attendance cannot be recorded for her.", name=username))
        elif not may_record_attendance(current_user, member):
            errors.append(_("“%(name)s” is not in your units: ask an administrator to record her.", name=username))
        elif member.id not in invited_ids:
            found.append(member)
    if errors:
        form.walk_ins.errors = errors
        return None
    return found


@bp.route("/<int:session_id>/paper", methods=["GET", "POST"])
@organisers
def paper(session_id: int):
    """After the session: tick everyone who signed the paper sheet, add walk-ins by username."""
    training = organised_or_404(session_id)
    if not _may_record_now(training):
        return redirect(url_for("training.show", session_id=training.id))
    invited = invited_members(db.session, training)
    attendance = attendance_of(db.session, training)
    waiting = [m for m in invited if m.id not in attendance]
    form = PaperForm(invited=waiting)
    if not training.allow_walk_ins:
        del form.walk_ins
    if form.validate_on_submit():
        walk_ins = _walk_ins(form, training, {m.id for m in invited}) if training.allow_walk_ins else []
        if walk_ins is not None:
            chosen = [m for m in waiting if m.id in set(validated(form.attended.data))]
            # Walk-ins named on the sheet may be invited members after all: they count as such.
            by_username = {m.username: m for m in invited}
            if training.allow_walk_ins:
                chosen += [by_username[n] for n in form.usernames()
                           if n in by_username and by_username[n] not in chosen]
            course = catalogue().course(training.course_slug)
            added = sum(record_attendance(db.session, training, m, course, method=AttendanceMethod.PAPER.value,
                                          walk_in=False, recorded_by=current_user) for m in chosen)
            added += sum(record_attendance(db.session, training, m, course, method=AttendanceMethod.PAPER.value,
                                           walk_in=True, recorded_by=current_user) for m in walk_ins)
            db.session.commit()
            flash(ngettext("The sheet is saved: %(num)d attendance recorded.",
                           "The sheet is saved: %(num)d attendances recorded.", added), "success")
            return redirect(url_for("training.show", session_id=training.id))
    return render_template("training/paper.html", training=training, form=form, waiting=waiting,
                           title=course_title(training.course_slug), already=len(attendance)), \
        (400 if form.errors else 200)


@bp.route("/<int:session_id>/calendar.ics")
@login_required
def calendar(session_id: int):
    """The session for her phone's calendar: for invited members and the organisers."""
    training = db.session.get(TrainingSession, session_id)
    if training is None or not (is_invited(db.session, training, current_user)
                                or may_organise(current_user, [i.unit for i in training.invitations])):
        abort(404)
    public = current_app.config["PUBLIC_URL"].rstrip("/")
    lines = [", ".join(module_titles(training)), training.note or "",
             _("Check in on your phone at the session: %(url)s",
               url=public + url_for("training.check_in", session_id=training.id))]
    if training.trainer is not None:
        lines.insert(0, _("Trainer: %(name)s", name=training.trainer.full_name))
    entry = CalendarEntry(
        uid=f"training-session-{training.id}@{public.split('://', 1)[-1]}",
        title=course_title(training.course_slug), starts_at=training.starts_at, ends_at=training.ends_at,
        place=training.place, description="\n".join(line for line in lines if line),
        url=public + url_for("training.check_in", session_id=training.id),
        stamp=training.created_at, cancelled=training.cancelled_at is not None)
    response = current_app.response_class(session_ics(entry), mimetype="text/calendar")
    response.headers["Content-Disposition"] = f'attachment; filename="session-{training.id}.ics"'
    return response
