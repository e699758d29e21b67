"""The response that hands out a stored evidence file (pages and API alike)."""
from flask import send_file

# The file is never rendered as a page of ours: no scripts, no plugins,
# a sandbox if a browser opens it anyway.
_FILE_CSP = "default-src 'none'; sandbox"


def file_response(evidence, path):
    response = send_file(
        path, mimetype=evidence.content_type, as_attachment=True,
        download_name=evidence.original_name or f"evidence-{evidence.id}", etag=evidence.sha256,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = _FILE_CSP
    response.headers["Cache-Control"] = "private, no-store"
    return response
