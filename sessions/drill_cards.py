"""The log form's cards, the session's and each drill's, drawn in Python in one pass.

Django's template engine took two thirds of the log form's time walking six cards field by
field (some 700 variable lookups and 200 nested loops a page). The same markup is built here
with f-strings; every value that is not already markup goes through `escape()`.

A card on the plain form is compact, for a phone: the drill's name, dose and "Done" in its
header, pain as rows of tap targets, and everything else (variant, sets and reps or time,
measures, cautions, tight spots, notes) one tap away in a "More" disclosure, which starts open
when something in it has an error or was written before. Guided mode shows one card at a time,
so there the drill's steps, variant and parts stay in view for static/js/guided.js to work
beside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from .markup import escape

if TYPE_CHECKING:
    from django.forms import BoundField

    from .log_form import DrillCard, PartRow, SessionForm

# The fields the plain form folds away behind "More"; pain and "Done" stay in view.
FOLDED = (
    "variant",
    "wall_distance_left_cm",
    "wall_distance_right_cm",
    "tight_spots",
    "tight_spot_other",
    "notes",
)


def session_card(form: SessionForm) -> SafeString:
    """When and around which run: the time and "Routine done" in view, the run and notes one
    tap away (open when filled in or refused). Drawn here with the drills' helpers, so a
    refused field's message carries the id its aria-describedby names."""
    moment, timing = form["performed_at"], form["timing"]
    folded = [form["run_type"], form["run_distance_km"], form["notes"]]
    opened = any(f.value() for f in folded) or (form.is_bound and any(f.errors for f in folded))
    token = _widget(form["submission_token"]) if "submission_token" in form.fields else ""
    moment_id = escape(moment.auto_id)
    return mark_safe(  # noqa: S308 - every value in it went through escape() or a widget
        '<section class="card mb-3 session-card" aria-labelledby="session-heading"'
        ' data-session-card>\n<div class="card-body">\n'
        '<h2 class="h5" id="session-heading">Session</h2>\n<div class="row">\n'
        '<div class="col-12 col-sm-6"><div class="mb-3">'
        '<div class="d-flex flex-wrap gap-2 align-items-baseline">'
        f'<label class="form-label" for="{moment_id}">{escape(str(moment.label))}</label>'
        f'<div id="{moment_id}_helptext" class="form-text mt-0 mb-2">'
        f"{escape(str(moment.help_text))}</div></div>\n"
        f"{_widget(moment)}{_errors(moment)}</div></div>\n"
        '<div class="col-12 col-sm-6"><fieldset class="mb-3 session-timing">'
        f'<legend class="form-label">{escape(str(timing.label))}</legend>'
        f"<div>{_widget(timing)}</div>{_errors(timing)}</fieldset></div>\n</div>\n"
        f'<details class="session-more"{" open" if opened else ""}>'
        "<summary>The run it prepares, and notes</summary>\n"
        f'<div class="row"><div class="col-7 col-sm-6">{_input(folded[0])}</div>'
        f'<div class="col-5 col-sm-6">{_input(folded[1])}</div></div>\n'
        f"{_input(folded[2])}</details>\n{token}\n</div>\n</section>\n"
    )


def drill_card(card: DrillCard, *, guided: bool) -> SafeString:
    drill, form = card.drill, card.form
    slug = escape(drill.slug)
    invalid = " border-danger" if form.errors else ""
    alternate = " data-alternate" if drill.alternate_parts else ""
    errors = form.non_field_errors()
    body = [
        *(f'<div class="alert alert-danger py-2">{escape(error)}</div>' for error in errors),
        # Guided: what the drill asks for, then what was done, as the athlete goes.
        _guidance(card) + _in_view(card) if guided else "",
        _pain(card),
        _more(card, guided=guided),
    ]
    return mark_safe(  # noqa: S308 - every value in it went through escape() or a widget
        f'<section class="card mb-3 drill-card{invalid}" aria-labelledby="drill-{slug}"\n'
        f'  data-drill="{slug}"{alternate}>\n'
        f"{_header(card)}"
        f'<div class="card-body">{"".join(body)}</div>\n'
        "</section>\n"
    )


