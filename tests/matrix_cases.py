"""The role × endpoint permission matrix: a case per route and method (a few
with variants), each naming the outcome every role must get.

The outcomes are written from the role rules of issues 2–5, not derived
from rbtasks' own permission functions:

- admin: everything, except what issue 3's table keeps for the owner
  (submitting) and for the owner or agency head (asking for more time);
- leader: reads everything, comments;
- coordinator: creates, edits, assigns and deletes the items of the pokja
  they coordinate, decides its extension requests, verifies, returns,
  cancels and reopens;
- agency head: reads their agency's items, comments, reassigns the owner
  within the agency, asks for a later due date;
- member: reads the items of their pokja; updates progress on (quarters,
  evidence, start/block) and comments on the items they own; only the owner
  submits for verification, and never verifies their own item.
What a role may not do gets 403, or 404 for an item it may not even see;
without signing in, a page redirects to /login and the API answers 401.

The cast (built by the test): ``admin``, ``leader``, ``coord_p`` (coordinates
pokja P), ``head_a`` (heads agency A), ``owner`` (member of P, in agency A,
owns item I), ``member`` (member of P, does not own I), ``coord_q``
(coordinates pokja Q, cannot see I) and ``anon``. URL placeholders and body
values come from the test's ``Ids``: ``item`` (I, in progress), ``link`` (an
evidence link on I its owner added), ``file`` (an evidence file on I),
``extension`` (the owner's pending extension request on I), ``area``,
``agency``, ``pokja`` (Q), ``user`` (``colleague``: a member in agency A),
``token`` (one of the owner's API tokens), ``reset`` (a live password-reset
link of the owner), ``message`` (a failed reminder about I), ``override`` (a
working-day override), ``score`` (the RB index record of 2019), ``feed`` and
``head_feed`` (the calendar-feed tokens of ``owner`` and ``head_a``), ``meeting``
(a monev meeting), ``decision`` (its decision, followed up by an item of P),
``meeting_link`` (an evidence link on the meeting), ``assessment`` (agency A's
PMPRB self-assessment, A.1.1 answered and submitted, A.1.2 answered as a
draft), ``instrument`` (the one it
answers), ``indicator`` (its A.1.2, whose area is pokja P's) and
``spare_instrument`` (one no assessment uses, which may be deleted).

Where the issues leave a role open, the choice made is noted at the case.
"""
import io
from dataclasses import dataclass
from typing import Callable

OK, LOGIN = "ok", "login"
SIGNED_IN = ("admin", "leader", "coord_p", "head_a", "owner", "member", "coord_q", "evaluator")
ROLES = (*SIGNED_IN, "anon")
PASSWORD, NEW_PASSWORD = "rahasia-123", "rahasia-baru-456"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def outcomes(ok="", forbidden="", hidden="", anon=None):
    """Role → expected outcome; every signed-in role must be named exactly once,
    except ``evaluator``: a member of pokja P like ``member`` whose account may
    evaluate self-assessments, it is expected to fare as ``member`` does
    wherever a case does not name it (only the self-assessment's rules do)."""
    expected = {}
    for outcome, names in ((OK, ok), (403, forbidden), (404, hidden)):
        for name in names.split():
            assert name in SIGNED_IN and name not in expected, name
            expected[name] = outcome
    if "evaluator" not in expected and "member" in expected:
        expected["evaluator"] = expected["member"]
    missing = sorted(set(SIGNED_IN) - set(expected))
    assert not missing, f"no outcome for {missing}"
    expected["anon"] = anon
    return expected


# Who may do what to item I (issue 2 §3, issue 3), written out once per rule.
# Issue 10's monev report is for those who oversee items, each for their own
# scope (leader, admin: the plan; coordinators: their pokja; agency heads:
# their agency); members, whose dashboard holds only their own items, are
# refused — a choice. A pokja or agency outside the scope is 403
# (tests/reports/test_permissions.py).
READS_REPORTS = dict(ok="admin leader coord_p head_a coord_q", forbidden="owner member")
EVERYONE = dict(ok="admin leader coord_p head_a owner member coord_q")
ADMIN_ONLY = dict(ok="admin", forbidden="leader coord_p head_a owner member coord_q")
READS_ITEM = dict(ok="admin leader coord_p head_a owner member", hidden="coord_q")
MANAGES_ITEM = dict(ok="admin coord_p", forbidden="leader head_a owner member",
                    hidden="coord_q")
COMMENTS = dict(ok="admin leader coord_p head_a owner", forbidden="member", hidden="coord_q")
# progress, quarters, evidence, start/block: the owner besides the managers
UPDATES_PROGRESS = dict(ok="admin coord_p owner", forbidden="leader head_a member",
                        hidden="coord_q")
# the edit form: managers, the owner (progress), the agency head (owner field)
OPENS_EDIT_FORM = dict(ok="admin coord_p head_a owner", forbidden="leader member",
                       hidden="coord_q")
REASSIGNS = dict(ok="admin coord_p head_a", forbidden="leader owner member", hidden="coord_q")
SUBMITS = dict(ok="owner", forbidden="admin leader coord_p head_a member", hidden="coord_q")
# Issue 3: "the owner or the agency head asks"; coordinators and admins move
# the due date directly, so a request from them is refused (a choice).
REQUESTS_EXTENSION = dict(ok="owner head_a", forbidden="admin leader coord_p member",
                          hidden="coord_q")
CREATES_IN_P = dict(ok="admin coord_p", forbidden="leader head_a owner member coord_q")
# Issue 10: a calendar feed's address is its credential. The session (or none)
# of whoever fetches it changes nothing: the token's user decides.
ANY_HOLDER = dict(**EVERYONE, anon=OK)
# Issue 12: every signed-in user reads monev meetings; admins, the RB team
# leader and coordinators (of any pokja) record them. A decision's items are
# items: only in a pokja the recorder coordinates (admins: any).
RECORDS_MEETINGS = dict(ok="admin leader coord_p coord_q", forbidden="head_a owner member")
NO_HOLDER = dict(hidden="admin leader coord_p head_a owner member coord_q", anon=404)


