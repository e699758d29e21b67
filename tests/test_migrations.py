"""The reviewed migrations build exactly the schema the models describe."""
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from rbtasks.models import compared_with_models


@pytest.mark.real_commits  # read through a connection of its own
def test_upgrade_from_empty_matches_the_models(app, db):
    # The session's database was built by `upgrade()` from nothing (conftest).
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": False,
                              "include_object": compared_with_models}
        )
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_every_constraint_is_named(app, db):
    unnamed = []
    for table in db.metadata.sorted_tables:
        for constraint in table.constraints:
            if constraint.name is None:
                unnamed.append((table.name, type(constraint).__name__))
    assert unnamed == []
