"""The policy as pure functions: no database, the calendar built in memory.

Dates are in 2026–2027; the `holidays` package lists 17 Aug 2026
(Independence Day), 24 Dec 2026 (cuti bersama Natal), 25 Dec 2026,
1 Jan 2027 and 5 Jan 2027 (Isra Mikraj) as non-working days.
"""
from datetime import date, timedelta

from rbtasks.reminders.stages import (
    BEFORE, ESCALATION_1, ESCALATION_2, OVERDUE, WAITING, DueStage, before_horizon,
    before_stage, due_dates_beginning_alike, due_stages, lead_time_day,
    overdue_stage_began, overdue_stage_cutoff, overdue_stages,
)
from rbtasks.settings_store.policy import Policy
from rbtasks.workdays.calendar import WorkCalendar

POLICY = Policy()
CALENDAR = WorkCalendar()


def stages_on(today, due_date, status="in_progress", submitted_on=None, calendar=CALENDAR,
              policy=POLICY):
    return due_stages(status, due_date, submitted_on, today, policy, calendar)


def stage_names(today, due_date, **kwargs):
    return [(due.stage, due.period) for due in stages_on(today, due_date, **kwargs)]


def test_before_the_deadline_on_a_weekend_moves_to_friday():
    due = date(2026, 12, 7)  # Monday
    # H-7 on Monday 30 Nov; H-3 (Fri 4 Dec) and H-1 (Sun 6 Dec → Fri 4 Dec) meet on Friday
    assert lead_time_day(due, 1, CALENDAR) == date(2026, 12, 4)
    assert stage_names(date(2026, 11, 27), due) == []
    assert stages_on(date(2026, 11, 30), due) == [DueStage(BEFORE, 7, due, 7)]
    assert stage_names(date(2026, 12, 3), due) == [(BEFORE, 7)]
    # two lead times on one day: only the nearest, H-3 is never sent
    assert stage_names(date(2026, 12, 4), due) == [(BEFORE, 1)]
    assert stages_on(date(2026, 12, 7), due) == [DueStage(BEFORE, 0, due, 0)]


def test_an_item_created_one_day_before_its_deadline_gets_only_the_nearest():
    due = date(2026, 11, 26)
    assert stages_on(date(2026, 11, 25), due) == [DueStage(BEFORE, 1, due, 1)]
    assert stages_on(date(2026, 11, 26), due) == [DueStage(BEFORE, 0, due, 0)]


def test_a_deadline_on_a_national_holiday():
    due = date(2026, 8, 17)  # Independence Day, a Monday
    # H-0, H-1 and H-3 all move to Friday 14 August: the nearest (H-0) is sent
    assert stages_on(date(2026, 8, 14), due) == [DueStage(BEFORE, 0, due, 3)]
    assert stage_names(date(2026, 8, 13), due) == [(BEFORE, 7)]
    # overdue counts from the first working day after the holiday
    assert stages_on(date(2026, 8, 18), due) == [DueStage(OVERDUE, 0, due, 1)]


def test_overdue_counts_working_days_around_a_national_holiday():
    due = date(2026, 8, 14)  # Friday before Independence Day
    assert stage_names(date(2026, 8, 18), due) == [(OVERDUE, 0)]
    assert stage_names(date(2026, 8, 19), due) == [(OVERDUE, 0)]
    # three working days (18, 19, 20 Aug): escalation level 1 to the agency head
    assert stage_names(date(2026, 8, 20), due) == [(OVERDUE, 0), (ESCALATION_1, 0)]


def test_overdue_repeats_every_five_working_days_and_escalates():
    due = date(2026, 11, 2)  # Monday
    assert stage_names(date(2026, 11, 3), due) == [(OVERDUE, 0)]               # 1
    assert stage_names(date(2026, 11, 5), due) == [(OVERDUE, 0), (ESCALATION_1, 0)]   # 3
    assert stage_names(date(2026, 11, 10), due) == [(OVERDUE, 1), (ESCALATION_1, 0)]  # 6
    assert stage_names(date(2026, 11, 12), due) == [(OVERDUE, 1), (ESCALATION_1, 1)]  # 8
    assert stage_names(date(2026, 11, 16), due) == [
        (OVERDUE, 1), (ESCALATION_1, 1), (ESCALATION_2, 0)]                     # 10
    assert stage_names(date(2026, 11, 17), due) == [
        (OVERDUE, 2), (ESCALATION_1, 1), (ESCALATION_2, 0)]                     # 11