@dataclass(frozen=True)
class Case:
    endpoint: str
    method: str
    url: str  # with {placeholders} from the test's Ids
    expected: dict
    body: Callable | None = None  # Ids -> dict (form fields or JSON)
    variant: str = ""
    writes: bool = True  # a success must change a row
    multipart: bool = False
    prepare: Callable | None = None  # (connection, tables, Ids) -> None, before the case
    lands_on_login: bool = False  # success redirects to /login (without ?next=)

    @property
    def is_api(self):
        return self.endpoint.startswith("api.")

    @property
    def name(self):
        return f"{self.method} {self.url}" + (f" [{self.variant}]" if self.variant else "")


def page(endpoint, method, url, *, body=None, anon=LOGIN, writes=None, **kwargs):
    rules = {key: kwargs.pop(key) for key in ("ok", "forbidden", "hidden") if key in kwargs}
    return Case(endpoint, method, url, outcomes(**rules, anon=anon), body,
                writes=method != "GET" if writes is None else writes, **kwargs)


def api(endpoint, method, url, *, body=None, anon=401, writes=None, **kwargs):
    return page(endpoint, method, url, body=body, anon=anon, writes=writes, **kwargs)


# ---- bodies ----------------------------------------------------------------

def item_form(ids):
    """The whole item form, changing title, owner and progress: each role's
    form keeps only the fields it may change, so each changes something."""
    return {"title": "Rencana aksi diperbarui", "description": "", "output": "",
            "indicator": "", "target": "", "unit": "", "pokja_id": ids.pokja_p,
            "agency_id": ids.agency_a, "owner_id": ids.user, "start_date": "",
            "due_date": ids.due.isoformat(), "progress": "40", "priority": "normal",
            "budget": "", "version": ids.version}


def new_item_form(ids):
    return {"title": "Rencana aksi baru", "pokja_id": ids.pokja_p, "agency_id": ids.agency_a,
            "owner_id": ids.owner, "due_date": ids.due.isoformat(), "progress": "0",
            "priority": "normal"}


def new_item_json(ids):
    return {"title": "Rencana aksi baru", "pokja_id": ids.pokja_p,
            "agency_id": ids.agency_a, "due_date": ids.due.isoformat()}


def transition(action, **texts):
    return lambda ids: {"action": action, "version": ids.version, **texts}


def pdf_upload(ids):
    return {"kind": "notulen", "description": "Notulen rapat",
            "file": (io.BytesIO(PDF), "notulen.pdf")}


def link_form(ids):
    return {"url": "https://ntt.go.id/rb/notulen", "kind": "tautan", "description": "Notulen"}


def quarters_form(ids):
    return {"quarters-0-target": "10", "quarters-0-realisation": "4",
            "quarters-0-obstacles": "", "quarters-0-follow_up": "", "version": ids.version}


def quarters_json(ids):
    return {"version": ids.version, "progress_from_quarters": False,
            "quarters": [{"quarter": 1, "target": "10", "realisation": "4"}]}


IMPORT_CSV = ("No;Kegiatan / Rencana Aksi;Unit Kerja;Anggaran (Rp);Batas Waktu\n"
              "1;Rapat koordinasi Tim RB;MATRIX-A;Rp 15.000.000;31 Desember 2027\n")


def import_upload(ids):
    return {"pokja_id": ids.pokja_p, "year": "2027", "sheet": "",
            "file": (io.BytesIO(IMPORT_CSV.encode()), "rencana-aksi.csv")}


def import_api_body(ids):
    return {"pokja_id": str(ids.pokja_p), "dry_run": "false", "year": "2027",
            "file": (io.BytesIO(IMPORT_CSV.encode()), "rencana-aksi.csv")}


def code_agency_a(connection, tables, ids):
    """The sheet names agency A by a code it can know."""
    table = tables["agency"]
    connection.execute(table.update().where(table.c.id == ids.agency_a).values(code="MATRIX-A"))


# Issue 12: PMPRB self-assessments. Read by admins, the leader, coordinators
# and evaluators, and for agency A's by its head and members (the owner);
# answered for the unit by admins, coordinators and agency A's head; started
# by admins, coordinators and evaluators; reviewed and returned by evaluators
# only (an admin is not one unless made one). A gap becomes an item through
# the items' own rule: pokja P's managers.
ASSESSMENT = "/pmprb/assessments/{assessment}"
READS_ASSESSMENT = dict(ok="admin leader coord_p coord_q head_a owner evaluator",
                        hidden="member")
ANSWERS_ASSESSMENT = dict(ok="admin coord_p coord_q head_a", forbidden="leader owner evaluator",
                          hidden="member")
EVALUATES = dict(ok="evaluator", forbidden="admin leader coord_p coord_q head_a owner",
                 hidden="member")
STARTS_ASSESSMENT = dict(ok="admin coord_p coord_q evaluator",
                         forbidden="leader head_a owner member")
GAP_TO_ITEM = dict(ok="admin coord_p", forbidden="leader coord_q head_a owner evaluator",
                   hidden="member")


def start_assessment_form(ids):
    return {"instrument_id": str(ids.instrument), "year": "2027",
            "agency_id": str(ids.agency_a)}


def gap_item_form(ids):
    prefix = f"gap-{ids.indicator}"
    return {f"{prefix}-title": "Tindak lanjut PMPRB A.1.2", f"{prefix}-pokja_id": ids.pokja_p,
            f"{prefix}-agency_id": ids.agency_a, f"{prefix}-owner_id": ids.owner,
            f"{prefix}-due_date": ids.due.strftime("%d/%m/%Y")}


