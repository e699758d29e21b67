"""The evidence panel and its forms: upload, link, remove, download, as a signed-in user."""
import io

import sqlalchemy as sa
from flask import render_template

from rbtasks.evidence.models import Evidence
from rbtasks.evidence.panel import item_panel
from rbtasks.items.models import ActionItem
from tests.conftest import page_csrf
from tests.evidence.conftest import ELF, PDF, PNG, stored_files


def _post_file(client, item_id, data=PDF, name="notulen.pdf", kind="notulen", description=""):
    token = page_csrf(client, f"/items/{item_id}")
    return client.post(f"/items/{item_id}/evidence/file", data={
        "csrf_token": token, "kind": kind, "description": description,
        "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def _post_link(client, item_id, url, kind="tautan"):
    token = page_csrf(client, f"/items/{item_id}")
    return client.post(f"/items/{item_id}/evidence/link",
                       data={"csrf_token": token, "kind": kind, "url": url, "description": ""})


def _rows(db):
    return list(db.session.scalars(sa.select(Evidence).order_by(Evidence.id)))


def _flashes_after(client, response):
    assert response.status_code == 303
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _form_on_refused_page(response, form_id, status=422):
    """A refusal draws the item page again; the messages stand in the refused form."""
    assert response.status_code == status
    html = response.get_data(as_text=True)
    start = html.index(f'id="{form_id}"')
    return html[start:html.index("</form>", start)] if form_id != "evidence" else \
        html[start:html.index("</section>", start)]


def test_owner_uploads_a_file_and_is_sent_back_to_the_panel(login, cast, db, evidence_dir):
    client = login(cast["owner"])
    item_id = cast["item"].id
    response = _post_file(client, item_id, data=PNG, name="foto rapat.png", kind="foto",
                          description="Foto rapat koordinasi")
    assert response.headers["Location"].endswith(f"/items/{item_id}#evidence")
    assert "Evidence added." in _flashes_after(client, response)
    [row] = _rows(db)
    assert (row.kind, row.original_name, row.content_type, row.description) == (
        "foto", "foto rapat.png", "image/png", "Foto rapat koordinasi")
    assert stored_files(evidence_dir) == [row.stored_name]


def test_a_refused_upload_is_explained_and_stores_nothing(login, cast, db, evidence_dir):
    client = login(cast["owner"])
    form = _form_on_refused_page(_post_file(client, cast["item"].id, data=ELF, name="laporan.pdf",
                                            description="Laporan reviu"), "evidence-file")
    assert "ELF" in form and "not accepted" in form
    assert 'value="Laporan reviu"' in form  # what the user typed is kept
    missing = _form_on_refused_page(client.post(
        f"/items/{cast['item'].id}/evidence/file",
        data={"csrf_token": page_csrf(client, f"/items/{cast['item'].id}"), "kind": "foto"},
        content_type="multipart/form-data"), "evidence-file")
    assert "Choose a file to upload." in missing
    assert _rows(db) == [] and stored_files(evidence_dir) == []


def test_links_are_added_and_javascript_refused(login, cast, db):
    client = login(cast["owner"])
    form = _form_on_refused_page(_post_link(client, cast["item"].id, "javascript:alert(1)"),
                                 "evidence-link")
    assert "Only http:// and https:// links are accepted." in form
    assert 'value="javascript:alert(1)"' in form
    assert _rows(db) == []
    page = _flashes_after(client, _post_link(client, cast["item"].id, "https://ntt.go.id/sop"))
    assert "Link added." in page
    assert [row.url for row in _rows(db)] == ["https://ntt.go.id/sop"]


def test_who_may_add_from_the_pages(login, cast, db):
    assert _post_file(login(cast["outsider"]), cast["item"].id).status_code == 404
    assert _post_file(login(cast["pokja_member"]), cast["item"].id).status_code == 403
    assert _rows(db) == []


def test_remove_from_the_page(login, cast, db, evidence_dir):
    owner = login(cast["owner"])
    _post_file(owner, cast["item"].id)
    [row] = _rows(db)
    member = login(cast["pokja_member"])
    refused = member.post(f"/evidence/{row.id}/delete",
                          data={"csrf_token": page_csrf(member, f"/items/{cast['item'].id}")})
    assert refused.status_code == 403
    without_token = owner.post(f"/evidence/{row.id}/delete")
    assert without_token.status_code == 400
    assert len(_rows(db)) == 1 and len(stored_files(evidence_dir)) == 1

    db.session.execute(sa.update(ActionItem).values(status="done"))
    db.session.commit()
    token = page_csrf(owner, f"/items/{cast['item'].id}")
    panel = _form_on_refused_page(
        owner.post(f"/evidence/{row.id}/delete", data={"csrf_token": token}), "evidence", 409)
    assert "evidence can no longer be removed" in panel and len(_rows(db)) == 1

    db.session.execute(sa.update(ActionItem).values(status="in_progress"))
    db.session.commit()
    page = _flashes_after(owner, owner.post(f"/evidence/{row.id}/delete", data={"csrf_token": token}))
    assert "Evidence removed." in page
    assert _rows(db) == [] and stored_files(evidence_dir) == []


def test_download_needs_sight_of_the_item(login, cast, db, client):
    _post_file(login(cast["owner"]), cast["item"].id, name="Notulen.pdf")
    [row] = _rows(db)
    url = f"/evidence/{row.id}/download"
    assert client.get(url).status_code == 302  # not signed in: to the login page
    assert login(cast["outsider"]).get(url).status_code == 404
    response = login(cast["pokja_member"]).get(url)
    assert response.status_code == 200 and response.get_data() == PDF
    assert response.headers["Content-Disposition"] == "attachment; filename=Notulen.pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.mimetype == "application/pdf"


def _render_panel(app, actor, item, now):
    with app.test_request_context(f"/items/{item.id}"):
        return render_template("evidence/_panel.html", evidence_panel=item_panel(actor, item, now))


def test_the_panel_shows_evidence_and_the_forms_to_those_who_may_add(app, login, cast, db, now):
    owner = login(cast["owner"])
    _post_file(owner, cast["item"].id, name="<img src=x onerror=alert(1)>.pdf", description="<b>rapat</b>")
    _post_link(owner, cast["item"].id, "https://ntt.go.id/sk")
    item = db.session.get(ActionItem, cast["item"].id)

    html = _render_panel(app, cast["owner"], item, now)
    assert 'id="evidence"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.odt,.ods,.odp"' in html
    assert "Minutes (notulen)" in html and "Link (tautan)" in html
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in html and "<img" not in html
    assert "&lt;b&gt;rapat&lt;/b&gt;" in html
    assert 'href="https://ntt.go.id/sk"' in html
    assert html.count("data-confirm=") == 2 and html.count('name="csrf_token"') == 4
    assert f'action="/items/{item.id}/evidence/link#evidence-link"' in html

    viewer = _render_panel(app, cast["pokja_member"], item, now)
    assert "<img" not in viewer and "&lt;img src=x onerror=alert(1)&gt;.pdf" in viewer
    assert "multipart/form-data" not in viewer and "data-confirm=" not in viewer

    db.session.execute(sa.update(ActionItem).values(status="done"))
    db.session.commit()
    closed = _render_panel(app, cast["coordinator"], db.session.get(ActionItem, item.id), now)
    assert "multipart/form-data" not in closed and "data-confirm=" not in closed
