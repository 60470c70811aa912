"""Consent: who may read whose log. An athlete invites a coach with a code, and may take the
access back. Below the log: the log asks it who may read what, never the other way."""
