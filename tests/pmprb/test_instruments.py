"""Loading an instrument: the tree stored, every fault named by its node, warnings."""
import copy
from decimal import Decimal

import pytest
import sqlalchemy as sa

from rbtasks.checks import SYSTEM
from rbtasks.errors import Conflict, PermissionDenied
from rbtasks.pmprb import instruments
from rbtasks.pmprb.instrument_checks import InstrumentFaults
from rbtasks.pmprb.models import Assessment, Instrument, InstrumentNode
from tests.pmprb.instrument_files import example, shape


def load(mapping, now, **options):
    return instruments.load_instrument(SYSTEM, mapping, now=now, **options)


def faults_of(mapping, now, **options):
    with pytest.raises(InstrumentFaults) as refused:
        load(mapping, now, **options)
    return [str(fault) for fault in refused.value.faults]


def test_the_issue_example_loads_with_a_warning_about_a(db, now):
    loaded = load(example(), now)
    db.session.commit()

    instrument = db.session.get(Instrument, loaded.instrument.id)
    assert (instrument.name, instrument.year, instrument.is_sample) == (
        "Contoh instrumen PMPRB", 2026, False)
    assert shape(instruments.tree_rows(instrument)) == [
        ("A", 0, "Pengungkit", 60.0, None, None),
        ("A.1", 1, "Pemenuhan", 20.0, None, "A"),
        ("A.1.1", 2, "", None, "yes_no", "A.1"),
        ("A.1.2", 2, "", None, "percent", "A.1"),
    ]
    indicator = instrument.nodes[2]
    assert (indicator.question, indicator.evidence_expected, indicator.is_indicator) == (
        "Apakah tim RB telah dibentuk?", "SK Tim RB", True)
    assert [node.position for node in instrument.nodes] == [0, 1, 2, 3]
    assert [str(warning) for warning in loaded.warnings] == [
        "A: its parts weigh 20 of its 60 points.",
        "(instrument): the components weigh 60 of 100 points.",
    ]


def test_strict_turns_the_shortfall_into_a_fault(db, now):
    assert faults_of(example(), now, strict=True) == [
        "A: its parts weigh 20 of its 60 points.",
        "(instrument): the components weigh 60 of 100 points.",
    ]
    assert db.session.scalar(sa.select(sa.func.count(Instrument.id))) == 0


def test_weights_are_decimals_written_either_way_and_areas_are_inherited(db, now,
                                                                         make_area):
    make_area(name="Penguatan Akuntabilitas")
    mapping = example()
    mapping["components"][0]["area"] = "Penguatan Akuntabilitas"
    mapping["components"][0]["children"][0]["weight"] = "12,5"
    mapping["components"][0]["children"].append(
        {"code": "A.2", "name": "Hasil Antara", "weight": 47.5, "area": "Penguatan Pengawasan"})

    loaded = load(mapping, now)

    nodes = {node.code: node for node in loaded.instrument.nodes}
    assert nodes["A.1"].weight == Decimal("12.5")
    assert nodes["A.2"].weight == Decimal("47.5")
    assert nodes["A.1.2"].area_name == "Penguatan Akuntabilitas"
    assert nodes["A.2"].area_name == "Penguatan Pengawasan"
    # Penguatan Pengawasan is no area of change here; the gap will need its pokja named.
    assert [warning.node for warning in loaded.warnings] == ["(instrument)", "A.2"]


