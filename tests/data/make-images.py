#!/usr/bin/env python3
# make-images.py — writes the PNG fixtures of tests/data/site/images/
#
# Copyright 2026 The Gloss authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The images are generated rather than copied from anywhere so that their
# provenance is clear and their sizes are exactly what the tests expect
# (the srcset width descriptors of seed.html name these widths).  Each one
# has its own colours so a test can tell which candidate was chosen by
# decoding a pixel.  Standard library only.
#
# It also writes site/fonts/test.woff2, a fake font: the WOFF2 signature and
# some padding, enough for a test to see that a font was fetched and
# embedded.  No browser would render with it.
#
# Usage: python3 tests/data/make-images.py

import os
import struct
import zlib


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def gradient_row(width, left, right):
    row = bytearray()
    for x in range(width):
        t = x / max(width - 1, 1)
        row.extend(round(a + (b - a) * t) for a, b in zip(left, right))
    return bytes(row)


def png(width, height, left, right, band=None):
    """An RGB image: a horizontal gradient from left to right, with an
    optional horizontal band of colour band[0] over rows band[1]..band[2].
    Rows after the first use the "up" filter, so identical rows compress to
    almost nothing and even 1600 px wide files stay a few KB."""
    base = gradient_row(width, left, right)
    stripe = bytes(band[0]) * width if band else None
    raw = bytearray()
    previous = None
    for y in range(height):
        row = stripe if band and band[1] <= y < band[2] else base
        if previous is None:
            raw.append(0)
            raw.extend(row)
        else:
            raw.append(2)
            raw.extend((a - b) & 0xFF for a, b in zip(row, previous))
        previous = row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


IMAGES = {
    # name: (width, height, left colour, right colour, band)
    "hero-400.png": (400, 225, (200, 40, 40), (250, 150, 60), None),
    "hero-800.png": (800, 450, (40, 120, 200), (120, 210, 250), None),
    "hero-1600.png": (1600, 900, (30, 150, 70), (170, 230, 120), None),
    "chart.png": (600, 300, (250, 250, 250), (250, 250, 250), ((60, 60, 160), 120, 180)),
    "chart-wide.png": (1200, 600, (245, 240, 220), (245, 240, 220), ((160, 60, 120), 240, 360)),
    "bg.png": (64, 64, (230, 230, 240), (180, 180, 210), None),
}


def fake_woff2():
    signature = b"wOF2" + struct.pack(">I", 0x00010000)
    body = b"Gloss test font, not a real font. " * 8
    return signature + struct.pack(">I", len(signature) + 4 + len(body)) + body


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    print(f"{path}: {len(data)} bytes")


def main():
    site = os.path.join(os.path.dirname(os.path.abspath(__file__)), "site")
    for name, (width, height, left, right, band) in IMAGES.items():
        write(os.path.join(site, "images", name), png(width, height, left, right, band))
    write(os.path.join(site, "fonts", "test.woff2"), fake_woff2())


if __name__ == "__main__":
    main()
