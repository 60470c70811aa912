from django.apps import AppConfig


class TrainingSessionsConfig(AppConfig):
    # "sessions" belongs to django.contrib.sessions, so this app keeps its folder but not its label.
    name = "sessions"
    label = "training"
    verbose_name = "Training sessions"