def instrument_mapping():
    return {"name": "Instrumen matriks", "year": 2026, "components": [
        {"code": "A", "name": "Pengungkit", "weight": 100, "indicators": [
            {"code": "A.1", "question": "Apakah tim RB telah dibentuk?",
             "answer_type": "yes_no", "evidence": "SK Tim RB"}]}]}


def instrument_upload(ids):
    import json

    return {"file": (io.BytesIO(json.dumps(instrument_mapping()).encode()), "instrumen.json")}


def extension_body(ids):
    return {"new_due_date": ids.later_due.isoformat(), "reason": "Menunggu SK Gubernur"}


def close_pending_extension(connection, tables, ids):
    """A new request needs the item's pending one decided first."""
    table = tables["extension_request"]
    connection.execute(table.update().where(table.c.id == ids.extension)
                       .values(status="rejected", open_item_id=None))


def mark_submitted(connection, tables, ids):
    table = tables["action_item"]
    connection.execute(table.update().where(table.c.id == ids.item).values(status="submitted"))


def user_form(ids, **changes):
    return {"name": "Pegawai Baru", "email": "pegawai.baru@ntt.go.id", "role": "member",
            "agency_id": ids.agency_a, "phone": "", "locale": "id", "active": "y",
            "password": NEW_PASSWORD, **changes}


def agency_form(ids, code):
    return {"name": "Badan Baru", "code": code, "head_name": "Kepala Baru",
            "head_email": "kepala.baru@ntt.go.id", "head_phone": "", "parent_id": ""}


def pokja_form(ids):
    return {"name": "Pokja Baru", "area_id": ids.area, "lead_agency_id": ids.agency,
            "coordinator_ids": [ids.coord_q], "member_ids": []}


def index_score_form(**values):
    return {"score": "", "target": "", "enablers": "", "results": "",
            "source_note": "RPJMD", **values}


def meeting_form(ids):
    return {"title": "Rapat Monev Triwulan IV", "held_at": "07/12/2026", "held_time": "09.00",
            "place": "Kupang", "chair": "Drs. Benediktus Ndun, M.Si.", "note_taker": "",
            "guests": "Dr. Maria Bessie, S.Kom., M.T.; Ombudsman NTT",
            "agenda-0-topic": "Capaian Triwulan III", "agenda-0-discussion": "Capaian 62,5%."}


def decision_form(ids, with_item=True):
    form = {"text": "Seluruh SOP dipetakan ulang."}
    if with_item:
        form.update({"items-0-title": "Pemetaan SOP", "items-0-pokja_id": ids.pokja_p,
                     "items-0-agency_id": ids.agency_a, "items-0-owner_id": ids.owner,
                     "items-0-due_date": ids.due.strftime("%d/%m/%Y"), "items-0-output": ""})
    return form


def decision_json(ids, with_item=True):
    items = [{"title": "Pemetaan SOP", "pokja_id": ids.pokja_p, "agency_id": ids.agency_a,
              "owner_id": ids.owner, "due_date": ids.due.isoformat()}] if with_item else []
    return {"text": "Seluruh SOP dipetakan ulang.", "items": items}


def policy_form(ids):
    """The reminder policy with one lead time fewer than the default."""
    return {"lead_times": "7, 3, 1", "overdue_first": "1", "overdue_every": "5",
            "escalation_1_first": "3", "escalation_1_every": "5", "escalation_2_first": "10",
            "escalation_2_every": "5", "waiting_first": "3", "waiting_every": "5",
            "sweep_time": "07:30", "max_attempts": "6", "retry_base_seconds": "60"}


ITEM = "/items/{item}"
V1 = "/api/v1"

