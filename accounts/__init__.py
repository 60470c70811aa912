"""People: the custom user, sign-up, profile, password and account deletion.

At the bottom of the apps, beside the drill catalogue: it knows nothing of logs."""
