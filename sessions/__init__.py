"""The log: routines, their drills, morning-after pain and comments, and the one write path
(services) that keeps each athlete's LogSummary. The pain model (pain.py) lives here, so every
layer above reads pain the same way."""
