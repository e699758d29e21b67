"""Instrument files: YAML, JSON and .xlsx read safely; the sheet reads back as the YAML."""
import io
import json

import pytest

from rbtasks.checks import SYSTEM
from rbtasks.errors import ValidationError
from rbtasks.pmprb import instruments
from rbtasks.pmprb.instrument_checks import InstrumentFaults
from rbtasks.pmprb.instrument_files import read_instrument_file
from rbtasks.pmprb.instrument_sheet import COLUMNS, write_instrument_sheet
from rbtasks.pmprb.instrument_template import TEMPLATE
from tests.pmprb.instrument_files import ISSUE_EXAMPLE, example, shape, xlsx_of


def refusal(data, filename):
    with pytest.raises(ValidationError) as refused:
        read_instrument_file(io.BytesIO(data), filename)
    return refused.value.fields["file"]


def test_yaml_and_json_of_the_example_read_alike(app):
    from_yaml = read_instrument_file(io.BytesIO(ISSUE_EXAMPLE.encode()), "contoh.yaml")
    from_json = read_instrument_file(json.dumps(example()).encode(), "contoh.json")
    assert from_yaml == from_json == example()


@pytest.mark.parametrize("text, message", [
    ("name: &n Contoh\nyear: 2026\nalias: *n\n", "YAML alias"),
    ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n", "YAML alias"),
    ("name: Contoh\nname: Lain\nyear: 2026\n", "gives a key twice"),
    ("? [a, b]\n: c\n", "list or mapping as a key"),
    ("name: [unclosed\n", "not valid YAML (line"),
    ("year: " + "9" * 5000 + "\n", "cannot be read"),
    ("x: " + "[" * 50 + "]" * 50 + "\n", "nested too deeply"),
    ("x:\n" + "".join("  " * n + "- \n" for n in range(60)), "nested too deeply"),
    ("x: " + "[" * 100_000 + "]" * 100_000 + "\n", "not valid YAML"),  # libyaml's own limit
    ("!!python/object/apply:os.system ['true']\n", "not valid YAML"),
])
def test_hostile_yaml_is_refused(app, text, message):
    assert message in refusal(text.encode(), "instrumen.yaml")


