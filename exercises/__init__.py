"""The drill catalogue: the six drills, their instructions and revisions, edited in the admin.

At the bottom of the apps: it imports nothing of accounts or logs."""
