from __future__ import annotations

from django import forms


class AthleteSearchForm(forms.Form):
    """Drawn by hand in the dashboard's template: one field, and the page is hot."""

    q = forms.CharField(
        label="Search athletes by name",
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Search by name"}),
    )
