"""The docs stay true to the code where a test can tell: README opens with the two commands
(CI runs the second), every environment variable the settings read is documented, and every
link between the docs reaches a file and a heading that exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))
SETTINGS = sorted((ROOT / "site" / "localoffer" / "settings").glob("*.py"))
# os.environ["X"], os.environ.get("X"), env_bool("X"), env_list("X")
READS_VARIABLE = re.compile(
    r"""(?:environ(?:\.get)?\(?\[?|env_bool\(|env_list\()\s*["']([A-Z0-9_]+)["']"""
)
LINK = re.compile(r"\]\(([^)\s]+)\)")


def anchors(markdown):
    """The anchors GitHub gives a file's headings."""
    found = set()
    for heading in re.findall(r"^#+ (.+)$", markdown, flags=re.MULTILINE):
        found.add(re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-"))
    return found


def test_readme_opens_with_the_demo_and_test_commands():
    blocks = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.DOTALL)
    assert blocks[:2] == ["bash scripts/demo.sh\n", "bash scripts/test.sh\n"]
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_every_environment_variable_the_settings_read_is_documented():
    documented = (ROOT / "docs" / "deploying.md").read_text()
    read = {name for path in SETTINGS for name in READS_VARIABLE.findall(path.read_text())}
    assert "SECRET_KEY" in read and "REDIS_URL" in read  # the pattern finds them
    assert sorted(name for name in read if f"`{name}`" not in documented) == []


def test_links_between_the_docs_reach_a_file_and_a_heading():
    broken = []
    for path in [ROOT / "README.md", *DOCS]:
        for target in LINK.findall(path.read_text()):
            if re.match(r"[a-z]+:", target):
                continue  # an outside address
            name, _, anchor = target.partition("#")
            linked = (path.parent / name).resolve() if name else path
            if not linked.exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
            elif anchor and anchor not in anchors(linked.read_text()):
                broken.append(f"{path.relative_to(ROOT)}: {target} (no such heading)")
    assert broken == []


def test_the_docs_index_lists_every_doc():
    index = (ROOT / "docs" / "README.md").read_text()
    assert [p.name for p in DOCS if p.name != "README.md" and f"]({p.name})" not in index] == []
