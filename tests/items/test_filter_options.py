"""The item list's filters offer only the pokja, agencies and people a user may see."""
import re


def _options(html, name):
    """The choices a filter offers: a drop-down's options, or a multiple choice's boxes."""
    select = re.search(rf'<select id="{name}"[^>]*>(.*?)</select>', html, re.S)
    if select:
        return [label for value, label in
                re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select.group(1))
                if value]
    boxes = re.search(rf'<fieldset[^>]*id="{name}-filter"[^>]*>(.*?)</fieldset>', html, re.S)
    return [label.strip() for label in re.findall(
        rf'<input type="checkbox" name="{name}" value="\d+"[^>]*>([^<]*)</label>', boxes.group(1))]


def _plan(make_user, make_pokja, make_agency, make_item):
    inspektorat = make_agency(name="Inspektorat Daerah", code="ITDA")
    dinkes = make_agency(name="Dinas Kesehatan", code="DINKES")
    coordinator = make_user(role="coordinator", name="Hendrikus Nalle", agency=inspektorat)
    seran = make_user(name="Yohanes Seran, S.E.", agency=inspektorat)
    leo = make_user(name="dr. Rosalia Leo, M.Kes.", agency=dinkes)
    ours = make_pokja(name="Pokja Penguatan Pengawasan", coordinators=[coordinator],
                      lead_agency=inspektorat)
    theirs = make_pokja(name="Pokja Peningkatan Kualitas Pelayanan Publik", lead_agency=dinkes)
    empty = make_pokja(name="Pokja Penguatan Akuntabilitas", coordinators=[coordinator],
                       lead_agency=inspektorat)
    make_item(pokja=ours, agency=inspektorat, owner=seran, title="Menyusun laporan PMPRB")
    make_item(pokja=theirs, agency=dinkes, owner=leo, title="Antrean daring rumah sakit")
    return locals()


def test_a_coordinator_is_offered_only_what_they_may_see(
        login, make_user, make_pokja, make_agency, make_item):
    plan = _plan(make_user, make_pokja, make_agency, make_item)
    client = login(plan["coordinator"])

    html = client.get("/items").get_data(as_text=True)
    in_inspektorat = client.get(f"/items?agency_id={plan['inspektorat'].id}").get_data(
        as_text=True)
    in_dinkes = client.get(f"/items?agency_id={plan['dinkes'].id}").get_data(as_text=True)

    assert _options(html, "pokja_id") == ["Pokja Penguatan Akuntabilitas",
                                          "Pokja Penguatan Pengawasan"]
    assert _options(html, "agency_id") == ["Inspektorat Daerah"]
    assert _options(html, "owner_id") == []
    assert _options(in_inspektorat, "owner_id") == ["Yohanes Seran, S.E."]
    assert _options(in_dinkes, "owner_id") == []
    assert "Rosalia Leo" not in in_dinkes


def test_a_member_is_offered_their_own_items_only(
        login, make_user, make_pokja, make_agency, make_item):
    plan = _plan(make_user, make_pokja, make_agency, make_item)
    client = login(plan["leo"])

    html = client.get(f"/items?agency_id={plan['dinkes'].id}").get_data(as_text=True)
    someone_else = client.get(f"/items?owner_id={plan['seran'].id}").get_data(as_text=True)

    assert _options(html, "pokja_id") == ["Pokja Peningkatan Kualitas Pelayanan Publik"]
    assert _options(html, "agency_id") == ["Dinas Kesehatan"]
    assert _options(html, "owner_id") == ["dr. Rosalia Leo, M.Kes."]
    # An owner chosen in the address is named only if the member may see their items.
    assert _options(someone_else, "owner_id") == []
    assert "Yohanes Seran" not in someone_else


def test_a_leader_is_offered_every_pokja_and_agency_and_the_people_of_the_chosen_agency(
        login, make_user, make_pokja, make_agency, make_item):
    plan = _plan(make_user, make_pokja, make_agency, make_item)
    leader = make_user(role="leader", name="Drs. Benediktus Ndun, M.Si.", agency=plan["dinkes"])
    unit = make_agency(name="Inspektur Pembantu Wilayah I", parent=plan["inspektorat"])
    make_user(name="Maria Goreti Lake, S.E.", agency=unit)
    make_user(name="Paulus Tallo, S.H.", agency=plan["inspektorat"], active=False)
    client = login(leader)

    html = client.get("/items").get_data(as_text=True)
    in_inspektorat = client.get(f"/items?agency_id={plan['inspektorat'].id}").get_data(
        as_text=True)
    one_owner = client.get(f"/items?owner_id={plan['leo'].id}").get_data(as_text=True)

    assert len(_options(html, "pokja_id")) == 3
    assert {"Inspektorat Daerah", "Dinas Kesehatan"} <= set(_options(html, "agency_id"))
    # Not every person of the province: the people of the agency chosen, with its units.
    assert _options(html, "owner_id") == []
    assert "Choose an agency and apply to pick its people." in html
    assert _options(in_inspektorat, "owner_id") == [
        "Hendrikus Nalle", "Maria Goreti Lake, S.E.", "Yohanes Seran, S.E."]
    assert _options(one_owner, "owner_id") == ["dr. Rosalia Leo, M.Kes."]
    assert f'<option value="{plan["leo"].id}" selected>' in one_owner
