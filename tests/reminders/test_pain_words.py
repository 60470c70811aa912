import pytest

from reminders.pain import read_pain


@pytest.mark.parametrize(
    ("pain", "level"),
    [
        (0, "safe"),
        (3, "safe"),
        (4, "acceptable"),
        (5, "acceptable"),
        (6, "too_much"),
        (10, "too_much"),
    ],
)
def test_the_pain_model_in_words(pain, level):
    assert read_pain(pain).level == level
