# No models: the roles are Wagtail groups. This module makes Django send this app its
# post_migrate signal (apps without a models module get none), which runs sync_roles once.
