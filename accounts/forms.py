from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm

from .models import User, time_zone_choices


class TimeZoneSelect(forms.Select):
    """A time zone picker that the browser may preselect with the device's own zone."""

    def __init__(self) -> None:
        super().__init__(attrs={"data-detect-time-zone": "true"})


class SignUpForm(UserCreationForm):
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        initial="UTC",
        widget=TimeZoneSelect(),
        help_text="Times you log are shown in this zone. We guess it from your device.",
    )

    class Meta:
        model = User
        fields = ("username", "email", "display_name", "time_zone")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.fields["email"].help_text = "Only used to reset a forgotten password."
        # Neither label may be a prefix of the other: "Password" matched both fields for
        # screen readers' and browser tests' label lookups.
        self.fields["password1"].label = "Choose a password"
        self.fields["password2"].label = "Type it again"
        self.fields["password2"].help_text = "The same password, to be sure it is what you meant."
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Create account", css_class="btn-lg w-100"))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                "An account with this email already exists. Sign in, or reset your password."
            )
        return email


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(choices=time_zone_choices)

    class Meta:
        model = User
        fields = ("display_name", "email", "time_zone")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", "Save profile"))

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("Another account already uses this email.")
        return email


def is_own_password(request, password: str) -> bool:
    """Through authenticate(), so that wrong guesses count towards the sign-in throttle: a
    stolen session cannot try the owner's password without limit on the pages that ask it."""
    username = request.user.get_username()
    return authenticate(request, username=username, password=password) is not None


class ThrottledPasswordChangeForm(PasswordChangeForm):
    def __init__(self, user, *args, request, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self) -> str:
        old_password = self.cleaned_data["old_password"]
        if not is_own_password(self.request, old_password):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="Type it again to confirm that it is you.",
    )

    def __init__(self, *args, request, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.helper = FormHelper()
        self.helper.add_input(
            Submit("submit", "Delete my account and data", css_class="btn-danger w-100")
        )

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not is_own_password(self.request, password):
            raise forms.ValidationError("That is not your password.")
        return password
