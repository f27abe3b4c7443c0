#!/usr/bin/env python3
"""The chapter notes' figures: measure, keep the data, draw the SVG (python3 standard library only).

  plots.py list                                   the figures, and the program behind each
  plots.py programs                               the programs the figures need (for CMake)
  plots.py captions --root R                      the stamp sentence of each figure, for the notes
  plots.py check --root R                         every chapter's notes show a figure that has its data
                                                  beside it and an entry here (the docs-lint CTest)
  plots.py measure --root R --bin B [options]     run those programs on this machine (or take their
                                                  output from hpc_docs.py measure's folder: --from DIR),
                                                  then write, per figure, chapters/NN-topic/figures/
                                                  NAME.csv (the data), NAME.json (machine, commands,
                                                  load) and NAME.svg
  plots.py draw --root R [--only REGEX]           redraw every SVG from its committed CSV and JSON

Both `measure` and `draw` also rewrite the stamp paragraph under each figure in the notes (the lines after
`<!-- figure-stamp: NAME -->`), so the notes name the machine that measured what the figure shows.

The docs build runs `measure` in the targets `figures` (python3 only) and `measurements`; see
docs/CMakeLists.txt. Every figure says in its footer which machine, compiler and date measured it, and
how busy the machine was: a chart measured while other programs held the cores says so.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, str(Path(__file__).resolve().parent))
from svgplot import Axis, Series, bar_chart, fmt_number, line_chart  # noqa: E402

# --------------------------------------------------------------------------------------------------
# Reading what the programs print
# --------------------------------------------------------------------------------------------------

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def benchmark_runs(data: dict, prefer=("median", "mean")) -> dict[str, dict]:
    """Google Benchmark JSON -> {run name: run}: the first aggregate in `prefer` when the program ran
    with repetitions, else the single run. Complexity fits (BigO, RMS) are left out."""
    runs: dict[str, dict] = {}
    rank: dict[str, int] = {}
    for r in data.get("benchmarks", []):
        name = r.get("run_name", r.get("name", ""))
        if r.get("run_type") == "aggregate":
            agg = r.get("aggregate_name", "")
            if agg not in prefer:
                continue
            k = prefer.index(agg)
        elif r.get("run_type", "iteration") == "iteration" and not r.get("error_occurred"):
            k = len(prefer)
        else:
            continue
        if name not in rank or k < rank[name]:
            runs[name], rank[name] = r, k
    return runs


def ns(run: dict, which: str = "real_time") -> float:
    return float(run[which]) * UNIT_NS.get(run.get("time_unit", "ns"), 1.0)


def markdown_tables(text: str) -> list[list[dict[str, str]]]:
    """Every Markdown table in a demo's output, as rows of {header: cell}. A header that repeats
    (two "speed-up" columns) gets the group of the nearest "group: ..." header before it as a prefix:
    "global lock: wall (ms)" followed by "speed-up" gives the key "global lock: speed-up"."""
    tables, lines = [], text.splitlines()
    i = 0
    while i + 1 < len(lines):
        if lines[i].lstrip().startswith("|") and re.match(r"^\s*\|[\s:|-]+\|\s*$", lines[i + 1]):
            header = [c.strip() for c in lines[i].strip().strip("|").split("|")]
            repeated = {h for h in header if header.count(h) > 1}
            keys, group = [], ""
            for h in header:
                if ":" in h:
                    group = h.split(":", 1)[0]
                keys.append(f"{group}: {h}" if h in repeated else h)
            rows, j = [], i + 2
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                cells = [c.strip() for c in lines[j].strip().strip("|").split("|")]
                rows.append(dict(zip(keys, cells)))
                j += 1
            tables.append(rows)
            i = j
        else:
            i += 1
    return tables


def number(cell: str) -> float:
    """'1.96x' -> 1.96, '5,702,887' -> 5702887.0"""
    m = re.search(r"-?[\d,]*\.?\d+(?:e[-+]?\d+)?", cell)
    if not m:
        raise ValueError(f"no number in table cell {cell!r}")
    return float(m.group(0).replace(",", ""))


# --------------------------------------------------------------------------------------------------
# The figures. Each names the programs it runs (with their arguments), turns their output into rows
# (the CSV), and draws the rows. `draw` only ever sees the rows, so a redraw from the committed CSV and
# a fresh measurement draw the same picture.
# --------------------------------------------------------------------------------------------------


@dataclass
class Run:
    program: str
    args: list[str] = field(default_factory=list)

    @property
    def is_benchmark(self) -> bool:
        return "_bench_" in self.program


@dataclass
class Figure:
    chapter: str                      # folder under chapters/
    name: str                         # file stem in chapters/NN-topic/figures/
    title: str
    runs: list[Run]
    extract: Callable[[list], list[dict]]  # outputs of the runs (JSON dict or stdout text) -> rows
    draw: Callable[[list[dict], dict], str]  # rows, measurement record (the JSON) -> SVG text


def evolve_rows(outputs) -> list[dict]:
    runs = benchmark_runs(outputs[0], prefer=("min", "median", "mean"))
    variants = [("BM_Evolve", "evolve (given: pow)"), ("BM_EvolveParticlesOuterPow", "book's loop swap, pow"),
                ("BM_EvolveParticlesOuterSqrt", "book's loop swap, sqrt"),
                ("BM_EvolveFast", "evolve_fast (lab reference)"),
                ("BM_EvolveClosedForm", "evolve_closed_form (lab reference)")]
    rows = []
    for particles in (100, 1000):
        base = ns(runs[f"BM_Evolve/{particles}"], "cpu_time")
        for bench, label in variants:
            t = ns(runs[f"{bench}/{particles}"], "cpu_time")
            rows.append({"variant": label, "benchmark": f"{bench}/{particles}", "particles": particles,
                         "ms_per_evolve": round(t / 1e6, 4),
                         "ns_per_particle_step": round(t / (particles * 10_000), 5),
                         "speedup_vs_evolve": round(base / t, 3)})
    return rows


def evolve_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    variants = list(dict.fromkeys(r["variant"] for r in rows))
    groups = []
    for particles in ("100", "1000"):
        by = {r["variant"]: r for r in rows if str(r["particles"]) == particles}
        groups.append((f"{int(particles):,} particles", [float(by[v]["ns_per_particle_step"]) for v in variants]))
    speed = {(str(r["particles"]), r["variant"]): float(r["speedup_vs_evolve"]) for r in rows}

    def label(v, g, c):
        s = speed[(("100", "1000")[g], variants[c])]
        return f"{v:.3g} ns ({s:.3g}x)" if s < 100 else f"{v:.2g} ns ({s:,.0f}x)"
    return bar_chart("evolve(0.1): nanoseconds per particle-step (CPU time; speed-up over evolve)", footer,
                     variants, groups, Axis("ns per particle and time step (log scale)", log=True, fmt=fmt_ns),
                     label=label)


def fmt_ns(v: float) -> str:
    return f"{v:g}" if v < 1000 else f"{v / 1000:g} µs"


COMPLEXITY_SERIES = [
    # (benchmark, label, marker)
    ("BM_ReadMiddle<std::list<int>>", "std::list: read the middle (O(N))", "circle"),
    ("BM_VectorPopFront", "std::vector: erase the front (O(N))", "square"),
    ("BM_Find", "std::find in a sorted vector (O(N))", "triangle"),
    ("BM_LowerBound", "std::lower_bound (O(log N))", "diamond"),
    ("BM_ReadMiddle<std::deque<int>>", "std::deque: read the middle (O(1))", "circle"),
    ("BM_DequePopFront", "std::deque: pop the front (O(1))", "square"),
]


def complexity_rows(outputs) -> list[dict]:
    runs = {**benchmark_runs(outputs[0]), **benchmark_runs(outputs[1])}
    rows = []
    for bench, label, _ in COMPLEXITY_SERIES:
        for name, r in runs.items():
            m = re.fullmatch(re.escape(bench) + r"/(\d+)", name)
            if m:
                rows.append({"operation": label, "benchmark": name, "n": int(m.group(1)),
                             "ns_per_operation": round(ns(r, "cpu_time"), 4)})
    rows.sort(key=lambda r: ([b for b, _, _ in COMPLEXITY_SERIES].index(r["benchmark"].rsplit("/", 1)[0]), r["n"]))
    return rows


def complexity_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    series = []
    for _, label, marker in COMPLEXITY_SERIES:
        pts = sorted((float(r["n"]), float(r["ns_per_operation"])) for r in rows if r["operation"] == label)
        if pts:
            series.append(Series(label, pts, marker=marker))
    return line_chart("Time per operation against N (log-log): the slope is the complexity class", footer,
                      Axis("N, elements in the container (log scale)", log=True),
                      Axis("ns per operation (log scale)", log=True, fmt=fmt_ns), series,
                      notes=["slope 1: O(N); flat: O(1);", "nearly flat: O(log N)"])


def global_lock_rows(outputs) -> list[dict]:
    table = next(t for t in markdown_tables(outputs[0]) if t and "threads" in t[0])
    return [{"threads": int(number(r["threads"])),
             "no_lock_wall_ms": number(r["no lock: wall (ms)"]),
             "no_lock_speedup": number(r["no lock: speed-up"]),
             "global_lock_wall_ms": number(r["global lock: wall (ms)"]),
             "global_lock_speedup": number(r["global lock: speed-up"])} for r in table]


def global_lock_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    cores = meta["machine"].get("cores")
    threads = [int(r["threads"]) for r in rows]
    cores = cores or 2
    top = max(threads)
    ideal = [(1, 1.0), (cores, float(cores)), (top, float(cores))] if top > cores else [(1, 1.0), (top, float(top))]
    series = [Series("no lock: every thread computes its own fib(34)",
                     [(t, float(r["no_lock_speedup"])) for t, r in zip(threads, rows)]),
              Series("one global lock (a toy GIL) around the work",
                     [(t, float(r["global_lock_speedup"])) for t, r in zip(threads, rows)], marker="square"),
              Series(f"the most {cores} cores allow", ideal, colour="#888888", dash="6 4", marker=None, width=1.5)]
    return line_chart("fib(34) on N threads: throughput against one thread", footer,
                      Axis("threads", ticks=threads, lo=0.5, hi=top + 0.5),
                      Axis("speed-up over one thread", lo=0, hi=max(2.5, cores + 0.5)), series)


POOL_VARIANTS = [("BM_ThreadPerTask", "a new std::thread per task"),
                 ("BM_ThreadPool", "lab ThreadPool, 2 workers, a future per task"),
                 ("BM_TbbTaskGroup", "oneTBB task_group")]


def pool_rows(outputs) -> list[dict]:
    runs = benchmark_runs(outputs[0])
    rows = []
    for bench, label in POOL_VARIANTS:
        for name, r in runs.items():
            m = re.fullmatch(re.escape(bench) + r"/(\d+)(?:/real_time)?", name)
            if m and r.get("items_per_second"):
                rows.append({"way": label, "benchmark": name, "tasks": int(m.group(1)),
                             "ns_per_task": round(1e9 / float(r["items_per_second"]), 2)})
    return rows


def pool_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    ways = [label for _, label in POOL_VARIANTS]
    groups = []
    for tasks in sorted({int(r["tasks"]) for r in rows}):
        by = {r["way"]: float(r["ns_per_task"]) for r in rows if int(r["tasks"]) == tasks}
        groups.append((f"{tasks:,} tasks per batch", [by.get(w) for w in ways]))
    return bar_chart("Cost of one tiny task: new thread, thread pool, oneTBB (wall time)", footer, ways, groups,
                     Axis("ns per task (log scale)", log=True, fmt=fmt_ns),
                     label=lambda v, g, c: f"{v:,.0f} ns" if v < 1e4 else f"{v / 1000:.3g} µs")


SHARING_VARIANTS = [("BM_Unpadded", "own counters, one cache line (false sharing)"),
                    ("BM_Padded", "own counters, padded to 64 bytes"),
                    ("BM_OneSharedAtomic", "one shared atomic (true sharing)"),
                    ("BM_LabShardedCounter", "lab ShardedCounter (padded slots)")]


def sharing_rows(outputs) -> list[dict]:
    runs = benchmark_runs(outputs[0])
    rows = []
    for bench, label in SHARING_VARIANTS:
        for threads in (1, 2):
            r = runs[f"{bench}/real_time/threads:{threads}"]
            rows.append({"counters": label, "benchmark": f"{bench}/real_time/threads:{threads}", "threads": threads,
                         "ns_per_add_wall": round(1e9 / float(r["items_per_second"]), 3)})
    return rows


def sharing_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    kinds = [label for _, label in SHARING_VARIANTS]
    groups = []
    for threads in (1, 2):
        by = {r["counters"]: float(r["ns_per_add_wall"]) for r in rows if int(r["threads"]) == threads}
        groups.append((f"{threads} thread{'s' if threads > 1 else ''}: wall ns per add (all threads' adds)",
                       [by[k] for k in kinds]))
    return bar_chart("Relaxed fetch_add on a counter: 1 and 2 threads (shorter is faster)", footer, kinds, groups,
                     Axis("wall-clock ns per add"), label=lambda v, g, c: f"{v:.2f} ns")


RW_LOCKS = ["std::mutex", "std::shared_mutex", "WriterPreferringLock", "FairSharedLock"]
RW_SHOWN_MIXES = (50, 99)


def rw_rows(outputs) -> list[dict]:
    runs = benchmark_runs(outputs[0])
    rows = []
    for name, r in runs.items():
        m = re.fullmatch(r"(.+)/read%:(\d+)/real_time/threads:(\d+)", name)
        if m and m.group(1) in RW_LOCKS and r.get("items_per_second"):
            rows.append({"lock": m.group(1), "read_percent": int(m.group(2)), "threads": int(m.group(3)),
                         "benchmark": name, "ns_per_operation": round(1e9 / float(r["items_per_second"]), 2)})
    rows.sort(key=lambda r: (RW_LOCKS.index(r["lock"]), r["read_percent"], r["threads"]))
    return rows


def rw_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    cats = [(lock, mix) for mix in RW_SHOWN_MIXES for lock in RW_LOCKS]
    by = {(r["lock"], int(r["read_percent"]), int(r["threads"])): float(r["ns_per_operation"]) for r in rows}
    groups = [(f"{t} thread{'s' if t > 1 else ''}", [by.get((lock, mix, t)) for lock, mix in cats])
              for t in sorted({int(r["threads"]) for r in rows})]
    return bar_chart("One lock around a 256-number table: ns per operation (shorter is faster)", footer,
                     [f"{lock}, {mix}% reads" for lock, mix in cats], groups,
                     Axis("wall-clock ns per operation, all threads together (log scale)", log=True, fmt=fmt_ns),
                     label=lambda v, g, c: f"{v:,.0f} ns")


def amdahl_rows(outputs) -> list[dict]:
    """ch05_demo_amdahl: measured speed-up per worker count, the Amdahl curve fitted to it, the book's."""
    table = next(t for t in markdown_tables(outputs[0]) if t and "workers" in t[0])
    fitted = re.search(r"B = ([0-9.]+)", outputs[0])
    return [{"workers": int(number(r["workers"])), "took_s": number(r["took (s)"]),
             "speedup": number(r["speed-up"]), "amdahl_fit": number(r["Amdahl fit"]),
             "ideal": number(r["ideal"]), "fitted_serial_fraction": float(fitted.group(1)) if fitted else "",
             "book_speedup": number(r["book speed-up"]) if r.get("book speed-up") else ""} for r in table]


