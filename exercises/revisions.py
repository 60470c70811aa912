"""Drill revisions as an admin reads them: text with one kind of line ending, diffs by line.

Browsers send a textarea's lines ending in CRLF while the seeded drills end theirs in LF, so the
first save of an untouched drill looked like an edit of every long field. Text is stored with
LF only, a save that changes nothing leaves no revision, and History shows what changed line by
line (with the changed words marked inside a changed line), never whole fields side by side.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from simple_history.template_utils import HistoricalRecordContextHelper


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class MultilineTextField(forms.CharField):
    """A textarea's text with LF line endings, whatever the browser sent.

    `has_changed()` compares with the stored text normalised too, so text saved with CRLF by
    earlier versions counts as unchanged when only its line endings differ.
    """

    def to_python(self, value: Any) -> str:
        return normalise_newlines(super().to_python(value))

    def has_changed(self, initial: Any, data: Any) -> bool:
        initial = normalise_newlines(initial) if isinstance(initial, str) else initial
        return super().has_changed(initial, data)


def _comparable(field: models.Field, value: Any) -> Any:
    if isinstance(field, models.TextField) and isinstance(value, str):
        return normalise_newlines(value)
    return value


def same_as_saved(instance: models.Model) -> bool:
    """Whether saving `instance` would store what its row already holds (line endings aside)."""
    if instance.pk is None:
        return False
    fields = [field for field in instance._meta.concrete_fields if not field.primary_key]
    saved = (
        type(instance)
        ._default_manager.filter(pk=instance.pk)
        .values(*(field.attname for field in fields))
        .first()
    )
    if saved is None:
        return False
    return all(
        _comparable(field, getattr(instance, field.attname))
        == _comparable(field, saved[field.attname])
        for field in fields
    )


@dataclass(frozen=True)
class DiffLine:
    """One line of a diff: `kind` is same, removed, added or gap (unchanged lines left out).

    `parts` are (text, changed) pairs: in a changed line, the words that changed are marked.
    """

    kind: str
    parts: tuple[tuple[str, bool], ...]

    @property
    def marker(self) -> str:
        return {"removed": "−", "added": "+", "gap": "⋯"}.get(self.kind, "")


GAP = DiffLine("gap", (("", False),))


def _words(line: str) -> list[str]:
    return re.findall(r"\s+|[^\s]+", line)


def _word_parts(old: str, new: str) -> tuple[tuple, tuple]:
    old_words, new_words = _words(old), _words(new)
    old_parts: list[tuple[str, bool]] = []
    new_parts: list[tuple[str, bool]] = []
    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            old_parts.append(("".join(old_words[i1:i2]), tag != "equal"))
        if j2 > j1:
            new_parts.append(("".join(new_words[j1:j2]), tag != "equal"))
    return tuple(old_parts), tuple(new_parts)


def _lines(text: str | None) -> list[str]:
    return normalise_newlines(text).split("\n") if text else []


def line_diff(old: str, new: str, *, context: int = 1) -> list[DiffLine]:
    """The lines that changed from `old` to `new`, with `context` unchanged lines around them."""
    old_lines = _lines(old)
    new_lines = _lines(new)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    result: list[DiffLine] = []
    shown_up_to = 0  # old lines before this one are shown or stand behind a gap
    for group in matcher.get_grouped_opcodes(context):
        if group[0][1] > shown_up_to:
            result.append(GAP)
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result.extend(DiffLine("same", ((line, False),)) for line in old_lines[i1:i2])
                continue
            removed, added = old_lines[i1:i2], new_lines[j1:j2]
            if tag == "replace" and len(removed) == len(added):
                pairs = [_word_parts(a, b) for a, b in zip(removed, added, strict=True)]
                result.extend(DiffLine("removed", old_parts) for old_parts, _ in pairs)
                result.extend(DiffLine("added", new_parts) for _, new_parts in pairs)
                continue
            result.extend(DiffLine("removed", ((line, True),)) for line in removed)
            result.extend(DiffLine("added", ((line, True),)) for line in added)
        shown_up_to = group[-1][2]
    if result and shown_up_to < len(old_lines):
        result.append(GAP)
    return result


class RevisionContextHelper(HistoricalRecordContextHelper):
    """Long text as a line diff; changes of line endings alone are no change."""

    def context_for_delta_changes(self, delta) -> list[dict[str, Any]]:
        context = []
        for change in delta.changes:
            field = self.model._meta.get_field(change.field)
            if isinstance(field, models.TextField):
                old, new = change.old or "", change.new or ""
                if normalise_newlines(old) == normalise_newlines(new):
                    continue
                context.append(
                    {"field": field.verbose_name, "lines": line_diff(old, new), "text": True}
                )
                continue
            formatted = self.format_delta_change(change)
            context.append({"field": formatted.field, "old": formatted.old, "new": formatted.new})
        return context
