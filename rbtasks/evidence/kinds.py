"""The kinds of evidence (data dukung) and their interface labels.

The codes live with the model (``EVIDENCE_KINDS``); the labels name the
Indonesian term assessors use, so either language reads naturally.
"""
from flask_babel import lazy_gettext as _l

from rbtasks.evidence.models import EVIDENCE_KINDS

KIND_LABELS = {
    "notulen": _l("Minutes (notulen)"),
    "daftar_hadir": _l("Attendance list (daftar hadir)"),
    "foto": _l("Photo (foto)"),
    "sk": _l("Decree (SK)"),
    "sop": _l("Standard operating procedure (SOP)"),
    "laporan": _l("Report (laporan)"),
    "tautan": _l("Link (tautan)"),
    "lainnya": _l("Other (lainnya)"),
}
assert set(KIND_LABELS) == set(EVIDENCE_KINDS), "every kind needs a label"

DEFAULT_FILE_KIND = "laporan"
DEFAULT_LINK_KIND = "tautan"
