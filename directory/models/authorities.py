from django.db import models
from django.utils.text import slugify

from ..taxonomy import NEED_KEYWORDS, BroadArea


class LocalAuthority(models.Model):
    """An English local authority, identified by its GIAS LA code (e.g. 202 for Camden)."""

    code = models.CharField("LA code", max_length=3, unique=True)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    # Where this authority runs its Local Offer on this instance (its own host name, home page
    # and AuthoritySettings). Blank for an authority whose listings are here but which has no
    # site of its own: the national site shows them.
    site = models.OneToOneField(
        "wagtailcore.Site",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_authority",
        help_text="This authority's own Local Offer site, if it has one here.",
    )
    # Its images and documents: its staff may use and manage only these (and the shared root).
    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="local_authority",
    )
    # Families often use schools across the border: "include neighbouring authorities".
    neighbours = models.ManyToManyField("self", blank=True, symmetrical=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "local authority"
        verbose_name_plural = "local authorities"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class Need(models.Model):
    """A specific type of need (DfE census / GIAS code), within a Code of Practice broad area.

    Rows come from directory/taxonomy.py by a data migration; do not edit them by hand.
    """

    code = models.CharField(max_length=5, unique=True)
    name = models.CharField(max_length=120)
    broad_area = models.CharField(max_length=20, choices=BroadArea.choices, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order"]

    def __str__(self):
        return self.name

    @property
    def search_text(self):
        """What a listing's needs add to its search text: the name and families' words."""
        return f"{self.name} {NEED_KEYWORDS.get(self.code, '')}"


class Postcode(models.Model):
    """A postcode and where it is, from the ONS Postcode Directory (or a plain CSV).

    Stored in the usual written form ("SW1A 1AA"); `outward` ("SW1A") lets a family type only
    the first half, which resolves to the centre of its postcodes.
    """

    postcode = models.CharField(max_length=8, unique=True)
    outward = models.CharField(max_length=4, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["postcode"]

    def __str__(self):
        return self.postcode
