import io

import pytest
from django.core.management import call_command

from inclusion.criteria import create_starting_criteria
from inclusion.models import InclusionCriterion
from localoffer.demo.inclusion_sample import write_exclusions, write_sen


@pytest.fixture(autouse=True)
def starting_criteria(db):
    """The migration's draft criteria (a transactional test elsewhere flushes them)."""
    create_starting_criteria(InclusionCriterion)


def school(urn, la_code="990", la_name="Northbrook", phase_type="State-funded primary", **extra):
    return {
        "urn": urn,
        "name": f"School {urn}",
        "la_code": la_code,
        "la_name": la_name,
        "phase_type": phase_type,
        "pupils": 200,
        **extra,
    }


def sen_csv(schools, **kwargs):
    stream = io.StringIO()
    write_sen(stream, schools, **kwargs)
    return stream.getvalue()


def exclusions_csv(schools, **kwargs):
    stream = io.StringIO()
    write_exclusions(stream, schools, **kwargs)
    return stream.getvalue()


@pytest.fixture
def run_import(tmp_path):
    """Run the management command on this text (or bytes); return (exit ok, output)."""

    def run(dataset, content, *args, name=None):
        path = tmp_path / (name or f"{dataset}.csv")
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command(
                "import_inclusion_figures", dataset, str(path), *args, stdout=out, stderr=err
            )
        except Exception as error:  # CommandError: the file as a whole was refused
            return False, f"{error}"
        return True, out.getvalue()

    return run
