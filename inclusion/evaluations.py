"""Evaluate the criteria for many schools at once and keep the results (SchoolEvaluation), by
the same rules as each profile (profile.py): a few queries for any number of schools."""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from directory.models import Setting

from .models import Norm, SchoolEvaluation, SchoolFigures
from .profile import MET, NOT_MET, UNKNOWN, live_criteria, profile_from

CHUNK = 2000
# What evaluate() reads of a school.
SETTING_FIELDS = (
    "urn",
    "report_published_on",
    "senco_qualification",
    "last_reviewed_on",
    "sen_support_percent",
    "ehc_plan_percent",
    "suspensions",
    "permanent_exclusions",
)


def refresh(settings=None):
    """Evaluate these settings (every live one by default) and keep the results; a setting no
    longer live, or with no criteria in force, keeps none. Returns how many were evaluated."""
    criteria = live_criteria()
    queryset = Setting.objects.all() if settings is None else settings
    if not criteria:
        SchoolEvaluation.objects.filter(setting__in=queryset.values("pk")).delete()
        return 0
    norms = {}
    for norm in Norm.objects.all().iterator(chunk_size=CHUNK):
        norms[(norm.dataset, norm.time_period, norm.phase_type, norm.level, norm.la_code)] = norm
    count = 0
    ids = list(queryset.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        schools = list(Setting.objects.filter(pk__in=chunk, live=True).only(*SETTING_FIELDS))
        latest = defaultdict(dict)
        urns = [school.urn for school in schools if school.urn]
        for figures in SchoolFigures.objects.filter(urn__in=urns).order_by(
            "dataset", "-time_period"
        ):
            latest[figures.urn].setdefault(figures.dataset, figures)
        now = timezone.now()
        rows = []
        for school in schools:
            mine = latest.get(school.urn, {})
            profile = profile_from(school, mine, _norms_of(mine, norms), criteria)
            states = defaultdict(list)
            for evaluation in profile.evaluations:
                states[evaluation.state].append(evaluation.criterion.title)
            rows.append(
                SchoolEvaluation(
                    setting_id=school.pk,
                    criteria=len(criteria),
                    met=len(states[MET]),
                    meets_all=profile.meets_all,
                    not_met="; ".join(states[NOT_MET]),
                    not_known="; ".join(states[UNKNOWN]),
                    evaluated_at=now,
                )
            )
        with transaction.atomic():
            SchoolEvaluation.objects.filter(setting_id__in=chunk).delete()
            SchoolEvaluation.objects.bulk_create(rows, batch_size=500)
        count += len(rows)
    return count


def _norms_of(latest, norms):
    found = {}
    for figures in latest.values():
        group = (figures.dataset, figures.time_period, figures.phase_type)
        for level, code in ((Norm.AUTHORITY, figures.la_code), (Norm.ENGLAND, "")):
            norm = norms.get((*group, level, code))
            if norm is not None:
                found[(figures.dataset, level)] = norm
    return found
