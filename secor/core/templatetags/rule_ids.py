"""Rule ids in pages, for the readers they are for (secor.rule_ids): `{% rule_id "ELIG-7" %}` after words a
template holds, `{{ message|read_by:user }}` for a message made elsewhere (RuleWords, or a form's error), and
`{% explained reckoning %}` for a date that opens to show its arithmetic (secor.dates.Reckoning)."""

from django import template
from django.utils.html import format_html, format_html_join

from secor.dates import Reckoning, long_date
from secor.rule_ids import for_reader, reads_rule_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def rule_id(context, rule: str) -> str:
    """ " (ELIG-7)" for staff and program auditors; nothing for anyone else."""
    return f" ({rule})" if rule and reads_rule_ids(context.get("user")) else ""


@register.filter
def read_by(message, user) -> str:
    return for_reader(message, user)


@register.simple_tag(takes_context=True)
def explained(context, reckoning: Reckoning | None, label: str = ""):
    """The date (or `label`, a status) that opens, without script, on how it was reckoned: a <details> whose
    lines are the reckoning's own words, each with its rule's id for SCSA's people."""
    if not reckoning:  # none, or a variable the template does not have
        return label
    ids = reads_rule_ids(context.get("user"))
    lines = format_html_join(
        "",
        '<span class="d-block">{}{}</span>',
        ((line.words, f" ({line.rule})" if ids and line.rule else "") for line in reckoning.lines),
    )
    return format_html(
        '<details class="reckoning"><summary>{}</summary><span class="reckoning-words small">{}</span></details>',
        label or long_date(reckoning.on),
        lines,
    )


@register.filter
def waited(since, today) -> str:
    """How long something has waited, in the days or whole weeks SCSA's review targets are counted in (MAN-2)."""
    days = (today - since).days
    if days >= 14:
        return f"{days // 7} weeks"
    return "1 day" if days == 1 else f"{days} days"
