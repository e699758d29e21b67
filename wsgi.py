"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask run`` (via .flaskenv)."""
from rbtasks import create_app

app = create_app()
