"""Django's file-based cache, for the page cache shared by one machine's web processes.

Django's FileBasedCache lists its whole folder on every store to decide whether to cull, which
at a few thousand kept pages was 29% of a family's first (uncached) search. This one counts
the folder now and then instead: at most once every CULL_EVERY_SETS stores or CULL_EVERY_SECONDS
in a process. The folder may then run a little past MAX_ENTRIES between counts (a few pages
per process), which is harmless: entries are small, labelled with the directory version, and
the folder is safe to empty at any time.
"""

import threading
import time

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY_SETS = 200
CULL_EVERY_SECONDS = 30.0


class FilesCacheThatCullsNowAndThen(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._sets_since_count = 0
        self._counted_at = time.monotonic()
        self._lock = threading.Lock()

    def _cull(self):
        with self._lock:
            self._sets_since_count += 1
            due = (
                self._sets_since_count >= CULL_EVERY_SETS
                or time.monotonic() - self._counted_at >= CULL_EVERY_SECONDS
            )
            if not due:
                return
            self._sets_since_count, self._counted_at = 0, time.monotonic()
        super()._cull()
