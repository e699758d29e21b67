"""Reminders and escalations: the daily sweep over open items."""


def init_app(app):
    """``flask rb sweep`` and the scheduler's sweep at the policy's time."""
    from rbtasks.cli import add_commands
    from rbtasks.reminders import cli, jobs
    from rbtasks.scheduling import AT_SWEEP_TIME, ScheduledJob, add_scheduled_job

    add_commands(app, cli.sweep_command)
    add_scheduled_job(app, ScheduledJob("sweep", "sweep", jobs.sweep_job, AT_SWEEP_TIME,
                                        catch_up=True))
