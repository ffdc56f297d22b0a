"""How pages and files reach a phone: compressed, with an icon and a web app manifest so the
site can be added to the home screen.

Compression is Flask-Compress: Brotli or gzip, whichever the browser accepts, for pages and
for static text files, when the app serves them itself (the embedded default). Behind nginx
the proxy may compress instead (see the README); the app then never sees an Accept-Encoding
it has to act on twice, since nginx does not compress an already compressed response.
"""
from __future__ import annotations

from flask import Flask, current_app, jsonify, request, send_from_directory, url_for
from flask_compress import Compress

compress = Compress()
THEME_COLOUR = "#8a1c4a"  # the header's colour (app.css --brand)


def init_app(app: Flask) -> None:
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_STREAMS", False)  # downloads that stream stay as they are
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    compress.init_app(app)
    app.after_request(_static_text_in_memory)  # runs before compression (hooks run in reverse)
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.add_url_rule("/manifest.webmanifest", "manifest", manifest)


def _static_text_in_memory(response):
    """A static file is sent as a stream, which compression leaves alone (so do downloads that
    must stream); our style sheets and icons are a few KB, so they are read into memory to be
    compressed. ``make_sequence`` keeps the file's closing for the end of the response."""
    if request.endpoint in ("static", "favicon") and response.is_streamed \
            and response.mimetype in compress.compress_mimetypes_set:
        response.direct_passthrough = False
        response.make_sequence()
    return response


def favicon():
    """Browsers ask for /favicon.ico whatever the page says; answer it instead of a 404."""
    return send_from_directory(current_app.static_folder, "icons/favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600)


def manifest():
    """The web app manifest: the site's name, icons and colours for "Add to home screen"."""
    name = current_app.config["SITE_NAME"]
    icons = [{"src": url_for("static", filename=f"icons/icon-{size}.png"), "sizes": f"{size}x{size}",
              "type": "image/png"} for size in (192, 512)]
    icons.append({"src": url_for("static", filename="icons/icon.svg"), "sizes": "any",
                  "type": "image/svg+xml"})
    response = jsonify({
        "name": name, "short_name": current_app.config["SITE_SHORT_NAME"],
        "start_url": url_for("home"), "scope": "/", "display": "standalone",
        "background_color": "#f7f7f5", "theme_color": THEME_COLOUR, "icons": icons,
    })
    response.mimetype = "application/manifest+json"
    response.cache_control.max_age = 24 * 3600
    return response
