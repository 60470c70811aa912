# syntax=docker/dockerfile:1
# Groundwork's production image: gunicorn serving Django, static files inside, all state outside
# (PostgreSQL, and Redis if you like). The README's "Production" section shows how to run it.
#
#   docker build -t groundwork .
#   docker run --env-file groundwork.env -p 127.0.0.1:8000:8000 groundwork
#   docker run --env-file groundwork.env groundwork python manage.py run_worker   # reminders

ARG PYTHON_IMAGE=python:3.13-slim

# --- Build: the dependencies from the lock file, then the static files. ----------------------
FROM ${PYTHON_IMAGE} AS build

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
# Every package pinned and checked against its hash; wheels only, so nothing is compiled here.
RUN /opt/venv/bin/pip install --require-hashes --only-binary=:all: -r /tmp/requirements.txt

WORKDIR /app
COPY . .
# Settings refuse to load without a secret key. This one exists only in this build step to let
# collectstatic run; it never reaches the final image and signs nothing.
RUN DJANGO_SECRET_KEY=build-time-only-for-collectstatic-never-used-to-sign-anything \
        /opt/venv/bin/python manage.py collectstatic --noinput \
    && /opt/venv/bin/python -m compileall -q /app

# --- Runtime: the slim base, the virtualenv and the app, run by a user that owns nothing. -----
FROM ${PYTHON_IMAGE} AS runtime

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=8000

RUN groupadd --system --gid 10001 groundwork \
    && useradd --system --uid 10001 --gid groundwork --no-create-home \
        --home-dir /nonexistent --shell /usr/sbin/nologin groundwork

COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# Owned by root and read-only to the app: the process can change none of its own code.
COPY --from=build /app /app

USER 10001:10001
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "bin/healthcheck"]

# Migrate and add missing drills, then exec the command (see bin/entrypoint).
ENTRYPOINT ["bin/entrypoint"]
# The web process. The same image runs the background worker as its own process (or
# container) with the command `python manage.py run_worker`: README, "The worker and email".
CMD ["gunicorn", "config.wsgi"]