PAGE_CASES = [
    # signing in and out, forgotten passwords: open to everyone
    page("accounts.login", "GET", "/login", **EVERYONE, anon=OK),
    page("accounts.login", "POST", "/login", **EVERYONE, anon=OK, writes=False,
         body=lambda ids: {"email": ids.owner_email, "password": PASSWORD}),
    page("accounts.logout", "POST", "/logout", **EVERYONE, writes=False, lands_on_login=True),
    page("accounts.choose_language", "POST", "/lang/en", **EVERYONE, anon=OK, writes=False,
         body=lambda ids: {"next": "/my-items"}),
    page("accounts.forgot_password", "GET", "/forgot-password", **EVERYONE, anon=OK),
    page("accounts.forgot_password", "POST", "/forgot-password", **EVERYONE, anon=OK,
         writes=False, lands_on_login=True,
         body=lambda ids: {"email": "tidak.terdaftar@ntt.go.id"}),
    # a reset link is the credential itself, whoever holds it
    page("accounts.reset_password", "GET", "/reset-password/{reset}", **EVERYONE, anon=OK),
    page("accounts.reset_password", "POST", "/reset-password/{reset}", **EVERYONE, anon=OK,
         lands_on_login=True,
         body=lambda ids: {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}),
    # one's own profile
    page("accounts.profile", "GET", "/profile", **EVERYONE),
    page("accounts.profile", "POST", "/profile", **EVERYONE,
         body=lambda ids: {"locale": "en", "phone": "+62 812 3456 7890"}),
    page("accounts.change_password", "GET", "/profile/password", **EVERYONE),
    page("accounts.change_password", "POST", "/profile/password", **EVERYONE,
         body=lambda ids: {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
                           "confirm": NEW_PASSWORD}),
    page("accounts.create_token", "POST", "/profile/tokens", **EVERYONE,
         body=lambda ids: {"name": "skrip laporan"}),
    # Tokens are personal: another user's token is not there for them, admins
    # included (they deactivate accounts instead) — a choice.
    page("accounts.revoke_token", "POST", "/profile/tokens/{token}/revoke", ok="owner",
         hidden="admin leader coord_p head_a member coord_q"),
    # items
    page("items.home", "GET", "/", **EVERYONE),
    page("items.list_items", "GET", "/items", **EVERYONE),
    # issue 10: the list as a file holds what the list shows each role
    page("exports.items_xlsx", "GET", "/items.xlsx", **EVERYONE),
    page("exports.items_csv", "GET", "/items.csv", **EVERYONE),
    page("items.my_items", "GET", "/my-items", **EVERYONE),
    # issue 11: Perlu tindakan, each user's own (what is in it differs by role)
    page("inbox.show_inbox", "GET", "/inbox", **EVERYONE),
    # coord_q may create items in Q, so the form opens; posting into P is refused
    page("items.new_item", "GET", "/items/new", ok="admin coord_p coord_q",
         forbidden="leader head_a owner member"),
    page("items.new_item", "POST", "/items/new", **CREATES_IN_P, body=new_item_form),
    page("items.show_item", "GET", ITEM, **READS_ITEM),
    page("items.edit_item", "GET", ITEM + "/edit", **OPENS_EDIT_FORM),
    page("items.edit_item", "POST", ITEM + "/edit", **OPENS_EDIT_FORM, body=item_form),
    page("items.delete_item", "POST", ITEM + "/delete", **MANAGES_ITEM),
    page("items.add_comment", "POST", ITEM + "/comments", **COMMENTS,
         body=lambda ids: {"body": "Mohon segera ditindaklanjuti."}),
    # workflow (issue 3's table), item I is in progress
    page("workflow.transition", "POST", ITEM + "/transitions", **UPDATES_PROGRESS,
         variant="block", body=transition("block", reason="Menunggu anggaran")),
    page("workflow.transition", "POST", ITEM + "/transitions", **SUBMITS, variant="submit",
         body=transition("submit", note="Rapat sudah dilaksanakan")),
    page("workflow.transition", "POST", ITEM + "/transitions", **MANAGES_ITEM,
         variant="verify", body=transition("verify"), prepare=mark_submitted),
    page("workflow.transition", "POST", ITEM + "/transitions", **MANAGES_ITEM,
         variant="cancel", body=transition("cancel", reason="Tidak relevan lagi")),
    # evidence: added by the owner, a coordinator or an admin; removed by its
    # uploader (the owner), a coordinator or an admin; read by whoever sees I
    page("evidence.add_link", "POST", ITEM + "/evidence/link", **UPDATES_PROGRESS, body=link_form),
    page("evidence.add_file", "POST", ITEM + "/evidence/file", **UPDATES_PROGRESS,
         body=pdf_upload),
    page("evidence.remove", "POST", "/evidence/{link}/delete", **UPDATES_PROGRESS),
    page("evidence.download", "GET", "/evidence/{file}/download", **READS_ITEM),
    # issue 12: PMPRB self-assessments (see READS_ASSESSMENT)
    page("pmprb_assessments.list_assessments", "GET", "/pmprb/assessments", **EVERYONE),
    page("pmprb_assessments.list_assessments", "POST", "/pmprb/assessments",
         **STARTS_ASSESSMENT, body=start_assessment_form),
    page("pmprb_assessments.show_assessment", "GET", ASSESSMENT, **READS_ASSESSMENT),
    page("pmprb_assessments.export_worksheet", "GET", ASSESSMENT + "/worksheet.xlsx",
         **READS_ASSESSMENT),
    page("pmprb_assessments.save_answers", "POST", ASSESSMENT + "/answers",
         **ANSWERS_ASSESSMENT, body=lambda ids: {f"self-{ids.indicator}": "62,5"}),
    page("pmprb_assessments.submit_answers", "POST", ASSESSMENT + "/submit",
         **ANSWERS_ASSESSMENT),
    page("pmprb_assessments.review_answer", "POST", ASSESSMENT + "/answers/A.1.1/review",
         **EVALUATES),
    page("pmprb_assessments.return_answer", "POST", ASSESSMENT + "/answers/A.1.1/return",
         **EVALUATES, body=lambda ids: {"note": "Lampirkan SK yang ditandatangani"}),
    page("pmprb_assessments.add_link", "POST", ASSESSMENT + "/answers/A.1.1/evidence/link",
         **ANSWERS_ASSESSMENT, body=link_form),
    page("pmprb_assessments.add_file", "POST", ASSESSMENT + "/answers/A.1.1/evidence/file",
         **ANSWERS_ASSESSMENT, body=pdf_upload),
    page("pmprb_assessments.create_gap_item", "POST", ASSESSMENT + "/gaps/A.1.2/items",
         **GAP_TO_ITEM, body=gap_item_form),
    # quarterly realisation: the edit form is for those who update progress
    page("realisation.edit_quarters", "GET", ITEM + "/quarters", **UPDATES_PROGRESS),
    page("realisation.edit_quarters", "POST", ITEM + "/quarters", **UPDATES_PROGRESS,
         body=quarters_form),
    # deadline extensions
    page("deadlines.request_extension", "POST", ITEM + "/extensions", **REQUESTS_EXTENSION,
         body=extension_body, prepare=close_pending_extension),
    page("deadlines.decide_extension", "POST", "/extensions/{extension}/decision",
         **MANAGES_ITEM, body=lambda ids: {"approve": "y", "reason": ""}),
    # administration
    page("organisation.list_areas", "GET", "/admin/areas", **ADMIN_ONLY),
    page("organisation.new_area", "GET", "/admin/areas/new", **ADMIN_ONLY),
    page("organisation.new_area", "POST", "/admin/areas/new", **ADMIN_ONLY,
         body=lambda ids: {"name": "Area Baru", "position": "", "active": "y"}),
    page("organisation.edit_area", "GET", "/admin/areas/{area}/edit", **ADMIN_ONLY),
    page("organisation.edit_area", "POST", "/admin/areas/{area}/edit", **ADMIN_ONLY,
         body=lambda ids: {"name": "Area Diubah", "position": "7", "active": "y"}),
    page("organisation.list_agencies", "GET", "/admin/agencies", **ADMIN_ONLY),
    page("organisation.new_agency", "GET", "/admin/agencies/new", **ADMIN_ONLY),
    page("organisation.new_agency", "POST", "/admin/agencies/new", **ADMIN_ONLY,
         body=lambda ids: agency_form(ids, "BARU")),
    page("organisation.edit_agency", "GET", "/admin/agencies/{agency}/edit", **ADMIN_ONLY),
    page("organisation.edit_agency", "POST", "/admin/agencies/{agency}/edit", **ADMIN_ONLY,
         body=lambda ids: agency_form(ids, "UBAH")),
    page("organisation.list_pokjas", "GET", "/admin/pokjas", **ADMIN_ONLY),
    page("organisation.new_pokja", "GET", "/admin/pokjas/new", **ADMIN_ONLY),
    page("organisation.new_pokja", "POST", "/admin/pokjas/new", **ADMIN_ONLY, body=pokja_form),
    page("organisation.edit_pokja", "GET", "/admin/pokjas/{pokja}/edit", **ADMIN_ONLY),
    page("organisation.edit_pokja", "POST", "/admin/pokjas/{pokja}/edit", **ADMIN_ONLY,
         body=pokja_form),
    page("accounts.list_users", "GET", "/admin/users", **ADMIN_ONLY),
    page("accounts.new_user", "GET", "/admin/users/new", **ADMIN_ONLY),
    page("accounts.new_user", "POST", "/admin/users/new", **ADMIN_ONLY, body=user_form),
    page("accounts.edit_user", "GET", "/admin/users/{user}/edit", **ADMIN_ONLY),
    page("accounts.edit_user", "POST", "/admin/users/{user}/edit", **ADMIN_ONLY,
         body=lambda ids: user_form(ids, name="Rekan Diubah", email=ids.user_email,
                                    password="")),
    # issue 4: the notification log (admins: all; coordinators: their pokja's)
    # and the settings page (admins)
    page("outbox.notification_log", "GET", "/admin/notifications",
         ok="admin coord_p coord_q", forbidden="leader head_a owner member"),
    # A reminder about I does not exist for coord_q, who cannot see I — a choice.
    page("outbox.resend_message", "POST", "/admin/notifications/{message}/resend",
         **MANAGES_ITEM),
    page("settings.show_settings", "GET", "/admin/settings", **ADMIN_ONLY),
    page("settings.save_policy_settings", "POST", "/admin/settings/policy", **ADMIN_ONLY,
         body=policy_form),
    page("settings.add_calendar_override", "POST", "/admin/settings/overrides", **ADMIN_ONLY,
         body=lambda ids: {"day": "2027-02-10", "working": "off", "name": "Cuti bersama"}),
    page("settings.remove_calendar_override", "POST",
         "/admin/settings/overrides/{override}/remove", **ADMIN_ONLY),
    # issue 5: the dashboard (everyone, in their own scope); RB index records (admins)
    page("dashboard.show_dashboard", "GET", "/dashboard", **EVERYONE),
    page("dashboard.chart", "GET", "/dashboard/charts/status-per-pokja.png", **EVERYONE),
    # issue 10: the quarterly monev report, printable and as .xlsx
    page("reports.show_quarterly_report", "GET", "/reports/quarterly", **READS_REPORTS),
    page("reports.download_quarterly_report", "GET", "/reports/quarterly.xlsx",
         **READS_REPORTS),
    # issue 12: a meeting's minutes are read by everyone who may read the
    # meeting (rbtasks.meetings.access: every signed-in user)
    page("minutes.show", "GET", "/meetings/{meeting}/minutes", **EVERYONE),
    page("minutes.docx", "GET", "/meetings/{meeting}/minutes.docx", **EVERYONE),
    page("rbindex.list_index_scores", "GET", "/admin/index-scores", **ADMIN_ONLY),
    page("rbindex.list_index_scores", "POST", "/admin/index-scores", **ADMIN_ONLY,
         body=lambda ids: index_score_form(year="2021", target="71")),
    page("rbindex.edit_index_score", "GET", "/admin/index-scores/{score}/edit", **ADMIN_ONLY),
    page("rbindex.edit_index_score", "POST", "/admin/index-scores/{score}/edit", **ADMIN_ONLY,
         body=lambda ids: index_score_form(year="2019", score="60,37", target="62")),
    page("rbindex.delete_index_score", "POST", "/admin/index-scores/{score}/delete",
         **ADMIN_ONLY),
    # issue 10: calendar feeds, read with the rights of the token's user — the
    # owner (a member of P, in agency A, not its head) or head_a
    page("calendarfeeds.mine_feed", "GET", "/calendar/{feed}/mine.ics", **ANY_HOLDER),
    # issue 12: monev meetings
    page("meetings.list_meetings", "GET", "/meetings", **EVERYONE),
    page("meetings.new_meeting", "GET", "/meetings/new", **RECORDS_MEETINGS),
    page("meetings.new_meeting", "POST", "/meetings/new", **RECORDS_MEETINGS, body=meeting_form),
    page("meetings.show_meeting", "GET", "/meetings/{meeting}", **EVERYONE),
    page("meetings.edit_meeting", "GET", "/meetings/{meeting}/edit", **RECORDS_MEETINGS),
    page("meetings.edit_meeting", "POST", "/meetings/{meeting}/edit", **RECORDS_MEETINGS,
         body=meeting_form),
    page("meetings.add_decision", "POST", "/meetings/{meeting}/decisions", **CREATES_IN_P,
         body=decision_form),
    page("meetings.add_decision", "POST", "/meetings/{meeting}/decisions", **RECORDS_MEETINGS,
         variant="no items yet", body=lambda ids: decision_form(ids, with_item=False)),
    page("meetings.add_decision_items", "GET", "/meetings/{meeting}/decisions/{decision}/items",
         **RECORDS_MEETINGS),
    page("meetings.add_decision_items", "POST", "/meetings/{meeting}/decisions/{decision}/items",
         **CREATES_IN_P, body=lambda ids: {
             key: value for key, value in decision_form(ids).items() if key != "text"}),
    page("meetings.edit_decision", "POST", "/meetings/{meeting}/decisions/{decision}/edit",
         **RECORDS_MEETINGS, body=lambda ids: {"text": "Kesepakatan diperbaiki"}),
    page("meetings.delete_decision", "POST", "/meetings/{meeting}/decisions/{decision}/delete",
         **RECORDS_MEETINGS),
    page("meetings.add_evidence_file", "POST", "/meetings/{meeting}/evidence/file",
         **RECORDS_MEETINGS, body=pdf_upload),
    page("meetings.add_evidence_link", "POST", "/meetings/{meeting}/evidence/link",
         **RECORDS_MEETINGS, body=link_form),
    page("evidence.remove", "POST", "/evidence/{meeting_link}/delete", **RECORDS_MEETINGS,
         variant="a meeting's evidence"),
    page("calendarfeeds.pokja_feed", "GET", "/calendar/{feed}/pokja/{pokja_p}.ics",
         **ANY_HOLDER),
    page("calendarfeeds.pokja_feed", "GET", "/calendar/{feed}/pokja/{pokja}.ics",
         variant="a pokja the owner is not in", **NO_HOLDER),
    page("calendarfeeds.agency_feed", "GET", "/calendar/{head_feed}/agency/{agency_a}.ics",
         **ANY_HOLDER),
    page("calendarfeeds.agency_feed", "GET", "/calendar/{feed}/agency/{agency_a}.ics",
         variant="the owner does not head A", **NO_HOLDER),
    # one's own feed links, made anew
    page("calendarfeeds.reset_feed", "POST", "/profile/calendar-feed/reset", **EVERYONE),
    # issue 11: one's own notices and the choice of which go by email. The cast
    # has no unread notices, so marking them read changes nothing.
    page("notices.list_notices", "GET", "/notices", **EVERYONE),
    page("notices.mark_read", "POST", "/notices/read", **EVERYONE, writes=False),
    page("notices.save_preferences", "POST", "/profile/notices", **EVERYONE,
         body=lambda ids: {"email-returned": "y"}),
    # issue 10: importing sheets is creating items, so for who may create them; coord_q
    # may import into Q, so the pages open, and uploading for P is refused. The upload
    # is kept as a file, not a row; without one, review and cancel lead back to the upload.
    page("imports.upload_sheet", "GET", "/imports/new", ok="admin coord_p coord_q",
         forbidden="leader head_a owner member"),
    page("imports.upload_sheet", "POST", "/imports/new", **CREATES_IN_P, body=import_upload,
         writes=False),
    page("imports.review", "GET", "/imports/review", ok="admin coord_p coord_q",
         forbidden="leader head_a owner member"),
    page("imports.review", "POST", "/imports/review", ok="admin coord_p coord_q",
         forbidden="leader head_a owner member", writes=False),
    page("imports.cancel", "POST", "/imports/cancel", ok="admin coord_p coord_q",
         forbidden="leader head_a owner member", writes=False),
    # issue 12: every signed-in user reads the PMPRB instruments; admins load them
    page("pmprb.list_instruments", "GET", "/pmprb/instruments", **EVERYONE),
    page("pmprb.list_instruments", "POST", "/pmprb/instruments", **ADMIN_ONLY,
         body=instrument_upload),
    page("pmprb.show_instrument", "GET", "/pmprb/instruments/{instrument}", **EVERYONE),
    page("pmprb.export_instrument", "GET", "/pmprb/instruments/{instrument}.xlsx", **EVERYONE),
    page("pmprb.delete_instrument", "POST", "/pmprb/instruments/{spare_instrument}/delete",
         **ADMIN_ONLY),
    page("pmprb.instrument_template", "GET", "/pmprb/instruments/template.xlsx", **EVERYONE),
]

