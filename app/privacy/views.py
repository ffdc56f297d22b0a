"""Her pages: the notice, the consent screen, her own data and its downloads, her requests,
and the coordinator's entry of a consent given on paper."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.access import member_or_404, roles_required
from ..accounts.policy import MemberAction, may
from ..audit import Action, record
from ..extensions import db
from ..i18n import union_today
from ..models import Member, PlatformRole
from ..models.privacy import ConsentMethod, Decision, RequestChannel, RequestKind
from . import bp
from .consent import consent_state, decide
from .forms import (
    CHANNEL_LABELS,
    KIND_LABELS,
    AskForm,
    DecisionForm,
    PaperConsentForm,
    WithdrawForm,
)
from .gate import current_notice_version, own_state
from .labels import FIELD_LABELS, LINK_COLUMNS, TABLE_LABELS
from .my_data import as_csv, as_json, collect
from .notices import notice, versions
from .queries import consents_of, is_erased, requests_of
from .requests import enter_request
from .stamp import export_line


def _folder() -> str:
    return current_app.config["PRIVACY_NOTICES_DIR"]


def _notice_or_404(version: str | None):
    found = notice(_folder(), version, str(get_locale())) if version else None
    if found is None:
        abort(404)
    return found


@bp.app_context_processor
def _privacy_helpers() -> dict:
    return {"privacy_consent": lambda member: consent_state(db.session, member.id, current_notice_version()),
            "privacy_holder_withdrawn": lambda certificate: is_erased(db.session, certificate.member_id),
            "privacy_kind_label": lambda kind: KIND_LABELS.get(kind, kind),
            "privacy_channel_label": lambda channel: CHANNEL_LABELS.get(channel, channel),
            "privacy_may_record_paper": lambda member: may(current_user, MemberAction.EDIT, member),
            "privacy_tables": TABLE_LABELS, "privacy_fields": FIELD_LABELS, "privacy_link_columns": LINK_COLUMNS}


@bp.route("/privacy", endpoint="notice")
def notice_page():
    return render_template("privacy/notice.html", notice=_notice_or_404(current_notice_version()),
                           versions=versions(_folder()), current=current_notice_version())


@bp.route("/privacy/<version>")
def notice_version(version: str):
    return render_template("privacy/notice.html", notice=_notice_or_404(version), versions=versions(_folder()),
                           current=current_notice_version())


@bp.route("/privacy/consent", methods=["GET", "POST"])
@login_required
def consent():
    version = current_notice_version()
    text = _notice_or_404(version)
    form = DecisionForm()
    if form.validate_on_submit():
        if form.agree.data == form.decline.data:  # neither button (or both): no decision
            abort(400)
        decision = Decision.GIVEN if form.agree.data else Decision.DECLINED
        member = db.session.get(Member, current_user.id)
        decide(db.session, member, version, decision, recorded_by=member)
        db.session.commit()
        if decision is Decision.GIVEN:
            flash(_("Thank you. Your agreement has been recorded."), "success")
            return redirect(url_for("home"))
        flash(_("Your choice has been recorded. You can still see and download your data."), "info")
        return redirect(url_for("privacy.my_data"))
    return render_template("privacy/consent.html", notice=text, form=form, state=own_state())


@bp.route("/privacy/withdraw", methods=["POST"])
@login_required
def withdraw():
    if not WithdrawForm().validate_on_submit():
        abort(400)
    member = db.session.get(Member, current_user.id)
    decide(db.session, member, current_notice_version(), Decision.WITHDRAWN, recorded_by=member)
    db.session.commit()
    flash(_("Your consent has been withdrawn. You can still see and download your data."), "info")
    return redirect(url_for("privacy.my_data"))


@bp.route("/privacy/members/<int:member_id>/paper", methods=["GET", "POST"])
@roles_required(PlatformRole.COORDINATOR)
def paper_consent(member_id: int):
    member = member_or_404(db.session, current_user, member_id, MemberAction.EDIT)
    form = PaperConsentForm()
    if form.validate_on_submit():
        version = current_notice_version()
        assert version is not None  # the coordinator was shown this notice
        decide(db.session, member, version, Decision(form.decision.data),
               recorded_by=current_user, method=ConsentMethod.PAPER, slip_reference=form.slip_reference.data)
        db.session.commit()
        flash(_("The paper slip of %(name)s has been recorded.", name=member.full_name), "success")
        return redirect(url_for("admin.member_edit", member_id=member.id))
    return render_template("privacy/paper.html", member=member, form=form, version=current_notice_version())


@bp.route("/me/data")
@login_required
def my_data():
    return _my_data_page(AskForm())


def _my_data_page(ask: AskForm, status: int = 200):
    member = db.session.get_one(Member, current_user.id)
    return render_template("privacy/my_data.html", member=member, data=collect(db.session, member),
                           consents=consents_of(db.session, member.id), requests=requests_of(db.session, member.id),
                           state=own_state(), ask=ask, withdraw=WithdrawForm()), status


def _download(fmt: str) -> Response:
    member = db.session.get_one(Member, current_user.id)
    now = datetime.now(UTC)
    data = collect(db.session, member)
    record(db.session, member, Action.EXPORT_OWN_DATA, member, format=fmt)
    db.session.commit()
    if fmt == "json":
        body, mimetype = as_json(data, exported_at=now), "application/json"
    else:
        body, mimetype = as_csv(data, heading=export_line(member, now)), "text/csv; charset=utf-8"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="my-data-{now.date().isoformat()}.{fmt}"'})


@bp.route("/me/data.json")
@login_required
def my_data_json():
    return _download("json")


@bp.route("/me/data.csv")
@login_required
def my_data_csv():
    return _download("csv")


@bp.route("/me/data/ask", methods=["POST"])
@login_required
def ask():
    form = AskForm()
    if not form.validate_on_submit():
        return _my_data_page(form, 400)
    member = db.session.get(Member, current_user.id)
    enter_request(db.session, member, RequestKind(form.kind.data), channel=RequestChannel.ONLINE,
                  received_on=union_today(), details=form.details.data, entered_by=member)
    db.session.commit()
    flash(_("Your request has been sent. The union answers within 2 working days."), "success")
    return redirect(url_for("privacy.my_data"))
