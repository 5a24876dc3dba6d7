"""The layout written down in docs/architecture.md holds: every module is in its table, and no module
imports (at module level) one of a higher layer. A registry may load its members when asked."""

import ast
import re

from tests.conftest import ROOT

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
