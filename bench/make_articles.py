#!/usr/bin/env python3
"""make_articles.py CORPUS OUT_DIR N - N generated articles for the scale benchmark (issue 7).

Each article is a title line and 4 to 9 sentences drawn from the sample corpus, with every year
shifted by the same random offset (so dates stay coherent within an article), and a publication
date in OUT_DIR/index.tsv shifted likewise. A fixed seed makes the same articles every time.
Articles go into 100 subfolders of OUT_DIR (each with its own index.tsv), so no folder holds
more than N/100 files.
"""
import os
import random
import re
import sys

YEAR = re.compile(r"\b(19[4-9]\d|20[0-3]\d)\b")


def sentences(corpus):
    out = []
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".txt"):
            continue
        text = open(os.path.join(corpus, name), encoding="utf-8").read()
        for para in text.split("\n"):
            for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", para.strip()):
                if len(s) > 40 and s.endswith((".", "!", "?", "”", '"')):
                    out.append(s)
    return out


def main(corpus, out_dir, n):
    rng = random.Random(20261122)
    pool = sentences(corpus)
    shards = 100
    manifests = []
    for k in range(shards):
        d = os.path.join(out_dir, "%02d" % k)
        os.makedirs(d, exist_ok=True)
        m = open(os.path.join(d, "index.tsv"), "w", encoding="utf-8")
        m.write("file\ttitle\tsource\tdct\tdct_status\tdoctype\turl\n")
        manifests.append(m)
    for i in range(n):
        shift = rng.randint(-20, 4)
        body = " ".join(rng.sample(pool, rng.randint(4, 9)))
        body = YEAR.sub(lambda m: str(int(m.group(1)) + shift), body)
        year = 2023 + shift + rng.randint(0, 3)
        dct = "%04d-%02d-%02d" % (year, rng.randint(1, 12), rng.randint(1, 28))
        name = "a%06d.txt" % i
        title = "Generated article %d" % i
        k = i % shards
        with open(os.path.join(out_dir, "%02d" % k, name), "w", encoding="utf-8") as f:
            f.write(title + "\n\n" + body + "\n")
        manifests[k].write("%s\t%s\tbench\t%s\tread\tnews\t\n" % (name, title, dct))
    for m in manifests:
        m.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
