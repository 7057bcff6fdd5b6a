"""The roles hold no models: each role is a group (auth.Group), and the authorities a member of
staff acts for are recorded with the authorities (directory.models.AuthorityAccess).

The module stays so that Django sends post_migrate for this app (it does so only for apps with
a models module): roles.sync_roles runs on it (apps.py).
"""
