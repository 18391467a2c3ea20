#!/usr/bin/env python3
"""po/POTFILES.in, checked against the sources: every file with a string
marked for translation is listed (or its strings never reach a
translator), and every file listed still has one.

Marked: _("…"), N_("…"), C_("…", "…"), (g_d)ngettext (…) in C; translatable="yes"
in .ui files; the desktop file, the metainfo and the GSettings schema are
translated by their tools whatever they hold."""
import re
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
c_marks = re.compile(r'(?<![\w.])(?:N?_|C_)\s*\(\s*"|\b(?:g_dngettext|d?ngettext)\s*\(')
ui_marks = re.compile(r'translatable="yes"')
always = ["data/*.desktop.in", "data/*.metainfo.xml.in", "data/*.gschema.xml"]


def marked(path):
    text = path.read_text(encoding="utf-8")
    return bool((ui_marks if path.suffix == ".ui" else c_marks).search(text))


listed = []
for line in (root / "po" / "POTFILES.in").read_text(encoding="utf-8").splitlines():
    line = line.strip()
    if line and not line.startswith("#"):
        listed.append(line)

wanted = {str(p.relative_to(root)) for pattern in ("*.c", "*.ui")
          for p in (root / "src").rglob(pattern) if marked(p)}
wanted |= {str(p.relative_to(root)) for pattern in always for p in root.glob(pattern)}

problems = []
for name in sorted(wanted - set(listed)):
    problems.append(f"{name} has strings marked for translation: add it to po/POTFILES.in")
for name in listed:
    path = root / name
    if not path.exists():
        problems.append(f"po/POTFILES.in lists {name}, which does not exist")
    elif name not in wanted:
        problems.append(f"po/POTFILES.in lists {name}, which has no string marked for translation")
if len(listed) != len(set(listed)):
    problems.append("po/POTFILES.in lists a file twice")

print("1..1")
if problems:
    for problem in problems:
        print("# " + problem)
    print("not ok 1 - po/POTFILES.in and the sources")
    sys.exit(1)
print(f"ok 1 - po/POTFILES.in lists the {len(listed)} files with strings to translate")
