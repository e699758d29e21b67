"""The worksheet export: the evaluation sheet's shape, evidence links, no formulas."""
import io
from decimal import Decimal

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from rbtasks.evidence.services import attach_file, attach_link
from rbtasks.pmprb import assessments
from rbtasks.pmprb.demo import seed_demo_assessment
from rbtasks.pmprb.worksheet import worksheet
from rbtasks.pmprb.worksheet_xlsx import worksheet_workbook

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def answered(db, make_instrument, make_user, now):
    admin = make_user(role="admin")
    evaluator = make_user(role="member", is_evaluator=True)
    assessment = assessments.create_assessment(admin, {
        "instrument_id": make_instrument().id, "year": 2026, "agency_id": None}, now)
    assessments.save_answers(admin, assessment, [
        {"indicator_code": "A.1.1", "self_answer": "ya", "note": "=HYPERLINK(\"http://x\")"},
        {"indicator_code": "A.1.2", "self_answer": "62,5"},
        {"indicator_code": "A.2.2", "self_answer": "b"},
        {"indicator_code": "B.1.1", "self_answer": "90"}], now)
    assessments.save_answers(evaluator, assessment, [
        {"indicator_code": "B.1.1", "evaluator_answer": "75", "evaluator_note": "+62 hasil"}],
        now)
    answer = assessments.answers_by_indicator(assessment)
    a11 = next(row for row in answer.values() if row.indicator.code == "A.1.1")
    attach_link(admin, "answer", a11, "sk", "SK Tim RB", "https://ntt.go.id/sk-rb.pdf", now)
    attach_file(admin, "answer", a11, "sk", "Scan", io.BytesIO(PDF), "sk.pdf", now)
    db.session.commit()
    return assessment


def _rows(app, assessment):
    with app.test_request_context(), force_locale("id"):
        data = worksheet_workbook(worksheet(assessment))
    sheet = load_workbook(io.BytesIO(data)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_the_sheet_has_the_evaluation_sheet_shape_and_numbers(app, answered):
    rows = _rows(app, answered)
    assert rows[0][:4] == ["Komponen", "Kode", "Indikator / pertanyaan", "Jawaban (unit)"]
    by_code = {row[1]: row for row in rows[1:] if row[1]}
    assert list(by_code)[:4] == ["A", "A.1", "A.1.1", "A.1.2"]
    assert by_code["A.1"][0] == "Pengungkit" and by_code["B.1.1"][0] == "Hasil"
    assert by_code["A.1"][7:9] == [20, 16.25]
    assert by_code["A.2"][8] == 1.68                 # 10 × 0.67 / 4 = 1.675, rounded half up
    assert by_code["B.1.1"][3:9] == ["90", 0.9, "75", 0.75, None, 36]
    sheet = worksheet(answered)
    index = Decimal("16.25") + Decimal(10) * Decimal("0.67") / 4 + 36
    assert sheet.scores.index == index
    total = next(row for row in rows if row[0] == "Indeks estimasi")
    assert index == Decimal("53.925")
    assert total[8] == 53.93 and total[10] == "Predikat CC"  # half up, as the API
    evaluator_total = next(row for row in rows if row[0] == "Indeks evaluator")
    assert evaluator_total[8] == 30 and evaluator_total[10] == "Predikat D"  # 30 is still D


def test_evidence_one_per_line_and_no_formula_survives(app, answered):
    rows = _rows(app, answered)
    a11 = next(row for row in rows if row[1] == "A.1.1")
    links = a11[9].split("\n")
    assert links[0] == "https://ntt.go.id/sk-rb.pdf"
    assert links[1].startswith("http://localhost/evidence/") and links[1].endswith("/download")
    assert a11[10] == "'=HYPERLINK(\"http://x\")"
    b11 = next(row for row in rows if row[1] == "B.1.1")
    assert b11[10] == "'+62 hasil"


def test_the_demo_assessment_answers_part_of_the_sample(db, make_instrument, make_user, now):
    instrument = make_instrument(is_sample=True, name="Contoh instrumen PMPRB (sampel)")
    admin = make_user(role="admin")
    assessment = seed_demo_assessment(instrument, admin, now)
    db.session.commit()
    assert seed_demo_assessment(instrument, admin, now) is assessment
    sheet = worksheet(assessment)
    answered = [row for row in sheet.rows if row.answer is not None]
    assert 0 < len(answered) < sum(1 for row in sheet.rows if row.node.is_indicator)
    assert sheet.scores.index > 0 and sheet.gap_rows
