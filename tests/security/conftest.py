# Two authorities, each with its own site, and their staff (the national model's fixtures).
from ..roles.test_national_model import local_offers, national_guide, staff  # noqa: F401
