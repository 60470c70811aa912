"""`{% asset 'css/groundwork.css' %}`: `{% static %}` for the files every page links.

The storage works a hashed file's URL out from the manifest each time (~0.02 ms, four times on
every page). A URL changes only when the files are collected again, which happens before the
server starts, so each is worked out once per process.
"""

from functools import cache

from django import template
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
@cache
def asset(path: str) -> str:
    return static(path)
