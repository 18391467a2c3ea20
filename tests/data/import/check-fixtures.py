#!/usr/bin/env python3
# Checks the import fixtures in this directory against manifest.json.
#
# It reads every fixture with a small reference reader per format (Python
# standard library only) and compares what it gets with the manifest: URLs,
# titles, tags, dates, state, highlights, errors, warnings and skipped
# entries.  It also checks what the fixtures must be made of: every CSV
# parses and has its format's header, every JSON file loads, no file is
# 20 KB or more, no zip files, the Omnivore articles are 400-1500 words, the
# Wallabag ranges select their quotes (all but the one that is wrong on
# purpose), and each Omnivore/Wallabag quote anchors the way its 'expect'
# says (exact / whitespace / fuzzy / orphan, rules of tests/data/anchoring.json).
#
# The reference readers are not Gloss's importer; they are here so that the
# manifest and the fixtures cannot drift apart.  Exit status 0 when all is
# well, 1 with a list of problems otherwise.
#
#   python3 tests/data/import/check-fixtures.py

import ast
import csv
import io
import json
import os
import re
import sys
import unicodedata
import urllib.parse
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
problems = []


def problem(where, msg):
    problems.append(f"{where}: {msg}")


# ---------------------------------------------------------------- helpers

HEADERS = {
    "pocket": ["title", "url", "time_added", "tags", "status"],
    "pocket-2024-10": ["title", "url", "cursor", "time_added", "tags", "status"],
    "instapaper": ["URL", "Title", "Selection", "Folder", "Timestamp", "Tags"],
    "instapaper-old": ["URL", "Title", "Selection", "Folder"],
    "readwise": ["Highlight", "Book Title", "Book Author", "Amazon Book ID", "Note",
                 "Color", "Tags", "Location Type", "Location", "Highlighted at",
                 "Document tags"],
    "readwise-old": ["Highlight", "Book Title", "Book Author", "Amazon Book ID", "Note",
                     "Color", "Tags", "Location Type", "Location", "Highlighted at"],
    "readwise-reader": ["Title", "URL", "ID", "Document tags", "Saved date",
                        "Reading progress", "Location", "Seen"],
    "raindrop": ["id", "title", "note", "excerpt", "url", "folder", "tags", "created",
                 "cover", "highlights", "favorite"],
}

COLOURS = {"yellow", "green", "blue", "pink", "purple"}
ISO_RE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def iso_from_unix(s):
    return datetime.fromtimestamp(int(s), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


DATE_RE = re.compile(
    r"^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)$")


def iso_from_text(s):
    """An ISO 8601-ish date with an offset as UTC 'YYYY-MM-DDTHH:MM:SSZ', or None."""
    m = DATE_RE.match(s.strip())
    if not m:
        return None
    y, mo, d, h, mi, se, off = m.groups()
    try:
        dt = datetime(int(y), int(mo), int(d), int(h), int(mi), int(se))
    except ValueError:
        return None
    if off != "Z":
        sign = 1 if off[0] == "+" else -1
        off = off[1:].replace(":", "")
        dt -= sign * timedelta(hours=int(off[:2]), minutes=int(off[2:]))
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def url_ok(u):
    try:
        p = urllib.parse.urlsplit(u)
    except ValueError:
        return False
    return p.scheme in ("http", "https") and bool(p.hostname)


def tagset(tags):
    return sorted(set(t for t in tags if t))


def article(url, title, tags, saved, archived=False, starred=False, progress=None):
    return {"url": url, "title": title or None, "tags": tagset(tags), "saved": saved,
            "state": {"archived": archived, "starred": starred, "progress": progress},
            "highlights": []}


def hl(quote, note=None, color=None, created=None, expect=None, tags=()):
    return {"quote": quote, "note": note or None, "color": color, "created": created,
            "expect": expect, "tags": tagset(tags)}


class Result:
    def __init__(self):
        self.articles = []
        self.by_url = {}
        self.errors = []
        self.warnings = []
        self.skipped = []

    def add(self, a):
        """Adds an article; a URL seen before merges into the first one."""
        key = a["url"]
        if key is not None and key in self.by_url:
            old = self.by_url[key]
            old["tags"] = tagset(old["tags"] + a["tags"])
            old["highlights"] += a["highlights"]
            dates = [d for d in (old["saved"], a["saved"]) if d]
            old["saved"] = min(dates) if dates else None
            old["state"]["archived"] |= a["state"]["archived"]
            old["state"]["starred"] |= a["state"]["starred"]
            return old
        self.articles.append(a)
        if key is not None:
            self.by_url[key] = a
        return a


def csv_records(path, where):
    """Yields (first physical line, row) for each record after the header;
    returns the header through the 'header' attribute of the generator's list."""
    raw = open(path, "rb").read()
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    last = 0
    for row in reader:
        rows.append((last + 1, row))
        last = reader.line_num
    if not rows:
        return None, []
    return rows[0][1], rows[1:]


def csv_dicts(path, where, fmt, result):
    header, rows = csv_records(path, where)
    if header != HEADERS[fmt]:
        problem(where, f"header {header} is not the {fmt} header {HEADERS[fmt]}")
        return []
    out = []
    for line, row in rows:
        if len(row) < len(header):
            result.errors.append({"line": line, "reason": "too few fields"})
            continue
        if len(row) > len(header):
            result.errors.append({"line": line, "reason": "too many fields"})
            continue
        out.append((line, dict(zip(header, row))))
    return out


# ------------------------------------------------------------ text model

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}
SKIP_TEXT = {"script", "style", "noscript", "template"}


