#!/usr/bin/env python3
"""The translations in po/LINGUAS, checked: each is complete for the strings
the sources mark today (a template made from po/POTFILES.in as
`meson compile gloss-pot` makes it), none fuzzy or untranslated, and each
passes `msgfmt --check` (format directives, plural forms, header).

Skips (TAP) when gettext's tools are not installed."""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
po = root / "po"

# Meson's 'glib' preset for i18n.gettext (po/meson.build).
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments", "-k_",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]

languages = [word for line in (po / "LINGUAS").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for word in line.split()]

print(f"1..{max(len(languages), 1)}")
if not all(shutil.which(tool) for tool in ("xgettext", "msgfmt", "msgcmp")):
    print("ok 1 # SKIP gettext's xgettext, msgfmt and msgcmp are not installed")
    sys.exit(0)
if not languages:
    print("not ok 1 - po/LINGUAS names no language")
    sys.exit(1)

with tempfile.TemporaryDirectory() as tmp:
    template = Path(tmp) / "gloss.pot"
    made = subprocess.run(["xgettext", "--package-name=gloss", "-f", str(po / "POTFILES.in"),
                           "-D", str(root), "-o", str(template)] + XGETTEXT_ARGS,
                          capture_output=True, text=True)
    if made.returncode != 0:
        print(f"# {made.stderr.strip()}")
        print("Bail out! xgettext could not make the template")
        sys.exit(1)
    failed = False
    for number, language in enumerate(languages, 1):
        path = po / f"{language}.po"
        problems = []
        if not path.exists():
            problems.append(f"po/{language}.po is missing")
        else:
            check = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
                                   capture_output=True, text=True)
            stats = check.stderr.strip()
            if check.returncode != 0:
                problems += stats.splitlines()
            elif re.search(r"fuzzy|untranslated", stats):
                problems.append(f"po/{language}.po: {stats}")
            compare = subprocess.run(["msgcmp", str(path), str(template)],
                                     capture_output=True, text=True)
            if compare.returncode != 0:
                missing = compare.stderr.count("this message is used but not defined")
                problems.append(f"po/{language}.po lacks {missing or 'some'} of the strings the "
                                "sources mark today: run `meson compile gloss-update-po` and "
                                "translate them")
        for problem in problems:
            print("# " + problem)
        status = "not ok" if problems else "ok"
        print(f"{status} {number} - {language}: complete and well formed")
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)
