"""The house rules of DESIGN.md, checked on the source: dependencies point one way (downwards),
there are no import cycles between apps, and no production module imports the demo data."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first: a package may import only packages before it in this list.
LAYERS = ["roles", "reporting", "directory", "home", "guidance", "search", "localoffer"]
FOLDERS = {name: ROOT / name for name in LAYERS} | {
    "roles": ROOT / "site" / "roles",
    "reporting": ROOT / "site" / "reporting",
    "localoffer": ROOT / "site" / "localoffer",
}
DEMO = "localoffer.demo"
DEMO_FOLDER = ROOT / "site" / "localoffer" / "demo"


def imports_of(path):
    """Every absolute module name a file imports, at any depth (function-level imports too)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def source_files(package):
    for path in sorted(FOLDERS[package].rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def test_each_app_imports_only_the_layers_below_it():
    wrong = []
    for position, package in enumerate(LAYERS):
        above = set(LAYERS[position + 1 :])
        for path in source_files(package):
            if package == "localoffer" and DEMO_FOLDER in path.parents:
                continue  # the demo app sits on top of everything; nothing imports it
            for name in imports_of(path):
                if name.split(".")[0] in above:
                    wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_no_production_module_imports_the_demo_data():
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for package in LAYERS
        for path in source_files(package)
        if DEMO_FOLDER not in path.parents
        for name in imports_of(path)
        if name == DEMO or name.startswith(DEMO + ".")
    ]
    assert wrong == []


def test_production_settings_do_not_install_the_demo_app_unless_told():
    from tests.test_production_settings import PRODUCTION_ENV, manage

    command = ["shell", "-c", "from django.conf import settings; print(settings.INSTALLED_APPS)"]
    assert DEMO not in manage(*command, env=PRODUCTION_ENV).stdout
    refused = manage("seed_demo", env=PRODUCTION_ENV)
    assert refused.returncode != 0 and "Unknown command" in refused.stderr
    allowed = manage(*command, env={**PRODUCTION_ENV, "DEMO_DATA_ALLOWED": "true"})
    assert DEMO in allowed.stdout
