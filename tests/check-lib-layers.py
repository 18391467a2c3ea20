#!/usr/bin/env python3
"""The shape of src/lib, checked: its modules include each other without a
cycle (pipeline order), nothing there includes GTK or WebKit, and no source
file of the project is much over 1,000 lines.

A module is a .c file and its headers: gloss-dom.c, gloss-dom-private.h."""
import re
import sys
from pathlib import Path

MAX_LINES = 1050

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
lib = root / "src" / "lib"
include = re.compile(r'^\s*#\s*include\s+[<"]([^">]+)[">]', re.M)


def module(name):
    stem = Path(name).stem
    return stem[: -len("-private")] if stem.endswith("-private") else stem


edges = {}
problems = []
for path in sorted(lib.glob("*.[ch]")):
    text = path.read_text(encoding="utf-8")
    for target in include.findall(text):
        if re.match(r"(gtk|gdk|adwaita|webkit|jsc)/|adwaita\.h", target):
            problems.append(f"{path.name} includes {target}: lib/ must not need a display")
        if (lib / target).exists() and module(target) != module(path.name):
            edges.setdefault(module(path.name), set()).add(module(target))


def find_cycle():
    state = {}
    stack = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


cycle = find_cycle()
if cycle:
    problems.append("src/lib modules include each other: " + " → ".join(cycle))

for path in sorted((root / "src").rglob("*.[ch]")) + sorted((root / "tests").rglob("*.[ch]")):
    lines = path.read_text(encoding="utf-8").count("\n")
    if lines > MAX_LINES:
        problems.append(f"{path.relative_to(root)} has {lines} lines (split it by concern)")

print("1..1")
if problems:
    for problem in problems:
        print("# " + problem)
    print("not ok 1 - src/lib layers and file sizes")
    sys.exit(1)
print(f"ok 1 - {len(edges)} modules of src/lib in a DAG, no source file over {MAX_LINES} lines")
