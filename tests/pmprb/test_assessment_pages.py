"""The pages: list and start, the worksheet with its controls, saving
answers, evidence, states, a gap made an item; pages, API and .xlsx agree."""
import io
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from rbtasks.evidence.models import Evidence
from rbtasks.pmprb.models import Assessment, AssessmentAnswer, GapItem
from rbtasks.rbindex.models import IndexScore
from tests.conftest import csrf_token_from

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def cast(db, make_user, make_agency, make_area, make_pokja, make_instrument, now):
    agency = make_agency(name="Inspektorat Daerah", code="INSP")
    people = {  # the interface speaks Indonesian first
        "admin": make_user(role="admin", locale="id"),
        "head": make_user(role="agency_head", agency=agency,
                          name="Oktavianus Pello, S.H., M.H.", locale="id"),
        "evaluator": make_user(role="member", is_evaluator=True,
                               name="Dr. Maria Bessie, S.Kom., M.T.", locale="id"),
        "coordinator": make_user(role="coordinator", locale="id"),
        "outsider": make_user(role="member", locale="id"),
    }
    make_pokja(area=make_area(name="Manajemen Perubahan"), coordinators=[people["coordinator"]])
    instrument = make_instrument()
    db.session.add_all([IndexScore(year=2019, score=Decimal("60.37"), updated_at=now),
                        IndexScore(year=2026, target=Decimal(71), updated_at=now)])
    db.session.commit()
    return people, agency, instrument


def _start(client, instrument, agency):
    page = client.get("/pmprb/assessments")
    assert page.status_code == 200
    response = client.post("/pmprb/assessments", data={
        "csrf_token": csrf_token_from(page.get_data(as_text=True)),
        "instrument_id": instrument.id, "year": 2026, "agency_id": agency.id})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return response.headers["Location"]


def _ids(db):
    return {answer.indicator.code: answer.indicator_id
            for answer in db.session.scalars(sa.select(AssessmentAnswer))}


def _node_ids(db, instrument):
    from rbtasks.pmprb.models import InstrumentNode
    return {node.code: node.id for node in db.session.scalars(
        sa.select(InstrumentNode).where(InstrumentNode.instrument_id == instrument.id))}


def test_answering_on_the_page_agrees_with_the_api_and_the_xlsx(
        db, cast, login, api, now):
    people, agency, instrument = cast
    admin = login(people["admin"])
    location = _start(admin, instrument, agency)
    assessment = db.session.scalar(sa.select(Assessment))
    nodes = _node_ids(db, instrument)

    head = login(people["head"])
    page = head.get(location)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # the right control per answer type
    assert re.search(rf'<select form="answers-form" name="self-{nodes["A.1.1"]}"', html)
    assert re.search(rf'<input form="answers-form" type="text" inputmode="decimal" '
                     rf'name="self-{nodes["A.1.2"]}"', html)
    assert f'name="eval-{nodes["A.1.1"]}"' not in html  # not an evaluator
    saved = head.post(f"/pmprb/assessments/{assessment.id}/answers", data={
        "csrf_token": csrf_token_from(html),
        f"self-{nodes['A.1.1']}": "ya", f"self-{nodes['A.1.2']}": "62,5",
        f"note-{nodes['A.1.2']}": "<script>alert(1)</script>",
        f"self-{nodes['B.1.1']}": "=1+1"})
    assert saved.status_code == 422  # "=1+1" is no percentage: nothing saved
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 0
    saved = head.post(f"/pmprb/assessments/{assessment.id}/answers", data={
        "csrf_token": csrf_token_from(html),
        f"self-{nodes['A.1.1']}": "ya", f"self-{nodes['A.1.2']}": "62,5",
        f"note-{nodes['A.1.2']}": "<script>alert(1)</script>"})
    assert saved.status_code == 303

    html = head.get(location).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    estimated = re.search(r'id="estimated-index">([^<]+)<', html).group(1).strip()
    assert estimated == "16,25"  # 20 × mean(1, 0,625) for A.1, in Indonesian
    assert re.search(r'id="target">71,00<', html)
    assert re.search(r'id="official-index">60,37 \(2019\)<', html)
    # No evaluator has answered: no evaluator's index of 0 (D), and no difference.
    assert re.search(r'id="evaluator-index">belum dinilai evaluator<', html)
    assert 'id="difference"' not in html

    body = api(people["head"]).get(f"/api/v1/pmprb/assessments/{assessment.id}").get_json()
    assert body["estimated_index"] == 16.25

    export = head.get(f"/pmprb/assessments/{assessment.id}/worksheet.xlsx")
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.data)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Komponen", "Kode", "Indikator / pertanyaan", "Jawaban (unit)", "Nilai",
                       "Jawaban evaluator", "Nilai evaluator", "Bobot", "Skor", "Data dukung",
                       "Catatan"]
    by_code = {row[1]: row for row in rows[1:] if row[1]}
    assert by_code["A.1.2"][3:5] == ["62,5", 0.625]
    assert by_code["A.1"][7:9] == [20, 16.25]
    assert by_code["A"][8] == 16.25
    total = next(row for row in rows if row[0] == "Indeks estimasi")
    assert total[8] == 16.25 and total[10] == "Predikat D"


