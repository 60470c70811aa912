from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.utils.html import escape

from .models import WEEKDAYS, ReminderPlan


def time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ReminderPlanForm(forms.ModelForm):
    """The whole plan on one page: when you run, and which emails you want."""

    COACH_FIELDS = ("coach_reply", "coach_digest", "coach_digest_at")

    class Meta:
        model = ReminderPlan
        fields = (
            *WEEKDAYS,
            "before_run",
            "before_run_minutes",
            "morning_check",
            "morning_check_at",
            "weekly_summary",
            "coach_reply",
            "coach_digest",
            "coach_digest_at",
        )
        labels = {day: day.capitalize() for day in WEEKDAYS} | {
            "before_run": "Routine before your run",
            "before_run_minutes": "How many minutes before",
            "morning_check": "“How does it feel this morning?”",
            "morning_check_at": "Ask at",
            "weekly_summary": "Weekly summary, Sunday evening",
            "coach_reply": "Email me when an athlete replies to my comment",
            "coach_digest": "Daily email listing athletes who need attention",
            "coach_digest_at": "Send it at",
        }
        help_texts = {
            "before_run": "An email with the routine, before each run you plan below.",
            "morning_check": "The morning after you log a routine: one tap records the pain.",
            "coach_digest": "The dashboard's own flags. Not sent on days without any.",
        }
        widgets = {
            **{day: time_input() for day in WEEKDAYS},
            "morning_check_at": time_input(),
            "coach_digest_at": time_input(),
        }

    def __init__(self, *args, coach: bool, zone_name: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not coach:
            for name in self.COACH_FIELDS:
                del self.fields[name]
        for day in WEEKDAYS:
            self.fields[day].help_text = ""
        self.helper = FormHelper()
        coach_section = (
            [Fieldset("If you coach", *self.COACH_FIELDS, css_class="mt-3")] if coach else []
        )
        self.helper.layout = Layout(
            Fieldset(
                "When you usually run",
                HTML(
                    '<p class="small text-body-secondary">Leave a day empty if you do not run. '
                    f"Times are in your time zone, {escape(zone_name)}.</p>"
                ),
                Div(
                    *[Div(Field(day), css_class="col-6 col-md-3") for day in WEEKDAYS],
                    css_class="row g-2",
                ),
            ),
            Fieldset(
                "Emails you want",
                "before_run",
                "before_run_minutes",
                "morning_check",
                "morning_check_at",
                "weekly_summary",
                css_class="mt-3",
            ),
            *coach_section,
            Submit("submit", "Save reminders", css_class="btn-lg w-100 mt-2"),
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("before_run") and not any(data.get(day) for day in WEEKDAYS):
            self.add_error(
                "before_run", "Give the time of at least one run, or the reminder has no run."
            )
        return data


class MorningPainForm(forms.Form):
    pain = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(11)], coerce=int, label="Morning-after pain"
    )
