"""Images and attachments beside the lessons, served only from inside their course folder."""
from __future__ import annotations

import mimetypes

from flask import abort, send_file
from flask_login import login_required

from ..content.trainer_kit import FOLDER as TRAINER_FOLDER
from . import bp
from .access import can_preview, course_or_404

# Only what lessons legitimately carry; anything else is not served (no HTML). SVG drawings
# are checked by `flask content check` and served under a policy that runs nothing.
SERVED_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".svg": "image/svg+xml", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".mp3": "audio/mpeg", ".mp4": "video/mp4",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@bp.route("/courses/<course_slug>/files/<path:relative>")
@login_required
def course_file(course_slug: str, relative: str):
    course = course_or_404(course_slug)
    if relative.split("/", 1)[0] == TRAINER_FOLDER and not can_preview():
        abort(404)  # the trainer's kit, with its answer keys, is not for learners
    path = course.asset_path(relative)
    if path is None:
        abort(404)
    mimetype = SERVED_TYPES.get(path.suffix.lower())
    if mimetype is None:
        abort(404)
    response = send_file(path, mimetype=mimetype, max_age=86400, conditional=True,
                         as_attachment=not mimetype.startswith(("image/", "audio/", "video/")),
                         download_name=path.name)
    response.headers["Cache-Control"] = "private, max-age=86400"
    if path.suffix.lower() == ".svg":
        # Opened on its own, a drawing still may not run scripts or fetch anything.
        response.headers["Content-Security-Policy"] = SVG_POLICY
    return response


SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"


mimetypes.add_type("image/webp", ".webp")
