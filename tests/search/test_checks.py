"""The search app's system checks: `manage.py check` refuses a django-modelsearch other than
the one search/backends/ are tested with."""

import re
from importlib import metadata
from pathlib import Path

import pytest
from django.core.checks import Error, Tags, run_checks

from search import checks

REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"


def modelsearch_errors():
    """What Django's own check run (as `manage.py check` does it) says about django-modelsearch:
    this also shows the check is registered."""
    return [
        message for message in run_checks(tags=[Tags.compatibility]) if message.id == "search.E001"
    ]


@pytest.fixture
def installed_modelsearch(monkeypatch):
    """Pretend another django-modelsearch is installed (or none), leaving every other
    distribution's version as it is."""
    real_version = metadata.version

    def pretend(version):
        def lookup(name):
            if name == checks.MODELSEARCH_DISTRIBUTION:
                if version is None:
                    raise metadata.PackageNotFoundError(name)
                return version
            return real_version(name)

        monkeypatch.setattr(metadata, "version", lookup)

    return pretend


def test_the_check_passes_with_the_installed_version():
    assert metadata.version("modelsearch") == checks.TESTED_MODELSEARCH_VERSION
    assert modelsearch_errors() == []


@pytest.mark.parametrize("version", ["1.3.3", "1.4.0", "1.3.1"])
def test_the_check_fails_on_any_other_version(installed_modelsearch, version):
    installed_modelsearch(version)
    (error,) = modelsearch_errors()
    assert isinstance(error, Error) and error.is_serious()
    assert error.id == "search.E001"
    assert f"version {version} is installed" in error.msg
    assert checks.TESTED_MODELSEARCH_VERSION in error.msg
    assert f"modelsearch=={checks.TESTED_MODELSEARCH_VERSION}" in error.hint
    assert "requirements.txt" in error.hint


def test_the_check_fails_when_it_is_not_installed(installed_modelsearch):
    installed_modelsearch(None)
    (error,) = modelsearch_errors()
    assert error.id == "search.E001" and "it is not installed" in error.msg


def test_requirements_pin_the_tested_version():
    pins = re.findall(r"^modelsearch==(\S+)", REQUIREMENTS.read_text(), flags=re.MULTILINE)
    assert pins == [checks.TESTED_MODELSEARCH_VERSION]
