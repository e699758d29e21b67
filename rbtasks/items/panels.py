"""The sections other features add to the item page.

A feature registers its panel in its ``init_app`` with
:func:`add_item_panel`: a function building the panel's context and the
template that draws it. The item page shows them in registration order,
which is the order of the features in ``create_app``.
"""
from flask import current_app

PANELS = "rbtasks.item_panels"


def add_item_panel(app, name, build, template):
    """``build(actor, item, now)`` gives the context ``template`` sees as ``<name>_panel``."""
    app.extensions.setdefault(PANELS, []).append((name, build, template))


def item_panels(actor, item, now):
    panels = current_app.extensions.get(PANELS, [])
    return {
        **{f"{name}_panel": build(actor, item, now) for name, build, _template in panels},
        "panel_templates": [template for _name, _build, template in panels],
    }
