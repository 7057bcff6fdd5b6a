"""The directory's change log, and the one way a process keeps what it derives from it.

**The log.** Every change a family could see — a listing published, unpublished, deleted or
written in bulk; an authority, a site or its settings — is recorded (`record`) in the writer's
transaction: a new random version token in the one-row DirectoryVersion, and a DirectoryChange
row naming the listing (None: any of them). Pages and search results are kept under the
version, so nothing kept is older than the data, in every process, whatever the cache backend.
Who records what is in each app's `signal_handlers.py`; bulk writers send
`directory.signals.listings_changed`.

**What a process keeps** (`Kept`): web processes derive structures from the listings — the facet
index, rankings of words, the listings near places, the SQLite entry map, site-wide values —
and keep them between requests, each labelled with the version it answers for and the last
change it reflects. When the version moves, one rule (`listings_changed_since`) says whether it
can be brought up to date for just the listings changed since, or must be built afresh (a change
naming no listing, a gap in the log, too many changes). Each kind of kept thing is a subclass,
registered in `KEPT` by name, which is what tests and the property test iterate: a new one
cannot be forgotten by them.
"""

import secrets
import threading
from collections import OrderedDict

# Old change rows are pruned now and then; a process that has not caught up since simply
# rebuilds what it derives from the listings.
KEEP_CHANGES = 2000

# More listings changed than this since a process last brought what it derives from them up
# to date: it reads that afresh instead.
MAX_INCREMENTAL = 500


def current_version():
    """The current directory version: one indexed read of a one-row table."""
    from .models.changes import DirectoryVersion

    token = DirectoryVersion.objects.values_list("token", flat=True).first()
    if token is None:  # a database made before the table had its row
        token = DirectoryVersion.objects.get_or_create(pk=1)[0].token
    return token


def request_version(request):
    """The directory version for this request, read once however many parts of it ask (the
    site lookup, the page cache, the search view): all of a page is of one version."""
    if getattr(request, "directory_version", None) is None:
        request.directory_version = current_version()
    return request.directory_version


def record(*args, listing_id=None, **kwargs):
    """Give the directory a new version (in the writer's transaction, so it is seen exactly
    when the change is), and log which listing changed (None: any of them). Takes and ignores
    a signal's arguments, so it can be connected as a receiver. Inside `recorded_together`
    the change is only noted, and written with the others at its end."""
    pending = getattr(_batch, "listing_ids", None)
    if pending is not None:
        pending.add(listing_id)
        return
    _write_changes([listing_id])


class recorded_together:
    """Record every change made inside it as one step at its end, still in the writer's
    transaction: an import batch takes the version row's lock for the moment before its
    commit, not for the whole batch, so an editor's Publish never waits behind an import.
    (The changes still become visible exactly when the batch's data does.)"""

    def __enter__(self):
        self.outer = getattr(_batch, "listing_ids", None)
        if self.outer is None:
            _batch.listing_ids = set()
        return self

    def __exit__(self, exc_type, *exc):
        if self.outer is not None:  # nested: the outermost writes them
            return False
        listing_ids, _batch.listing_ids = _batch.listing_ids, None
        if exc_type is None and listing_ids:
            if None in listing_ids or len(listing_ids) > MAX_INCREMENTAL:
                listing_ids = [None]  # every process reads afresh anyway
            _write_changes(sorted(listing_ids, key=lambda pk: (pk is None, pk)))
        return False


_batch = threading.local()


def _write_changes(listing_ids):
    from .models.changes import DirectoryChange, DirectoryVersion

    token = secrets.randbits(62)
    # The version row first: its lock, held to the end of the writer's transaction, puts the
    # changes in the order they commit. A change written before it could take a lower id than
    # a change still uncommitted in a transaction holding the lock, and a process catching up
    # in between would never be given it (changes_since reads ids above the last it applied).
    if not DirectoryVersion.objects.filter(pk=1).update(token=token):
        DirectoryVersion.objects.update_or_create(pk=1, defaults={"token": token})
    if len(listing_ids) == 1:
        newest = DirectoryChange.objects.create(token=token, listing_id=listing_ids[0]).pk
    else:
        DirectoryChange.objects.bulk_create(
            DirectoryChange(token=token, listing_id=pk) for pk in listing_ids
        )
        newest = DirectoryChange.objects.order_by("-pk").values_list("pk", flat=True).first()
    if newest % 100 < len(listing_ids):  # crossed a hundred: now and then, prune
        DirectoryChange.objects.filter(pk__lt=newest - KEEP_CHANGES).delete()


def latest_change():
    """(id, token) of the newest change, (0, 0) when there is none."""
    from .models.changes import DirectoryChange

    row = DirectoryChange.objects.order_by("-pk").values_list("pk", "token").first()
    return row or (0, 0)


def change_of_version(version):
    """(id, token) of the change that gave the directory this version (the last, when a batch
    wrote several); None when there is none (the version was made without a change)."""
    from .models.changes import DirectoryChange

    return (
        DirectoryChange.objects.filter(token=version)
        .order_by("-pk")
        .values_list("pk", "token")
        .first()
    )


