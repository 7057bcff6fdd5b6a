from django import template

from directory.links import is_safe_link

register = template.Library()


@register.filter
def safe_link(value):
    """The link if it passes directory.links' rule, else "" (for links stored before the rule)."""
    return value if value and is_safe_link(value) else ""
