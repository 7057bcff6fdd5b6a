def same_for_every_family(view):
    """Mark a public page that is the same for every visitor who is not signed in and has no
    shortlist, given its URL and the directory's data: the site may then serve it whole from
    its page cache (search/page_cache.py), which knows when the data changed. Such a page must
    show nothing from the visitor's session or cookies other than the shortlist, and its forms'
    CSRF tokens come from `{% csrf_token %}` (filled in for each visitor)."""
    view.same_for_every_family = True
    return view