def test_evidence_on_an_answer_and_the_states(db, cast, login, now):
    people, agency, instrument = cast
    location = _start(login(people["admin"]), instrument, agency)
    assessment = db.session.scalar(sa.select(Assessment))
    head = login(people["head"])
    token = csrf_token_from(head.get(location).get_data(as_text=True))
    added = head.post(f"/pmprb/assessments/{assessment.id}/answers/A.1.1/evidence/link", data={
        "csrf_token": token, "url": "https://ntt.go.id/sk-tim-rb.pdf", "kind": "sk",
        "description": "SK Tim RB"})
    assert added.status_code == 303, added.get_data(as_text=True)[-3000:]
    uploaded = head.post(f"/pmprb/assessments/{assessment.id}/answers/A.1.1/evidence/file",
                         data={"csrf_token": token, "kind": "sk", "description": "Scan SK",
                               "file": (io.BytesIO(PDF), "sk.pdf")},
                         content_type="multipart/form-data")
    assert uploaded.status_code == 303
    assert db.session.scalar(sa.select(sa.func.count(Evidence.id))) == 2
    html = head.get(location).get_data(as_text=True)
    assert "https://ntt.go.id/sk-tim-rb.pdf" in html and "sk.pdf" in html

    # the outsider cannot see the worksheet, nor its evidence
    outsider = login(people["outsider"])
    file_id = db.session.scalar(sa.select(Evidence.id).where(Evidence.stored_name.is_not(None)))
    assert outsider.get(location).status_code == 404
    assert outsider.get(f"/evidence/{file_id}/download").status_code == 404
    assert head.get(f"/evidence/{file_id}/download").data == PDF

    nodes = _node_ids(db, instrument)
    head.post(f"/pmprb/assessments/{assessment.id}/answers",
              data={"csrf_token": token, f"self-{nodes['A.1.1']}": "ya"})
    assert head.post(f"/pmprb/assessments/{assessment.id}/submit",
                     data={"csrf_token": token}).status_code == 303
    evaluator = login(people["evaluator"])
    eval_token = csrf_token_from(evaluator.get(location).get_data(as_text=True))
    assert evaluator.post(f"/pmprb/assessments/{assessment.id}/answers/A.1.1/review",
                          data={"csrf_token": eval_token}).status_code == 303
    answer = db.session.scalar(sa.select(AssessmentAnswer))
    db.session.refresh(answer)
    assert answer.state == "reviewed"
    refused = head.post(f"/pmprb/assessments/{assessment.id}/answers/A.1.1/evidence/link",
                        data={"csrf_token": token, "url": "https://ntt.go.id/lain.pdf",
                              "kind": "sk", "description": ""})
    assert refused.status_code == 409
    returned = evaluator.post(f"/pmprb/assessments/{assessment.id}/answers/A.1.1/return",
                              data={"csrf_token": eval_token, "note": "SK belum bertanda tangan"})
    assert returned.status_code == 303
    db.session.refresh(answer)
    assert (answer.state, answer.evaluator_note) == ("draft", "SK belum bertanda tangan")


def test_a_gap_made_an_item_in_one_step(db, cast, login):
    people, agency, instrument = cast
    location = _start(login(people["admin"]), instrument, agency)
    assessment = db.session.scalar(sa.select(Assessment))
    coordinator = login(people["coordinator"])
    html = coordinator.get(location).get_data(as_text=True)
    nodes = _node_ids(db, instrument)
    prefix = f"gap-{nodes['A.1.2']}"
    assert f'value="Tindak lanjut PMPRB A.1.2: Persentase rencana aksi yang terealisasi"' in html
    owner = people["head"]
    form = {"csrf_token": csrf_token_from(html),
            f"{prefix}-title": "Tindak lanjut PMPRB A.1.2: Persentase rencana aksi",
            f"{prefix}-pokja_id": re.search(
                rf'id="{prefix}-pokja_id"[^>]*>.*?<option selected value="(\d+)"', html,
                re.S).group(1),
            f"{prefix}-agency_id": agency.id, f"{prefix}-owner_id": owner.id,
            f"{prefix}-due_date": "31/12/2026"}
    created = coordinator.post(f"/pmprb/assessments/{assessment.id}/gaps/A.1.2/items",
                               data=form)
    assert created.status_code == 303, created.get_data(as_text=True)[:3000]
    item_id = db.session.scalar(sa.select(GapItem.item_id))
    item_page = coordinator.get(f"/items/{item_id}").get_data(as_text=True)
    assert "A.1.2" in item_page and "Instrumen uji PMPRB 2026" in item_page
    worksheet_html = coordinator.get(location).get_data(as_text=True)
    assert f'href="/items/{item_id}"' in worksheet_html


