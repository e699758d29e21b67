"""The weekly digest for the RB team leader and the pokja coordinators."""


def init_app(app):
    """``flask rb digest`` and the scheduler's digest job (it sends on the week's
    first working day only)."""
    from rbtasks.cli import add_commands
    from rbtasks.digest import cli, jobs
    from rbtasks.scheduling import AT_SWEEP_TIME, ScheduledJob, add_scheduled_job

    add_commands(app, cli.digest_command)
    add_scheduled_job(app, ScheduledJob("digest", "weekly digest", jobs.digest_job,
                                        AT_SWEEP_TIME))
