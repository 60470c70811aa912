"""Work each process would otherwise do on its first requests, done once at start-up.

gunicorn imports config.wsgi in its master before forking (`preload_app`), so what is loaded
here is shared by every worker and by each worker that replaces a recycled one: without it,
every new worker imports the URLconf (and with it every view module) and compiles each template
on its first requests. Nothing rendered is kept: templates are compiled, as Django's cached
loader keeps them anyway, and no page is drawn.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import get_resolver


def warm_up() -> None:
    if settings.DEBUG:  # templates are reloaded on change there: compiling ahead would be lost
        return
    get_resolver().url_patterns  # noqa: B018 - imports the URLconf and the views
    engine = engines["django"]
    for folder in engine.dirs:
        for path in Path(folder).rglob("*.html"):
            try:
                engine.get_template(path.relative_to(folder).as_posix())
            except (TemplateDoesNotExist, TemplateSyntaxError):
                continue  # a page that fails will say so when it is asked for