def _header(card: DrillCard) -> str:
    """Number, name and dose, and the "Done" switch, which a phone reaches with a thumb."""
    drill = card.drill
    retired = "" if drill.active else ' <span class="badge text-bg-secondary">retired</span>'
    dosage = (
        f'<div class="small text-body-secondary">{escape(drill.dosage)}</div>'
        if drill.dosage
        else ""
    )
    done = card.fields["done"]
    return (
        '<div class="card-header drill-head">'
        f'<span class="drill-number" aria-hidden="true">{card.number}</span>'
        '<div class="drill-title">'
        f'<h3 class="h6 mb-0" id="drill-{escape(drill.slug)}">{escape(drill.name)}{retired}</h3>'
        f"{dosage}</div>"
        f'<div class="form-check form-switch drill-done">{_widget(done)} '
        f'<label class="form-check-label" for="{escape(done.auto_id)}">'
        f"{escape(str(done.label))}</label></div>"
        "</div>\n"
    )


def _guidance(card: DrillCard) -> str:
    """Guided mode: the drill's steps and cues, and its cautions beside them."""
    drill = card.drill
    steps = "".join(f"<li>{escape(step)}</li>" for step in drill.steps)
    cues = "".join(f"<li>{escape(cue)}</li>" for cue in drill.cue_list)
    return (
        f'<ol class="guided-instructions mb-2">{steps}</ol>'
        + (f'<ul class="guided-cues small mb-2">{cues}</ul>' if cues else "")
        + _cautions(card)
    )


def _cautions(card: DrillCard) -> str:
    items = "".join(f"<li>{escape(c)}</li>" for c in card.drill.caution_list)
    if not items:
        return ""
    return (
        '<details class="cautions mb-2" data-cautions><summary>Cautions</summary>'
        f'<ul class="small mb-0">{items}</ul></details>'
    )


def _pain(card: DrillCard) -> str:
    names = ("pain_left", "pain_right") if "pain_left" in card.fields else ("pain",)
    return f'<div class="pain-rows">{"".join(_pain_row(card.fields[n]) for n in names)}</div>'


def _pain_row(field: BoundField) -> str:
    """One side's pain: its name beside the scale, which wraps to two rows on a phone."""
    label = escape(str(field.label))
    return (
        f'<fieldset class="pain-row"><legend class="pain-legend">{label}</legend>'
        f"{_widget(field)}{_errors(field)}</fieldset>"
    )


def _in_view(card: DrillCard) -> str:
    """What a card shows before its "More": guided mode's variant, parts and measures."""
    fields = card.fields
    last = ""
    if card.last_measure:
        last = capfirst(card.last_measure)
        last = f'<p class="small mb-2 text-body-secondary" data-last>{escape(last)}</p>'
    variant = _choices(fields["variant"]) if "variant" in fields else ""
    walls = ""
    if "wall_distance_left_cm" in fields:
        walls = (
            f'<div class="row">{_number(fields["wall_distance_left_cm"])}'
            f"{_number(fields['wall_distance_right_cm'])}</div>"
        )
    return f"{last}{variant}{_parts(card)}{walls}"


def _more(card: DrillCard, *, guided: bool) -> str:
    fields = card.fields
    folded = "" if guided else _cautions(card) + _in_view(card)
    summary = "More: tight spots and notes" if guided else f"More: {_more_names(card)}"
    opened = " open" if card.more_open or (not guided and card.folded_error) else ""
    return (
        f'<details class="more"{opened}><summary>{escape(summary)}</summary>'
        f"{folded}{_choices(fields['tight_spots'])}"
        f"{_input(fields['tight_spot_other'])}{_input(fields['notes'])}</details>"
    )


