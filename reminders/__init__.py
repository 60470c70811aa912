"""Reminders: a person's plan of runs, the emails it leads to (sent once each by the background
worker), one-tap answers from those emails, coaches' reply notices, and the calendar feed.

On top of the log: it reads sessions, coaching and insights; none of them imports it."""
