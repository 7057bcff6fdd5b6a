"""How each thing in the admin finds its local authority, read by every scoped admin view
(localoffer/admin_scope.py) and by the policies of the models Wagtail brings.

A staff member acts for some authorities (roles.authority_ids; None for national staff and
superusers). Things of an authority are reached only by those acting for it; things that belong
to every authority (the national site, the national guide, a redirect for all sites) only by
national staff.
"""

from django.db.models import Q
from wagtail.models import Page, Site
from wagtail.permission_policies.sites import SitePermissionPolicy

import roles
from directory.models import LocalAuthority


def is_national(user):
    return user.is_active and roles.authority_ids(user) is None


def authority_of_site(site_id):
    """The authority whose Local Offer this site is, or None for the national site."""
    if site_id is None:
        return None
    return LocalAuthority.objects.filter(site_id=site_id).values_list("pk", flat=True).first()


def acts_for_site(user, site_id):
    return roles.acts_for(user, authority_of_site(site_id))


def own_sites(user):
    """The sites this user acts for: all of them for national staff."""
    ids = roles.authority_ids(user)
    if ids is None:
        return Site.objects.all()
    return Site.objects.filter(local_authority__in=ids)


def other_authorities_pages(user):
    """A filter matching the pages under the sites of authorities this user does not act for
    (None: there are none, for national staff). National pages belong to no authority."""
    ids = roles.authority_ids(user)
    if ids is None:
        return None
    paths = (
        LocalAuthority.objects.filter(site__isnull=False)
        .exclude(pk__in=ids)
        .values_list("site__root_page__path", flat=True)
    )
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def without_other_authorities_pages(user, pages):
    condition = other_authorities_pages(user)
    return pages if condition is None else pages.exclude(condition)


def page_of_another_authority(user, page):
    condition = other_authorities_pages(user)
    return condition is not None and Page.objects.filter(condition, pk=page.pk).exists()


class AuthoritySitesPolicy(SitePermissionPolicy):
    """Site settings (the authority's name, contacts, SENDIAS details): each site's are changed
    only by staff acting for its authority; the national site's by national staff."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        site_id = instance.pk if isinstance(instance, Site) else instance.site_id
        return super().user_has_any_permission_for_instance(
            user, actions, instance
        ) and acts_for_site(user, site_id)

    def sites_user_has_any_permission_for(self, user, actions):
        sites = super().sites_user_has_any_permission_for(user, actions)
        return sites.filter(pk__in=own_sites(user).values("pk"))
