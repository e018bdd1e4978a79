#!/usr/bin/env python3
"""Checks the judged experts against the corpus: for every row of
experts.tsv, counts the papers of the author key whose title or abstract
matches the topic's pattern (patterns.tsv, case-insensitive regex) and
compares with the topic_papers column; every judged key needs >= 3.
Keys are folded as common/names.c does (case, diacritics, runs of other
characters -> one space, apostrophes dropped).
    bench/experts/count.py ../shared/data/mlanthology.jsonl.gz"""
import collections, gzip, json, os, re, sys, unicodedata

def key(name):
    s = unicodedata.normalize('NFKD', name.casefold())
    s = ''.join(c for c in s if not unicodedata.combining(c)).replace("'", '').replace('\u2019', '')
    return ' '.join(w for w in re.split(r'[^0-9a-z\u00c0-\uffff]+', s) if w)

here = os.path.dirname(os.path.abspath(__file__))
pats = dict(l.rstrip('\n').split('\t') for l in open(os.path.join(here, 'patterns.tsv')))
rows = [l.rstrip('\n').split('\t') for l in open(os.path.join(here, 'experts.tsv'))][1:]
want = collections.defaultdict(set)
for r in rows:
    want[r[4]].add(r[0])
count = collections.Counter()
total = collections.Counter()
with gzip.open(sys.argv[1], 'rt') as f:
    for line in f:
        d = json.loads(line)
        text = (d.get('title') or '', d.get('abstract') or '')
        for k in {key(n) for n in d.get('author_names') or []}:
            if k in want:
                total[k] += 1
                for qid in want[k]:
                    if re.search(pats[qid], text[0], re.I) or re.search(pats[qid], text[1], re.I):
                        count[qid, k] += 1
bad = 0
for r in rows:
    qid, k, c, n = r[0], r[4], int(r[5]), int(r[6])
    if count[qid, k] != c or total[k] != n or c < 3:
        print(f'{qid} {k}: {count[qid, k]}/{total[k]} papers, experts.tsv says {c}/{n}')
        bad += 1
print(f'{len(rows)} judgments, {bad} differ')
sys.exit(1 if bad else 0)
