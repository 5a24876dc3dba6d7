"""The layout written down in docs/architecture.md holds: every module is in its table, and no module
imports (at module level) one of a higher layer. A registry may load its members when asked."""

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from translate import settings

TABLE_ROW = re.compile(r"^\| `([a-z0-9_.]+)` \| (\d+) \|")


def layers() -> dict[str, int]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    return {m.group(1): int(m.group(2)) for m in map(TABLE_ROW.match, text.splitlines()) if m}


def modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted((ROOT / "translate").rglob("*.py")):
        name = ".".join(path.relative_to(ROOT / "translate").with_suffix("").parts)
        name = name.removesuffix(".__init__") if name != "__init__" else ""
        if name and name != "__main__":
            found[name] = ast.parse(path.read_text(encoding="utf-8"))
    return found


def imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in tree.body:  # module level only
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("translate"):
            base = node.module.removeprefix("translate").lstrip(".")
            if base:
                names.add(base)
            names.update(f"{base}.{a.name}".lstrip(".") for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name.removeprefix("translate.") for a in node.names if a.name.startswith("translate."))
    return names


def test_every_module_is_in_the_architecture_table():
    assert set(modules()) == set(layers()), set(modules()) ^ set(layers())


def test_no_module_imports_a_higher_layer():
    table, found = layers(), modules()
    wrong = []
    for name, tree in found.items():
        for target in imported(tree):
            target = target if target in table else target.rsplit(".", 1)[0]
            if target in table and target != name and table[target] > table[name]:
                wrong.append(f"{name} (layer {table[name]}) imports {target} (layer {table[target]})")
    assert not wrong, wrong


# Structure: no import cycle, every environment variable in one module ---------------------------------------------

def _imports(path: Path, modules: set[str]) -> set[str]:
    """Every import in the file, at any depth; ``from pkg import submodule`` counts as the submodule."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                found.add(name if name in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("translate"))
    return found


def test_no_import_cycle_in_the_package():
    package = ROOT / "translate"
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {name: {m for m in _imports(path, set(modules)) if m in modules and m != name} for name, path in modules.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join(trail[trail.index(nxt):] + [nxt]))
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_environment_variables_are_read_in_one_place_and_documented():
    readme = (ROOT / "docs" / "models.md").read_text(encoding="utf-8")  # the table of environment variables
    for path in (ROOT / "translate").rglob("*.py"):
        if path.name != "settings.py":
            source = path.read_text(encoding="utf-8")
            assert "os.environ.get(" not in source and "getenv(" not in source, path
    for name in settings.ALL:
        assert f"`{name}`" in readme, name
