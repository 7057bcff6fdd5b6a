"""The inclusion profile on the demo: DfE-format sample files imported, and the starting
criteria signed off (published), as the national forum would."""

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
