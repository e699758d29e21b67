"""The instrument pages: the list and upload form, one tree, the template; the menu link."""
import io
import json

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from rbtasks.checks import SYSTEM
from rbtasks.pmprb import instruments
from rbtasks.pmprb.models import Instrument
from tests.conftest import page_csrf
from tests.pmprb.instrument_files import ISSUE_EXAMPLE, example

URL = "/pmprb/instruments"


@pytest.fixture
def as_admin(login, make_user):
    return login(make_user(role="admin", name="Oktavianus Pello, S.H., M.H.", locale="en"))


def upload(client, text, filename="instrumen.yaml", **flags):
    return client.post(URL, data={"csrf_token": page_csrf(client, URL),
                                  "file": (io.BytesIO(text.encode()), filename), **flags})


def count(db):
    return db.session.scalar(sa.select(sa.func.count(Instrument.id)))


def test_an_admin_uploads_the_example_and_sees_its_tree_with_the_warning(as_admin, db):
    response = upload(as_admin, ISSUE_EXAMPLE)

    assert response.status_code == 302
    instrument = db.session.scalar(sa.select(Instrument))
    assert response.headers["Location"].endswith(f"{URL}/{instrument.id}")
    page = as_admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "Warning: A: its parts weigh 20 of its 60 points." in page
    assert "The instrument “Contoh instrumen PMPRB” was loaded." in page
    for text in ("Pengungkit", "Pemenuhan", "Apakah tim RB telah dibentuk?", "SK Tim RB",
                 "Yes / No", "Percentage (0–100)", "2 indicators, 60 points."):
        assert text in page, text


def test_faults_are_shown_next_to_the_form_and_nothing_loads(as_admin, db):
    mapping = example()
    mapping["components"][0]["children"][0]["indicators"][1]["answer_type"] = "<b>skala</b>"
    mapping["components"][0]["children"][0]["weight"] = 75

    response = upload(as_admin, json.dumps(mapping), "instrumen.json")

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The instrument was not loaded: 2 faults." in page
    assert "<strong>A</strong>: its parts weigh 75 points, more than its 60." in page
    assert "&lt;b&gt;skala&lt;/b&gt;" in page and "<b>skala</b>" not in page
    assert count(db) == 0


def test_strict_and_replace_are_choices_on_the_form(as_admin, db):
    assert upload(as_admin, ISSUE_EXAMPLE, strict="y").status_code == 422
    assert upload(as_admin, ISSUE_EXAMPLE).status_code == 302
    again = upload(as_admin, ISSUE_EXAMPLE)
    assert again.status_code == 409
    assert "is loaded already" in again.get_data(as_text=True)
    assert upload(as_admin, ISSUE_EXAMPLE, replace="y").status_code == 302
    assert count(db) == 1


def test_an_unreadable_file_is_refused_on_the_form(as_admin, db):
    response = upload(as_admin, "a: &x 1\nb: *x\n")
    assert response.status_code == 422
    assert "The file uses a YAML alias" in response.get_data(as_text=True)
    response = as_admin.post(URL, data={"csrf_token": page_csrf(as_admin, URL)})
    assert response.status_code == 422
    assert "Choose a file to upload." in response.get_data(as_text=True)
    assert count(db) == 0


def test_others_read_the_list_without_the_upload_form(login, make_user, db, now):
    instruments.load_instrument(SYSTEM, example(), now=now, sample=True)
    db.session.commit()
    member = login(make_user(role="member", locale="en"))

    page = member.get(URL).get_data(as_text=True)

    assert "Contoh instrumen PMPRB" in page and ">Sample<" in page
    assert 'enctype="multipart/form-data"' not in page
    assert "Download the .xlsx template" in page
    assert 'href="/pmprb/assessments"' in page  # the menu and the page lead to the assessments
    refused = member.post(URL, data={"csrf_token": page_csrf(member, URL),
                                     "file": (io.BytesIO(ISSUE_EXAMPLE.encode()), "a.yaml")})
    assert refused.status_code == 403
    assert count(db) == 1


def test_an_unknown_instrument_is_404(as_admin):
    assert as_admin.get(f"{URL}/987654").status_code == 404


def test_the_template_downloads_and_loads_back(as_admin, db):
    response = as_admin.get(f"{URL}/template.xlsx")

    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [cell.value for cell in sheet[5]][:4] == ["code", "parent", "name", "weight"]
    loaded = upload_bytes(as_admin, response.data, "templat.xlsx")
    assert loaded.status_code == 302
    assert count(db) == 1


def upload_bytes(client, data, filename):
    return client.post(URL, data={"csrf_token": page_csrf(client, URL),
                                  "file": (io.BytesIO(data), filename)})


def test_the_page_speaks_indonesian(login, make_user):
    page = login(make_user(role="admin", locale="id")).get(URL).get_data(as_text=True)
    assert "Penilaian mandiri" in page
    assert "Muat instrumen" in page


