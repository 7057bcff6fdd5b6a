"""A revision identical in content to the one before it is not an edit.

Wagtail's edit screen saves a new revision whenever its form "has changed", and the rich text
editor normalises what it loads (a double space becomes one), so opening a page and pressing
Approve saved a revision whose only difference was whitespace; with
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT that counted as an edit and sent the page back to
the start of the coproduction workflow. While a page or term is in a workflow, a person's save
that changes nothing a reader sees keeps the revision under review instead of adding one.
"""

import contextlib
import json
import re

from django.core.serializers.json import DjangoJSONEncoder

# What a revision holds besides the content: where the page sits, its publishing state, who
# holds the lock, and comments (which Wagtail records on their own, not as content).
NOT_CONTENT = {
    "pk",
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "live_revision",
    "latest_revision",
    "locked",
    "locked_at",
    "locked_by",
    "draft_title",
    "expired",
    "owner",
    "content_type",
    "translation_key",
    "locale",
    "alias_of",
    "comments",
    "wagtail_admin_comments",
}

_SPACES = re.compile(r"(?:\s|&nbsp;|\u00a0)+")
# The rich text editor's own keys for its paragraphs, made afresh each time it loads text.
_BLOCK_KEYS = re.compile(r' data-block-key="[^"]*"')


def _normalised(value):
    """Content as a reader meets it: runs of white space (and non-breaking spaces) are one,
    and the editor's paragraph keys are left out."""
    if isinstance(value, str):
        return _SPACES.sub(" ", _BLOCK_KEYS.sub("", value)).strip()
    if isinstance(value, dict):
        return {k: _normalised(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalised(v) for v in value]
    return value


def content_of(data):
    """A revision's content (`serializable_data()` or `Revision.content`), comparable."""
    content = {k: v for k, v in data.items() if k not in NOT_CONTENT}
    for key, value in content.items():
        # StreamFields are held as JSON text: compare what they say, not how it is spaced.
        if isinstance(value, str) and value[:1] == "[":
            with contextlib.suppress(ValueError):
                content[key] = _without_block_ids(json.loads(value))
    return _normalised(content)


def _without_block_ids(value):
    """A stream's blocks carry ids for the editor, not for readers."""
    if isinstance(value, dict):
        return {k: _without_block_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_block_ids(v) for v in value]
    return value


def same_content(instance, revision):
    """Compared as the revision stores it: JSON, where a date is "2026-11-07", not a date (a
    page with a check date never compared equal, so an approval from the edit screen of a page
    written outside the editor, by the guide pack or the demo, sent it back to the start)."""
    if revision is None:
        return False
    stored = json.loads(json.dumps(instance.serializable_data(), cls=DjangoJSONEncoder))
    return content_of(stored) == content_of(revision.content)


class UnchangedIsNotAnEdit:
    """For the guide's models (pages and glossary terms)."""

    def save_revision(self, *args, **kwargs):
        user = kwargs.get("user", args[0] if args else None)
        if (
            user is not None
            and kwargs.get("overwrite_revision") is None
            and self.pk is not None
            and self.workflow_in_progress
        ):
            latest = self.get_latest_revision()
            if same_content(self, latest):
                return latest
        return super().save_revision(*args, **kwargs)
