from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..taxonomy import ServiceCategory


class WaitingTimeLimit(models.Model):
    """The longest wait an authority's officers accept for a category of service; the waiting
    times report shows each service's stated wait against it."""

    category = models.CharField(max_length=30, choices=ServiceCategory.choices, unique=True)
    max_weeks = models.PositiveSmallIntegerField(
        "longest acceptable wait (weeks)", validators=[MinValueValidator(1), MaxValueValidator(104)]
    )

    class Meta:
        ordering = ["category"]
        verbose_name = "waiting time limit"

    def __str__(self):
        return f"{self.get_category_display()}: {self.max_weeks} weeks"
