from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.template.defaultfilters import pluralize
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString

from .markup import escape

# The signed-in navigation, in order: label, URL name, and the views that mark it current
# (None: every view of the URL's namespace).
PRIMARY = (
    ("Drills", "exercises:list", None),
    ("Log routine", "sessions:create", frozenset({"sessions:create"})),
    ("History", "sessions:list", frozenset({"sessions:list"})),
    ("Progress", "insights:progress", frozenset({"insights:progress"})),
    ("Sharing", "coaching:sharing", frozenset({"coaching:sharing"})),
    (
        "Coaching",
        "insights:dashboard",
        frozenset(
            {
                "insights:dashboard",
                "insights:athlete",
                "insights:athlete_progress",
                "coaching:join",
                "coaching:accept",
            }
        ),
    ),
)
# Links the base template shows besides the primary ones, by the names it uses.
OTHER_LINKS = {
    "home": "home",
    "history": "sessions:list",
    "admin": "admin:index",
    "profile": "accounts:profile",
    "logout": "accounts:logout",
    "login": "accounts:login",
    "signup": "accounts:signup",
}


@cache
def paths(script_prefix: str) -> dict[str, str]:
    """The navigation's URLs. They depend only on the URLconf and the prefix the site is
    served under, so they are reversed once per prefix, not a dozen times on every page."""
    names = {name: name for _, name, _ in PRIMARY} | OTHER_LINKS
    return {key: reverse(name) for key, name in names.items()}


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool
    badge: int = 0


class Navigation:
    """What the navigation bar shows about the user: its links, which one is current and the
    unread comments, counted only when a template shows them."""

    def __init__(self, request: HttpRequest) -> None:
        # No user before the authentication middleware has run (a request refused early).
        self.user = getattr(request, "user", None) or AnonymousUser()
        self.match = getattr(request, "resolver_match", None)
        self.url = paths(get_script_prefix())

    @cached_property
    def unread_comments(self) -> int:
        from .models import unread_comment_count

        return unread_comment_count(self.user)

    @cached_property
    def primary(self) -> list[Link]:
        view = self.match.view_name if self.match else ""
        namespace = self.match.namespace if self.match else ""
        links = []
        for label, name, views in PRIMARY:
            current = namespace == name.split(":")[0] if views is None else view in views
            if not self.user.is_authenticated and name != "exercises:list":
                continue
            badge = self.unread_comments if name == "sessions:list" else 0
            links.append(Link(label, self.url[name], current, badge))
        return links

    @cached_property
    def primary_html(self) -> SafeString:
        """The primary links as list items, drawn here: the template's loop over them, its
        tags and lookups, was a fifth of what the base template cost every page. Labels and
        addresses are the site's own; escaped all the same, by the escape() that only looks
        at a text with nothing to escape."""
        items = []
        for link in self.primary:
            current = CURRENT if link.current else ""
            badge = BADGE.format(link.badge, pluralize(link.badge)) if link.badge else ""
            items.append(
                f'<li class="nav-item"><a class="nav-link{current}" href="{escape(link.url)}">'
                f"{escape(link.label)}{badge}</a></li>"
            )
        return SafeString("\n".join(items))


CURRENT = ' active" aria-current="page'
BADGE = (  # a count: nothing to escape
    ' <span class="badge rounded-pill text-bg-light">{}'
    '<span class="visually-hidden"> unread comment{}</span></span>'
)


def navigation(request: HttpRequest) -> dict:
    return {"nav": Navigation(request)}
