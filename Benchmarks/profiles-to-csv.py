#!/usr/bin/env python3
"""JSON Lines profiles (as `cxm-bench --emit-profiles N` prints them) to a survey CSV for
`cxm batch`: one column per key seen in the first 1,000 rows, lists joined by ';' (an empty one as
`none`, so that the CSV holds the same profiles as the JSON Lines).

    swift run -c release cxm-bench --emit-profiles 1000000 > p1m.jsonl
    python3 Benchmarks/profiles-to-csv.py p1m.jsonl p1m.csv
    /usr/bin/time -v .build/release/cxm batch p1m.csv --format csv > /dev/null
"""
import csv
import itertools
import json
import sys

source, target = sys.argv[1], sys.argv[2]
with open(source) as lines:
    head = [json.loads(line) for line in itertools.islice(lines, 1000)]
keys = list(dict.fromkeys(key for row in head for key in row))


def cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(map(str, value)) if value else "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


with open(source) as lines, open(target, "w", newline="") as out:
    writer = csv.writer(out)
    writer.writerow(keys)
    for line in lines:
        row = json.loads(line)
        writer.writerow([cell(row.get(key)) for key in keys])
