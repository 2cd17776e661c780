"""The package imports in one direction, and no module takes another module's private names.

Every import counts: at the top of a module, inside a function (imported when first needed) and
under ``TYPE_CHECKING``; each is a dependency of the module that writes it. The layers, bottom to
top, are in :data:`LAYERS`: a module may import from its own layer and the layers below it, never
from above, and the modules never import in a circle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "consistency_check"

#: Bottom to top: the top-level modules and subpackages of the package, by layer.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"model", "__init__"}),  # the frozen model (and the version), importing nothing
    frozenset({"limits", "fileio", "yamlfile", "timings", "processes", "checks", "report"}),
    frozenset({"facts", "rules", "config"}),
    frozenset({"discovery", "suppress", "catalogue"}),
    frozenset({"sources"}),
    frozenset({"engine"}),  # importing neither pipeline, cache, incremental nor the CLI
    frozenset({"reading"}),  # reading files into statements (and, in worker processes, their claims)
    frozenset({"policy", "campaign"}),
    frozenset({"cache", "incremental"}),
    frozenset({"pipeline", "baseline"}),
    frozenset({"reporters"}),
    frozenset({"cli", "destinations", "init_config", "__main__"}),
)


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int
    name: str = ""  # the name taken from the module (``from m import name``), when one is


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imports() -> list[Import]:
    found: list[Import] = []
    for module, path in MODULES.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        aliases: dict[str, str] = {}  # local name -> package module it names
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("consistency_check"):
                        found.append(Import(module, alias.name, node.lineno))
                        aliases[alias.asname or alias.name] = alias.name
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                else:
                    target = node.module or ""
                if not target.startswith("consistency_check"):
                    continue
                for alias in node.names:
                    if f"{target}.{alias.name}" in MODULES:
                        found.append(Import(module, f"{target}.{alias.name}", node.lineno))
                        aliases[alias.asname or alias.name] = f"{target}.{alias.name}"
                    else:
                        found.append(Import(module, target, node.lineno, alias.name))
        for node in ast.walk(tree):  # ``module._private`` through a module imported by name
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                found.append(Import(module, aliases[node.value.id], node.lineno, node.attr))
    return found


IMPORTS = _imports()


def _group(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(module: str) -> int:
    group = _group(module)
    for number, layer in enumerate(LAYERS):
        if group in layer:
            return number
    raise AssertionError(f"{module} is in no layer: add {group!r} to LAYERS in {Path(__file__).name}")


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        _layer(module)


def test_the_model_imports_nothing_from_the_package() -> None:
    assert [i for i in IMPORTS if i.importer == "consistency_check.model"] == []


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down_the_layers(module: str) -> None:
    upward = [
        f"{i.importer}:{i.line} imports {i.imported} (layer {_layer(i.imported)} > {_layer(module)})"
        for i in IMPORTS
        if i.importer == module and i.imported in MODULES and _layer(i.imported) > _layer(module)
    ]
    assert upward == []


def test_no_module_takes_another_modules_private_names() -> None:
    private = [
        f"{i.importer}:{i.line} takes {i.imported}.{i.name}"
        for i in IMPORTS
        if i.name and _private(i.name) and i.imported != i.importer
    ]
    assert private == []


def test_no_import_cycle() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for i in IMPORTS:
        if i.imported in MODULES and i.imported != i.importer:
            edges[i.importer].add(i.imported)
    assert _cycles(edges) == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(MODULES):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    edges["consistency_check.model"] = {"consistency_check.checks"}
    edges["consistency_check.checks"] = {"consistency_check.model"}
    assert _cycles(edges) == [["consistency_check.checks", "consistency_check.model"]]
