"""The sections other features add to the item page.

Each feature builds its own context (``<feature>.panel.item_panel``) and
template (``templates/<feature>/_panel.html``); the item page includes them
in this order.
"""
import importlib

PANEL_FEATURES = ("workflow", "evidence", "realisation", "deadlines", "outbox")


def item_panels(actor, item, now):
    panels = {}
    for feature in PANEL_FEATURES:
        module = importlib.import_module(f"rbtasks.{feature}.panel")
        panels[f"{feature}_panel"] = module.item_panel(actor, item, now)
    return {**panels, "panel_templates": [f"{feature}/_panel.html" for feature in PANEL_FEATURES]}
