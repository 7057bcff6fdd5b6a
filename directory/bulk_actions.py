"""Bulk-action pages name only what the user may act on.

Wagtail's confirmation pages (/admin/bulk/<app>/<model>/<action>/?id=...) list every object whose
id is asked for, including those the user may not act on ("you don't have permission to ..."),
so anyone with admin access could read the names of any listing or page, drafts included, by
trying ids. These subclasses of Wagtail's own actions keep the objects the action's permission
check allows (for listings, ListingPermissionPolicy, which knows which listings are the user's;
for pages, page permissions) and leave the rest out without naming them; with nothing left to
act on, the answer is 404, the same as for an id that does not exist.
"""

from django.http import Http404
from wagtail.admin.views.pages.bulk_actions.delete import DeleteBulkAction as PageDelete
from wagtail.admin.views.pages.bulk_actions.move import MoveBulkAction as PageMove
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction as PagePublish
from wagtail.admin.views.pages.bulk_actions.unpublish import UnpublishBulkAction as PageUnpublish
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as SnippetDelete


class OnlyWhatYouMayActOn:
    def get_actionable_objects(self):
        try:
            objects, _without_access = super().get_actionable_objects()
        except Http404:
            objects = []
        if not objects:
            raise Http404("Nothing here you may act on.")
        return objects, {"items_with_no_access": []}


class GuardedPageDelete(OnlyWhatYouMayActOn, PageDelete):
    pass


class GuardedPageMove(OnlyWhatYouMayActOn, PageMove):
    pass


class GuardedPagePublish(OnlyWhatYouMayActOn, PagePublish):
    pass


class GuardedPageUnpublish(OnlyWhatYouMayActOn, PageUnpublish):
    pass


class GuardedSnippetDelete(OnlyWhatYouMayActOn, SnippetDelete):
    pass


GUARDED = (
    GuardedPageDelete,
    GuardedPageMove,
    GuardedPagePublish,
    GuardedPageUnpublish,
    GuardedSnippetDelete,
)
