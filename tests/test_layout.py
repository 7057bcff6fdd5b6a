"""The house rules of DESIGN.md, checked on the source and the app registry: dependencies point
one way (downwards) - imports, model references and migrations alike -, no files import each
other in a circle, and no production module imports the demo data."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first: a package may import only packages before it in this list.
LAYERS = [
    "roles",
    "reporting",
    "directory",
    "inclusion",
    "home",
    "guidance",
    "search",
    "localoffer",
]
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


def layer_of(app_label):
    """The position of an app of ours in LAYERS; None for Django's, Wagtail's and others'."""
    return LAYERS.index(app_label) if app_label in LAYERS else None


def test_each_model_refers_only_to_models_of_its_layer_or_below():
    from django.apps import apps

    wrong = []
    for model in apps.get_models(include_auto_created=True):
        own = layer_of(model._meta.app_label)
        if own is None:
            continue
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if related is None or field.auto_created and not field.concrete:
                continue  # a reverse relation: the other model's reference, checked there
            theirs = layer_of(related._meta.app_label)
            if theirs is not None and theirs > own:
                wrong.append(f"{model._meta.label}.{field.name} refers to {related._meta.label}")
    assert wrong == []


def test_each_migration_depends_only_on_migrations_of_its_layer_or_below():
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    wrong = []
    for node in graph.nodes:
        own = layer_of(node[0])
        if own is None:
            continue
        for parent in graph.node_map[node].parents:
            theirs = layer_of(parent.key[0])
            if theirs is not None and theirs > own:
                wrong.append(f"{node[0]}.{node[1]} depends on {parent.key[0]}.{parent.key[1]}")
    assert wrong == []


def module_files():
    """{module name: path} of every production module of ours."""
    found = {}
    for package in LAYERS:
        for path in source_files(package):
            parts = [package, *path.relative_to(FOLDERS[package]).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def modules_imported_by(name, path, modules):
    """The modules of ours a module imports (absolute and relative, at any depth)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def nearest(target):
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target

    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found = [nearest(alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package
            for _ in range(node.level - 1):
                base = base.rpartition(".")[0]
            base = ".".join(filter(None, [base if node.level else "", node.module or ""]))
            # `from package import module` imports that module; `from module import name`,
            # the module.
            found = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else nearest(base)
                for alias in node.names
            ]
        else:
            continue
        yield from (target for target in found if target and target != name)


def test_no_files_import_each_other_in_a_circle():
    """Tarjan's strongly connected components over the modules' imports: any component of
    more than one module is a circle."""
    modules = module_files()
    edges = {name: set(modules_imported_by(name, path, modules)) for name, path in modules.items()}
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(name):
        index[name] = low[name] = len(index)
        stack.append(name)
        on_stack.add(name)
        for other in edges[name]:
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in on_stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            component = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                component.append(other)
                if other == name:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for name in modules:
        if name not in index:
            visit(name)
    assert circles == []


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