def amdahl_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    cores = meta["machine"].get("cores") or 2
    workers = [int(r["workers"]) for r in rows]
    b = float(rows[0]["fitted_serial_fraction"] or 0)
    # The fitted law as a curve between the measured points: processors = min(workers, cores).
    curve = [(w / 10, 1 / (b + (1 - b) / min(w / 10, cores))) for w in range(10, 10 * max(workers) + 1)]
    series = [Series("measured: primes from 10^13, one task per number", [(w, float(r["speedup"]))
                                                                           for w, r in zip(workers, rows)]),
              Series(f"Amdahl's law fitted: serial fraction B = {b:.3f}", curve, dash="6 4", marker=None),
              Series(f"ideal: one worker per core ({cores} cores)", [(w, float(r["ideal"])) for w, r in zip(workers, rows)],
                     colour="#888888", dash="2 3", marker=None, width=1.5)]
    book = [(w, float(r["book_speedup"])) for w, r in zip(workers, rows) if r.get("book_speedup") not in ("", None)]
    if book:
        series.append(Series("the book (CPython processes, its author's machine)", book, marker="square"))
    top = max(max(p[1] for s in series for p in s.points), float(cores))
    return line_chart("Speed-up against one worker, with the Amdahl fit", footer,
                      Axis("workers (threads)", ticks=workers, lo=0.5, hi=max(workers) + 0.5),
                      Axis("speed-up over one worker", lo=0, hi=top + 0.5), series,
                      notes=[f"past {cores} workers the threads", "share the cores: no gain"])


