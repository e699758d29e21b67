"""What waits for a user's action: items to verify and extension requests to decide.

No pages of its own yet: the dashboard and "My tasks" show ``waiting_for``.
"""
