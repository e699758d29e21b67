"""The issue's "done when" for the self-assessment, end to end through the
contract: the issue's YAML loaded by ``flask rb pmprb load-instrument``,
answered through the API as the sheet writes answers, the index computed by
hand, and the largest gap made an action item that the worksheet then shows."""
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from rbtasks.items.models import ActionItem
from rbtasks.rbindex.models import IndexScore
from tests.pmprb.instrument_files import ISSUE_EXAMPLE


def test_the_issue_yaml_loaded_answered_scored_and_its_gap_followed_up(
        runner, api, db, make_user, make_area, make_pokja, make_agency, tmp_path, now):
    db.session.add_all([IndexScore(year=2019, score=Decimal("60.37"), updated_at=now),
                        IndexScore(year=2026, target=Decimal(71), updated_at=now)])
    inspektorat = make_agency(name="Inspektorat Daerah Provinsi NTT", code="INSP")
    evaluator = make_user(role="member", agency=inspektorat, is_evaluator=True,
                          name="Dr. Maria Bessie, S.Kom., M.T.")
    coordinator = make_user(role="coordinator", name="Oktavianus Pello, S.H., M.H.")
    owner = make_user(role="member", agency=inspektorat, name="Yohanes Seran, S.E.")
    pokja = make_pokja(area=make_area(name="Penguatan Pengawasan"), coordinators=[coordinator],
                       members=[owner], lead_agency=inspektorat)
    db.session.commit()

    path = tmp_path / "contoh.yaml"
    path.write_text(ISSUE_EXAMPLE, encoding="utf-8")
    loaded = runner.invoke(args=["rb", "pmprb", "load-instrument", str(path)])
    assert loaded.exit_code == 0, loaded.output
    instrument_id = int(loaded.output.split()[-1])  # the id is the last thing printed

    listed = api(coordinator).get("/api/v1/pmprb/instruments").get_json()["data"]
    assert [(row["id"], row["name"], row["year"]) for row in listed] == [
        (instrument_id, "Contoh instrumen PMPRB", 2026)]

    client = api(coordinator)
    started = client.post("/api/v1/pmprb/assessments",
                          json={"instrument_id": instrument_id, "year": 2026, "agency_id": None})
    assert started.status_code == 201, started.get_json()
    url = f"/api/v1/pmprb/assessments/{started.get_json()['id']}"
    answered = client.put(f"{url}/answers", json=[
        {"indicator_code": "A.1.1", "self_answer": "ya", "evaluator_answer": None,
         "note": "SK Gubernur NTT Nomor 12 Tahun 2026"},
        {"indicator_code": "A.1.2", "self_answer": "62,5", "evaluator_answer": None,
         "note": "Realisasi triwulan IV"}])
    assert answered.status_code == 200, answered.get_json()

    # By hand: A.1 holds the indicators, 20 × mean(1, 0.625) = 16.25; A is the
    # sum of its children, 16.25; the index is the sum of the top level.
    summary = client.get(url).get_json()
    assert summary["estimated_index"] == 16.25 and summary["grade"] == "D"
    assert [(c["code"], c["score"], c["weight"]) for c in summary["components"]] == [
        ("A", 16.25, 60.0)]
    # A.1.2 loses (20 ÷ 2) × (1 − 0.625) = 3.75 points; A.1.1 loses nothing.
    assert [(g["indicator_code"], g["points_lost"]) for g in summary["gaps"]] == [
        ("A.1.2", 3.75)]

    # The evaluator sees it otherwise: 50% realised, so A.1 = 20 × mean(1, 0.5) = 15.
    judged = api(evaluator).put(f"{url}/answers", json=[
        {"indicator_code": "A.1.1", "self_answer": None, "evaluator_answer": "Ya", "note": ""},
        {"indicator_code": "A.1.2", "self_answer": None, "evaluator_answer": 50,
         "note": None}])
    assert judged.status_code == 200, judged.get_json()
    summary = client.get(url).get_json()
    assert (summary["estimated_index"], summary["evaluator_index"]) == (16.25, 15.0)
    assert summary["gaps"][0]["points_lost"] == 5.0  # the evaluator's value counts

    made = client.post(f"{url}/gaps/A.1.2/items", json={
        "pokja_id": pokja.id, "owner_id": owner.id, "due_date": "2026-12-31"})
    assert made.status_code == 201, made.get_json()
    item = db.session.get(ActionItem, made.get_json()["id"])
    assert item.pokja_id == pokja.id and item.due_date == date(2026, 12, 31)
    assert item.title.startswith("Tindak lanjut PMPRB A.1.2")
    gaps = client.get(url).get_json()["gaps"]
    assert gaps[0]["item_ids"] == [item.id]
    assert db.session.scalar(sa.select(sa.func.count(ActionItem.id))) == 1