@pytest.mark.parametrize("text, message", [
    ('{"name": "Contoh", "name": "Lain"}', "gives a key twice"),
    ('{"year": NaN}', "NaN, which is not a number"),
    ('{"year": Infinity}', "Infinity, which is not a number"),
    ('{"year": ' + "9" * 5000 + "}", "not valid JSON"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("[" * 50 + "]" * 50, "nested too deeply"),
    ('{"name": ', "not valid JSON (line 1)"),
])
def test_hostile_json_is_refused(app, text, message):
    assert message in refusal(text.encode(), "instrumen.json")


def test_a_file_over_2_mb_is_refused_before_reading(app):
    assert refusal(b"#" * (2 * 1024 * 1024 + 1), "besar.yaml") == \
        "The file is larger than the limit of 2 MB."


@pytest.mark.parametrize("data, filename, message", [
    (b"", "kosong.yaml", "The file is empty."),
    (b"\xff\xfe\x00", "utf16.json", "not UTF-8"),
    (b"name: x", "instrumen.txt", "Give a .yaml, .json or .xlsx instrument file."),
    (b"PK\x03\x04 rusak", "rusak.xlsx", "damaged"),
])
def test_unreadable_files_say_why(app, data, filename, message):
    assert message in refusal(data, filename)


def test_a_nul_in_a_yaml_text_is_a_fault_of_its_node(db, now):
    text = ISSUE_EXAMPLE.replace("SK Tim RB", '"SK Tim\\0 RB"')
    with pytest.raises(InstrumentFaults) as refused:
        instruments.load_instrument_file(SYSTEM, io.BytesIO(text.encode()), "nul.yaml",
                                         now=now)
    assert [str(fault) for fault in refused.value.faults] == [
        "A.1.1: evidence contains a control character."]


def test_the_template_filled_in_loads_the_same_tree_as_the_yaml(db, now):
    stream = io.BytesIO()
    write_instrument_sheet(TEMPLATE, stream)
    from_sheet = instruments.load_instrument_file(SYSTEM, stream.getvalue(), "templat.xlsx",
                                                  now=now).instrument
    db.session.commit()
    yaml_mapping = {**example(), "name": "Contoh dari YAML"}
    from_yaml = instruments.load_instrument(SYSTEM, yaml_mapping, now=now).instrument

    assert TEMPLATE["components"] == example()["components"]
    assert shape(instruments.tree_rows(from_sheet)) == shape(instruments.tree_rows(from_yaml))
    assert instruments.instrument_tree(from_sheet)[0]["children"][0]["indicators"][0][
        "evidence"] == "SK Tim RB"


def test_text_that_looks_like_a_formula_is_written_inert_and_reads_back(db, now):
    from openpyxl import load_workbook

    mapping = example()
    mapping["components"][0]["children"][0]["indicators"][0]["evidence"] = "=HYPERLINK(\"x\")"
    stream = io.BytesIO()
    write_instrument_sheet(mapping, stream)
    cells = [cell.value for row in load_workbook(io.BytesIO(stream.getvalue())).active
             for cell in row]
    assert "'=HYPERLINK(\"x\")" in cells
    loaded = instruments.load_instrument_file(SYSTEM, stream.getvalue(), "f.xlsx", now=now)
    assert loaded.instrument.nodes[2].evidence_expected == "=HYPERLINK(\"x\")"


def test_a_sheet_with_dotted_codes_needs_no_parent_column_and_reads_decimal_commas(db, now):
    data = xlsx_of({"Instrumen": [
        ["name", "Evaluasi RB — KepmenPANRB 739/2023"], ["year", 2024], [],
        ["code", "name", "weight", "question", "answer_type", "min", "max", "evidence"],
        ["A", "Pengungkit", "12,5"],
        ["A.1", None, None, "Indeks SPIP", "number", 1, 5, "LHE SPIP"],
        ["A.2", "Opini BPK", 5, "Opini atas LKPD", "abc"],
    ], "Petunjuk": [["Lembar ini diabaikan."]]})

    loaded = instruments.load_instrument_file(SYSTEM, data, "evaluasi.xlsx", now=now)

    nodes = {node.code: node for node in loaded.instrument.nodes}
    assert float(nodes["A"].weight) == 12.5
    assert (nodes["A.1"].answer_min, nodes["A.1"].answer_max) == (1, 5)
    assert nodes["A.1"].parent_id == nodes["A"].id
    assert nodes["A.1"].evidence_expected == "LHE SPIP"
    assert [str(warning) for warning in loaded.warnings] == [
        "(instrument): the components weigh 12,5 of 100 points."]


def test_a_sheet_whose_rows_cannot_be_placed_names_them(db, now):
    data = xlsx_of({"Instrumen": [
        ["name", "Contoh"], ["year", 2026],
        ["code", "parent", "name", "weight", "question", "answer_type", "warna"],
        ["B.1", None, "Sebelum induknya", 10],
        ["A", None, "Pengungkit", 60],
        ["A.1.1", "A", None, None, "Pertanyaan", "yes_no"],
        ["A.1.1.1", None, "Di bawah indikator", 1],
    ]})
    with pytest.raises(InstrumentFaults) as refused:
        instruments.load_instrument_file(SYSTEM, data, "salah.xlsx", now=now)
    assert [str(fault) for fault in refused.value.faults] == ["header: unknown column warna."]

    data = xlsx_of({"Instrumen": [
        ["name", "Contoh"], ["year", 2026], list(COLUMNS),
        ["B.1", None, "Sebelum induknya", 10],
        ["A", None, "Pengungkit", 60],
        ["A.1.1", "A", None, None, "Pertanyaan", "yes_no"],
        ["A.1.1.1", None, "Di bawah indikator", 1],
    ]})
    with pytest.raises(InstrumentFaults) as refused:
        instruments.load_instrument_file(SYSTEM, data, "salah.xlsx", now=now)
    assert [str(fault) for fault in refused.value.faults] == [
        "B.1: its parent B is not in an earlier row.",
        "A.1.1.1: its parent A.1.1 is an indicator."]


def test_a_sheet_without_a_header_row_is_refused(app):
    data = xlsx_of({"Instrumen": [["name", "Contoh"], ["kode", "nama"]]})
    assert "no header row starting with “code”" in refusal(data, "tanpa-header.xlsx")