def test_an_admin_deletes_an_instrument_loaded_by_mistake_but_not_one_in_use(
        as_admin, login, make_user, db, now):
    from rbtasks.pmprb.assessments import create_assessment
    from rbtasks.pmprb.models import InstrumentNode

    wrong = instruments.load_instrument(SYSTEM, example(), now=now).instrument
    used = instruments.load_instrument(SYSTEM, {**example(), "name": "Instrumen terpakai"},
                                       now=now).instrument
    create_assessment(make_user(role="admin"),
                      {"instrument_id": used.id, "year": 2026, "agency_id": None}, now)
    db.session.commit()
    wrong_id, used_id = wrong.id, used.id

    page = as_admin.get(f"{URL}/{wrong_id}").get_data(as_text=True)
    assert "Delete instrument" in page
    in_use = as_admin.get(f"{URL}/{used_id}").get_data(as_text=True)
    assert "Delete instrument" not in in_use
    assert "1 self-assessment is scored on this instrument, so it cannot be deleted." in in_use

    # Others see no button and are refused; a form without its token changes nothing.
    coordinator = login(make_user(role="coordinator", locale="en"))
    assert "Delete instrument" not in coordinator.get(f"{URL}/{wrong_id}").get_data(as_text=True)
    assert coordinator.post(f"{URL}/{wrong_id}/delete", data={
        "csrf_token": page_csrf(coordinator, URL)}).status_code == 403
    assert as_admin.post(f"{URL}/{wrong_id}/delete").status_code == 400
    assert count(db) == 2

    refused = as_admin.post(f"{URL}/{used_id}/delete",
                            data={"csrf_token": page_csrf(as_admin, URL)})
    assert refused.status_code == 409
    assert "used by 1 assessments and cannot be deleted" in refused.get_data(as_text=True)
    deleted = as_admin.post(f"{URL}/{wrong_id}/delete",
                            data={"csrf_token": page_csrf(as_admin, URL)}, follow_redirects=True)
    assert deleted.status_code == 200
    assert "The instrument “Contoh instrumen PMPRB” was deleted." in deleted.get_data(as_text=True)
    assert db.session.scalars(sa.select(Instrument.id)).all() == [used_id]
    assert db.session.scalar(sa.select(sa.func.count(InstrumentNode.id)).where(
        InstrumentNode.instrument_id == wrong_id)) == 0
    assert as_admin.get(f"{URL}/{wrong_id}").status_code == 404


def test_an_instrument_downloads_as_the_sheet_it_loads_from_and_loads_back(
        as_admin, login, make_user, db, now):
    """Export, edit a weight to 12,5 and a question, load it back with "replace": the
    tree is the edited one, every other node as it was."""
    loaded = instruments.load_instrument(SYSTEM, example(), now=now).instrument
    db.session.commit()
    before = instruments.instrument_tree(loaded)
    reader = login(make_user(role="member", locale="en"))
    assert f'href="{URL}/{loaded.id}.xlsx"' in reader.get(f"{URL}/{loaded.id}").get_data(
        as_text=True)
    response = reader.get(f"{URL}/{loaded.id}.xlsx")
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    assert f"instrumen-2026-{loaded.id}.xlsx" in response.headers["Content-Disposition"]
    assert reader.get(f"{URL}/987654.xlsx").status_code == 404

    book = load_workbook(io.BytesIO(response.data))
    sheet = book.active
    assert [sheet.cell(row=row, column=2).value for row in (1, 2)] == [
        "Contoh instrumen PMPRB", 2026]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=6)}
    assert rows["A.1.1"][4].value == "Apakah tim RB telah dibentuk?"
    rows["A.1"][3].value = "12,5"
    rows["A.1.2"][4].value = "Persentase rencana aksi yang terealisasi (TW IV)"
    edited = io.BytesIO()
    book.save(edited)

    replaced = as_admin.post(URL, data={"csrf_token": page_csrf(as_admin, URL), "replace": "y",
                                        "file": (io.BytesIO(edited.getvalue()), "edit.xlsx")})
    assert replaced.status_code == 302, replaced.get_data(as_text=True)
    new = db.session.scalar(sa.select(Instrument))
    after = instruments.instrument_tree(new)

    def without_ids(nodes):
        return [{**{k: v for k, v in node.items() if k not in ("id", "children", "indicators")},
                 **{k: without_ids(node[k]) for k in ("children", "indicators") if k in node}}
                for node in nodes]
    expected = without_ids(before)
    expected[0]["children"][0]["weight"] = 12.5
    expected[0]["children"][0]["indicators"][1]["question"] = \
        "Persentase rencana aksi yang terealisasi (TW IV)"
    assert without_ids(after) == expected
    assert count(db) == 1
