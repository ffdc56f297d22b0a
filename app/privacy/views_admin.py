"""The request log for admins: overdue first, each step one small form, an inspector's CSV."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.access import roles_required
from ..audit import Action, record
from ..extensions import db
from ..forms import validated
from ..i18n import union_today
from ..models import Member, PlatformRole, PrivacyRequest
from ..models.privacy import RequestChannel, RequestKind
from ..reports.exports import Table, csv_bytes
from . import bp
from .erasure import AlreadyErased, erase
from .forms import (
    CHANNEL_LABELS,
    KIND_LABELS,
    AcknowledgeForm,
    DoneForm,
    EnterRequestForm,
    EraseForm,
    ExtendForm,
)
from .queries import all_requests, is_erased
from .requests import (
    RequestStateError,
    acknowledge,
    enter_request,
    extend,
    finish,
    union_calendar,
    with_deadlines,
)
from .stamp import stamped_csv

admins_only = roles_required(PlatformRole.ADMIN)


def _log():
    return with_deadlines(db.session.execute(all_requests()).all(), union_calendar(), union_today())


def _page(status: int = 200, **forms):
    forms.setdefault("enter", EnterRequestForm(received_on=union_today()))
    return render_template("privacy/requests.html", dues=_log(), acknowledge=AcknowledgeForm(),
                           extend=forms.pop("extend", ExtendForm()), done=forms.pop("done", DoneForm()),
                           erase_form=forms.pop("erase_form", EraseForm()), failed=forms.pop("failed", None),
                           **forms), status


@bp.route("/admin/privacy/requests")
@admins_only
def requests_log():
    return _page()


@bp.route("/admin/privacy/requests/new", methods=["POST"])
@admins_only
def request_new():
    form = EnterRequestForm()
    if not form.validate_on_submit():
        return _page(400, enter=form)
    enter_request(db.session, form.member, RequestKind(form.kind.data), channel=RequestChannel(form.channel.data),
                  received_on=form.received_on.data, details=form.details.data or "", entered_by=current_user)
    db.session.commit()
    flash(_("The request has been entered."), "success")
    return redirect(url_for("privacy.requests_log"))


def _request_or_404(request_id: int) -> tuple[PrivacyRequest, Member]:
    asked = db.session.get(PrivacyRequest, request_id)
    if asked is None:
        abort(404)
    return asked, db.session.get_one(Member, asked.member_id)


def _step(request_id: int, form, action, **forms):
    asked, member = _request_or_404(request_id)
    if not form.validate_on_submit():
        return _page(400, failed=request_id, **forms)
    try:
        action(asked, member)
    except RequestStateError:
        db.session.rollback()
        flash(_("This step does not fit the request any more; the list shows its state."), "error")
        return redirect(url_for("privacy.requests_log"))
    db.session.commit()
    flash(_("The request has been updated."), "success")
    return redirect(url_for("privacy.requests_log"))


@bp.route("/admin/privacy/requests/<int:request_id>/acknowledge", methods=["POST"])
@admins_only
def request_acknowledge(request_id: int):
    return _step(request_id, AcknowledgeForm(), lambda asked, member: acknowledge(db.session, asked, member,
                                                                                   current_user))


@bp.route("/admin/privacy/requests/<int:request_id>/extend", methods=["POST"])
@admins_only
def request_extend(request_id: int):
    form = ExtendForm()
    return _step(request_id, form, lambda asked, member: extend(
        db.session, asked, member, current_user, validated(form.days.data), validated(form.reason.data)), extend=form)


@bp.route("/admin/privacy/requests/<int:request_id>/done", methods=["POST"])
@admins_only
def request_done(request_id: int):
    form = DoneForm()
    return _step(request_id, form, lambda asked, member: finish(
        db.session, asked, member, current_user, validated(form.outcome.data)), done=form)


@bp.route("/admin/privacy/requests/<int:request_id>/erase", methods=["POST"])
@admins_only
def request_erase(request_id: int):
    asked, member = _request_or_404(request_id)
    form = EraseForm()
    if asked.kind != RequestKind.DELETION.value or asked.done_at is not None:
        abort(409)
    if not form.validate_on_submit() or validated(form.confirm.data).strip().lower() != member.username:
        if not form.confirm.errors:
            form.confirm.errors = [_("The username typed is not the member's.")]
        return _page(400, failed=request_id, erase_form=form)
    try:
        erase(db.session, member, actor=current_user, reason="request", request=asked)
    except AlreadyErased:
        db.session.rollback()
        abort(409)
    finish(db.session, asked, member, current_user, _("Personal data erased."))
    db.session.commit()
    flash(_("Her personal data has been erased; the anonymous counts stay."), "success")
    return redirect(url_for("privacy.requests_log"))


@bp.route("/admin/privacy/requests.csv")
@admins_only
def requests_export():
    """The log for an inspector: every request, its dates and deadlines; who and when on line one."""
    dues = _log()
    now = datetime.now(UTC)
    day = lambda value: format_date(value, "yyyy-MM-dd") if value else ""  # noqa: E731
    moment = lambda value: format_datetime(value, "yyyy-MM-dd HH:mm") if value else ""  # noqa: E731
    rows = [[due.request.id, str(KIND_LABELS.get(due.request.kind, due.request.kind)),
              due.member.full_name, due.member.username, str(CHANNEL_LABELS.get(due.request.channel, "")),
              day(due.request.received_on), day(due.acknowledge_by), moment(due.request.acknowledged_at),
              day(due.done_by), due.request.extension_days or "", due.request.extension_reason or "",
              moment(due.request.done_at), due.request.outcome or "",
              _("Overdue") if due.overdue else "", _("Erased") if is_erased(db.session, due.member.id) else ""]
             for due in dues]
    table = Table([_("Request"), _("Kind"), _("Name"), _("Username"), _("How it came"), _("Received on"),
                   _("Acknowledge by"), _("Acknowledged"), _("Done by"), _("Extension (days)"),
                   _("Reason for the extension"), _("Done"), _("Outcome"), _("Overdue"), _("Erased")], rows, [])
    record(db.session, current_user, Action.EXPORT_PRIVACY_REQUESTS, people=len(dues))
    db.session.commit()
    body = stamped_csv(csv_bytes(table), current_user, now)
    return Response(body, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="privacy-requests-{now.date().isoformat()}.csv"'})