class Node:
    def __init__(self, tag, parent=None):
        self.tag = tag
        self.parent = parent
        self.children = []


class TreeBuilder(HTMLParser):
    """A small tree of a well-formed fragment or document (enough for these
    fixtures, which avoid constructs where HTML parsers disagree)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        n = Node(tag, self.cur)
        self.cur.children.append(n)
        if tag not in VOID:
            self.cur = n

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        c = self.cur
        while c is not self.root and c.tag != tag:
            c = c.parent
        if c is self.root:
            raise ValueError(f"stray </{tag}>")
        self.cur = c.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_tree(html):
    b = TreeBuilder()
    b.feed(html)
    b.close()
    if b.cur is not b.root:
        raise ValueError(f"<{b.cur.tag}> not closed")
    return b.root


def text_of(node):
    out = []
    for c in node.children:
        if isinstance(c, str):
            out.append(c)
        elif c.tag not in SKIP_TEXT:
            out.append(text_of(c))
    return "".join(out)


def find(node, tag):
    for c in node.children:
        if isinstance(c, Node):
            if c.tag == tag:
                return c
            r = find(c, tag)
            if r:
                return r
    return None


def xpath(root, path):
    n = root
    for step in path.strip("/").split("/"):
        m = re.fullmatch(r"([a-z0-9]+)\[(\d+)\]", step)
        if not m:
            raise ValueError(f"bad XPath step {step!r}")
        kids = [c for c in n.children if isinstance(c, Node) and c.tag == m.group(1)]
        i = int(m.group(2))
        if i > len(kids):
            raise ValueError(f"{path}: no {step}")
        n = kids[i - 1]
    return n


def is_ws(c):
    return "\t" <= c <= "\r" or unicodedata.category(c) in ("Zs", "Zl", "Zp")


def collapse(s):
    out = []
    for c in s:
        if is_ws(c):
            if not out or out[-1] != " ":
                out.append(" ")
        else:
            out.append(c)
    return "".join(out)


def best_edits(pattern, text):
    """Fewest edits turning pattern into some substring of text (Sellers)."""
    prev = [0] * (len(text) + 1)
    for i, pc in enumerate(pattern, 1):
        cur = [i] + [0] * len(text)
        for j, tc in enumerate(text, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (pc != tc))
        prev = cur
    return min(prev)


def classify(quote, text):
    if quote in text:
        return "exact"
    q, t = collapse(quote), collapse(text)
    if q in t:
        return "whitespace"
    limit = min(len(q) // 5, 256)
    return "fuzzy" if best_edits(q, t) <= limit else "orphan"


# ---------------------------------------------------------------- readers

def read_pocket_dir(path, where):
    r = Result()
    parts = sorted(f for f in os.listdir(path) if re.fullmatch(r"part_\d{6}\.csv", f))
    if not parts:
        problem(where, "no part_NNNNNN.csv")
    for part in parts:
        header, _ = csv_records(os.path.join(path, part), where)
        fmt = "pocket-2024-10" if header and "cursor" in header else "pocket"
        sub = Result()
        for line, row in csv_dicts(os.path.join(path, part), f"{where}/{part}", fmt, sub):
            if not url_ok(row["url"]):
                sub.errors.append({"line": line, "reason": "unparseable URL"})
                continue
            saved = iso_from_unix(row["time_added"]) if row["time_added"].isdigit() else None
            r.add(article(row["url"], row["title"], row["tags"].split("|"), saved,
                          archived=row["status"] == "archive"))
        for e in sub.errors:
            r.errors.append({"file": part, **e})
    ann_dir = os.path.join(path, "annotations")
    if os.path.isdir(ann_dir):
        for f in sorted(os.listdir(ann_dir)):
            for entry in json.load(open(os.path.join(ann_dir, f), encoding="utf-8")):
                a = r.by_url.get(entry["url"])
                if a is None:
                    problem(where, f"annotations for {entry['url']} match no article")
                    continue
                for h in entry["highlights"]:
                    a["highlights"].append(hl(h["quote"], created=iso_from_unix(h["created_at"])))
    return r


class PocketHTML(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.section = None
        self.in_h1 = False
        self.a = None
        self.items = []

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.in_h1 = True
            self.section = ""
        elif tag == "a":
            self.a = dict(attrs)
            self.a["#text"] = ""
            self.a["#section"] = self.section

    def handle_endtag(self, tag):
        if tag == "h1":
            self.in_h1 = False
        elif tag == "a" and self.a is not None:
            self.items.append(self.a)
            self.a = None

    def handle_data(self, data):
        if self.in_h1:
            self.section += data
        elif self.a is not None:
            self.a["#text"] += data


def read_pocket_html(path, where):
    r = Result()
    p = PocketHTML()
    p.feed(open(path, encoding="utf-8").read())
    for a in p.items:
        if a["#section"] not in ("Unread", "Read Archive"):
            problem(where, f"item under unknown heading {a['#section']!r}")
        r.add(article(a["href"], a["#text"], a.get("tags", "").split(","),
                      iso_from_unix(a["time_added"]),
                      archived=a["#section"] == "Read Archive"))
    return r


def omnivore_highlights(md):
    out = []
    cur = None
    for line in md.split("\n"):
        if line.startswith("> ") or line == ">":
            if cur is None or cur["#done"]:
                cur = {"quote": [], "labels": [], "note": [], "#done": False}
                out.append(cur)
            cur["quote"].append(line[2:])
        elif cur is None:
            if line.strip():
                raise ValueError(f"text before the first quote: {line!r}")
        else:
            cur["#done"] = True
            if re.fullmatch(r"#\S+", line.strip()) and not cur["note"]:
                cur["labels"].append(line.strip()[1:])
            elif line.strip() or cur["note"]:
                cur["note"].append(line)
    res = []
    for h in out:
        note = "\n".join(h["note"]).strip() or None
        res.append(("\n".join(h["quote"]), note, h["labels"]))
    return res


def read_omnivore(path, where):
    r = Result()
    metas = sorted(f for f in os.listdir(path) if re.fullmatch(r"metadata_\d+_to_\d+\.json", f))
    if not metas:
        problem(where, "no metadata_N_to_M.json")
    for f in metas:
        for item in json.load(open(os.path.join(path, f), encoding="utf-8")):
            missing = {"id", "slug", "title", "description", "author", "url", "state",
                       "readingProgress", "thumbnail", "labels", "savedAt", "updatedAt",
                       "publishedAt"} - set(item)
            if missing:
                problem(where, f"{item.get('slug')}: keys missing {sorted(missing)}")
            slug = item["slug"]
            html = open(os.path.join(path, "content", slug + ".html"), encoding="utf-8").read()
            tree = parse_tree(html)
            body = find(tree, "body")
            text = text_of(body)
            words = len(text.split())
            if not 400 <= words <= 1500:
                problem(where, f"content/{slug}.html has {words} words, not 400-1500")
            a = article(item["url"], item["title"], item["labels"],
                        iso_from_text(item["savedAt"]),
                        archived=item["state"] == "ARCHIVED",
                        progress=item["readingProgress"] / 100)
            mdp = os.path.join(path, "highlights", slug + ".md")
            if os.path.exists(mdp):
                for quote, note, labels in omnivore_highlights(open(mdp, encoding="utf-8").read()):
                    a["highlights"].append(hl(quote, note, expect=classify(quote, text), tags=labels))
            r.add(a)
    return r


def truthy(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v != 0
    if isinstance(v, str) and v in ("0", "1"):
        return v == "1"
    raise ValueError(f"not a Wallabag boolean: {v!r}")


# The one annotation whose range is wrong on purpose (its quote is right).
WRONG_RANGE = {("wallabag.json", "their return to city centres is one of the quieter signs that the air has improved")}


def read_wallabag(path, where):
    r = Result()
    name = os.path.basename(path)
    data = json.load(open(path, encoding="utf-8"))
    for e in data:
        root = parse_tree(e["content"])
        text = text_of(root)
        a = article(e["url"], e["title"], e["tags"], iso_from_text(e["created_at"]),
                    archived=truthy(e["is_archived"]), starred=truthy(e["is_starred"]))
        for an in e["annotations"]:
            rg = an["ranges"][0]
            st, en = text_of(xpath(root, rg["start"])), text_of(xpath(root, rg["end"]))
            if rg["start"] == rg["end"]:
                sel = st[rg["startOffset"]:rg["endOffset"]]
            else:
                sel = st[rg["startOffset"]:] + en[:rg["endOffset"]]
            wrong = (name, an["quote"]) in WRONG_RANGE
            if wrong and sel == an["quote"]:
                problem(where, f"range of {an['quote'][:30]!r} should be wrong but selects the quote")
            if not wrong and sel != an["quote"]:
                problem(where, f"range of {an['quote'][:30]!r} selects {sel!r}")
            a["highlights"].append(hl(an["quote"], an["text"], created=iso_from_text(an["created_at"]),
                                      expect=classify(an["quote"], text)))
        r.add(a)
    return r


def read_instapaper(path, where):
    r = Result()
    header, _ = csv_records(path, where)
    fmt = "instapaper" if header and "Timestamp" in header else "instapaper-old"
    for line, row in csv_dicts(path, where, fmt, r):
        if not url_ok(row["URL"]):
            r.errors.append({"line": line, "reason": "unparseable URL"})
            continue
        folder = row["Folder"]
        tags = json.loads(row["Tags"]) if row.get("Tags") else []
        if folder not in ("Unread", "Archive", "Starred"):
            tags.append(folder)
        saved = iso_from_unix(row["Timestamp"]) if row.get("Timestamp") else None
        a = article(row["URL"], row["Title"], tags, saved,
                    archived=folder == "Archive", starred=folder == "Starred")
        if row["Selection"]:
            a["highlights"].append(hl(row["Selection"]))
        r.add(a)
    return r


def read_readwise(path, where):
    r = Result()
    header, _ = csv_records(path, where)
    fmt = "readwise" if header and "Document tags" in header else "readwise-old"
    books = {}
    for line, row in csv_dicts(path, where, fmt, r):
        title = row["Book Title"]
        if row["Amazon Book ID"] or row["Location Type"] == "location":
            if title not in books:
                books[title] = {"lines": [], "title": title,
                                "reason": "a book (Amazon Book ID, Location Type location), not a web article"}
                r.skipped.append(books[title])
            books[title]["lines"].append(line)
            continue
        colour = {"orange": "yellow", "": None}.get(row["Color"], row["Color"])
        doc_tags = [t.strip() for t in row.get("Document tags", "").split(",")]
        a = next((x for x in r.articles if x["title"] == title), None)
        if a is None:
            a = r.add(article(None, title, doc_tags, None))
        else:
            a["tags"] = tagset(a["tags"] + doc_tags)
        created = iso_from_text(row["Highlighted at"]) if row["Highlighted at"] else None
        a["highlights"].append(hl(row["Highlight"], row["Note"], colour, created,
                                  tags=[t.strip() for t in row["Tags"].split(",")]))
    return r


def read_reader(path, where):
    r = Result()
    for line, row in csv_dicts(path, where, "readwise-reader", r):
        if row["Location"] == "feed":
            r.skipped.append({"line": line, "url": row["URL"],
                              "reason": "Location feed: a feed item, never saved to the library"})
            continue
        if not url_ok(row["URL"]):
            r.errors.append({"line": line, "reason": "unparseable URL"})
            continue
        saved = iso_from_text(row["Saved date"])
        if saved is None:
            r.warnings.append({"line": line, "reason": "unparseable date; imported without a saved date"})
        tags = ast.literal_eval(row["Document tags"])
        progress = float(row["Reading progress"])
        if progress == int(progress):
            progress = int(progress)
        r.add(article(row["URL"], row["Title"], tags, saved,
                      archived=row["Location"] == "archive", progress=progress))
    return r


def raindrop_highlights(field):
    out = []
    for line in field.split("\n") if field else []:
        if line.startswith("Highlight:"):
            out.append([line[len("Highlight:"):], None])
        elif line.startswith("Note:"):
            out[-1][1] = line[len("Note:"):]
        elif out and out[-1][1] is None:
            out[-1][0] += "\n" + line
        else:
            raise ValueError(f"stray line in highlights: {line!r}")
    return out


def read_raindrop(path, where):
    r = Result()
    for line, row in csv_dicts(path, where, "raindrop", r):
        if not url_ok(row["url"]):
            r.errors.append({"line": line, "reason": "unparseable URL"})
            continue
        saved = iso_from_text(row["created"])
        if saved is None:
            r.warnings.append({"line": line, "reason": "unparseable date; imported without a saved date"})
        tags = [t.strip() for t in row["tags"].split(",")]
        if row["folder"] != "Unsorted":
            tags.append(row["folder"])
        a = article(row["url"], row["title"], tags, saved, starred=row["favorite"] == "true")
        for quote, note in raindrop_highlights(row["highlights"]):
            a["highlights"].append(hl(quote, note))
        r.add(a)
    return r


class Netscape(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.pending = None
        self.h3 = None
        self.a = None
        self.items = []

    def handle_starttag(self, tag, attrs):
        if tag == "dl":
            self.stack.append(self.pending)
            self.pending = None
        elif tag == "h3":
            self.h3 = ""
        elif tag == "a":
            self.a = dict(attrs)
            self.a["#text"] = ""
            self.a["#line"] = self.getpos()[0]
            self.a["#folders"] = [f for f in self.stack if f is not None]

    def handle_endtag(self, tag):
        if tag == "dl":
            self.stack.pop()
        elif tag == "h3":
            self.pending, self.h3 = self.h3, None
        elif tag == "a" and self.a is not None:
            self.items.append(self.a)
            self.a = None

    def handle_data(self, data):
        if self.h3 is not None:
            self.h3 += data
        elif self.a is not None:
            self.a["#text"] += data


def read_netscape(path, where):
    r = Result()
    p = Netscape()
    p.feed(open(path, encoding="utf-8").read())
    if p.stack:
        problem(where, "unbalanced <DL>")
    for a in p.items:
        href = a["href"]
        scheme = urllib.parse.urlsplit(href).scheme
        if scheme == "javascript":
            r.skipped.append({"line": a["#line"], "url": href, "reason": "javascript: bookmarklet"})
            continue
        if scheme == "place":
            r.skipped.append({"line": a["#line"], "url": href,
                              "reason": "place: URL (a browser query, not a page)"})
            continue
        if scheme == "":
            r.skipped.append({"line": a["#line"], "url": href,
                              "reason": "relative URL (a Shaarli note with no link)"})
            continue
        if not url_ok(href):
            r.errors.append({"line": a["#line"], "reason": "unparseable URL"})
            continue
        raw = a.get("tags") or ""
        tags = [t.strip() for t in raw.split(",")] if "," in raw else raw.split()
        r.add(article(href, a["#text"], tags + a["#folders"], iso_from_unix(a["add_date"])))
    return r


READERS = {
    "pocket": read_pocket_dir,
    "pocket-html": read_pocket_html,
    "omnivore": read_omnivore,
    "wallabag": read_wallabag,
    "instapaper": read_instapaper,
    "readwise": read_readwise,
    "readwise-reader": read_reader,
    "raindrop": read_raindrop,
    "netscape": read_netscape,
}


def detect(path):
    """(format, None) or (None, reason), from content only, not the name."""
    if os.path.isdir(path):
        names = os.listdir(path)
        if any(re.fullmatch(r"metadata_\d+_to_\d+\.json", n) for n in names):
            return "omnivore", None
        if any(re.fullmatch(r"part_\d{6}\.csv", n) for n in names):
            return "pocket", None
        return None, "unknown directory"
    raw = open(path, "rb").read()
    if not raw:
        return None, "empty file"
    text = raw.decode("utf-8-sig")
    head = text.lstrip()[:200].lower()
    if head.startswith("<!doctype netscape-bookmark-file-1>"):
        return "netscape", None
    if "<title>pocket export</title>" in text.lower():
        return "pocket-html", None
    if head.startswith("[") or head.startswith("{"):
        data = json.loads(text)
        if isinstance(data, list) and data and all(
                isinstance(e, dict) and "url" in e and "content" in e for e in data):
            return "wallabag", None
        return None, "JSON, but not a Wallabag export (entries have no url or content)"
    header = next(csv.reader(io.StringIO(text, newline="")))
    for fmt, h in HEADERS.items():
        if header == h:
            return fmt.split("-old")[0].replace("-2024-10", ""), None
    return None, f"unrecognised CSV header ({','.join(header)})"


# ------------------------------------------------------------ the checks

def check_manifest_shape(m):
    if set(m) != {"version", "conventions", "fixtures", "merge"}:
        problem("manifest", f"top-level keys {sorted(m)}")
    for fx in m["fixtures"]:
        w = f"manifest {fx.get('file')}"
        need = {"file", "format", "articles", "errors", "warnings", "skipped", "notes"}
        if fx.get("format") is None:
            need.add("rejected")
        if set(fx) != need:
            problem(w, f"keys {sorted(fx)}, expected {sorted(need)}")
        for a in fx["articles"]:
            if set(a) != {"url", "title", "tags", "saved", "state", "highlights"}:
                problem(w, f"article keys {sorted(a)}")
            if a["tags"] != sorted(set(a["tags"])):
                problem(w, f"{a['url']}: tags not sorted/unique")
            if a["saved"] is not None and not ISO_RE.match(a["saved"]):
                problem(w, f"{a['url']}: saved {a['saved']!r}")
            if set(a["state"]) != {"archived", "starred", "progress"}:
                problem(w, f"{a['url']}: state keys {sorted(a['state'])}")
            pr = a["state"]["progress"]
            if pr is not None and not 0 <= pr <= 1:
                problem(w, f"{a['url']}: progress {pr}")
            for h in a["highlights"]:
                if set(h) != {"quote", "note", "color", "created", "expect", "tags"}:
                    problem(w, f"highlight keys {sorted(h)}")
                if h["color"] is not None and h["color"] not in COLOURS:
                    problem(w, f"colour {h['color']!r}")
                if h["expect"] not in ("exact", "whitespace", "fuzzy", "orphan", None):
                    problem(w, f"expect {h['expect']!r}")
                if h["created"] is not None and not ISO_RE.match(h["created"]):
                    problem(w, f"created {h['created']!r}")
                if h["tags"] != sorted(set(h["tags"])):
                    problem(w, "highlight tags not sorted/unique")


def compare(where, got, want):
    if got == want:
        return
    if isinstance(got, dict) and isinstance(want, dict):
        for k in sorted(set(got) | set(want)):
            compare(f"{where}.{k}", got.get(k, "<missing>"), want.get(k, "<missing>"))
    elif isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        for i, (g, w) in enumerate(zip(got, want)):
            compare(f"{where}[{i}]", g, w)
    else:
        problem(where, f"fixture gives {got!r}, manifest says {want!r}")


def check_files(m):
    listed = {fx["file"] for fx in m["fixtures"]}
    own = {"manifest.json", "README.md", "check-fixtures.py", "__pycache__"}
    for name in sorted(os.listdir(HERE)):
        if name not in listed and name not in own:
            problem(name, "not in manifest.json")
    for name in sorted(listed):
        if not os.path.exists(os.path.join(HERE, name)):
            problem(name, "listed in manifest.json but missing")
    for dirpath, dirs, files in os.walk(HERE):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for f in files:
            p = os.path.join(dirpath, f)
            rel = os.path.relpath(p, HERE)
            raw = open(p, "rb").read()
            if len(raw) >= 20 * 1024 and rel not in ("manifest.json", "check-fixtures.py"):
                problem(rel, f"{len(raw)} bytes, not under 20 KB")
            if f.endswith(".zip") or raw[:4] == b"PK\x03\x04":
                problem(rel, "a zip file")
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as e:
                problem(rel, f"not UTF-8: {e}")
            if f.endswith(".json"):
                try:
                    json.loads(raw.decode("utf-8"))
                except ValueError as e:
                    problem(rel, f"JSON does not load: {e}")
            if f.endswith(".csv") and raw:
                try:
                    header, rows = csv_records(p, rel)
                except csv.Error as e:
                    problem(rel, f"CSV does not parse: {e}")
                    continue
                if f not in ("not-an-export.csv",) and header not in HEADERS.values():
                    problem(rel, f"header {header} is no known format's")


def main():
    m = json.load(open(os.path.join(HERE, "manifest.json"), encoding="utf-8"))
    check_manifest_shape(m)
    check_files(m)

    results = {}
    for fx in m["fixtures"]:
        name = fx["file"]
        path = os.path.join(HERE, name)
        try:
            fmt, reason = detect(path)
        except Exception as e:  # noqa: BLE001 - any failure is a finding
            problem(name, f"detection failed: {e!r}")
            continue
        if fmt != fx["format"]:
            problem(name, f"detected as {fmt} ({reason}), manifest says {fx['format']}")
            continue
        if fmt is None:
            if reason != fx["rejected"]:
                problem(name, f"rejected for {reason!r}, manifest says {fx['rejected']!r}")
            continue
        try:
            res = READERS[fmt](path, name)
        except Exception as e:  # noqa: BLE001
            problem(name, f"reference reader failed: {e!r}")
            continue
        results[name] = res
        compare(f"{name} articles", res.articles, fx["articles"])
        compare(f"{name} errors", res.errors, fx["errors"])
        compare(f"{name} warnings", res.warnings, fx["warnings"])
        compare(f"{name} skipped", res.skipped, fx["skipped"])

    # Byte-level cases the readers would not notice.
    raw = open(os.path.join(HERE, "readwise.csv"), "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problem("readwise.csv", "should start with a UTF-8 BOM")
    raw = open(os.path.join(HERE, "instapaper.csv"), "rb").read()
    if raw.count(b"\r\n") != raw.count(b"\n") - 1 or not raw.endswith(b"\r\n"):
        problem("instapaper.csv", "should end every record in CRLF, with one bare LF inside a field")
    for name in os.listdir(HERE):
        if name.endswith(".csv") and name != "instapaper.csv":
            if b"\r" in open(os.path.join(HERE, name), "rb").read():
                problem(name, "has CR; only instapaper.csv should")

    for mg in m["merge"]:
        r = Result()
        for f in mg["files"]:
            for a in results[f].articles:
                if a["url"] == mg["url"]:
                    r.add(json.loads(json.dumps(a)))
        merged = r.articles
        exp = mg["expected"]
        if len(merged) != exp["articles"]:
            problem(f"merge {mg['url']}", f"{len(merged)} articles")
            continue
        got = merged[0]
        compare(f"merge {mg['url']}",
                {"articles": 1, "title": got["title"], "tags": got["tags"], "saved": got["saved"],
                 "state": got["state"], "highlights": len(got["highlights"])}, exp)

    if problems:
        print(f"{len(problems)} problem(s):")
        for p in problems:
            print("  " + p)
        return 1
    n = sum(len(fx["articles"]) for fx in m["fixtures"])
    h = sum(len(a["highlights"]) for fx in m["fixtures"] for a in fx["articles"])
    print(f"ok: {len(m['fixtures'])} fixtures, {n} articles, {h} highlights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
