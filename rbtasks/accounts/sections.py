"""The sections other features add to the signed-in user's profile page.

A feature registers its section in its ``init_app`` with
:func:`add_profile_section`: a function building the section's context and
the template that draws it. The profile page shows them below its own, in
registration order (the order of the features in ``create_app``).
"""
from flask import current_app

SECTIONS = "rbtasks.profile_sections"


def add_profile_section(app, name, build, template):
    """``build(user, now)`` gives the context ``template`` sees as ``<name>_section``."""
    app.extensions.setdefault(SECTIONS, []).append((name, build, template))


def profile_sections(user, now):
    sections = current_app.extensions.get(SECTIONS, [])
    return {
        **{f"{name}_section": build(user, now) for name, build, _template in sections},
        "section_templates": [template for _name, _build, template in sections],
    }
