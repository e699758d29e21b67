"""What the item page shows of the evidence: the list, the forms, which buttons."""
from flask import current_app, url_for
from flask_babel import format_decimal

from rbtasks.evidence import filetypes, storage
from rbtasks.evidence.forms import FileEvidenceForm, LinkEvidenceForm, RemoveEvidenceForm
from rbtasks.evidence.kinds import KIND_LABELS
from rbtasks.evidence.permissions import shows_add_forms, shows_remove_button
from rbtasks.evidence.services import list_evidence


def human_size(size_bytes):
    """12 KB, 3,4 MB — in the reader's number format."""
    if size_bytes is None:
        return ""
    if size_bytes < 1024:
        return f"{size_bytes} B"
    if size_bytes < 1024 * 1024:
        return f"{format_decimal(round(size_bytes / 1024))} KB"
    return f"{storage.megabytes(size_bytes)} MB"


def item_panel(actor, item, now):
    rows = [{
        "evidence": evidence,
        "kind_label": KIND_LABELS.get(evidence.kind, evidence.kind),
        "size": human_size(evidence.size_bytes),
        "download_url": (url_for("evidence.download", evidence_id=evidence.id)
                         if evidence.is_file else None),
        "remove_url": url_for("evidence.remove", evidence_id=evidence.id),
        "may_remove": shows_remove_button(actor, item, evidence),
    } for evidence in list_evidence(actor, item)]
    return {
        "item_id": item.id,
        "rows": rows,
        "may_add": shows_add_forms(actor, item),
        "file_form": FileEvidenceForm(formdata=None),
        "link_form": LinkEvidenceForm(formdata=None),
        "remove_form": RemoveEvidenceForm(formdata=None),
        "file_url": url_for("evidence.add_file", item_id=item.id),
        "link_url": url_for("evidence.add_link", item_id=item.id),
        "accept": filetypes.ACCEPT_ATTRIBUTE,
        "allowed_text": filetypes.allowed_list_text(),
        "max_upload_mb": storage.megabytes(current_app.config["RBTASKS_MAX_UPLOAD_BYTES"]),
    }