IN_FLIGHT_WAYS = [("one thread per request (req/s)", "thread_per_request_rps", "one thread per request (ping_threaded)"),
                  ("at most N in flight (req/s)", "at_most_n_rps", "at most N in flight (ping_rate_limited)"),
                  ("curl multi (req/s)", "curl_multi_rps", "curl multi, one thread (ping_multi)")]


def in_flight_rows(outputs) -> list[dict]:
    """ch07_demo_sweep: requests per second by requests in flight, per client, and the ideal N / latency."""
    table = next(t for t in markdown_tables(outputs[0]) if t and "in flight" in t[0])
    latency = re.search(r"waits (\d+) ms", outputs[0])
    rows = []
    for r in table:
        row = {"in_flight": int(number(r["in flight"])), "latency_ms": int(latency.group(1)) if latency else ""}
        row.update({key: number(r[column]) for column, key, _ in IN_FLIGHT_WAYS})
        row["ideal_rps"] = number(r["ideal (req/s)"])
        rows.append(row)
    return rows


def in_flight_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    counts = [int(r["in_flight"]) for r in rows]
    series = [Series(label, [(n, float(r[key])) for n, r in zip(counts, rows)], marker=marker)
              for (_, key, label), marker in zip(IN_FLIGHT_WAYS, ("circle", "square", "triangle"))]
    series.append(Series("ideal: N requests per latency", [(n, float(r["ideal_rps"])) for n, r in zip(counts, rows)],
                         colour="#888888", dash="6 4", marker=None, width=1.5))
    latency = rows[0].get("latency_ms") or "?"
    return line_chart(f"Requests per second against requests in flight (server latency {latency} ms)", footer,
                      Axis("requests in flight, N (log scale)", log=True, ticks=counts),
                      Axis("requests per second (log scale)", log=True), series,
                      notes=["waiting overlaps: the rate grows", "with N until the 2 cores are busy"])


