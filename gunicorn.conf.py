"""gunicorn's settings for Groundwork, read from the working directory: `gunicorn config.wsgi`.

HOST, PORT and WEB_CONCURRENCY come from the environment, as platforms set them; any other
setting can be changed with GUNICORN_CMD_ARGS (for example "--timeout 60") without rebuilding
the image.
"""

import os

# Loopback unless HOST says otherwise: the sign-in throttle trusts X-Forwarded-For from the
# proxies in front (DJANGO_TRUSTED_PROXY_COUNT), so only they may reach this port. The Docker
# image sets HOST=0.0.0.0, where publishing the port is the operator's choice (see README).
bind = [f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]
# Sync workers, each one request at a time: about 2 per core suits a page-rendering app.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
timeout = 30
graceful_timeout = 30
# Recycle workers now and then, staggered, so a slow leak never grows.
max_requests = 1000
max_requests_jitter = 100
# Import the app once in the master; each worker forks with it loaded, so a recycle costs no
# imports. Django opens database connections lazily, in the worker, never before the fork.
preload_app = True

# No state on local disk: heartbeat files in memory (gunicorn's advice for containers, where a
# disk-backed /tmp can stall workers), and no control socket in $HOME.
_SHARED_MEMORY = "/dev/shm"  # noqa: S108 - only gunicorn's heartbeat files, not data
if os.path.isdir(_SHARED_MEMORY):
    worker_tmp_dir = _SHARED_MEMORY
control_socket_disable = True

# Django logs one line per request (config/request_log.py); gunicorn's errors go to stderr.
accesslog = None
errorlog = "-"


def pre_fork(server, worker):
    # What the preloaded app made lives as long as the worker: kept out of the collector's
    # sight, a full collection does not walk it (nor write to its shared pages) in each worker.
    import gc

    gc.freeze()
