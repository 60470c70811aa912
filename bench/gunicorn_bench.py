"""gunicorn.conf.py as shipped, plus the CPU each request costs its worker: `make bench` only.

Every request the load generator tags with an X-Bench-Step header adds a line
"<time> <step> <CPU ms>" to $BENCH_CPU_LOG, so a run of several steps (save, then read) can say
what each step cost, not only their sum.
"""

import os
import runpy
import time
from pathlib import Path

_shipped = runpy.run_path(str(Path(__file__).resolve().parent.parent / "gunicorn.conf.py"))
globals().update({k: v for k, v in _shipped.items() if not k.startswith("_")})
_log = None  # opened in each worker, after the fork


def pre_request(worker, req):
    req.bench_cpu = time.process_time()


def post_request(worker, req, environ, resp):
    global _log
    step = environ.get("HTTP_X_BENCH_STEP")
    if not step:
        return
    if _log is None:
        _log = open(os.environ["BENCH_CPU_LOG"], "a", buffering=1)  # noqa: SIM115 - per worker
    _log.write(f"{time.time():.4f} {step} {(time.process_time() - req.bench_cpu) * 1000:.3f}\n")
