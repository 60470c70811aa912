"""The pure helpers behind a drill's History: line endings and line diffs."""

from __future__ import annotations

from exercises.revisions import MultilineTextField, line_diff, normalise_newlines


def kinds(lines) -> list[tuple[str, str]]:
    return [(line.kind, "".join(text for text, _ in line.parts)) for line in lines]


def test_crlf_and_lone_cr_become_lf():
    assert normalise_newlines("a\r\nb\rc\nd") == "a\nb\nc\nd"


def test_the_form_field_cleans_to_lf_and_ignores_line_endings_when_comparing():
    field = MultilineTextField()
    assert field.clean("one\r\ntwo") == "one\ntwo"
    assert not field.has_changed("one\r\ntwo", "one\r\ntwo")
    assert not field.has_changed("one\ntwo", "one\r\ntwo")
    assert field.has_changed("one\ntwo", "one\r\nthree")


def test_a_changed_line_shows_with_one_line_of_context_and_gaps_for_the_rest():
    old = "a\nb\nc\nd\ne\nf"
    new = "a\nb\nC\nd\ne\nf"
    assert kinds(line_diff(old, new)) == [
        ("gap", ""),
        ("same", "b"),
        ("removed", "c"),
        ("added", "C"),
        ("same", "d"),
        ("gap", ""),
    ]


def test_inside_a_changed_line_only_the_changed_words_are_marked():
    removed, added = line_diff("Hold for 30 s.", "Hold for 45 s.")
    assert [part for part in removed.parts if part[1]] == [("30", True)]
    assert [part for part in added.parts if part[1]] == [("45", True)]


def test_text_from_nothing_is_all_added_and_to_nothing_all_removed():
    assert kinds(line_diff("", "new")) == [("added", "new")]
    assert kinds(line_diff("x\ny", "")) == [("removed", "x"), ("removed", "y")]


def test_line_endings_alone_make_no_diff():
    assert line_diff("a\r\nb", "a\nb") == []