def test_every_fault_is_collected_and_named_by_its_node(db, now):
    mapping = example()
    pemenuhan = mapping["components"][0]["children"][0]
    pemenuhan["weight"] = 70
    pemenuhan["indicators"][0]["answer_type"] = "ya_tidak"
    pemenuhan["indicators"][1]["code"] = "A.1.1"
    pemenuhan["indicators"].append({"code": "A.1.3", "question": "Nilai SAKIP",
                                    "answer_type": "number", "min": 100, "max": 0})
    mapping["components"].append({"code": "B", "weight": -5, "colour": "merah",
                                  "children": [], "indicators": []})
    mapping["components"].append({"name": "Tanpa kode", "weight": 10})

    assert faults_of(mapping, now) == [
        "A.1.1: unknown answer type 'ya_tidak'; use one of yes_no, abc, abcd, abcde, "
        "percent, number.",
        "A.1.1: duplicate code (also at A.1.indicators[1]); each node needs its own.",
        "A.1.3: min must be less than max.",
        "A: its parts weigh 70 points, more than its 60.",
        "B: unknown keys: colour.",
        "B: name is missing.",
        "B: weight must not be negative.",
        "B: has both children and indicators; a component holds one or the other.",
        "components[3]: has no code.",
    ]
    assert db.session.scalar(sa.select(sa.func.count(InstrumentNode.id))) == 0


def test_the_top_level_may_not_exceed_100_points(db, now):
    mapping = example()
    mapping["components"].append({"code": "B", "name": "Hasil", "weight": 40.5})
    assert "(instrument): the components weigh 100,5 points; the index has only 100." in \
        faults_of(mapping, now)


@pytest.mark.parametrize("change, fault", [
    (lambda m: m["components"][0].pop("weight"), "A: weight is missing."),
    (lambda m: m["components"][0].update(weight="enam puluh"), "A: weight is not a number."),
    (lambda m: m["components"][0].update(weight=10 ** 30),
     "A: weight is out of range (at most 1000)."),
    (lambda m: m["components"][0].update(weight="12,34567"),
     "A: weight has more than 4 decimals."),
    (lambda m: m["components"][0].update(weight=float("nan")), "A: weight is not a number."),
    (lambda m: m["components"][0].update(code=1.1),
     'components[1]: write the code as text in quotes, e.g. "1.10".'),
    (lambda m: m["components"][0].update(name="Peng\x00ungkit"),
     "A: name contains a control character."),
    (lambda m: m["components"][0]["children"][0]["indicators"][0].pop("question"),
     "A.1.1: question is missing."),
    (lambda m: m["components"][0]["children"][0]["indicators"][0].update(
        answer_type="number", max=5), "A.1.1: the answer type number needs min."),
    (lambda m: m["components"][0]["children"][0]["indicators"][0].update(min=1, max=2),
     "A.1.1: min and max belong to the answer type number only."),
    (lambda m: m["components"][0]["children"][0]["indicators"][0].update(
        answer_type="number", min=0, max=10 ** 20),
     "A.1.1: max is out of range (at most 1000000000000)."),
    (lambda m: m.update(year=99999), "(instrument): year must be a year from 2000 to 2100."),
    (lambda m: m.update(components=[]),
     "(instrument): components must be a list of at least one component."),
])
def test_a_fault_names_its_node(db, now, change, fault):
    mapping = example()
    change(mapping)
    assert fault in faults_of(mapping, now)


def test_nesting_deeper_than_six_levels_is_refused(db, now):
    mapping = example()
    node = mapping["components"][0]
    for level in range(2, 9):
        child = {"code": f"L{level}", "name": f"Tingkat {level}", "weight": 1}
        node.pop("indicators", None)
        node["children"] = [child]
        node = child
    assert "L6: nests deeper than 6 levels." in faults_of(mapping, now)


def test_more_than_5000_nodes_is_refused(db, now):
    mapping = example()
    indicators = mapping["components"][0]["children"][0]["indicators"]
    indicators[:] = [{"code": f"A.1.{n}", "question": "Pertanyaan", "answer_type": "abc"}
                     for n in range(1, 5001)]
    assert "(instrument): more than 5000 nodes; split the instrument." in \
        faults_of(mapping, now)


