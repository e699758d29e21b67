"""``flask rb pmprb load-instrument`` and ``list-instruments``: output and exit status."""
import json

import pytest
import sqlalchemy as sa

from rbtasks.pmprb.instruments import PMPRB_2020_FILE
from rbtasks.pmprb.models import Instrument
from tests.pmprb.instrument_files import ISSUE_EXAMPLE, example


def _write(tmp_path, text, name="instrumen.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _load(runner, path, *options):
    return runner.invoke(args=["rb", "pmprb", "load-instrument", path, *options])


def test_the_example_loads_and_prints_its_id_last(runner, db, tmp_path):
    result = _load(runner, _write(tmp_path, ISSUE_EXAMPLE))

    assert result.exit_code == 0, result.output
    instrument = db.session.scalar(sa.select(Instrument))
    assert result.stdout.splitlines()[-1] == str(instrument.id)
    assert "warning: A: its parts weigh 20 of its 60 points." in result.stderr
    assert instrument.name == "Contoh instrumen PMPRB"


def test_strict_refuses_the_shortfall(runner, db, tmp_path):
    result = _load(runner, _write(tmp_path, ISSUE_EXAMPLE), "--strict")

    assert result.exit_code == 1
    assert "error: A: its parts weigh 20 of its 60 points." in result.stderr
    assert db.session.scalar(sa.select(sa.func.count(Instrument.id))) == 0


def _broken(change):
    mapping = example()
    change(mapping)
    return mapping


def _pemenuhan(mapping):
    return mapping["components"][0]["children"][0]


@pytest.mark.parametrize("mapping, fault", [
    (_broken(lambda m: _pemenuhan(m).update(weight=75)),
     "A: its parts weigh 75 points, more than its 60."),
    (_broken(lambda m: _pemenuhan(m)["indicators"][1].update(answer_type="skala")),
     "A.1.2: unknown answer type 'skala'"),
    (_broken(lambda m: _pemenuhan(m)["indicators"][1].update(code="A.1.1")),
     "A.1.1: duplicate code"),
    (_broken(lambda m: _pemenuhan(m).pop("name")), "A.1: name is missing."),
    (_broken(lambda m: _pemenuhan(m).update(weight=-20)), "A.1: weight must not be negative."),
    (_broken(lambda m: _pemenuhan(m).update(children=[])),
     "A.1: has both children and indicators"),
    (_broken(lambda m: _pemenuhan(m)["indicators"][0].update(bobot=5)),
     "A.1.1: unknown keys: bobot."),
    (_broken(lambda m: _pemenuhan(m)["indicators"][0].update(answer_type="number")),
     "A.1.1: the answer type number needs min."),
    (_broken(lambda m: m["components"].append({"code": "B", "name": "Hasil", "weight": 41})),
     "(instrument): the components weigh 101 points; the index has only 100."),
])
def test_every_bad_file_exits_non_zero_naming_the_node(runner, db, tmp_path, mapping, fault):
    result = _load(runner, _write(tmp_path, json.dumps(mapping), "instrumen.json"))

    assert result.exit_code == 1
    assert fault in result.stderr
    assert result.stdout == ""
    assert db.session.scalar(sa.select(sa.func.count(Instrument.id))) == 0


def test_an_unreadable_file_exits_non_zero(runner, db, tmp_path):
    result = _load(runner, _write(tmp_path, "a: &x 1\nb: *x\n"))
    assert result.exit_code == 1
    assert "error: The file uses a YAML alias" in result.stderr


def test_loading_twice_is_refused_and_replace_replaces(runner, db, tmp_path):
    path = _write(tmp_path, ISSUE_EXAMPLE)
    assert _load(runner, path).exit_code == 0

    again = _load(runner, path)
    assert again.exit_code == 1
    assert "is loaded already" in again.stderr

    replaced = _load(runner, path, "--replace", "--sample")
    assert replaced.exit_code == 0, replaced.output
    instruments = db.session.scalars(sa.select(Instrument)).all()
    assert [(str(i.id), i.is_sample) for i in instruments] == [
        (replaced.stdout.splitlines()[-1], True)]


def test_list_instruments(runner, db, tmp_path):
    assert "No instruments loaded." in runner.invoke(
        args=["rb", "pmprb", "list-instruments"]).output
    _load(runner, str(PMPRB_2020_FILE))
    _load(runner, _write(tmp_path, ISSUE_EXAMPLE), "--sample")

    lines = runner.invoke(args=["rb", "pmprb", "list-instruments"]).output.splitlines()

    assert [line.split("\t")[1:] for line in lines] == [
        ["2026", "2", "60", "Contoh instrumen PMPRB (sample)"],
        ["2020", "0", "100", "PMPRB — PermenPANRB 26/2020"],
    ]
