def same_for_every_family(view):
    """Mark a public page that is the same for every visitor who is not signed in and has no
    shortlist, given its URL and the directory's data: the site may then serve it whole from
    its page cache (search/page_cache.py), which knows when the data changed. Such a page must
    show nothing from the visitor's session or cookies other than the shortlist, and its forms'
    CSRF tokens come from `{% csrf_token %}` (filled in for each visitor)."""
    view.same_for_every_family = True
    return view


def kept_page(request, answers, shows):
    """For such a view, once it knows `answers` (JSON-able: everything the page says that the
    data decides, other than the listings it shows) and the ids of the listings it `shows`:
    a response holding the page kept earlier with the same answers, when none of those
    listings has changed since; else None, and the view renders the page, which is kept with
    these answers. Outside the page cache (a signed-in user, a test of the view) always None."""
    find = getattr(request, "find_kept_page", None)
    return None if find is None else find(answers, shows)
