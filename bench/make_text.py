#!/usr/bin/env python3
"""make_text.py - benchmark text from the TimeML gold, repeated to a given size.

Usage: make_text.py GOLD_DIR OUT_FILE MB

Reads every *.tml under GOLD_DIR (sorted by path, so the output is the same on
every machine), takes the content of its <TEXT> element with the tags stripped
and the entities unescaped, trims the outer whitespace, and writes the
documents to OUT_FILE separated by a blank line ("\\n\\n"), cycling through them
until OUT_FILE holds at least MB megabytes (1 MB = 10^6 bytes). It stops at a
document boundary, so the file ends with a whole document and a newline.

Most gold documents contain blank lines of their own, so a blank line does not
mark a document boundary. The boundaries go to a second, small file,
OUT_FILE.idx: one line per document, "BYTE_OFFSET BYTE_LENGTH" (UTF-8 bytes,
separator not included). chrono_bench.mjs uses it to call chrono-node once per
document on exactly the same bytes that chronicle reads.

Both files are written under temporary names and renamed at the end, so an
interrupted run never leaves a short file that looks finished.

The gold is for research use only: write OUT_FILE into the build directory,
never into the source tree.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

SEPARATOR = b"\n\n"


def gold_documents(gold_dir):
    """Returns the TEXT of every .tml under gold_dir as UTF-8 bytes, in path order."""
    paths = sorted(glob.glob(os.path.join(gold_dir, "**", "*.tml"), recursive=True))
    docs = []
    for path in paths:
        text_el = ET.parse(path).getroot().find("TEXT")
        if text_el is None:
            continue
        text = "".join(text_el.itertext()).strip()
        if text:
            docs.append(text.encode("utf-8"))
    return docs


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: make_text.py GOLD_DIR OUT_FILE MB\n")
        return 2
    gold_dir, out_file = argv[1], argv[2]
    try:
        target = int(float(argv[3]) * 1000000)
    except ValueError:
        sys.stderr.write("make_text.py: MB: '%s' is not a number\n" % argv[3])
        return 2
    if target <= 0:
        sys.stderr.write("make_text.py: MB must be positive\n")
        return 2
    if not os.path.isdir(gold_dir):
        sys.stderr.write("make_text.py: %s: not a folder\n" % gold_dir)
        return 1
    docs = gold_documents(gold_dir)
    if not docs:
        sys.stderr.write("make_text.py: %s: no .tml documents with a TEXT\n" % gold_dir)
        return 1

    tmp_text, tmp_idx = out_file + ".tmp", out_file + ".idx.tmp"
    size = 0
    ndocs = 0
    with open(tmp_text, "wb") as out, open(tmp_idx, "w") as idx:
        while size < target:
            for doc in docs:
                if size:
                    out.write(SEPARATOR)
                    size += len(SEPARATOR)
                out.write(doc)
                idx.write("%d %d\n" % (size, len(doc)))
                size += len(doc)
                ndocs += 1
                if size >= target:
                    break
        out.write(b"\n")
        size += 1
    os.replace(tmp_idx, out_file + ".idx")
    os.replace(tmp_text, out_file)
    sys.stderr.write("make_text.py: %s: %d bytes, %d documents (%d distinct)\n"
                     % (out_file, size, ndocs, len(docs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
