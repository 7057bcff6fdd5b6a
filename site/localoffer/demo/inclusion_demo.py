"""The inclusion profile on the demo: DfE-format sample files imported, and the starting
criteria signed off (published), as the national forum would."""

import io
from pathlib import Path

from inclusion.criteria import create_starting_criteria
from inclusion.importers import IMPORTERS
from inclusion.models import Dataset, InclusionCriterion

SAMPLES = Path(__file__).parent / "data" / "inclusion"
SAMPLE_FILES = {
    Dataset.SEN: SAMPLES / "sen_school_level_sample.csv",
    Dataset.EXCLUSIONS: SAMPLES / "exclusions_school_level_sample.csv",
}


def seed():
    """Returns the import reports (dataset: report)."""
    reports = {}
    for dataset, path in SAMPLE_FILES.items():
        with path.open("rb") as binary:
            reports[dataset] = IMPORTERS[dataset]().run(binary, source_name=path.name)
    create_starting_criteria(InclusionCriterion)
    for criterion in InclusionCriterion.objects.filter(live=False):
        criterion.save_revision().publish()
    return reports


# The national-scale data's state-funded schools, by the phase and type DfE's files group them.
SCALE_PHASE_TYPES = {
    ("mainstream", "primary"): "State-funded primary",
    ("mainstream", "secondary"): "State-funded secondary",
    ("mainstream", "all-through"): "State-funded secondary",
    ("special", "n/a"): "State-funded special school",
    ("resourced", "primary"): "State-funded primary",
    ("alternative", "secondary"): "State-funded AP school",
}


def seed_scale_figures():
    """Published figures for seed_scale's state-funded schools: both files written in the
    published layouts and imported through the real importers. Idempotent."""
    from directory.models import Setting

    from .inclusion_sample import write_exclusions, write_sen

    schools = []
    rows = Setting.objects.filter(slug__startswith="scale-", urn__isnull=False).values_list(
        "urn", "name", "authority__code", "authority__name", "setting_type", "phase", "capacity"
    )
    for urn, name, code, la_name, setting_type, phase, capacity in rows.order_by("urn"):
        phase_type = SCALE_PHASE_TYPES.get((setting_type, phase))
        if phase_type:
            schools.append(
                {
                    "urn": urn,
                    "name": name,
                    "la_code": code,
                    "la_name": la_name,
                    "phase_type": phase_type,
                    "pupils": max(30, int((capacity or 300) * 0.9)),
                }
            )
    reports = {}
    for dataset, write in ((Dataset.SEN, write_sen), (Dataset.EXCLUSIONS, write_exclusions)):
        text = io.StringIO()
        write(text, schools)
        binary = io.BytesIO(text.getvalue().encode("utf-8"))
        reports[dataset] = IMPORTERS[dataset]().run(binary, source_name=f"seed_scale {dataset}")
    return reports