def test_codes_differing_only_in_case_are_duplicates(db, now):
    mapping = example()
    mapping["components"][0]["children"][0]["indicators"][1]["code"] = "a.1.1"
    assert "a.1.1: duplicate code (also at A.1.indicators[1]); each node needs its own." in \
        faults_of(mapping, now)


def test_a_name_and_year_loaded_already_is_refused_unless_replaced(db, now, make_user):
    load(example(), now)
    db.session.commit()
    with pytest.raises(Conflict, match="loaded already"):
        load(example(), now)

    changed = copy.deepcopy(example())
    changed["components"][0]["children"][0]["name"] = "Pemenuhan (revisi)"
    second = load(changed, now, replace=True).instrument
    db.session.commit()

    assert db.session.scalars(sa.select(Instrument.id)).all() == [second.id]
    assert [node.name for node in second.nodes][:2] == ["Pengungkit", "Pemenuhan (revisi)"]
    assert db.session.scalar(sa.select(sa.func.count(InstrumentNode.id))) == 4


def test_an_instrument_in_use_is_not_replaced(db, now):
    instrument = load(example(), now).instrument
    db.session.add(Assessment(instrument_id=instrument.id, year=2026, created_at=now,
                              updated_at=now))
    db.session.commit()
    with pytest.raises(Conflict, match="used by 1 assessments"):
        load(example(), now, replace=True)


def test_only_admins_load_and_every_active_user_reads(db, now, make_user):
    admin, coordinator = make_user(role="admin"), make_user(role="coordinator")
    evaluator = make_user(role="member", is_evaluator=True)
    with pytest.raises(PermissionDenied):
        instruments.load_instrument(coordinator, example(), now=now)
    with pytest.raises(PermissionDenied):
        instruments.load_instrument(evaluator, example(), now=now)
    loaded = instruments.load_instrument(admin, example(), now=now).instrument
    assert loaded.loaded_by_id == admin.id
    assert [row.instrument.id for row in instruments.list_instruments(evaluator)] == [loaded.id]
    coordinator.active = False
    with pytest.raises(PermissionDenied):
        instruments.list_instruments(coordinator)


def test_the_shipped_2020_model_is_the_published_structure(db, now):
    with open(instruments.PMPRB_2020_FILE, "rb") as stream:
        loaded = instruments.load_instrument_file(SYSTEM, stream, "pmprb-2020.yaml", now=now,
                                                  strict=True)
    instrument = loaded.instrument
    assert instrument.name == "PMPRB — PermenPANRB 26/2020"
    assert "tidak termasuk" in instrument.description
    assert [(code, weight) for code, _depth, _name, weight, _type, _parent
            in shape(instruments.tree_rows(instrument))] == [
        ("A", 60), ("A.1", 20), ("A.2", 10), ("A.3", 30),
        ("B", 40), ("B.1", 10), ("B.2", 10), ("B.3", 10), ("B.4", 10)]
    assert not any(node.is_indicator for node in instrument.nodes)
    summary = instruments.summary_of(instrument)
    assert (summary.indicator_count, summary.weight) == (0, 100)


def test_the_sample_covers_every_answer_type_and_says_it_is_a_sample(db, now, make_area):
    for name in ("Manajemen Perubahan", "Penguatan Pengawasan", "Penataan Tatalaksana",
                 "Peningkatan Kualitas Pelayanan Publik", "Penguatan Akuntabilitas"):
        make_area(name=name)
    instrument = instruments.load_sample_instrument(now)
    assert instruments.load_sample_instrument(now) is None  # once only

    assert instrument.is_sample and "sampel" in instrument.name.lower()
    indicators = [node for node in instrument.nodes if node.is_indicator]
    assert len(indicators) == 10
    assert {node.answer_type for node in indicators} == {
        "yes_no", "abc", "abcd", "abcde", "percent", "number"}
    assert {node.area_name for node in indicators} >= {"Manajemen Perubahan",
                                                        "Penguatan Pengawasan"}
    assert instruments.summary_of(instrument).weight == 100
