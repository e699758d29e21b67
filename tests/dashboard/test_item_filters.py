"""The item list accepts repeated pokja_id (a coordinator of several pokja)."""
import pytest
from werkzeug.datastructures import MultiDict

from rbtasks.errors import ValidationError
from rbtasks.items.queries import MAX_POKJA_FILTERS, filters_from_args


def test_repeated_pokja_ids_are_all_kept_in_order_without_repeats():
    filters, *_ = filters_from_args(MultiDict([("pokja_id", "7"), ("pokja_id", "3"),
                                               ("pokja_id", "7")]))
    assert filters.pokja_ids == [7, 3]
    assert filters.pokja_id == 7


def test_a_single_pokja_id_still_works_as_before():
    filters, *_ = filters_from_args(MultiDict([("pokja_id", "5")]))
    assert (filters.pokja_id, filters.pokja_ids) == (5, [5])
    empty, *_ = filters_from_args(MultiDict([("pokja_id", "")]))
    assert (empty.pokja_id, empty.pokja_ids) == (None, [])


@pytest.mark.parametrize("values", [["3", "abc"], ["3", "0"],
                                    [str(n) for n in range(1, MAX_POKJA_FILTERS + 2)]])
def test_a_bad_repeated_pokja_id_is_refused(values):
    with pytest.raises(ValidationError) as raised:
        filters_from_args(MultiDict([("pokja_id", value) for value in values]))
    assert set(raised.value.fields) == {"pokja_id"}


def test_the_list_and_the_api_show_the_items_of_every_given_pokja(
        make_user, make_pokja, make_item, login, api):
    coordinator = make_user(role="coordinator", locale="en")
    first, second, third = (make_pokja(coordinators=[coordinator]) for _ in range(3))
    for pokja, count in ((first, 2), (second, 3), (third, 4)):
        for _ in range(count):
            make_item(pokja=pokja)
    query = f"pokja_id={first.id}&pokja_id={second.id}"

    page = login(coordinator).get(f"/items?{query}")
    assert "5 action items" in page.get_data(as_text=True)
    body = api(coordinator).get(f"/api/v1/items?{query}").get_json()
    assert body["meta"]["total"] == 5
    assert {item["pokja_id"] for item in body["data"]} == {first.id, second.id}
    assert api(coordinator).get("/api/v1/items?pokja_id=1&pokja_id=x").status_code == 422