IPC_WAYS = [("BM_PipeThroughput", "pipe (write/read, through the kernel)", "circle"),
            ("BM_ShmThroughput", "shared-memory ring (mmap MAP_SHARED, no system call)", "square")]


def ipc_rows(outputs) -> list[dict]:
    """ch08_bench_processes: MB/s from this process to a child by message size, pipe and shared memory."""
    runs = benchmark_runs(outputs[0])
    rows = []
    for bench, label, _ in IPC_WAYS:
        for name, r in runs.items():
            m = re.fullmatch(re.escape(bench) + r"/message_bytes:(\d+)(?:/real_time)?", name)
            if m and r.get("bytes_per_second"):
                rows.append({"way": label, "benchmark": name, "message_bytes": int(m.group(1)),
                             "mb_per_s": round(float(r["bytes_per_second"]) / 1e6, 1)})
    rows.sort(key=lambda r: ([w[1] for w in IPC_WAYS].index(r["way"]), r["message_bytes"]))
    return rows


def ipc_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    sizes = sorted({int(r["message_bytes"]) for r in rows})
    series = [Series(label, [(int(r["message_bytes"]), float(r["mb_per_s"])) for r in rows if r["way"] == label],
                     marker=marker) for _, label, marker in IPC_WAYS]
    return line_chart("Passing 4 MiB to a child process: MB/s by message size", footer,
                      Axis("message size in bytes (log scale)", log=True, ticks=sizes,
                           fmt=lambda v: f"{v / 2**20:g} MiB" if v >= 2**20 else f"{v / 1024:g} KiB" if v >= 1024
                           else f"{v:g} B"),
                      Axis("MB/s (log scale)", log=True), series,
                      notes=["small messages: a system call", "per message dominates the pipe"])


# Chapter 09: the book's examples 5 and 6 (parent reads every tile first, or each worker reads its own).
PIPELINE_WAYS = [("threads, parent reads", "ex5"), ("threads, workers read", "ex6"),
                 ("processes, parent reads", "ex5_processes"), ("processes, workers read", "ex6_processes"),
                 ("oneTBB, parent reads", "ex5_tbb"), ("oneTBB, workers read", "ex6_tbb")]


def pipeline_rows(outputs) -> list[dict]:
    """ch09_demo_pipeline: ms for all tiles by worker count on tmpfs and on disk (every way the demo runs),
    the plain loop and its decoding share per place, and the book's seconds."""
    text = outputs[0]
    tables = [t for t in markdown_tables(text) if t and "workers" in t[0]]
    by_place = [t for t in tables if "threads, parent reads (ms)" in t[0]]
    book = next(t for t in tables if "book ex. 5 (s)" in t[0])
    serial = re.findall(r"plain loop, no workers: ([0-9.]+) ms, of which decoding the tiles: ([0-9.]+) ms", text)
    rows = []
    for i, r in enumerate(book):
        row = {"workers": int(number(r["workers"]))}
        for place, table, (loop_ms, decode_ms) in zip(("tmpfs", "disk"), by_place, serial):
            for way, key in PIPELINE_WAYS:
                row[f"{place}_{key}_ms"] = number(table[i][f"{way} (ms)"])
            row[f"{place}_plain_loop_ms"], row[f"{place}_decoding_ms"] = float(loop_ms), float(decode_ms)
        row["book_ex5_s"] = number(r["book ex. 5 (s)"]) if r["book ex. 5 (s)"] else ""
        row["book_ex6_s"] = number(r["book ex. 6 (s)"]) if r["book ex. 6 (s)"] else ""
        rows.append(row)
    return rows


def pipeline_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    workers = [int(r["workers"]) for r in rows]

    def speedup(key, marker, label, **style):
        base = float(rows[0][key])
        return Series(label, [(w, base / float(r[key])) for w, r in zip(workers, rows) if r[key] not in ("", None)],
                      marker=marker, **style)
    series = [speedup("tmpfs_ex6_ms", "circle", "ours, ex. 6 (workers read), threads, tmpfs"),
              speedup("tmpfs_ex5_ms", "square", "ours, ex. 5 (parent reads), threads, tmpfs"),
              speedup("disk_ex6_ms", "triangle", "ours, ex. 6, threads, on disk"),
              speedup("book_ex6_s", "circle", "the book, ex. 6 (Python processes)", dash="6 4"),
              speedup("book_ex5_s", "square", "the book, ex. 5 (Python processes)", dash="6 4")]
    top = max(p[1] for s in series for p in s.points)
    return line_chart("400 tiles read, thresholded and written: speed-up against 1 worker", footer,
                      Axis("workers", ticks=workers, lo=0.5, hi=max(workers) + 0.5),
                      Axis("speed-up over one worker", lo=0, hi=top + 0.5), series,
                      notes=["the parent's decoding is", "the serial part (Amdahl)"])


KERNEL_WAYS = [("ours serial", "ours_serial"), ("ours parallel", "ours_parallel"),
               ("OpenCV 1 thread", "opencv_1_thread"), ("OpenCV all threads", "opencv_all_threads")]


def kernels_rows(outputs) -> list[dict]:
    """ch09_demo_kernels: MPixel/s per kernel, image size and way (ours or OpenCV's, one or all threads)."""
    table = next(t for t in markdown_tables(outputs[0]) if t and "kernel" in t[0])
    rows = []
    for r in table:
        row = {"kernel": r["kernel"], "size": r["size (cols x rows)"]}
        row.update({key: number(r[column]) for column, key in KERNEL_WAYS})
        rows.append(row)
    return rows


