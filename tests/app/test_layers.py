"""The layers, enforced: who may import whom, and no import cycles.

Every import counts, at module level or inside a function. Imports under ``if TYPE_CHECKING:``
are left out: they are never executed and only name types (a handler may name ``Database`` as
the type of what it hands to a service).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "storage")
SLACK = ("slack_bolt", "slack_sdk")

# (importing package, imported prefixes it must not use)
FORBIDDEN = [
    ("bot.domain", (*SLACK, "handlers", "bot.app", "bot.delivery", "bot.console")),
    ("bot.timephrase", (*SLACK, "handlers", "storage", "bot.app", "bot.delivery", "bot.domain")),
    ("bot.presentation", (*SLACK, "handlers", "storage", "bot.app", "bot.delivery", "bot.domain")),
    ("bot.delivery", ("handlers", "bot.app", "bot.console")),
    ("handlers", ("storage", "bot.app", "bot.delivery", "bot.console")),
    ("storage", ("bot", "handlers")),
]
MAY_IMPORT_THE_APP = ("bot.app", "bot.console")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            found[_module_name(path)] = path
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, path: Path) -> set[str]:
    """Every module ``module`` imports when it runs, resolved to full dotted names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def _resolved(name: str) -> str:
    """The module a dotted name is in (``bot.domain.votes.cast`` → ``bot.domain.votes``); a
    name from outside the project stays as it is."""
    target = name
    while target and target not in MODULES:
        target = target.rpartition(".")[0]
    return target or name


MODULES = _modules()
IMPORTS = {
    module: {_resolved(name) for name in _imports(module, path)} for module, path in MODULES.items()
}


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize(("layer", "forbidden"), FORBIDDEN, ids=[rule[0] for rule in FORBIDDEN])
def test_a_layer_imports_only_what_is_below_it(layer: str, forbidden: tuple[str, ...]) -> None:
    broken = sorted(
        f"{module} imports {name}"
        for module, names in IMPORTS.items()
        if _within(module, layer)
        for name in names
        if any(_within(name, prefix) for prefix in forbidden)
    )
    assert not broken, "\n".join(broken)


def test_only_the_console_and_the_app_itself_import_the_composition_root() -> None:
    broken = sorted(
        f"{module} imports {name}"
        for module, names in IMPORTS.items()
        if not any(_within(module, allowed) for allowed in MAY_IMPORT_THE_APP)
        for name in names
        if _within(name, "bot.app")
    )
    assert not broken, "\n".join(broken)


def test_there_are_no_import_cycles() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, names in IMPORTS.items():
        for target in names:
            if target in MODULES and target != module and not _within(module, target):
                graph[module].add(target)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                walk(target)
        stack.pop()
        state[node] = 2

    for module in sorted(MODULES):
        if module not in state:
            walk(module)
    assert not cycles, "\n".join(" → ".join(cycle) for cycle in cycles)