def changes_since(change_id, token):
    """[(id, token, listing id)] of the changes after this one, oldest first; None when this
    one is no longer there as it was (rolled back, or pruned): then rebuild."""
    from .models.changes import DirectoryChange

    rows = list(
        DirectoryChange.objects.filter(pk__gte=change_id)
        .order_by("pk")
        .values_list("pk", "token", "listing_id")
    )
    if not rows or rows[0][:2] != (change_id, token):
        return None
    return rows[1:]


def listings_changed_since(change, version):
    """The one rule for bringing something derived from the listings up to date from `change`
    ((id, token), the last change it reflects) to `version`: (the newest change, the ids of
    the listings changed since, perhaps none); or None when it must be read afresh - a change
    naming no listing (a bulk write, an authority, a site), a gap in the log (pruned or rolled
    back), or more than MAX_INCREMENTAL listings."""
    changes = _recent_answers.changes_since(change, version)
    listing_ids = {pk for _, _, pk in changes or ()}
    if changes is None or None in listing_ids or len(listing_ids) > MAX_INCREMENTAL:
        return None
    return (changes[-1][:2] if changes else change), listing_ids


# Everything a process keeps, by name (tests forget them all; the property test compares each
# with a fresh one).
KEPT = {}


def forget_everything_kept():
    """Drop everything this process keeps (tests; a process that wants its memory back)."""
    for kept in KEPT.values():
        kept.forget()


class _RecentAnswers:
    """The answers to `changes_since` at the latest versions: in one request the facet index,
    the rankings, places and the entry map usually ask the same question."""

    name = "recent answers from the change log"
    MOST = 8

    def __init__(self):
        self._answers = {}
        KEPT[self.name] = self

    def changes_since(self, change, version):
        key = (*change, version)
        answers = self._answers
        if key not in answers:
            if len(answers) >= self.MOST:
                answers.clear()
            answers[key] = changes_since(*change)
        return answers[key]

    def forget(self):
        self._answers.clear()


_recent_answers = _RecentAnswers()


class _Entry:
    __slots__ = ("version", "change", "value")

    def __init__(self, version, change, value):
        self.version, self.change, self.value = version, change, value


class Kept:
    """Something a web process derives from the listings and keeps between requests, for one
    or several keys (a word, a place), the least recently used dropped beyond `most`.

    A subclass says how to build a value afresh and, where it can, how to bring one up to date
    for some changed listings; `get` does the rest, the same way for every kind: a kept value
    at the version asked is returned at once; an older one is brought up to date or built
    afresh, under a lock, and never changed in place (a request still using it is not
    disturbed).
    """

    name = None  # what it is, in a sentence's words: the registry's key
    most = 1
    # Whether a fresh build can be compared with a kept value (`view`): False for values kept
    # across listing changes that no listing change can alter (site-wide values).
    derived_from_listings = True
    keeps_none = False  # whether None is a value to keep, or means there is nothing to keep

    def __init__(self):
        if self.name in KEPT:
            raise ValueError(f"{self.name!r} is kept already")
        self._entries = OrderedDict()
        self._lock = threading.Lock()
        KEPT[self.name] = self

    def build(self, key, version):
        """The value for `key` read afresh (None: nothing to keep)."""
        raise NotImplementedError

    def update(self, key, value, version, listing_ids):
        """A new value: `value` with these listings read again; None to build afresh instead.
        Never changes `value` itself."""
        return None

    def view(self, value):
        """What a value says, comparable between a kept value and a fresh one."""
        raise NotImplementedError

    def get(self, version, key=None, build=None):
        """The value for `key` at `version`. `build`, if given, replaces the subclass's (a
        value computed from the request)."""
        entry = self._entries.get(key)
        if entry is not None and entry.version == version:
            return entry.value
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.version != version:
                entry = self._brought_up_to_date(key, entry, version)
            if entry is None:
                change = latest_change()  # first: a change after it is applied again later
                value = build() if build is not None else self.build(key, version)
                if value is None and not self.keeps_none:
                    return None
                entry = _Entry(version, change, value)
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.most:
                self._entries.popitem(last=False)
            return entry.value

    def _brought_up_to_date(self, key, entry, version):
        found = listings_changed_since(entry.change, version)
        if found is None:
            return None
        change, listing_ids = found
        value = entry.value
        if listing_ids:
            value = self.update(key, value, version, sorted(listing_ids))
            if value is None:
                return None
        return _Entry(version, change, value)

    def kept_keys(self):
        return list(self._entries)

    def forget(self):
        with self._lock:
            self._entries.clear()


class SiteWide(Kept):
    """Values only a change naming no listing can alter (authorities, sites and their
    settings), kept while every change since names a listing, so an editor's publish does not
    make each web process read them again."""

    name = "site-wide values"
    most = 256
    derived_from_listings = False
    keeps_none = True  # e.g. no site answers this host

    def build(self, key, version):
        raise TypeError("site-wide values are computed by their caller: get(..., build=)")

    def update(self, key, value, version, listing_ids):
        return value  # a listing's change does not alter it


_site_wide = SiteWide()


def site_wide(name, version, compute):
    """`compute()`, kept by this process across listing changes (see SiteWide)."""
    return _site_wide.get(version, name, build=compute)
