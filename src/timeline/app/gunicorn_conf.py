"""gunicorn's settings for serving a timeline (``-c python:timeline.app.gunicorn_conf``).

    gunicorn -c python:timeline.app.gunicorn_conf -w 2 -b 0.0.0.0:8000 \\
        'timeline.app.wsgi:server(data="events")'

``preload_app``: the master process loads the dataset once, before it forks the
workers, so every worker serves the same data, and a worker that dies is replaced by a
fork of the master, which never reads the folder again (a broken file committed since
cannot stop a restart, an edit cannot make two workers disagree). New records are
published by starting a new server (or ``kill -HUP`` of the master, which loads the
folder again in a new master generation; README, "Publishing new records").
"""

preload_app = True
# A request that takes longer than this is cut off and its worker replaced.
timeout = 60
