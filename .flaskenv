FLASK_APP=wsgi.py
RBTASKS_CONFIG=development
