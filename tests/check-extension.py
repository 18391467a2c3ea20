#!/usr/bin/env python3
"""check-extension.py — the extension and its native-host manifests agree.

The Chromium id the host manifest allows is the one the extension's public
key gives; the host name, the Firefox id and the protocol's message types
are the same on both sides. Usage: check-extension.py SOURCE_DIR BUILD_DIR
"""
import base64
import hashlib
import json
import re
import sys


def chromium_id(key):
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def main(source, build):
    failures = []
    manifest = json.load(open(f"{source}/extension/manifest.json"))
    background = open(f"{source}/extension/background.js").read()
    firefox = json.load(open(f"{build}/data/firefox-io.github.glossapp.gloss.json"))
    chromium = json.load(open(f"{build}/data/chromium-io.github.glossapp.gloss.json"))
    host = re.search(r'const HOST = "([^"]+)"', background).group(1)

    if manifest.get("manifest_version") != 3:
        failures.append("extension/manifest.json is not Manifest V3")
    if "nativeMessaging" not in manifest.get("permissions", []):
        failures.append("the extension does not ask for nativeMessaging")
    for side in (firefox, chromium):
        if side["name"] != host:
            failures.append(f"host {side['name']} is not the {host} background.js talks to")
        if not side["path"].endswith("/gloss-native-host") or side["type"] != "stdio":
            failures.append(f"host path {side['path']} is not gloss-native-host on stdio")
    expected = f"chrome-extension://{chromium_id(manifest['key'])}/"
    if chromium["allowed_origins"] != [expected]:
        failures.append(f"Chromium allows {chromium['allowed_origins']}, the extension is {expected}")
    gecko = manifest["browser_specific_settings"]["gecko"]["id"]
    if firefox["allowed_extensions"] != [gecko]:
        failures.append(f"Firefox allows {firefox['allowed_extensions']}, the extension is {gecko}")
    for menu in ("Clip to Gloss", "Clip to Gloss (whole page)", "Highlight in Gloss"):
        if f'"{menu}"' not in background:
            failures.append(f"no context-menu item “{menu}”")
    for failure in failures:
        print(f"check-extension: {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