def test_catch_up_after_a_gap_plans_only_the_current_period():
    due = date(2026, 11, 2)
    # 17 working days overdue on 25 Nov: overdue periods 0–2 and escalation
    # periods before the current one are never planned
    assert stages_on(date(2026, 11, 25), due) == [
        DueStage(OVERDUE, 3, due, 17),
        DueStage(ESCALATION_1, 2, due, 17),
        DueStage(ESCALATION_2, 1, due, 17),
    ]


def test_cuti_bersama_is_not_a_working_day():
    due = date(2026, 12, 23)  # Wednesday; 24 Dec is cuti bersama, 25 Dec Christmas
    assert not CALENDAR.is_working_day(date(2026, 12, 24))
    assert stages_on(date(2026, 12, 28), due) == [DueStage(OVERDUE, 0, due, 1)]


def test_the_year_boundary_and_new_year_holidays():
    due = date(2026, 12, 30)
    assert stage_names(date(2026, 12, 31), due) == [(OVERDUE, 0)]   # 1
    assert stage_names(date(2027, 1, 4), due) == [(OVERDUE, 0)]     # 2 (1 Jan is a holiday)
    # 5 Jan 2027 (Isra Mikraj) is not worked either: the third day is 6 Jan
    assert stage_names(date(2027, 1, 6), due) == [(OVERDUE, 0), (ESCALATION_1, 0)]
    # before-reminders across the boundary: H-1 of 4 Jan is Sun 3 Jan → Thu 31 Dec
    assert lead_time_day(date(2027, 1, 4), 1, CALENDAR) == date(2026, 12, 31)


def test_an_override_makes_a_listed_holiday_a_working_day():
    worked_christmas_eve = WorkCalendar({date(2026, 12, 24): (True, "")})
    due = date(2026, 12, 23)
    assert stage_names(date(2026, 12, 24), due, calendar=worked_christmas_eve) == [(OVERDUE, 0)]
    assert stage_names(date(2026, 12, 28), due, calendar=worked_christmas_eve) == [(OVERDUE, 0)]
    assert stages_on(date(2026, 12, 28), due, calendar=worked_christmas_eve)[0].count == 2


def test_an_override_adds_a_non_working_day():
    day_off = WorkCalendar({date(2026, 12, 2): (False, "Cuti bersama tambahan")})
    # H-1 of Thursday 3 Dec falls on the new day off and moves to Tuesday 1 Dec
    assert lead_time_day(date(2026, 12, 3), 1, day_off) == date(2026, 12, 1)
    assert stage_names(date(2026, 12, 1), date(2026, 12, 3), calendar=day_off) == [(BEFORE, 1)]
    assert stage_names(date(2026, 12, 1), date(2026, 12, 3)) == [(BEFORE, 3)]
    # and it is not counted as overdue: due 1 Dec, on 3 Dec only one working day
    assert stages_on(date(2026, 12, 3), date(2026, 12, 1), calendar=day_off)[0].count == 1


def test_a_moved_deadline_starts_its_stages_afresh():
    old, new = date(2026, 11, 2), date(2026, 12, 7)
    assert stages_on(date(2026, 11, 25), old)[0].deadline == old
    # moved to 7 Dec: the item is no longer overdue; H-7 on 30 Nov is keyed on the new date
    assert stages_on(date(2026, 11, 25), new) == []
    assert stages_on(date(2026, 11, 30), new) == [DueStage(BEFORE, 7, new, 7)]


def test_submitted_items_wait_for_verification_and_get_no_overdue_notice():
    submitted = date(2026, 11, 19)  # Thursday
    due = date(2026, 11, 2)         # long overdue, but the owner has done their part
    kwargs = {"status": "submitted", "submitted_on": submitted}
    assert stage_names(date(2026, 11, 23), due, **kwargs) == []           # 2 working days
    assert stages_on(date(2026, 11, 24), due, **kwargs) == [
        DueStage(WAITING, 0, submitted, 3)]
    assert stage_names(date(2026, 12, 1), due, **kwargs) == [(WAITING, 1)]  # 8
    assert stage_names(date(2026, 11, 24), due, status="submitted") == []   # no submission date


def test_done_and_cancelled_items_get_nothing():
    for status in ("done", "cancelled"):
        assert stage_names(date(2026, 11, 25), date(2026, 11, 2), status=status) == []
        assert stage_names(date(2026, 11, 25), date(2026, 11, 26), status=status) == []


