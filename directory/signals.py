from django.dispatch import Signal

# Sent after listings change in bulk, where no model signals fire (seed_scale, bulk imports).
# Whatever keeps derived data about listings (the search cache) listens to it.
listings_changed = Signal()
