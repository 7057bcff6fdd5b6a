from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """{{ counts|get:code }}: look a key up in a dict (None when absent)."""
    if not mapping:
        return None
    return mapping.get(key)