def test_blocked_and_not_started_items_are_open():
    for status in ("blocked", "not_started", "in_progress"):
        assert stage_names(date(2026, 11, 3), date(2026, 11, 2), status=status) == [(OVERDUE, 0)]


def test_policy_numbers_change_the_stages():
    policy = Policy(lead_times=(2,), overdue_first=2, overdue_every=1)
    due = date(2026, 11, 26)
    assert before_stage(due, date(2026, 11, 23), policy.lead_times, CALENDAR) is None
    assert stage_names(date(2026, 11, 24), due, policy=policy) == [(BEFORE, 2)]
    assert stage_names(date(2026, 11, 27), due, policy=policy) == []
    assert stage_names(date(2026, 11, 30), due, policy=policy) == [(OVERDUE, 0)]
    assert stage_names(date(2026, 12, 1), due, policy=policy) == [
        (OVERDUE, 1), (ESCALATION_1, 0)]


def test_before_horizon_looks_past_the_days_off():
    # Friday 4 Dec: Saturday and Sunday lead-time days move back onto Friday
    assert before_horizon(date(2026, 12, 4), (7, 3, 1, 0), CALENDAR) == date(2026, 12, 13)
    assert before_horizon(date(2026, 12, 2), (7, 3, 1, 0), CALENDAR) == date(2026, 12, 9)


def _days(first, last):
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


# Around Independence Day, Christmas with its cuti bersama and New Year, and Isra Mikraj.
AROUND_HOLIDAYS = (_days(date(2026, 8, 10), date(2026, 8, 24))
                   + _days(date(2026, 12, 18), date(2027, 1, 12)))


def test_the_cutoff_of_an_overdue_stage_selects_exactly_the_items_at_that_stage():
    # Inbox queries select the items at a stage by due date alone ("due on or before the
    # cutoff"): for every today and due date, that agrees with the stages themselves,
    # with the defaults, with stages from the first working day, and with an admin's
    # override making the Saturday 19 Dec 2026 a working day and Monday 4 Jan 2027 a day off.
    override = WorkCalendar({date(2026, 12, 19): (True, "Hari kerja pengganti"),
                             date(2027, 1, 4): (False, "Libur daerah")})
    policies = (POLICY, Policy(overdue_first=1, escalation_1_first=1, escalation_2_first=2),
                Policy(escalation_1_first=4, escalation_2_first=15))
    checked = 0
    for calendar in (CALENDAR, override):
        for policy in policies:
            for today in AROUND_HOLIDAYS:
                cutoffs = {stage: overdue_stage_cutoff(stage, today, policy, calendar)
                           for stage in (OVERDUE, ESCALATION_1, ESCALATION_2)}
                for due in _days(today - timedelta(days=40), today + timedelta(days=3)):
                    reached = {due_stage.stage
                               for due_stage in overdue_stages(due, today, policy, calendar)}
                    for stage, cutoff in cutoffs.items():
                        assert (due <= cutoff) == (stage in reached), (calendar, policy,
                                                                       today, due, stage)
                        checked += 1
    assert checked > 20_000
    # e.g. on Monday 28 Dec 2026 the items due by Thursday 10 Dec are 10 working days
    # late (24 and 25 Dec are days off): they are at escalation level 2; Friday 11 Dec's 9
    assert overdue_stage_cutoff(ESCALATION_2, date(2026, 12, 28), POLICY, CALENDAR) == date(
        2026, 12, 10)


def test_items_due_on_a_working_day_and_the_days_off_after_it_escalate_on_the_same_day():
    for due in AROUND_HOLIDAYS:
        first, last = due_dates_beginning_alike(due, CALENDAR)
        assert first <= due <= last
        for stage in (OVERDUE, ESCALATION_1, ESCALATION_2):
            began = overdue_stage_began(stage, due, POLICY, CALENDAR)
            assert all(overdue_stage_began(stage, alike, POLICY, CALENDAR) == began
                       for alike in _days(first, last))
            assert overdue_stage_began(stage, first - timedelta(days=1), POLICY,
                                       CALENDAR) < began
            assert overdue_stage_began(stage, last + timedelta(days=1), POLICY,
                                       CALENDAR) > began
    # Wednesday 23 Dec 2026 shares its days with Christmas Eve, Christmas and the weekend
    assert due_dates_beginning_alike(date(2026, 12, 26), CALENDAR) == (
        date(2026, 12, 23), date(2026, 12, 27))
    assert due_dates_beginning_alike(date(2026, 12, 22), CALENDAR) == (
        date(2026, 12, 22), date(2026, 12, 22))
