"""The visitor's own address, for rate limits and login throttling.

Behind a load balancer or reverse proxy, REMOTE_ADDR is the proxy's address: every visitor
would share one. Each proxy appends the address it was connected from to X-Forwarded-For, so
with TRUSTED_PROXY_COUNT proxies in front of the site the visitor's address is that many
entries from the right. Entries further left were written by the visitor and are not trusted.
With no trusted proxies (the default) the header is ignored: anyone can forge it.
"""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if not forwarded:
        return remote
    # Fewer entries than proxies: the request skipped a proxy; the leftmost is the best we have.
    return _address(forwarded[-min(proxies, len(forwarded))]) or remote