def _more_names(card: DrillCard) -> str:
    """What a plain card's "More" holds, e.g. "variant, time, tight spots, notes": short
    enough for one line on a phone."""
    names = ["variant"] if "variant" in card.fields else []
    timed = [row.part.is_timed for row in card.part_rows]
    if not all(timed):
        names.append("reps")
    if any(timed):
        names.append("time")
    if "wall_distance_left_cm" in card.fields:
        names.append("wall distance")
    return ", ".join([*names, "tight spots", "notes"])


def _parts(card: DrillCard) -> str:
    rows = card.part_rows
    if not rows:
        return ""
    return (
        '<fieldset class="mb-3 parts">'
        '<legend class="form-label fs-6">Sets, reps and time done</legend>'
        f"{''.join(_part_row(row) for row in rows)}</fieldset>"
    )


def _part_row(row: PartRow) -> str:
    """A part on a side, with what guided.js reads to count reps or time a hold."""
    part = row.part
    group = f' data-sides="{row.group}"' if row.group else ""
    if part.is_timed:
        low = part.hold_min_seconds or part.hold_max_seconds
        dose = f' data-hold-min="{low}" data-hold-max="{part.hold_max_seconds}"'
    else:
        dose = f' data-sets="{part.sets}" data-reps="{part.reps}"'
    label = escape(row.label)
    each = (
        ' <span class="text-body-secondary small">(one leg at a time)</span>'
        if row.group == "each"
        else ""
    )
    inputs = "".join(
        f'<label class="part-field"><span class="visually-hidden">{label}: </span>'
        f'<span class="small">{escape(str(field.label))}</span> {_widget(field)}</label>'
        for field in row.fields
    )
    errors = "".join(_errors(field) for field in row.fields)
    return (
        f'<div class="part-row" data-part="{part.pk}" data-part-name="{escape(part.name)}" '
        f'data-side="{escape(row.side)}"{group}{dose}>'
        f'<span class="part-label">{label}{each}</span>{inputs}{errors}</div>'
    )


def _widget(field: BoundField) -> str:
    """The field's widget as BoundField.as_widget() draws it. For an optional field with no
    help text and no error (nearly all of a card's 80) that is the widget with its id, so
    they skip building the attributes that only required, described or refused fields get."""
    spec = field.field
    if field.form.is_bound and field.errors:
        # Marked here, not on the widget: the entry forms share their fields' widgets.
        invalid = spec.widget.attrs.get("class", "") + " is-invalid"
        return field.as_widget(attrs={"class": invalid})
    if spec.required or spec.disabled or spec.localize or field.help_text:
        return field.as_widget()
    attrs = {} if "id" in spec.widget.attrs else {"id": field.auto_id}
    return spec.widget.render(field.html_name, field.value(), attrs, field.form.renderer)


def _errors(field: BoundField) -> str:
    """A field's errors, with the id that Django's aria-describedby on the field points to."""
    # An unbound form has no errors: asking each field would build an empty list for each.
    if not field.form.is_bound or not field.errors:
        return ""
    text = " ".join(escape(str(error)) for error in field.errors)
    return f'<div class="invalid-feedback d-block" id="{escape(field.auto_id)}_error">{text}</div>'


def _input(field: BoundField) -> str:
    auto_id = escape(field.auto_id)
    helptext = (
        f'<div id="{auto_id}_helptext" class="form-text">{escape(str(field.help_text))}</div>'
        if field.help_text
        else ""
    )
    return (
        f'<div class="mb-3"><label class="form-label" for="{auto_id}">'
        f"{escape(str(field.label))}</label>{_widget(field)}{_errors(field)}{helptext}</div>"
    )


def _number(field: BoundField) -> str:
    return f'<div class="col-6">{_input(field)}</div>'


def _choices(field: BoundField) -> str:
    return (
        f'<fieldset class="mb-3"><legend class="form-label fs-6">{escape(str(field.label))}'
        f"</legend><div>{_widget(field)}</div>{_errors(field)}</fieldset>"
    )
