"""Every form message reaches the reader in their language, WTForms' own messages included."""
import importlib
import pkgutil

from wtforms import Form

import rbtasks
from rbtasks.webforms import BaseForm, BaseSubform
from tests.conftest import page_csrf


def _post_new_item(client, **values):
    data = {"csrf_token": page_csrf(client, "/items/new"), "title": "Menyusun SOP reviu",
            "due_date": "2026-12-18", "progress": "0", "priority": "normal", **values}
    response = client.post("/items/new", data=data)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_item_form_speaks_indonesian_in_its_built_in_messages(login, make_user, make_pokja):
    coordinator = make_user(role="coordinator", name="Oktavianus Pello, S.H., M.H.", locale="id")
    make_pokja(coordinators=[coordinator])
    client = login(coordinator)

    out_of_range = _post_new_item(client, progress="150")
    assert "Angka harus antara 0 dan 100." in out_of_range
    assert "Number must be between" not in out_of_range

    not_a_number = _post_new_item(client, progress="dua puluh", title="")
    assert "Bukan bilangan bulat yang valid." in not_a_number
    assert "Isian ini wajib diisi." in not_a_number
    assert "Not a valid integer value." not in not_a_number
    assert "This field is required." not in not_a_number

    bad_date = _post_new_item(client, start_date="31/13/2026")
    assert "Tulis tanggal sebagai tanggal/bulan/tahun, misalnya 31/12/2026." in bad_date
    assert "Write the date as day/month/year" not in bad_date


def test_english_readers_keep_the_english_messages(login, make_user, make_pokja):
    coordinator = make_user(role="coordinator", locale="en")
    make_pokja(coordinators=[coordinator])
    page = _post_new_item(login(coordinator), progress="150")
    assert "Number must be between 0 and 100." in page


def _all_forms():
    for module in pkgutil.walk_packages(rbtasks.__path__, "rbtasks."):
        importlib.import_module(module.name)
    found, pending = [], [Form]
    while pending:
        for subclass in pending.pop().__subclasses__():
            found.append(subclass)
            pending.append(subclass)
    return [form for form in found if form.__module__.startswith("rbtasks.")]


def test_every_form_of_the_app_translates_through_the_catalogue(app):
    forms = _all_forms()
    assert len(forms) > 15
    assert [f"{f.__module__}.{f.__name__}" for f in forms
            if not issubclass(f, (BaseForm, BaseSubform))] == []
