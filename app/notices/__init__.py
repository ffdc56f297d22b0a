"""Notices: what needs a member's attention, on My learning and in every page's header.

A new assignment, a due date within a week, an overdue course, a session tomorrow, a quiz
she may take again: each shown once, in her language, closed with a small form (no
JavaScript needed). Three layers:

* ``rules.notices_for`` decides which notices apply, from facts and a clock (pure);
* ``queries.situation_of`` reads the facts (one query; two more when a session starts tomorrow);
* ``current`` holds the signed-in member's notices for one request, ``views`` closes one.

Where a sender plugs in: the platform sends nothing today. An official Zalo Official
Account sender (or any other) would be a scheduled command that, for each member, calls
``queries.situation_of`` and ``rules.notices_for`` with the same clock, hands each notice to
a channel with the same interface as ``app.followup.channels.Channel`` (``prepare(member,
message)``, here returning a "send" action that the command carries out), and records what it
sent under the notice's key (in a table like ``notice_dismissal``), so a notice is sent once.
The rule, the queries and the pages stay as they are.
"""
from flask import Blueprint, Flask

bp = Blueprint("notices", __name__)


def register(app: Flask) -> None:
    from . import current, views  # noqa: F401  (registers the routes)

    app.register_blueprint(bp, url_prefix="/notices")
    app.context_processor(current.template_helpers)
