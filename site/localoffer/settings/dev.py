"""The embedded default: runs on a laptop with nothing installed."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env_list, with_demo_app

DEBUG = True
# Only for local use; production.py refuses to start without a real SECRET_KEY.
SECRET_KEY = "dev-only-not-secret-local-offer"  # noqa: S105
# ".localhost" lets each authority's demo site answer on <authority>.localhost (browsers resolve
# *.localhost to this machine).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost,[::1]")
# seed_demo creates users with a published password: only where that is harmless.
DEMO_DATA_ALLOWED = True
INSTALLED_APPS = with_demo_app(INSTALLED_APPS, DEMO_DATA_ALLOWED)
