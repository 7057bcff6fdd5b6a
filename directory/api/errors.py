"""What goes wrong in an ORUK request, raised anywhere below a view and answered by
http.endpoint as JSON with the message: a 400 or a 404."""


class BadParameter(Exception):
    """A query parameter the API cannot read: a 400 with this message."""


class NotFound(Exception):
    """No published object has this id (in this feed): a 404 with this message."""
