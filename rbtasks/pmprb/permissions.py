"""Who may do what with PMPRB instruments, and who evaluates (the
assessments' own rules are in ``assessment_access``, built on these).

Evaluating a self-assessment is a permission of its own (the Inspektorat's
evaluators, ``User.is_evaluator``, set by admins), separate from any role:
a coordinator is not an evaluator unless an admin says so. Loading an
instrument changes reference data, so it is for admins.
"""
from rbtasks.roles import ADMIN


def is_active_user(user):
    return user is not None and bool(getattr(user, "active", False))


def is_evaluator(user):
    """An active user an admin marked as a PMPRB evaluator (Inspektorat)."""
    return is_active_user(user) and bool(getattr(user, "is_evaluator", False))


def may_load_instruments(user):
    """Only active admins load (and replace) instruments."""
    return is_active_user(user) and user.role == ADMIN


def may_read_instruments(user):
    """Every active, signed-in user may read the instruments."""
    return is_active_user(user)
