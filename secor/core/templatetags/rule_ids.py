"""Rule ids in pages, for the readers they are for (secor.rule_ids): `{% rule_id "ELIG-7" %}` after words a
template holds, `{{ message|read_by:user }}` for a message made elsewhere (RuleWords, or a form's error)."""

from django import template

from secor.rule_ids import for_reader, reads_rule_ids

register = template.Library()


@register.simple_tag(takes_context=True)
def rule_id(context, rule: str) -> str:
    """ " (ELIG-7)" for staff and program auditors; nothing for anyone else."""
    return f" ({rule})" if rule and reads_rule_ids(context.get("user")) else ""


@register.filter
def read_by(message, user) -> str:
    return for_reader(message, user)
