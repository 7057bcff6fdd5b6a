"""The directory's own signals (only Signal objects: the receivers are in signal_handlers.py)."""

from django.dispatch import Signal

# Sent after listings change where no model signals fire: in bulk (seed_scale, bulk imports),
# or one listing's row written directly (then with `listing_id`). The change log records it.
listings_changed = Signal()
