"""Insights: what is read out of a log. Progress figures, charts and hints for the athlete, and
the coach's dashboard and athlete pages. On top of the log; it only reads, through the log's
querysets and summaries."""
