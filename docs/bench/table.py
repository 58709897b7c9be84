#!/usr/bin/env python3
"""Renders a `qise bench --json` report as the Markdown table in the README.

Usage: python3 docs/bench/table.py docs/bench/<file>.json [strange-16.json]

The qulacs column holds the figures the fast-engine issue quotes for qulacs (double precision,
2 threads, built from source on a machine of this kind); they are not measured by the run.
"""
import json
import sys

QULACS = {("qft", 24): 3.66, ("qft", 26): 18.4, ("qcbm", 24): 5.64, ("qcbm", 26): 23.8,
          ("random", 24): 5.07, ("random", 26): 21.1}


def seconds(s, single):
    text = f"{s * 1e3:.1f} ms" if s < 1 else f"{s:.2f} s"
    return text + (" per gate" if single else "")


def rows(report):
    for r in report["results"]:
        single = r["workload"] in ("h", "u3", "cx")
        exact = f"{r['exact_engine_speedup']:.0f}×" if "exact_engine_speedup" in r else "–"
        strange = f"{r['strange_speedup']:.0f}×" if "strange_speedup" in r else "–"
        q = QULACS.get((r["workload"], r["qubits"])) if r["threads"] == 2 else None
        qulacs = f"{q:.2f} s (QISE {q / r['seconds']:.1f}× faster)" if q else ""
        yield (f"| {r['workload']} | {r['qubits']} | {r['threads']} | {r['gates']} | {seconds(r['seconds'], single)} "
               f"| {r['effective_gbs']:.1f} | {r['bandwidth_fraction']:.2f} | {exact} | {strange} | {qulacs} |")


def main():
    print("| workload | n | threads | gates | seconds | effective GB/s | of bandwidth | × exact engine | × Strange "
          "| qulacs (2 threads, issue's table) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in sys.argv[1:]:
        with open(path) as f:
            for line in rows(json.load(f)):
                print(line)


if __name__ == "__main__":
    main()
