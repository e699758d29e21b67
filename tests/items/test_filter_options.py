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

    html = login(plan["coordinator"]).get("/items").get_data(as_text=True)

    assert _options(html, "pokja_id") == ["Pokja Penguatan Akuntabilitas",
                                          "Pokja Penguatan Pengawasan"]
    assert _options(html, "agency_id") == ["Inspektorat Daerah"]
    assert _options(html, "owner_id") == ["Yohanes Seran, S.E."]


def test_a_member_is_offered_their_own_items_only(
        login, make_user, make_pokja, make_agency, make_item):
    plan = _plan(make_user, make_pokja, make_agency, make_item)

    html = login(plan["leo"]).get("/items").get_data(as_text=True)

    assert _options(html, "pokja_id") == ["Pokja Peningkatan Kualitas Pelayanan Publik"]
    assert _options(html, "agency_id") == ["Dinas Kesehatan"]
    assert _options(html, "owner_id") == ["dr. Rosalia Leo, M.Kes."]


def test_a_leader_is_offered_the_whole_plan(login, make_user, make_pokja, make_agency, make_item):
    plan = _plan(make_user, make_pokja, make_agency, make_item)
    leader = make_user(role="leader", name="Drs. Benediktus Ndun, M.Si.", agency=plan["dinkes"])

    html = login(leader).get("/items").get_data(as_text=True)

    assert len(_options(html, "pokja_id")) == 3
    assert {"Inspektorat Daerah", "Dinas Kesehatan"} <= set(_options(html, "agency_id"))
    assert {"Yohanes Seran, S.E.", "dr. Rosalia Leo, M.Kes.", "Hendrikus Nalle"} <= set(
        _options(html, "owner_id"))