def kernels_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    sizes = [r["size"] for r in rows]
    size = "1577 x 1118" if "1577 x 1118" in sizes else sizes[-1]  # the book's ship, when measured
    shown = [r for r in rows if r["size"] == size]
    groups = [(column, [float(r[key]) for r in shown]) for column, key in KERNEL_WAYS]
    return bar_chart(f"Image kernels on a {size} image: megapixels per second (longer is faster)", footer,
                     [r["kernel"] for r in shown], groups, Axis("MPixel/s (log scale)", log=True),
                     label=lambda v, g, c: f"{v:,.0f}")


# Chapter 10: 50 downloads from a server that waits before each answer, against transfers in flight.
DOWNLOADS_TOTAL = 50  # bench/bench_downloads.cpp's kDownloads


def downloads_rows(outputs) -> list[dict]:
    """ch10_bench_downloads: ms for 50 downloads by transfers in flight on one event loop, the
    one-at-a-time baseline beside each, and the ideal ceil(50 / N) x latency."""
    runs = benchmark_runs(outputs[0])
    baseline = next(r for name, r in runs.items() if name.startswith("BM_DownloadsOneAtATime"))
    rows = []
    for name, r in runs.items():
        m = re.fullmatch(r"BM_DownloadsOneLoop/in_flight:(\d+)(?:/real_time)?", name)
        if m:
            n, latency = int(m.group(1)), float(r.get("latency_ms", 0))
            rows.append({"in_flight": n, "latency_ms": int(latency), "one_loop_ms": round(ns(r) / 1e6, 2),
                         "one_at_a_time_ms": round(ns(baseline) / 1e6, 2),
                         "ideal_ms": round(-(-DOWNLOADS_TOTAL // n) * latency, 2)})
    rows.sort(key=lambda r: r["in_flight"])
    return rows


def downloads_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    counts = [int(r["in_flight"]) for r in rows]
    series = [Series("one event loop, download_all (max_concurrent = N)",
                     [(n, float(r["one_loop_ms"])) for n, r in zip(counts, rows)], marker="circle"),
              Series("one at a time (libcurl easy in a loop)",
                     [(n, float(r["one_at_a_time_ms"])) for n, r in zip(counts, rows)], marker=None, dash="2 3"),
              Series("ideal: ceil(50 / N) waits of the latency",
                     [(n, float(r["ideal_ms"])) for n, r in zip(counts, rows)],
                     colour="#888888", dash="6 4", marker=None, width=1.5)]
    latency = rows[0].get("latency_ms") or "?"
    return line_chart(f"50 downloads against transfers in flight (server waits {latency} ms per request)", footer,
                      Axis("transfers in flight, N (log scale)", log=True, ticks=counts),
                      Axis("ms for all 50 (log scale)", log=True), series,
                      notes=["one thread: the waits overlap,", "the loop only starts and ends transfers"])


# Chapter 12: the element-wise kernels on the CPU, GB/s against the array length (a measured roofline).
ELEMENTWISE_SERIES = [
    # (kernel, way, label, colour, marker, dash): saxpy in dark colours, exp(x)+exp(y) in light ones
    ("Saxpy", "serial", "saxpy, serial loop", "#4477AA", "circle", None),
    ("Saxpy", "openmp", "saxpy, OpenMP (all cores)", "#EE6677", "square", None),
    ("Saxpy", "thrust_omp", "saxpy, Thrust on OpenMP", "#228833", "triangle", "2 3"),
    ("Expon", "serial", "exp(x)+exp(y), serial loop", "#66CCEE", "circle", None),
    ("Expon", "openmp", "exp(x)+exp(y), OpenMP (all cores)", "#AA3377", "square", None),
    ("Expon", "thrust_omp", "exp(x)+exp(y), Thrust on OpenMP", "#CCBB44", "triangle", "2 3"),
]


def elementwise_rows(outputs) -> list[dict]:
    """ch12_bench_elementwise: GB/s (12 bytes per element) by kernel, way and array length."""
    rows = []
    for name, r in benchmark_runs(outputs[0]).items():
        m = re.fullmatch(r"BM_(Saxpy|Expon)/(\w+)/(\d+)(?:/real_time)?", name)
        if m:
            rows.append({"kernel": m.group(1), "way": m.group(2), "n": int(m.group(3)),
                         "gb_per_s": round(float(r["bytes_per_second"]) / 1e9, 3),
                         "us_per_call": round(ns(r) / 1e3, 3)})
    order = [(k, w) for k, w, *_ in ELEMENTWISE_SERIES]
    rows.sort(key=lambda r: (order.index((r["kernel"], r["way"])), r["n"]))
    return rows


def elementwise_draw(rows, meta) -> str:
    footer = footer_lines(meta)
    series = []
    for kernel, way, label, colour, marker, dash in ELEMENTWISE_SERIES:
        pts = sorted((float(r["n"]), float(r["gb_per_s"]))
                     for r in rows if r["kernel"] == kernel and r["way"] == way)
        if pts:
            series.append(Series(label, pts, colour=colour, marker=marker, dash=dash))
    return line_chart("Element-wise kernels on the CPU: GB/s against array length (12 bytes per element)", footer,
                      Axis("elements per array, n (log scale)", log=True),
                      Axis("GB/s (log scale)", log=True), series,
                      notes=["saxpy: cache, then memory speed;", "exp(x)+exp(y): arithmetic-bound"])


BENCH_REPS = ["--benchmark_repetitions=3", "--benchmark_report_aggregates_only=true"]

FIGURES = [
    Figure("01-profiling", "evolve-variants", "evolve variants, ns per particle-step",
           [Run("ch01_bench_simulator", BENCH_REPS)], evolve_rows, evolve_draw),
    Figure("02-data-structures", "complexity", "time per operation against N, log-log",
           [Run("ch02_bench_containers", BENCH_REPS), Run("ch02_bench_search", BENCH_REPS)],
           complexity_rows, complexity_draw),
    Figure("05-parallel", "amdahl-speedup", "Amdahl primes: speed-up by worker count, with the fitted law",
           [Run("ch05_demo_amdahl")], amdahl_rows, amdahl_draw),
    Figure("06-threads", "global-lock-speedup", "fib threads with and without a global lock: speed-up",
           [Run("ch06_demo_global_lock")], global_lock_rows, global_lock_draw),
    Figure("06-threads", "pool-per-task", "per-task cost: thread per task, pool, oneTBB",
           [Run("ch06_bench_pool", BENCH_REPS)], pool_rows, pool_draw),
    Figure("07-web-requests", "requests-in-flight", "requests per second by requests in flight: threads, limit, multi",
           [Run("ch07_demo_sweep")], in_flight_rows, in_flight_draw),
    Figure("08-processes", "pipe-vs-shm", "pipe vs shared memory: MB/s to a child by message size",
           [Run("ch08_bench_processes", BENCH_REPS + ["--benchmark_filter=Throughput"])], ipc_rows, ipc_draw),
    Figure("09-image-processing", "pipeline-workers", "tiles pipeline: speed-up by workers, parent vs worker reading",
           [Run("ch09_demo_pipeline")], pipeline_rows, pipeline_draw),
    Figure("09-image-processing", "kernels-vs-opencv", "image kernels: ours and OpenCV's, MPixel/s",
           [Run("ch09_demo_kernels")], kernels_rows, kernels_draw),
    Figure("10-async", "downloads-in-flight", "50 downloads: time by transfers in flight on one event loop",
           [Run("ch10_bench_downloads", BENCH_REPS)], downloads_rows, downloads_draw),
    Figure("11-deadlock-starvation-races", "rw-locks", "readers-writers locks: ns per operation",
           [Run("ch11_bench_rw_locks", BENCH_REPS)], rw_rows, rw_draw),
    Figure("11-deadlock-starvation-races", "false-sharing", "false sharing: ns per add, 1 and 2 threads",
           [Run("ch11_bench_false_sharing", BENCH_REPS)], sharing_rows, sharing_draw),
    Figure("12-gpu", "elementwise-bandwidth", "element-wise kernels on the CPU: GB/s by array length",
           [Run("ch12_bench_elementwise", BENCH_REPS)], elementwise_rows, elementwise_draw),
]

# --------------------------------------------------------------------------------------------------
# Machine, files, commands
# --------------------------------------------------------------------------------------------------


def cpu_model() -> str:
    """The model name, with the family and model numbers (a VM often shows only "AMD EPYC")."""
    fields: dict[str, str] = {}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            fields.setdefault(key.strip(), value.strip())
    except OSError:
        pass
    name = fields.get("model name") or platform.processor() or "unknown CPU"
    if "cpu family" in fields and "model" in fields:
        name += f" (family {fields['cpu family']}, model {fields['model']})"
    return name


def cpu_idle_fraction(seconds: float = 3.0) -> float:
    """How idle all CPUs were over the next `seconds` (from /proc/stat): 1.0 is a quiet machine. Unlike
    the load average it does not lag a minute behind."""
    def sample():
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return fields[3] + fields[4], sum(fields[:8])  # idle + iowait, all but guest time
    idle0, total0 = sample()
    time.sleep(seconds)
    idle1, total1 = sample()
    return (idle1 - idle0) / max(total1 - total0, 1)


def cpu_jiffies() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    total = sum(fields[:8])
    return total - fields[3] - fields[4], total


def others_share(before: tuple[int, int, float], after: tuple[int, int, float]) -> float:
    """The share of all CPUs that other programs used between two (busy, total, our children's CPU
    seconds) samples: everything busy minus what our own programs used."""
    ticks = os.sysconf("SC_CLK_TCK")
    busy = (after[0] - before[0]) / ticks
    capacity = max(after[1] - before[1], 1) / ticks
    return max(0.0, min(1.0, (busy - (after[2] - before[2])) / capacity))


def children_cpu_seconds() -> float:
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wait_for_quiet(minutes: float, idle_wanted: float = 0.85) -> float:
    """Waits up to `minutes` for the CPUs to be idle (other programs hold them, so threads cannot run
    at once and speed-ups mean nothing). Returns the last idle fraction seen."""
    deadline = time.monotonic() + 60 * minutes
    idle = cpu_idle_fraction()
    while idle < idle_wanted and time.monotonic() < deadline:
        idle = cpu_idle_fraction()
    return idle


def footer_lines(meta: dict) -> list[str]:
    m = meta["machine"]
    load = meta.get("load_before")
    idle = meta.get("idle_before")
    busy = ""
    if load is not None:
        shared = load >= 0.5 * (m.get("cores") or 1) or (idle is not None and idle < 0.85)
        busy = f"; just before: load average {load:.1f}" + (f", CPUs {idle:.0%} idle" if idle is not None else "")
        others = meta.get("others_cpu_share")
        if others is not None:  # measured over the run itself: it outranks the lagging load average
            shared = round(100 * others) >= 15
            busy += f"; during it other programs used {others:.0%} of the CPUs"
        busy += " (a shared, busy machine)" if shared else " (nearly quiet)"
    programs = ", ".join(c.split()[0] for c in meta["commands"])
    return [f"{m['cpu']}, {m['cores']} logical cores, {m['compiler']} {m.get('build_type', '')}".rstrip(),
            f"measured {meta['date']} by {programs}{busy}"]


def caption(fig: Figure, meta: dict) -> str:
    """The stamp sentence for the notes, from the figure's JSON (so the text and the data agree)."""
    m = meta["machine"]
    text = (f"Measured on {m['cpu']}, {m['cores']} logical cores, {m['compiler']} {m.get('build_type', '')}"
            .rstrip() + f", {meta['date']}, with " + "; ".join(f"`{c}`" for c in meta["commands"]))
    if meta.get("load_before") is not None:
        idle = meta.get("idle_before")
        shared = meta["load_before"] >= 0.5 * (m.get("cores") or 1) or (idle is not None and idle < 0.85)
        text += (f" (niced to {meta['nice']})" if meta.get("nice") else "")
        text += f"; just before, the load average was {meta['load_before']:.1f}"
        text += f" and the CPUs were {idle:.0%} idle" if idle is not None else ""
        others = meta.get("others_cpu_share")
        if others is not None:  # measured over the run itself: it outranks the lagging load average
            shared = round(100 * others) >= 15
            text += f", and during the run other programs used {others:.0%} of the CPUs"
        text += ": the machine was shared with other work" if shared else ": a nearly quiet machine"
    return text + "."


STAMP_MARK = "<!-- figure-stamp: {name} -->"


def stamp_markdown(fig: Figure, meta: dict) -> str:
    """The paragraph under a figure in the notes: its stamp and its data files, wrapped like the notes."""
    text = (f"*{caption(fig, meta)} Data: [{fig.name}.csv](figures/{fig.name}.csv); machine, commands and load: "
            f"[{fig.name}.json](figures/{fig.name}.json).*")
    return "\n".join(textwrap.wrap(text, width=105, break_long_words=False, break_on_hyphens=False))


def stamp_in_notes(root: Path, fig: Figure) -> tuple[Path, list[str], int, int] | None:
    """The notes, their lines, and the [start, end) lines of the paragraph under the figure's stamp
    marker; None when the notes have no marker for it."""
    notes = root / "chapters" / fig.chapter / "README.md"
    lines = notes.read_text(encoding="utf-8").splitlines() if notes.exists() else []
    mark = STAMP_MARK.format(name=fig.name)
    for i, line in enumerate(lines):
        if line.strip() == mark:
            end = i + 1
            while end < len(lines) and lines[end].strip():
                end += 1
            return notes, lines, i + 1, end
    return None


def restamp_notes(root: Path, fig: Figure, meta: dict) -> None:
    found = stamp_in_notes(root, fig)
    if found:
        notes, lines, start, end = found
        lines[start:end] = stamp_markdown(fig, meta).splitlines()
        notes.write_text("\n".join(lines) + "\n", encoding="utf-8")


FIGURE_LINK = re.compile(r"!\[[^\]]*\]\(\s*(figures/[^)\s]+\.svg)\s*\)")


def check_notes(root: Path) -> list[str]:
    """DESIGN.md section 8, rule 6, as far as a program can check it: every chapter's notes show a figure
    from their figures/ folder, each such figure has its data (CSV) and stamp (JSON) beside it, this
    file knows how to measure it again (so the docs build redraws it), the SVG is what that data draws,
    and the stamp paragraph under it in the notes matches the JSON."""
    known = {f"{f.chapter}/figures/{f.name}.svg" for f in FIGURES}
    errors = []
    for notes in sorted(root.glob("chapters/[0-9][0-9]-*/README.md")):
        where = notes.relative_to(root)
        shown = FIGURE_LINK.findall(notes.read_text(encoding="utf-8"))
        if not shown:
            errors.append(f"{where}: shows no figure from {notes.parent.name}/figures/ (DESIGN.md section 8, "
                          "rule 6: add one to docs/build/plots.py, run its `measure`, link the SVG)")
        for svg in shown:
            path = notes.parent / svg
            for data in (path.with_suffix(".csv"), path.with_suffix(".json")):
                if not data.exists():
                    errors.append(f"{where}: figure {svg} has no {data.name} beside it")
            if f"{notes.parent.name}/{svg}" not in known:
                errors.append(f"{where}: figure {svg} is not in docs/build/plots.py's FIGURES, so no build redraws it")
    for fig in FIGURES:
        meta = root / "chapters" / fig.chapter / "figures" / f"{fig.name}.json"
        svg, data = meta.with_suffix(".svg"), meta.with_suffix(".csv")
        if not meta.exists() or not data.exists():
            continue
        if svg.exists() and svg.read_text() != draw_figure(fig, read_csv(data), json.loads(meta.read_text())):
            errors.append(f"{svg.relative_to(root)} is not what its CSV and JSON draw "
                          "(run: docs/build/plots.py draw --root .)")
        found = stamp_in_notes(root, fig)
        if not found:
            continue
        notes, lines, start, end = found
        if lines[start:end] != stamp_markdown(fig, json.loads(meta.read_text())).splitlines():
            errors.append(f"{notes.relative_to(root)}:{start + 1}: the stamp under figure {fig.name} does not match "
                          f"figures/{fig.name}.json (run: docs/build/plots.py draw --root .)")
    return errors


def write_csv(path: Path, rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue())


def read_csv(path: Path) -> list[dict]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def draw_figure(fig: Figure, rows: list[dict], meta: dict) -> str:
    return fig.draw(rows, meta)


def selected(only: str) -> list[Figure]:
    return [f for f in FIGURES if not only or re.search(only, f"{f.chapter}/{f.name}")]


def measure(args) -> int:
    root, bin_dir = Path(args.root).resolve(), Path(args.bin).resolve()
    machine = {"cpu": cpu_model(), "cores": os.cpu_count(), "compiler": args.compiler,
               "build_type": args.build_type, "kernel": platform.release()}
    failures = 0
    from_dir = Path(args.from_dir) if args.from_dir else None
    for fig in selected(args.only):
        missing = [r.program for r in fig.runs if not os.access(bin_dir / r.program, os.X_OK)]
        reused = [earlier_output(from_dir, r) for r in fig.runs] if from_dir else []
        if missing and not (reused and all(reused)):
            print(f"figures: {fig.chapter}/{fig.name}: skipped, not built: {', '.join(missing)}")
            continue
        print(f"figures: {fig.chapter}/{fig.name} ...", end=" ", flush=True)
        meta = {"figure": fig.title, "machine": machine}
        try:
            if reused and all(reused):
                outputs = [o for o, _ in reused]
                meta["commands"] = [c for _, c in reused]
                stamp = json.loads((from_dir / "machine.json").read_text())
                meta["date"] = stamp.get("date", "")
                meta["source"] = f"the measurements target's output ({from_dir})"
            else:
                idle = wait_for_quiet(args.wait_quiet) if args.wait_quiet > 0 else cpu_idle_fraction()
                if args.require_quiet and idle < 0.85:
                    print(f"skipped: the CPUs were only {idle:.0%} idle (--require-quiet)")
                    continue
                meta.update({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                             "commands": [" ".join([r.program] + r.args) for r in fig.runs], "nice": args.nice,
                             "load_before": round(os.getloadavg()[0], 2), "idle_before": round(idle, 3)})
                started = time.monotonic()
                sample = (*cpu_jiffies(), children_cpu_seconds())
                outputs = [run_program(bin_dir, r, args.nice, args.timeout) for r in fig.runs]
                meta.update({"load_after": round(os.getloadavg()[0], 2),
                             "others_cpu_share": round(others_share(sample, (*cpu_jiffies(),
                                                                             children_cpu_seconds())), 3),
                             "seconds": round(time.monotonic() - started, 1)})
            rows = fig.extract(outputs)
        except (subprocess.SubprocessError, OSError, KeyError, ValueError, StopIteration) as e:
            failures += 1
            print(f"FAILED: {e!r}")
            continue
        folder = root / "chapters" / fig.chapter / "figures"
        folder.mkdir(exist_ok=True)
        write_csv(folder / f"{fig.name}.csv", rows)
        (folder / f"{fig.name}.json").write_text(json.dumps(meta, indent=2) + "\n")
        (folder / f"{fig.name}.svg").write_text(draw_figure(fig, rows, meta))
        restamp_notes(root, fig, meta)
        how = (f"{meta['seconds']} s, load {meta['load_before']} -> {meta['load_after']}, "
               f"CPUs {meta['idle_before']:.0%} idle before" if "seconds" in meta else "from the measurements")
        print(f"{how}; wrote {folder.relative_to(root)}/{fig.name}.{{csv,json,svg}}", flush=True)
    return 1 if failures else 0


def earlier_output(from_dir: Path, run: Run):
    """(output, command) of `run.program` from hpc_docs.py measure's folder, or None when it has none."""
    chapter, kind, name = run.program[2:4], run.program.split("_")[1], run.program.split("_", 2)[2]
    work = from_dir / f"ch{chapter}" / f"{kind}_{name}"
    try:
        record = json.loads((work / "run.json").read_text())
        if record.get("status") != "ok":
            return None
        if kind == "bench":
            return json.loads((work / "benchmark.json").read_text()), record["command"]
        return (work / "output.txt").read_text(), record["command"]
    except (OSError, ValueError, KeyError):
        return None


def run_program(bin_dir: Path, run: Run, nice: int, timeout: int):
    cmd = [str(bin_dir / run.program)] + run.args
    with tempfile.TemporaryDirectory(prefix="hpc-figures-") as work:
        if run.is_benchmark:
            out = Path(work) / "benchmark.json"
            cmd += [f"--benchmark_out={out}", "--benchmark_out_format=json"]
        done = subprocess.run(cmd, cwd=work, capture_output=True, text=True, timeout=timeout,
                              preexec_fn=(lambda: os.nice(nice)) if nice else None)
        if done.returncode != 0:
            raise subprocess.SubprocessError(f"{run.program} exited with {done.returncode}: {done.stderr[-500:]}")
        return json.loads(out.read_text()) if run.is_benchmark else done.stdout


def draw(args) -> int:
    root = Path(args.root).resolve()
    count = 0
    for fig in selected(args.only):
        folder = root / "chapters" / fig.chapter / "figures"
        data, meta = folder / f"{fig.name}.csv", folder / f"{fig.name}.json"
        if not data.exists() or not meta.exists():
            print(f"figures: {fig.chapter}/{fig.name}: no data yet (run `plots.py measure`)")
            continue
        stamp = json.loads(meta.read_text())
        (folder / f"{fig.name}.svg").write_text(draw_figure(fig, read_csv(data), stamp))
        restamp_notes(root, fig, stamp)
        count += 1
    print(f"figures: redrew {count} figure(s)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    sub.add_parser("programs")
    p = sub.add_parser("check")
    p.add_argument("--root", required=True)
    p = sub.add_parser("captions")
    p.add_argument("--root", required=True)
    p.add_argument("--only", default="")
    p = sub.add_parser("measure")
    p.add_argument("--root", required=True)
    p.add_argument("--bin", required=True, help="folder with the chNN_demo_* and chNN_bench_* programs")
    p.add_argument("--compiler", default="unknown compiler", help='e.g. "GNU 12.2.0"')
    p.add_argument("--build-type", default="")
    p.add_argument("--only", default="", help="regex on chapter/name, e.g. 06- or false-sharing")
    p.add_argument("--nice", type=int, default=0, help="run the programs at this nice level")
    p.add_argument("--timeout", type=int, default=900, help="seconds per program")
    p.add_argument("--wait-quiet", type=float, default=0, metavar="MINUTES",
                   help="before each figure, wait up to this long for the CPUs to be 85%% idle")
    p.add_argument("--from", dest="from_dir", default="", metavar="DIR",
                   help="use the outputs hpc_docs.py measure left in DIR where it has them")
    p.add_argument("--require-quiet", action="store_true",
                   help="skip a figure (keep its old data) when the CPUs are still busy after the wait")
    p = sub.add_parser("draw")
    p.add_argument("--root", required=True)
    p.add_argument("--only", default="")
    args = parser.parse_args()
    if args.command == "list":
        for f in FIGURES:
            print(f"chapters/{f.chapter}/figures/{f.name}.svg  {f.title}  <- "
                  + "; ".join(" ".join([r.program] + r.args) for r in f.runs))
        return 0
    if args.command == "check":
        errors = check_notes(Path(args.root))
        for e in errors:
            print(f"figures-lint: error: {e}", file=sys.stderr)
        if not errors:
            print("figures-lint: every chapter's notes show a measured figure with its data beside it")
        return 1 if errors else 0
    if args.command == "captions":
        for f in selected(args.only):
            meta = Path(args.root) / "chapters" / f.chapter / "figures" / f"{f.name}.json"
            if meta.exists():
                print(f"{f.chapter}/{f.name}: {caption(f, json.loads(meta.read_text()))}")
        return 0
    if args.command == "programs":
        print(";".join(sorted({r.program for f in FIGURES for r in f.runs})))
        return 0
    return measure(args) if args.command == "measure" else draw(args)


if __name__ == "__main__":
    sys.exit(main())