def test_the_page_refuses_what_the_user_may_not_fill_and_nul_as_the_api_does(db, cast, login):
    people, agency, instrument = cast
    location = _start(login(people["admin"]), instrument, agency)
    assessment = db.session.scalar(sa.select(Assessment))
    nodes = _node_ids(db, instrument)
    head = login(people["head"])
    token = csrf_token_from(head.get(location).get_data(as_text=True))
    forged = head.post(f"/pmprb/assessments/{assessment.id}/answers", data={
        "csrf_token": token, f"self-{nodes['A.1.1']}": "ya",
        f"eval-{nodes['A.1.1']}": "tidak"})  # not an evaluator: the field is not theirs
    assert forged.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 0
    saved = head.post(f"/pmprb/assessments/{assessment.id}/answers", data={
        "csrf_token": token, f"self-{nodes['A.1.1']}": "ya",
        f"eval-{nodes['A.1.1']}": ""})  # a blank field not theirs is no claim to it
    assert saved.status_code == 303
    answer = db.session.scalar(sa.select(AssessmentAnswer))
    assert (answer.self_answer, answer.evaluator_answer) == ("ya", None)
    refused = head.post(f"/pmprb/assessments/{assessment.id}/answers", data={
        "csrf_token": token, f"self-{nodes['A.1.2']}": "62\x00,5"})
    assert refused.status_code in (400, 422)
    assert db.session.scalar(sa.select(sa.func.count(AssessmentAnswer.id))) == 1
    no_token = head.post(f"/pmprb/assessments/{assessment.id}/answers",
                         data={f"self-{nodes['A.1.2']}": "50"})
    assert no_token.status_code == 400
    coordinator = login(people["coordinator"])
    assert coordinator.get(f"/pmprb/assessments/{assessment.id}").status_code == 200


def test_the_menu_leads_to_the_assessments_and_they_to_the_instruments(db, cast, login):
    people, _agency, _instrument = cast
    client = login(people["head"])
    home = client.get("/items").get_data(as_text=True)
    assert re.search(r'<a href="/pmprb/assessments">Penilaian mandiri</a>', home)
    listing = client.get("/pmprb/assessments").get_data(as_text=True)
    assert 'href="/pmprb/instruments"' in listing
    assert 'href="/pmprb/assessments"' in client.get("/pmprb/instruments").get_data(as_text=True)


def test_gap_forms_only_for_item_creators_offering_the_pokja_and_agency_people(
        db, cast, login, make_user):
    people, agency, instrument = cast
    location = _start(login(people["admin"]), instrument, agency)
    stranger = make_user(role="member", name="Paulus Leki, S.STP.")  # no pokja, other agency
    leader = make_user(role="leader", name="Drs. Benediktus Ndun, M.Si.")
    db.session.commit()

    for_leader = login(leader).get(location).get_data(as_text=True)
    assert "Tindak lanjut PMPRB A.1.2" not in for_leader  # reads the gaps, makes no items
    assert 'id="gaps"' in for_leader

    html = login(people["coordinator"]).get(location).get_data(as_text=True)
    owners = set(re.findall(r'name="gap-\d+-owner_id"[^>]*>(.*?)</select>', html, re.S))
    assert len(owners) == 1  # every gap's form offers the same people
    offered = re.findall(r'<option[^>]*value="(\d+)"', owners.pop())
    assert str(people["head"].id) in offered  # the assessment's agency's head
    assert str(people["coordinator"].id) in offered  # a pokja's coordinator
    assert str(stranger.id) not in offered


def test_the_worksheet_reads_the_same_statements_however_many_gaps(db, cast, login, api):
    from tests.queries import queries_for

    people, agency, instrument = cast
    location = _start(login(people["admin"]), instrument, agency)
    assessment = db.session.scalar(sa.select(Assessment))
    coordinator = login(people["coordinator"])
    every_gap = queries_for(db.engine, lambda: coordinator.get(location))
    url = f"/api/v1/pmprb/assessments/{assessment.id}/answers"
    answered = api(people["admin"]).put(url, json=[
        {"indicator_code": code, "self_answer": answer} for code, answer in (
            ("A.1.1", "ya"), ("A.1.2", "100"), ("A.2.1", "a"), ("A.2.2", "a"),
            ("A.2.3", "a"), ("A.2.4", 40), ("A.3.1", "ya"))])
    assert answered.status_code == 200, answered.get_json()
    assert len(answered.get_json()["gaps"]) == 1
    assert queries_for(db.engine, lambda: coordinator.get(location)) == every_gap
