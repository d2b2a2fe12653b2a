"""The house rules, read from the code itself: which room may import which, no circles, small modules, no hidden state.

The rooms are the stages of the build (see each sub-package's docstring):
records → plan → images → render → outputs → publishing; build.py orders
them and generator/ is the only room that knows the engine.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hooks" / "gongkai"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}

# room → (gongkai rooms it may import, third-party packages it may import)
RULES: dict[str, tuple[set[str], set[str]]] = {
    "common": (set(), set()),
    "records": ({"common"}, {"yaml", "pydantic", "pydantic_core"}),
    "images": ({"common"}, {"PIL", "pillow_heif"}),
    "plan": ({"records", "common"}, set()),
    "render": ({"plan", "records", "images", "common"}, {"jinja2", "markupsafe", "nh3", "markdown", "jieba"}),
    "outputs": ({"plan", "records", "common"}, set()),
    "publishing": ({"generator.engine", "records.privacy", "common"}, {"yaml"}),
    "generator": ({"build", "settings", "plan", "render.shell", "common"}, {"mkdocs", "properdocs"}),
    "ledger": ({"records", "common"}, {"openpyxl", "xlsxwriter", "python_calamine", "ruamel", "yaml", "pydantic"}),
    "build": ({"common", "records", "plan", "images", "render", "outputs", "settings"}, set()),
    "settings": ({"common"}, {"yaml"}),
    "cli": ({"common", "records", "plan", "generator.engine", "publishing", "settings", "ledger", "images"}, set()),
    "__main__": ({"cli"}, set()),
    "__init__": (set(), set()),
}
ENGINES = {"mkdocs", "properdocs"}
# Names a stage must not reach for even where the room allows the package: the plan holds no markup.
PLAN_MAY_NOT = {"jinja2", "nh3", "markdown", "jieba"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import, at any depth (function-local ones too)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Imports for type hints only (`if TYPE_CHECKING:`) never run: no dependency, no circle.
    hints = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If) and getattr(block.test, "id", "") == "TYPE_CHECKING"
             for n in ast.walk(block)}
    for node in ast.walk(tree):
        if id(node) in hints:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _name(path).split(".")
                base = base[: len(base) - node.level + (1 if path.name == "__init__.py" else 0)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            # `from gongkai.render import shell` imports the module gongkai.render.shell (and the
            # package's docstring-only __init__, which is no dependency of its own)
            folder = PACKAGE.parent / module.replace(".", "/")
            submodules = [f"{module}.{a.name}" for a in node.names if (folder / f"{a.name}.py").exists() or (folder / a.name).is_dir()]
            found += [(node.lineno, target) for target in submodules] or [(node.lineno, module)]
    return found


def _allowed(target: str, rooms: set[str]) -> bool:
    inner = target.removeprefix("gongkai.")
    return any(inner == room or inner.startswith(room + ".") for room in rooms)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_room_imports_only_what_it_may(path: Path) -> None:
    module = _name(path)
    room = _room(module)
    assert room in RULES, f"{path.relative_to(PACKAGE)}: a room without import rules; add it to RULES"
    rooms, packages = RULES[room]
    wrong = []
    for line, target in _imports(path):
        top = target.split(".")[0]
        if top == "gongkai":
            if target in ("gongkai", module) or _room(target) == room or _allowed(target, rooms):
                continue
            wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {room} may not import {target}")
        elif top in STDLIB:
            continue
        elif top in ENGINES and room != "generator":
            wrong.append(f"{path.relative_to(PACKAGE)}:{line}: only generator/ may import the engine ({target})")
        elif top not in packages or (room == "plan" and top in PLAN_MAY_NOT):
            wrong.append(f"{path.relative_to(PACKAGE)}:{line}: {room} may not import the package {target}")
    assert not wrong, "\n".join(wrong)


def test_no_import_circles() -> None:
    graph = {_name(p): {t for _, t in _imports(p) if t.startswith("gongkai.") and t != _name(p)} for p in _modules()}
    graph = {m: {t for t in targets if t in graph} for m, targets in graph.items()}
    done: set[str] = set()
    for start in graph:
        trail: list[str] = []

        def visit(module: str) -> None:
            if module in trail:
                raise AssertionError("import circle: " + " → ".join([*trail[trail.index(module):], module]))
            if module in done:
                return
            trail.append(module)
            for target in sorted(graph[module]):
                # A package's __init__ is imported with any module in it: not an edge back.
                if not module.startswith(target + "."):
                    visit(target)
            trail.pop()
            done.add(module)

        visit(start)


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small_and_hold_no_mutable_state(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 300, f"{path.relative_to(PACKAGE)}: {text.count(chr(10))} lines (split it by responsibility)"
    tree = ast.parse(text)
    mutable = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
    factories = {"dict", "list", "set", "defaultdict", "Counter", "OrderedDict"}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) and node.value else []
        for target in targets:
            if not isinstance(target, ast.Name) or target.id.isupper() or target.id == "__all__":
                continue  # CONSTANTS are read-only by convention
            value = node.value
            is_factory = isinstance(value, ast.Call) and getattr(value.func, "id", "") in factories
            assert not (isinstance(value, mutable) or is_factory), f"{path.relative_to(PACKAGE)}:{node.lineno}: module-level mutable {target.id}"
    # Assigning to a module's globals from a function is hidden state; the one exception is the
    # job a forked worker adopts (render/shell.py), which lives only inside worker processes.
    allowed = {("render", "shell.py")}
    if path.relative_to(PACKAGE).parts not in allowed:
        for node in ast.walk(tree):
            assert not isinstance(node, ast.Global), f"{path.relative_to(PACKAGE)}:{node.lineno}: `global {', '.join(node.names)}`"
    # CONSTANTS stay constant: nothing in the module changes one in place (an intern table named
    # in capitals would otherwise pass for a constant).
    constants = {t.id for n in tree.body if isinstance(n, (ast.Assign, ast.AnnAssign))
                 for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name) and t.id.isupper()}
    changers = {"append", "add", "update", "setdefault", "pop", "popitem", "clear", "extend", "insert", "remove", "discard"}
    for node in ast.walk(tree):
        changed = (node.func.value.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                   and isinstance(node.func.value, ast.Name) and node.func.attr in changers else None)
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
            for target in node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target]:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                    changed = changed or target.value.id
        assert changed not in constants, f"{path.relative_to(PACKAGE)}:{node.lineno}: module constant {changed} changed in place"


def test_the_adapter_is_thin() -> None:
    lines = (PACKAGE / "generator" / "mkdocs_adapter.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 130, lines


def test_every_room_says_what_it_may_import() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "Imports" in doc or "imports" in doc, f"{init.relative_to(PACKAGE)}: docstring should say what the room may import"


def test_templates_get_their_records_not_the_catalog() -> None:
    # A page reads the records its PageSpec hands it and looks up names through `names`;
    # a template reaching into the catalog would read records its spec does not declare.
    templates = PACKAGE.parents[1] / "theme_overrides"
    offenders = [f"{t.relative_to(templates)}:{n}" for t in sorted(templates.rglob("*.html"))
                 for n, line in enumerate(t.read_text(encoding="utf-8").splitlines(), 1) if "catalog" in line]
    assert not offenders, offenders


def test_the_problems_preview_answers_every_question_the_adapter_asks() -> None:
    # Twice a method added to SiteBuild and called by the adapter was missing on ProblemsBuild,
    # and `gongkai serve` with bad data died with an AttributeError instead of showing the list.
    import re

    from gongkai.build import ProblemsBuild, SiteBuild

    adapter = (PACKAGE / "generator" / "mkdocs_adapter.py").read_text(encoding="utf-8")
    asked = set(re.findall(r"self\.build\.(\w+)", adapter))
    assert asked, "the adapter should ask its build something"
    missing = sorted(name for name in asked if hasattr(SiteBuild, name) and not hasattr(ProblemsBuild, name))
    assert not missing, missing
