"""Throttles: counters of what can be tried over and over (password reset, invitation codes),
kept in the database so every worker shares them."""
