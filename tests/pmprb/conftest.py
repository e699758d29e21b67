"""Instruments for the assessment tests, built straight on the models from
a dict in the issue's YAML shape (loading files is another module's job)."""
from decimal import Decimal

import pytest

# The example instrument, with the second component it implies.
EXAMPLE = {
    "name": "Contoh instrumen PMPRB", "year": 2026,
    "components": [
        {"code": "A", "name": "Pengungkit", "weight": 60, "children": [
            {"code": "A.1", "name": "Pemenuhan", "weight": 20, "indicators": [
                {"code": "A.1.1", "question": "Apakah tim RB telah dibentuk?",
                 "answer_type": "yes_no", "evidence": "SK Tim RB"},
                {"code": "A.1.2", "question": "Persentase rencana aksi yang terealisasi",
                 "answer_type": "percent"},
            ]},
        ]},
    ],
}

# A fuller one: every answer type, two components, an area of change.
FULL = {
    "name": "Instrumen uji PMPRB", "year": 2026,
    "components": [
        {"code": "A", "name": "Pengungkit", "weight": 60, "children": [
            {"code": "A.1", "name": "Pemenuhan", "weight": 20, "area": "Manajemen Perubahan",
             "indicators": [
                 {"code": "A.1.1", "question": "Apakah tim RB telah dibentuk?",
                  "answer_type": "yes_no", "evidence": "SK Tim RB"},
                 {"code": "A.1.2", "question": "Persentase rencana aksi yang terealisasi",
                  "answer_type": "percent"},
             ]},
            {"code": "A.2", "name": "Hasil antara", "weight": 10,
             "area": "Penguatan Pengawasan", "indicators": [
                 {"code": "A.2.1", "question": "Kualitas pengendalian gratifikasi",
                  "answer_type": "abc"},
                 {"code": "A.2.2", "question": "Tingkat kematangan SPIP", "answer_type": "abcd"},
                 {"code": "A.2.3", "question": "Kapabilitas APIP", "answer_type": "abcde"},
                 {"code": "A.2.4", "question": "Jumlah temuan yang ditindaklanjuti",
                  "answer_type": "number", "min": 0, "max": 40},
             ]},
            {"code": "A.3", "name": "Reform", "weight": 30, "indicators": [
                {"code": "A.3.1", "question": "Apakah ada inovasi pelayanan?",
                 "answer_type": "yes_no"},
            ]},
        ]},
        {"code": "B", "name": "Hasil", "weight": 40, "children": [
            {"code": "B.1", "name": "Kapasitas dan akuntabilitas kinerja", "weight": 40,
             "indicators": [
                 {"code": "B.1.1", "question": "Nilai SAKIP (persen)",
                  "answer_type": "percent"},
             ]},
        ]},
    ],
}


def build_instrument(db, spec, now):
    from rbtasks.pmprb.models import Instrument, InstrumentNode

    instrument = Instrument(name=spec["name"], year=spec["year"], loaded_at=now,
                            is_sample=spec.get("is_sample", False))
    db.session.add(instrument)
    position = 0

    def add(node_spec, parent, area, is_indicator):
        nonlocal position
        position += 1
        area = node_spec.get("area", area)
        node = InstrumentNode(
            instrument=instrument, parent_id=parent.id if parent else None, position=position, code=node_spec["code"],
            name=node_spec.get("name", ""), is_indicator=is_indicator,
            weight=None if node_spec.get("weight") is None else Decimal(str(node_spec["weight"])),
            question=node_spec.get("question", ""), answer_type=node_spec.get("answer_type"),
            answer_min=node_spec.get("min"), answer_max=node_spec.get("max"),
            evidence_expected=node_spec.get("evidence", ""), area_name=area or "")
        db.session.add(node)
        db.session.flush()
        for child in node_spec.get("children", ()):
            add(child, node, area, False)
        for indicator in node_spec.get("indicators", ()):
            add(indicator, node, area, True)
        return node

    for component in spec["components"]:
        add(component, None, None, False)
    db.session.commit()
    return instrument


@pytest.fixture
def make_instrument(db, now):
    def make(spec=None, **overrides):
        return build_instrument(db, {**(spec or FULL), **overrides}, now)
    return make
