#!/usr/bin/env python3
"""What `meson install` puts in place, checked in a temporary DESTDIR: the
programs, the desktop file, the D-Bus service (naming the installed
gloss-window), the icons, the GSettings schema, the Shell's search provider,
the metainfo and each translation of po/LINGUAS; then the installed `gloss`
answers --version and --help, in English and in each translation.

  check-install.py BUILD_DIR SOURCE_DIR"""
import configparser
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

build, source = Path(sys.argv[1]), Path(sys.argv[2])
APP = "io.github.glossapp.Gloss"
EXPECTED = [
    "bin/gloss",
    "share/applications/" + APP + ".desktop",
    "share/dbus-1/services/" + APP + ".service",
    "share/icons/hicolor/scalable/apps/" + APP + ".svg",
    "share/icons/hicolor/symbolic/apps/" + APP + "-symbolic.svg",
    "share/glib-2.0/schemas/" + APP + ".gschema.xml",
    "share/gnome-shell/search-providers/" + APP + ".search-provider.ini",
    "share/metainfo/" + APP + ".metainfo.xml",
    "share/bash-completion/completions/gloss",
    "share/zsh/site-functions/_gloss",
]

languages = [word for line in (source / "po" / "LINGUAS").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") for word in line.split()]
tests = []


def check(name, problems):
    tests.append((name, problems))


def find_prefix(destdir):
    """The installed prefix inside DESTDIR: where bin/gloss is."""
    for path in destdir.rglob("bin/gloss"):
        return path.parent.parent
    return None


def run(args, **env):
    environment = dict(os.environ, **env)
    return subprocess.run(args, capture_output=True, text=True, env=environment, timeout=60)


with tempfile.TemporaryDirectory() as tmp:
    destdir = Path(tmp)
    meson = shutil.which("meson")
    done = run([meson, "install", "-C", str(build), "--destdir", str(destdir), "--no-rebuild",
                "--quiet"], DESTDIR=str(destdir))
    if done.returncode != 0:
        print("1..1\n# " + "\n# ".join((done.stdout + done.stderr).strip().splitlines()))
        print("not ok 1 - meson install")
        sys.exit(1)
    prefix = find_prefix(destdir)
    if prefix is None:
        print("1..1\nnot ok 1 - meson install put no bin/gloss in place")
        sys.exit(1)

    wanted = EXPECTED + [f"share/locale/{lang}/LC_MESSAGES/gloss.mo" for lang in languages]
    if (build / "src" / "gloss.1").exists():  # help2man was found
        wanted.append("share/man/man1/gloss.1")
    check("every file in place", [f"{name} is not installed" for name in wanted
                                  if not (prefix / name).exists()])

    service = configparser.ConfigParser()
    service.read(prefix / "share/dbus-1/services" / (APP + ".service"))
    program = service.get("D-BUS Service", "Exec", fallback="").split(" ")[0]
    problems = []
    if not program.endswith("/gloss-window") or not Path(str(destdir) + program).exists():
        problems.append(f"the service file starts {program!r}, which is not installed")
    check("the D-Bus service starts the installed gloss-window", problems)

    gloss = str(prefix / "bin" / "gloss")
    version = run([gloss, "--version"])
    check("gloss --version", [] if version.returncode == 0 and version.stdout.startswith("gloss ")
          else [f"gloss --version: {version.returncode} {version.stdout!r} {version.stderr!r}"])
    english = run([gloss, "--help"], LANG="C.UTF-8", LANGUAGE="en")
    check("gloss --help", [] if english.returncode == 0 and "reindex" in english.stdout
          and "Usage:" in english.stdout else [f"gloss --help: {english.stderr!r}"])
    for lang in languages:
        translated = run([gloss, "--help"], LANG="C.UTF-8", LANGUAGE=lang,
                         GLOSS_LOCALEDIR=str(prefix / "share" / "locale"))
        problems = []
        if translated.returncode != 0 or "reindex" not in translated.stdout:
            problems.append(f"gloss --help under LANGUAGE={lang}: {translated.stderr!r}")
        elif "Usage:" in translated.stdout or "Commands, which need no window" in translated.stdout:
            problems.append(f"gloss --help under LANGUAGE={lang} is still in English")
        check(f"gloss --help in {lang}", problems)

print(f"1..{len(tests)}")
failed = False
for number, (name, problems) in enumerate(tests, 1):
    for problem in problems:
        print("# " + problem)
    print(f"{'not ok' if problems else 'ok'} {number} - {name}")
    failed = failed or bool(problems)
sys.exit(1 if failed else 0)
