"""The item page shows only the buttons the signed-in user may press, and they work."""
from rbtasks.evidence.models import Evidence
from rbtasks.items.models import ActionItem
from tests.conftest import csrf_token_from


def _buttons(html):
    """The transition actions the page offers (each form carries data-action)."""
    return {part.split('"')[0] for part in html.split('data-action="')[1:]}


def test_buttons_follow_role_and_status(login, make_user, make_pokja, make_item):
    owner = make_user(role="member")
    coordinator = make_user(role="coordinator")
    leader = make_user(role="leader")
    pokja = make_pokja(coordinators=[coordinator], members=[owner])
    in_progress = make_item(pokja=pokja, owner=owner, status="in_progress")
    submitted = make_item(pokja=pokja, owner=owner, status="submitted")

    owner_page = login(owner).get(f"/items/{in_progress.id}").get_data(as_text=True)
    assert _buttons(owner_page) == {"block", "submit"}
    coordinator_client = login(coordinator)
    assert _buttons(coordinator_client.get(f"/items/{submitted.id}").get_data(as_text=True)) == {
        "verify", "return", "cancel"}
    assert _buttons(login(leader).get(f"/items/{submitted.id}").get_data(as_text=True)) == set()
    assert _buttons(login(owner).get(f"/items/{submitted.id}").get_data(as_text=True)) == set()


def test_owner_submits_from_the_page_and_a_repeat_is_refused_with_a_message(
    login, make_user, make_pokja, make_item, db, now
):
    owner = make_user(role="member")
    item = make_item(pokja=make_pokja(members=[owner]), owner=owner, status="in_progress")
    db.session.add(Evidence(item_id=item.id, kind="sk", url="https://jdih.nttprov.go.id/sk", added_at=now))
    db.session.commit()
    client = login(owner)
    html = client.get(f"/items/{item.id}").get_data(as_text=True)
    form = {"csrf_token": csrf_token_from(html), "action": "submit", "version": "1",
            "note": "SK telah ditetapkan"}
    response = client.post(f"/items/{item.id}/transitions", data=form)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).status == "submitted"

    again = client.post(f"/items/{item.id}/transitions", data=form)
    assert again.status_code == 409
    # The submit form is gone (the item is submitted), so the panel itself says why.
    panel = again.get_data(as_text=True).split('id="workflow"')[1].split("</section>")[0]
    assert 'class="refusal"' in panel and "Awaiting verification" in panel
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).version == 2


def test_a_user_who_may_not_act_gets_403_from_the_page(login, make_user, make_pokja, make_item, db):
    leader = make_user(role="leader")
    item = make_item(status="not_started")
    client = login(leader)
    html = client.get(f"/items/{item.id}").get_data(as_text=True)
    response = client.post(f"/items/{item.id}/transitions", data={
        "csrf_token": csrf_token_from(html), "action": "start", "version": "1"})
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).status == "not_started"


def test_block_reason_is_shown(login, make_user, make_pokja, make_item):
    owner = make_user(role="member")
    item = make_item(owner=owner, status="blocked", block_reason="Menunggu SK Gubernur")
    assert "Menunggu SK Gubernur" in login(owner).get(f"/items/{item.id}").get_data(as_text=True)


def test_a_refused_submission_is_explained_in_its_open_form_with_the_note_kept(
    login, make_user, make_pokja, make_item, db
):
    owner = make_user(role="member", name="Oktavianus Pello, S.H., M.H.")
    item = make_item(pokja=make_pokja(members=[owner]), owner=owner, status="in_progress")
    client = login(owner)
    html = client.get(f"/items/{item.id}").get_data(as_text=True)
    assert f'action="/items/{item.id}/transitions#workflow-submit"' in html
    response = client.post(f"/items/{item.id}/transitions", data={
        "csrf_token": csrf_token_from(html), "action": "submit", "version": "1",
        "note": "SOP telah disusun & dibahas"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    details = page[page.rindex("<details", 0, page.index('id="workflow-submit"')):]
    details = details[:details.index("</details>")]
    assert details.startswith('<details class="transition" open>')
    assert "Add at least one piece of evidence (data dukung) first." in details
    assert ">SOP telah disusun &amp; dibahas</textarea>" in details
    db.session.expire_all()
    assert db.session.get(ActionItem, item.id).status == "in_progress"


def _workflow_panel(client, item):
    html = client.get(f"/items/{item.id}").get_data(as_text=True)
    return html.split('id="workflow"')[1].split("</section>")[0]


def test_a_returned_item_says_why_in_its_status_panel_until_it_is_submitted_again(
    login, make_user, make_pokja, make_item, db, now
):
    owner = make_user(role="member", name="Oktavianus Pello, S.H., M.H.")
    coordinator = make_user(role="coordinator", name="Dr. Maria Bessie, S.Kom., M.T.")
    item = make_item(pokja=make_pokja(coordinators=[coordinator], members=[owner]), owner=owner,
                     status="submitted")
    db.session.add(Evidence(item_id=item.id, kind="notulen", url="https://ntt.go.id/notulen",
                            added_at=now))
    db.session.commit()
    coordinator_client = login(coordinator)
    html = coordinator_client.get(f"/items/{item.id}").get_data(as_text=True)
    response = coordinator_client.post(f"/items/{item.id}/transitions", data={
        "csrf_token": csrf_token_from(html), "action": "return", "version": "1",
        "reason": "Lampirkan daftar hadir rapat"})
    assert response.status_code == 302

    owner_client = login(owner)
    panel = _workflow_panel(owner_client, item)
    assert "Returned because" in panel and "Lampirkan daftar hadir rapat" in panel
    assert "Dr. Maria Bessie, S.Kom., M.T." in panel

    html = owner_client.get(f"/items/{item.id}").get_data(as_text=True)
    owner_client.post(f"/items/{item.id}/transitions", data={
        "csrf_token": csrf_token_from(html), "action": "submit", "version": "2",
        "note": "Daftar hadir sudah dilampirkan"})
    assert "Lampirkan daftar hadir rapat" not in _workflow_panel(owner_client, item)
