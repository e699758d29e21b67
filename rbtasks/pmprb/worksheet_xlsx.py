"""The worksheet as ``.xlsx`` in the shape of the evaluation sheet (LKE):
one row per component, sub-component and indicator with the answers,
values, weights, scores, evidence (links, and files as download
addresses, one per line) and notes; then the index rows with their grades.

Written with :func:`rbtasks.spreadsheets.writing.write_xlsx`, so text that
looks like a formula is neutralised there, as in every export.
"""
import io
from typing import NamedTuple

from flask import Response, url_for
from flask_babel import gettext as _
from flask_babel import pgettext

from rbtasks.pmprb.scoring import rounded
from rbtasks.spreadsheets.writing import XLSX_MEDIA_TYPE, write_xlsx

MEDIA_TYPE = XLSX_MEDIA_TYPE


class Column(NamedTuple):
    field: str
    label: object


def columns():
    """The evaluation sheet's columns, headed in the reader's language."""
    return (
        Column("component", _("Component")),
        Column("code", _("Code")),
        Column("question", _("Indicator / question")),
        Column("self_answer", _("Answer (unit)")),
        Column("self_value", _("Value")),
        Column("evaluator_answer", _("Evaluator's answer")),
        Column("evaluator_value", _("Evaluator's value")),
        Column("weight", _("Weight")),
        Column("score", pgettext("worksheet", "Score")),
        Column("evidence", pgettext("worksheet", "Evidence")),
        Column("note", _("Note")),
    )


def evidence_lines(evidence):
    """Links as they are, files as the address that downloads them."""
    return "\n".join(
        url_for("evidence.download", evidence_id=piece.id, _external=True) if piece.is_file
        else piece.url for piece in evidence)


def sheet_rows(sheet):
    """The rows of the worksheet ``sheet`` (rbtasks.pmprb.worksheet) as dicts."""
    component = ""
    for row in sheet.rows:
        node, answer = row.node, row.answer
        if row.depth == 0:
            component = node.name
        if node.is_indicator:
            notes = [text for text in (answer.note if answer else "",
                                       answer.evaluator_note if answer else "") if text]
            yield {
                "component": component, "code": node.code,
                "question": node.question or node.name,
                "self_answer": answer.self_answer if answer else None,
                "self_value": rounded(answer.self_value, 4) if answer else None,
                "evaluator_answer": answer.evaluator_answer if answer else None,
                "evaluator_value": rounded(answer.evaluator_value, 4) if answer else None,
                "weight": None, "score": rounded(row.score),
                "evidence": evidence_lines(row.evidence) or None,
                "note": "\n".join(notes) or None,
            }
        else:
            yield {"component": component, "code": node.code, "question": node.name,
                   "weight": node.weight, "score": rounded(row.score),
                   "evaluator_value": None, "note": None}
    scores = sheet.scores
    yield {"component": _("Estimated index"), "score": rounded(scores.index),
           "note": _("Grade %(grade)s", grade=scores.grade)}
    yield {"component": _("Evaluator's index"), "score": rounded(scores.evaluator_index),
           "note": _("Grade %(grade)s", grade=scores.evaluator_grade)}


def worksheet_workbook(sheet):
    """The ``.xlsx`` file's bytes."""
    stream = io.BytesIO()
    write_xlsx(sheet_rows(sheet), columns(), stream, sheet_title=_("PMPRB worksheet"))
    return stream.getvalue()


def filename(sheet):
    scope = sheet.assessment.agency.code if sheet.assessment.agency else "provinsi"
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in scope)
    return f"pmprb-{sheet.assessment.year}-{safe}-{sheet.assessment.id}.xlsx"


def xlsx_response(sheet):
    """The worksheet's .xlsx as a download (the page and the API alike)."""
    response = Response(worksheet_workbook(sheet), mimetype=MEDIA_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(sheet)}"'
    response.headers["Cache-Control"] = "no-store"
    return response