# Reference data and the user list are read by every signed-in user (owners
# and pokja are picked from them); the issues do not restrict reading them.
API_CASES = [
    api("api.openapi_document", "GET", V1 + "/openapi.json", **EVERYONE, anon=OK),
    api("api.list_items", "GET", V1 + "/items", **EVERYONE),
    api("api.export_items_xlsx", "GET", V1 + "/items.xlsx", **EVERYONE),
    api("api.export_items_csv", "GET", V1 + "/items.csv", **EVERYONE),
    api("api.create_item", "POST", V1 + "/items", **CREATES_IN_P, body=new_item_json),
    api("api.get_item", "GET", V1 + ITEM, **READS_ITEM),
    api("api.update_item", "PATCH", V1 + ITEM, **MANAGES_ITEM, variant="title",
        body=lambda ids: {"version": ids.version, "title": "Judul baru"}),
    api("api.update_item", "PATCH", V1 + ITEM, **UPDATES_PROGRESS, variant="progress",
        body=lambda ids: {"version": ids.version, "progress": 40}),
    api("api.update_item", "PATCH", V1 + ITEM, **REASSIGNS, variant="owner in agency",
        body=lambda ids: {"version": ids.version, "owner_id": ids.user}),
    api("api.delete_item", "DELETE", V1 + ITEM, **MANAGES_ITEM),
    api("api.list_comments", "GET", V1 + ITEM + "/comments", **READS_ITEM),
    api("api.add_comment", "POST", V1 + ITEM + "/comments", **COMMENTS,
        body=lambda ids: {"body": "Mohon segera ditindaklanjuti."}),
    api("api.list_activity", "GET", V1 + ITEM + "/activity", **READS_ITEM),
    api("api.transition_item", "POST", V1 + ITEM + "/transitions", **UPDATES_PROGRESS,
        variant="block", body=transition("block", reason="Menunggu anggaran")),
    api("api.transition_item", "POST", V1 + ITEM + "/transitions", **SUBMITS, variant="submit",
        body=transition("submit", note="Rapat sudah dilaksanakan")),
    api("api.transition_item", "POST", V1 + ITEM + "/transitions", **MANAGES_ITEM,
        variant="verify", body=transition("verify"), prepare=mark_submitted),
    api("api.transition_item", "POST", V1 + ITEM + "/transitions", **MANAGES_ITEM,
        variant="cancel", body=transition("cancel", reason="Tidak relevan lagi")),
    api("api.list_evidence", "GET", V1 + ITEM + "/evidence", **READS_ITEM),
    api("api.add_evidence", "POST", V1 + ITEM + "/evidence", **UPDATES_PROGRESS, variant="link",
        body=lambda ids: {"kind": "tautan", "url": "https://ntt.go.id/rb/notulen"}),
    api("api.add_evidence", "POST", V1 + ITEM + "/evidence", **UPDATES_PROGRESS, variant="file",
        body=pdf_upload, multipart=True),
    api("api.remove_evidence", "DELETE", V1 + "/evidence/{link}", **UPDATES_PROGRESS),
    api("api.download_evidence", "GET", V1 + "/evidence/{file}/download", **READS_ITEM),
    api("api.get_quarters", "GET", V1 + ITEM + "/quarters", **READS_ITEM),
    api("api.put_quarters", "PUT", V1 + ITEM + "/quarters", **UPDATES_PROGRESS,
        body=quarters_json),
    api("api.list_extensions", "GET", V1 + ITEM + "/extensions", **READS_ITEM),
    api("api.request_extension", "POST", V1 + ITEM + "/extensions", **REQUESTS_EXTENSION,
        body=extension_body, prepare=close_pending_extension),
    api("api.decide_extension", "POST", V1 + "/extensions/{extension}/decision", **MANAGES_ITEM,
        body=lambda ids: {"approve": True}),
    api("api.list_areas", "GET", V1 + "/areas", **EVERYONE),
    api("api.create_area", "POST", V1 + "/areas", **ADMIN_ONLY,
        body=lambda ids: {"name": "Area Baru"}),
    api("api.get_area", "GET", V1 + "/areas/{area}", **EVERYONE),
    api("api.update_area", "PATCH", V1 + "/areas/{area}", **ADMIN_ONLY,
        body=lambda ids: {"name": "Area Diubah"}),
    api("api.list_agencies", "GET", V1 + "/agencies", **EVERYONE),
    api("api.create_agency", "POST", V1 + "/agencies", **ADMIN_ONLY,
        body=lambda ids: {"name": "Badan Baru", "code": "BARU", "head_name": "Kepala Baru",
                          "head_email": "kepala.baru@ntt.go.id"}),
    api("api.get_agency", "GET", V1 + "/agencies/{agency}", **EVERYONE),
    api("api.update_agency", "PATCH", V1 + "/agencies/{agency}", **ADMIN_ONLY,
        body=lambda ids: {"name": "Badan Diubah"}),
    api("api.list_pokjas", "GET", V1 + "/pokjas", **EVERYONE),
    api("api.create_pokja", "POST", V1 + "/pokjas", **ADMIN_ONLY,
        body=lambda ids: {"name": "Pokja Baru"}),
    api("api.get_pokja", "GET", V1 + "/pokjas/{pokja}", **EVERYONE),
    api("api.update_pokja", "PATCH", V1 + "/pokjas/{pokja}", **ADMIN_ONLY,
        body=lambda ids: {"name": "Pokja Diubah"}),
    api("api.list_users", "GET", V1 + "/users", **EVERYONE),
    api("api.create_user", "POST", V1 + "/users", **ADMIN_ONLY,
        body=lambda ids: {"name": "Pegawai Baru", "email": "pegawai.baru@ntt.go.id",
                          "role": "member", "password": NEW_PASSWORD}),
    api("api.get_user", "GET", V1 + "/users/{user}", **EVERYONE),
    api("api.update_user", "PATCH", V1 + "/users/{user}", **ADMIN_ONLY,
        body=lambda ids: {"name": "Rekan Diubah"}),
    # issue 5: the dashboard's numbers for the token's user; the RB index is
    # read by everyone (the dashboard charts it) and recorded by admins
    api("api.get_summary", "GET", V1 + "/summary", **EVERYONE),
    # issue 11: Perlu tindakan, each user's own
    api("api.get_inbox", "GET", V1 + "/inbox", **EVERYONE),
    api("api.list_index_scores", "GET", V1 + "/index-scores", **EVERYONE),
    # issue 10: the quarterly monev report as .xlsx
    api("api.get_quarterly_report", "GET", V1 + "/reports/quarterly.xlsx", **READS_REPORTS),
    # issue 12: the minutes of a meeting as .docx
    api("api.get_meeting_minutes", "GET", V1 + "/meetings/{meeting}/minutes.docx", **EVERYONE),
    api("api.create_index_score", "POST", V1 + "/index-scores", **ADMIN_ONLY,
        body=lambda ids: {"year": 2021, "target": 71.0}),
    api("api.update_index_score", "PATCH", V1 + "/index-scores/{score}", **ADMIN_ONLY,
        body=lambda ids: {"target": 62.0}),
    api("api.delete_index_score", "DELETE", V1 + "/index-scores/{score}", **ADMIN_ONLY),
    # issue 9: the notification log over JSON, for the log page's readers
    api("api.list_notifications", "GET", V1 + "/notifications",
        ok="admin coord_p coord_q", forbidden="leader head_a owner member"),
    # As on the page: a reminder about I does not exist for coord_q.
    api("api.resend_notification", "POST", V1 + "/notifications/{message}/resend",
        **MANAGES_ITEM),
    # issue 11: one's own notices
    api("api.list_my_notices", "GET", V1 + "/notifications/mine", **EVERYONE),
    api("api.mark_my_notices_read", "POST", V1 + "/notifications/mine/read", **EVERYONE,
        writes=False, body=lambda ids: {}),
    # issue 10: one's own calendar feed addresses
    api("api.get_calendar_feed", "GET", V1 + "/calendar-feed", **EVERYONE),
    api("api.reset_calendar_feed", "POST", V1 + "/calendar-feed/reset", **EVERYONE),
    # issue 12: monev meetings, as on the pages
    api("api.list_meetings", "GET", V1 + "/meetings", **EVERYONE),
    api("api.create_meeting", "POST", V1 + "/meetings", **RECORDS_MEETINGS,
        body=lambda ids: {"title": "Rapat Monev Triwulan IV",
                          "held_at": "2026-12-07T09:00:00+08:00",
                          "attendees": [{"user_id": ids.owner}]}),
    api("api.get_meeting", "GET", V1 + "/meetings/{meeting}", **EVERYONE),
    api("api.update_meeting", "PATCH", V1 + "/meetings/{meeting}", **RECORDS_MEETINGS,
        body=lambda ids: {"place": "Aula El Tari, Kupang"}),
    api("api.add_decision", "POST", V1 + "/meetings/{meeting}/decisions", **CREATES_IN_P,
        body=decision_json),
    api("api.add_decision", "POST", V1 + "/meetings/{meeting}/decisions", **RECORDS_MEETINGS,
        variant="no items yet", body=lambda ids: decision_json(ids, with_item=False)),
    api("api.add_decision_items", "POST", V1 + "/meetings/{meeting}/decisions/{decision}/items",
        **CREATES_IN_P, body=lambda ids: {"items": decision_json(ids)["items"]}),
    api("api.list_meeting_evidence", "GET", V1 + "/meetings/{meeting}/evidence", **EVERYONE),
    api("api.add_meeting_evidence", "POST", V1 + "/meetings/{meeting}/evidence",
        **RECORDS_MEETINGS, body=lambda ids: {"kind": "foto", "url": "https://ntt.go.id/rb/foto"}),
    api("api.remove_evidence", "DELETE", V1 + "/evidence/{meeting_link}", **RECORDS_MEETINGS,
        variant="a meeting's evidence"),
    # issue 10: an import into P creates items in P
    api("api.create_import", "POST", V1 + "/imports", **CREATES_IN_P, body=import_api_body,
        multipart=True, prepare=code_agency_a),
    # issue 12: PMPRB self-assessments (see READS_ASSESSMENT)
    api("api.list_assessments", "GET", V1 + "/pmprb/assessments", **EVERYONE),
    api("api.create_assessment", "POST", V1 + "/pmprb/assessments", **STARTS_ASSESSMENT,
        body=lambda ids: {"instrument_id": ids.instrument, "year": 2027,
                          "agency_id": ids.agency_a}),
    api("api.get_assessment_sheet", "GET", V1 + ASSESSMENT, **READS_ASSESSMENT),
    api("api.put_answers", "PUT", V1 + ASSESSMENT + "/answers", **ANSWERS_ASSESSMENT,
        body=lambda ids: [{"indicator_code": "A.1.2", "self_answer": "62,5"}]),
    api("api.submit_answers", "POST", V1 + ASSESSMENT + "/submit", **ANSWERS_ASSESSMENT),
    api("api.review_answer", "POST", V1 + ASSESSMENT + "/answers/A.1.1/review", **EVALUATES),
    api("api.return_answer", "POST", V1 + ASSESSMENT + "/answers/A.1.1/return", **EVALUATES,
        body=lambda ids: {"note": "Lampirkan SK yang ditandatangani"}),
    api("api.list_answer_evidence", "GET", V1 + ASSESSMENT + "/answers/A.1.1/evidence",
        **READS_ASSESSMENT),
    api("api.add_answer_evidence", "POST", V1 + ASSESSMENT + "/answers/A.1.1/evidence",
        **ANSWERS_ASSESSMENT, body=lambda ids: {"kind": "tautan", "url": "https://ntt.go.id/sk"}),
    api("api.add_answer_evidence", "POST", V1 + ASSESSMENT + "/answers/A.1.1/evidence",
        **ANSWERS_ASSESSMENT, variant="a file", body=pdf_upload, multipart=True),
    api("api.create_gap_item", "POST", V1 + ASSESSMENT + "/gaps/A.1.2/items", **GAP_TO_ITEM,
        body=lambda ids: {"owner_id": ids.owner, "due_date": ids.due.isoformat(),
                          "pokja_id": ids.pokja_p}),
    api("api.get_worksheet_xlsx", "GET", V1 + ASSESSMENT + "/worksheet.xlsx",
        **READS_ASSESSMENT),
    # issue 12: the PMPRB instruments, as on the pages
    api("api.list_instruments", "GET", V1 + "/pmprb/instruments", **EVERYONE),
    api("api.get_instrument", "GET", V1 + "/pmprb/instruments/{instrument}", **EVERYONE),
    api("api.delete_instrument", "DELETE", V1 + "/pmprb/instruments/{spare_instrument}",
        **ADMIN_ONLY),
    api("api.load_instrument", "POST", V1 + "/pmprb/instruments", **ADMIN_ONLY,
        body=lambda ids: instrument_mapping()),
]

CASES = PAGE_CASES + API_CASES
