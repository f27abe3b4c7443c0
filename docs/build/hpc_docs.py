#!/usr/bin/env python3
"""The course's handout tool (docs/CMakeLists.txt drives it; see docs/instructor-guide.md).

  hpc_docs.py lint      --root R                    snippet markers and links in every course page
  hpc_docs.py measure   --root R --bin B --out D    run every demo at full size and every benchmark
  hpc_docs.py handouts  --root R --bin B --out D    student and instructor editions, HTML and PDF,
                                                    the course books, and the checks on them

Only the standard library is needed for `lint` (it runs as the docs-lint CTest in every build).
`handouts` needs pandoc, weasyprint and pdftoppm, and matplotlib for the plots.
"""
from __future__ import annotations

import argparse
import datetime
import html
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHAPTER_GLOB = "chapters/[0-9][0-9]-*/README.md"

# --------------------------------------------------------------------------------------------------
# Course pages
# --------------------------------------------------------------------------------------------------


@dataclass
class Chapter:
    number: str     # "01"
    folder: str     # "01-profiling"
    notes: Path     # chapters/NN-topic/README.md
    lab: Path | None
    solutions: Path | None

    @property
    def slug(self) -> str:
        return f"ch{self.number}-{self.folder[3:]}"


def chapters(root: Path) -> list[Chapter]:
    found = []
    for notes in sorted(root.glob(CHAPTER_GLOB)):
        folder = notes.parent.name
        lab = root / "labs" / folder / "LAB.md"
        sol = root / "solutions" / folder / "src"
        found.append(Chapter(folder[:2], folder, notes, lab if lab.exists() else None,
                             sol if sol.is_dir() else None))
    return found


def course_pages(root: Path) -> list[Path]:
    """Every Markdown page the course ships: checked by `lint`."""
    pages = [root / "README.md"] if (root / "README.md").exists() else []
    pages += sorted(p for p in (root / "docs").glob("*.md"))
    for tree in ("chapters", "labs", "solutions"):
        pages += sorted(p for p in (root / tree).glob("[0-9][0-9]-*/**/*.md"))
    return pages


def rel(root: Path, path: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------------------------------
# Snippets: `<!-- snippet: path#NAME -->` before a fenced block whose content equals the lines between
# `// [snippet:NAME]` and `// [/snippet:NAME]` in that file (verbatim, or with the common indentation
# removed). Marker lines of other snippets inside the region are left out.
# --------------------------------------------------------------------------------------------------

SNIPPET_REF = re.compile(r"^\s*<!--\s*snippet:\s*([^#\s]+)#([\w.-]+)\s*-->\s*$")
SOURCE_MARK = re.compile(r"^\s*//\s*\[(/?)snippet:([\w.-]+)\]\s*$")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})(.*)$")


def source_region(path: Path, name: str) -> tuple[list[str] | None, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = end = None
    for i, line in enumerate(lines):
        m = SOURCE_MARK.match(line)
        if m and m.group(2) == name:
            if m.group(1) == "" and start is None:
                start = i
            elif m.group(1) == "/" and start is not None:
                end = i
                break
    if start is None:
        return None, f"no `// [snippet:{name}]` marker in {path.name}"
    if end is None:
        return None, f"`// [snippet:{name}]` in {path.name} has no closing `// [/snippet:{name}]`"
    return [l for l in lines[start + 1:end] if not SOURCE_MARK.match(l)], ""


def dedent(lines: list[str]) -> list[str]:
    indents = [len(l) - len(l.lstrip()) for l in lines if l.strip()]
    cut = min(indents) if indents else 0
    return [l[cut:] if l.strip() else "" for l in lines]


def fenced_block_after(lines: list[str], i: int) -> tuple[list[str] | None, int]:
    """The content of the fenced block that starts at the first non-blank line after i."""
    j = i + 1
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j >= len(lines):
        return None, j
    m = FENCE.match(lines[j])
    if not m:
        return None, j
    fence = m.group(2)
    k = j + 1
    while k < len(lines) and not lines[k].strip().startswith(fence):
        k += 1
    return lines[j + 1:k], j


def check_snippets(root: Path, page: Path) -> list[str]:
    errors = []
    lines = page.read_text(encoding="utf-8").splitlines()
    outside = {n - 1 for n, _ in prose_lines("\n".join(lines))}   # markers inside code blocks are examples
    for i, line in enumerate(lines):
        m = SNIPPET_REF.match(line)
        if not m or i not in outside:
            continue
        where = f"{rel(root, page)}:{i + 1}"
        target, name = m.group(1), m.group(2)
        source = (root / target).resolve()
        if not source.is_file():
            errors.append(f"{where}: snippet source {target} does not exist")
            continue
        region, why = source_region(source, name)
        if region is None:
            errors.append(f"{where}: snippet {target}#{name}: {why}")
            continue
        block, at = fenced_block_after(lines, i)
        if block is None:
            errors.append(f"{where}: snippet {target}#{name}: no fenced code block follows the marker "
                          f"(line {at + 1})")
            continue
        norm = lambda ls: [l.rstrip() for l in ls]
        if norm(block) == norm(region) or norm(dedent(block)) == norm(dedent(region)):
            continue
        a, b = norm(dedent(block)), norm(dedent(region))
        k = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        notes_line = a[k] if k < len(a) else "(end of block)"
        code_line = b[k] if k < len(b) else "(end of region)"
        errors.append(f"{where}: snippet {target}#{name} differs from the code at block line {k + 1} "
                      f"(page line {at + 2 + k}):\n    notes: {notes_line}\n    code:  {code_line}")
    return errors


# --------------------------------------------------------------------------------------------------
# Links: every relative Markdown link resolves to a file or folder of the course, and an anchor names a
# heading of the target page (GitHub's rule for heading ids).
# --------------------------------------------------------------------------------------------------

INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^()\s>]*(?:\([^()\s]*\)[^()\s>]*)*)>?"
                         r"(?:\s+\"[^\"]*\")?\s*\)")
REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+\"[^\"]*\")?\s*$")
CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
EXPLICIT_ANCHOR = re.compile(r"""<a\s+(?:id|name)=["']([^"']+)["']""")


def prose_lines(text: str):
    """(line number, line) outside fenced code blocks, with code spans blanked out."""
    fence = None
    for i, line in enumerate(text.splitlines()):
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(2)[0] * len(m.group(2))
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        yield i + 1, CODE_SPAN.sub(lambda s: " " * len(s.group(0)), line)


def github_slug(heading: str) -> str:
    text = re.sub(r"`([^`]*)`", r"\1", heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = text.strip().lower()
    text = "".join(c for c in text if c.isalnum() or c in " -_")
    return text.replace(" ", "-")


def anchors_of(page: Path) -> set[str]:
    found: set[str] = set()
    counts: dict[str, int] = {}
    text = page.read_text(encoding="utf-8")
    for _, line in prose_lines(text):
        for a in EXPLICIT_ANCHOR.findall(line):
            found.add(a)
    fence = None
    for line in text.splitlines():
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(2)[0] * len(m.group(2))
            continue
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        h = HEADING.match(line)
        if h:
            slug = github_slug(h.group(2))
            n = counts.get(slug, 0)
            counts[slug] = n + 1
            found.add(slug if n == 0 else f"{slug}-{n}")
    return found


def links_of(text: str):
    for n, line in prose_lines(text):
        for m in INLINE_LINK.finditer(line):
            yield n, m.group(3)
        m = REF_DEF.match(line)
        if m:
            yield n, m.group(1)


def is_external(target: str) -> bool:
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)) or target.startswith("//")


def check_links(root: Path, page: Path) -> list[str]:
    errors = []
    root_resolved = root.resolve()
    for n, target in links_of(page.read_text(encoding="utf-8")):
        if not target or is_external(target):
            continue
        where = f"{rel(root, page)}:{n}"
        path_part, _, anchor = target.partition("#")
        dest = page if not path_part else (page.parent / path_part).resolve()
        if path_part and not dest.exists():
            errors.append(f"{where}: link target {target} does not exist ({rel(root, dest)})")
            continue
        try:
            dest.resolve().relative_to(root_resolved)
        except ValueError:
            errors.append(f"{where}: link target {target} leaves the course folder")
            continue
        if anchor and dest.suffix == ".md" and dest.is_file() and anchor not in anchors_of(dest):
            errors.append(f"{where}: link {target}: no heading with id #{anchor} in {rel(root, dest)}")
    return errors


def lint(root: Path, quiet: bool = False) -> int:
    errors = []
    pages = course_pages(root)
    snippet_count = 0
    for page in pages:
        snippet_count += sum(1 for _, l in prose_lines(page.read_text(encoding="utf-8"))
                             if SNIPPET_REF.match(l))
        errors += check_snippets(root, page)
        errors += check_links(root, page)
    for e in errors:
        print(f"docs-lint: error: {e}", file=sys.stderr)
    if errors:
        print(f"docs-lint: {len(errors)} error(s) in {len(pages)} pages; fix the page or the code marker",
              file=sys.stderr)
        return 1
    if not quiet:
        print(f"docs-lint: {len(pages)} pages, {snippet_count} snippets and their links are consistent")
    return 0


# --------------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def measure(args) -> int:
    bin_dir, out = Path(args.bin), Path(args.out) / "measurements"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    machine = {
        "cpu": cpu_model(), "cores": os.cpu_count(), "compiler": args.compiler,
        "build_type": args.build_type, "kernel": platform.release(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }
    (out / "machine.json").write_text(json.dumps(machine, indent=2) + "\n")
    programs = sorted(p for p in bin_dir.glob("ch[0-9][0-9]_demo_*") if os.access(p, os.X_OK))
    programs += sorted(p for p in bin_dir.glob("ch[0-9][0-9]_bench_*") if os.access(p, os.X_OK))
    if args.only:
        programs = [p for p in programs if re.search(args.only, p.name)]
    bench_args = args.bench_args.split() if args.bench_args else []
    print(f"measure: {len(programs)} programs on {machine['cpu']} ({machine['cores']} cores)", flush=True)
    failures = 0
    for program in programs:
        chapter, kind, name = program.name[2:4], program.name.split("_")[1], program.name.split("_", 2)[2]
        work = out / f"ch{chapter}" / f"{kind}_{name}"
        work.mkdir(parents=True)
        cmd = [str(program)]
        if kind == "bench":
            cmd += ["--benchmark_format=json", f"--benchmark_out={work / 'benchmark.json'}",
                    "--benchmark_out_format=json"] + bench_args
        print(f"measure: {program.name} ...", end=" ", flush=True)
        started = time.monotonic()
        try:
            run = subprocess.run(cmd, cwd=work, capture_output=True, text=True, timeout=args.timeout)
            status = "ok" if run.returncode == 0 else f"exit code {run.returncode}"
            stdout, stderr = run.stdout, run.stderr
        except subprocess.TimeoutExpired as e:
            status = f"timed out after {args.timeout} s"
            stdout = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
            stderr = ""
        seconds = time.monotonic() - started
        if status != "ok":
            failures += 1
        print(f"{status}, {seconds:.1f} s", flush=True)
        if kind == "demo":
            (work / "output.txt").write_text(stdout)
        (work / "stderr.txt").write_text(stderr)
        (work / "run.json").write_text(json.dumps(
            {"program": program.name, "command": " ".join([program.name] + cmd[1:]).replace(str(work) + "/", ""),
             "status": status, "seconds": round(seconds, 2)}, indent=2) + "\n")
    print(f"measure: results in {out}" + (f"; {failures} program(s) failed" if failures else ""))
    return 1 if failures and args.strict else 0


# --------------------------------------------------------------------------------------------------
# Rendering measured results (tables and plots) for the instructor edition
# --------------------------------------------------------------------------------------------------

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def fmt_time(ns: float) -> str:
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def md_escape(text: str) -> str:
    text = text.replace("\\", "\\\\")
    text = re.sub(r"([*_`<>\[\]|])", r"\\\1", text)
    return re.sub(r"^(\s*)([#+=-])", r"\1\\\2", text)


def demo_output_markdown(output: str) -> str:
    """Demo output verbatim: Markdown tables stay tables, other lines become escaped prose."""
    parts, prose = [], []
    lines = output.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].lstrip().startswith("|") and i + 1 < len(lines) and \
                re.match(r"^\s*\|[\s:|-]+\|\s*$", lines[i + 1]):
            if prose:
                parts.append("  \n".join(md_escape(l) for l in prose if l.strip()))
                prose = []
            j = i
            while j < len(lines) and lines[j].lstrip().startswith("|"):
                j += 1
            parts.append("\n".join(lines[i:j]))
            i = j
            continue
        if lines[i].strip():
            prose.append(lines[i])
        elif prose:
            parts.append("  \n".join(md_escape(l) for l in prose))
            prose = []
        i += 1
    if prose:
        parts.append("  \n".join(md_escape(l) for l in prose))
    return "\n\n".join(p for p in parts if p.strip())


def amdahl_fit(points: list[tuple[int, float]]) -> float:
    best, best_err = 0.0, float("inf")
    for k in range(0, 1001):
        f = k / 1000
        err = sum((s - 1 / (f + (1 - f) / n)) ** 2 for n, s in points)
        if err < best_err:
            best, best_err = f, err
    return best


def benchmark_rows(data: dict) -> list[dict]:
    runs = data.get("benchmarks", [])
    means = [r for r in runs if r.get("run_type") == "aggregate" and r.get("aggregate_name") == "mean"]
    rows = means if means else [r for r in runs if r.get("run_type", "iteration") == "iteration"]
    for r in rows:
        r["_ns"] = float(r.get("real_time", 0)) * UNIT_NS.get(r.get("time_unit", "ns"), 1.0)
        r["_name"] = r.get("run_name", r.get("name", "?"))
    return rows


def render_measurements(chapter: Chapter, mdir: Path, figures: Path, plt) -> str:
    """Markdown for the chapter's measured results, or '' when nothing was measured."""
    cdir = mdir / f"ch{chapter.number}"
    if not cdir.is_dir():
        return ""
    out = []
    for work in sorted(cdir.glob("demo_*")):
        run = json.loads((work / "run.json").read_text())
        out.append(f"### Demo `{run['program']}`\n")
        out.append(f"`{run['command']}`: {run['status']}, {run['seconds']:.1f} s.\n")
        text = (work / "output.txt").read_text() if (work / "output.txt").exists() else ""
        if text.strip():
            out.append(demo_output_markdown(text) + "\n")
        for png in sorted(work.glob("*.png")):
            target = figures / f"ch{chapter.number}-{work.name}-{png.name}"
            shutil.copyfile(png, target)
            out.append(f"![{png.name}, written by {run['program']}]({target.name})\n")
    for work in sorted(cdir.glob("bench_*")):
        run = json.loads((work / "run.json").read_text())
        out.append(f"### Benchmarks `{run['program']}`\n")
        bench_json = work / "benchmark.json"
        if not bench_json.exists() or bench_json.stat().st_size == 0:
            out.append(f"No results: {run['status']}.\n")
            continue
        data = json.loads(bench_json.read_text())
        rows = benchmark_rows(data)
        out.append(f"`{run['command']}`: {run['status']}, {run['seconds']:.1f} s.\n")
        out.append("| benchmark | time | CPU time | iterations | items/s | bytes/s |")
        out.append("|---|---:|---:|---:|---:|---:|")
        for r in rows:
            cpu = float(r.get("cpu_time", 0)) * UNIT_NS.get(r.get("time_unit", "ns"), 1.0)
            ips = f"{r['items_per_second']:.3g}" if "items_per_second" in r else ""
            bps = f"{r['bytes_per_second']:.3g}" if "bytes_per_second" in r else ""
            out.append(f"| `{r['_name']}` | {fmt_time(r['_ns'])} | {fmt_time(cpu)} | "
                       f"{int(r.get('iterations', 0)):,} | {ips} | {bps} |")
        out.append("")
        if plt is not None and rows:
            png = figures / f"ch{chapter.number}-{work.name}-bars.png"
            height = max(2.0, 0.28 * len(rows) + 1.0)
            fig, ax = plt.subplots(figsize=(7.5, height))
            names = [r["_name"] for r in rows][::-1]
            ax.barh(names, [r["_ns"] for r in rows][::-1], color="#4477aa")
            ax.set_xscale("log")
            ax.set_xlabel("time per iteration, ns (log scale)")
            ax.tick_params(axis="y", labelsize=7)
            ax.set_title(f"{run['program']}", fontsize=9)
            fig.tight_layout()
            fig.savefig(png, dpi=110)
            plt.close(fig)
            out.append(f"![Benchmark times of {run['program']}]({png.name})\n")
        # Speed-up curves: runs of one benchmark at several thread counts (Google Benchmark's
        # ->Threads(n) gives `threads`; a `/threads:N` name part works too).
        groups: dict[str, list[tuple[int, dict]]] = {}
        for r in rows:
            m = re.search(r"/(?:threads|nthreads|workers):(\d+)", r["_name"])
            threads = int(m.group(1)) if m else int(r.get("threads", 1))
            base = re.sub(r"/(?:threads|nthreads|workers):\d+", "", r["_name"])
            groups.setdefault(base, []).append((threads, r))
        curves = {b: sorted(g, key=lambda t: t[0]) for b, g in groups.items()
                  if len({t for t, _ in g}) >= 2 and min(t for t, _ in g) == 1}
        if curves:
            out.append("Speed-up over one thread, with the serial fraction *f* of the Amdahl fit "
                       "S(n) = 1 / (f + (1 − f) / n):\n")
            out.append("| benchmark | threads | speed-up | Amdahl f |")
            out.append("|---|---|---|---:|")
            fig, ax = (plt.subplots(figsize=(6.5, 4)) if plt is not None else (None, None))
            for base, series in curves.items():
                def throughput(r):
                    return r["items_per_second"] if "items_per_second" in r else 1.0 / max(r["_ns"], 1e-12)
                t1 = throughput(series[0][1])
                pts = [(n, throughput(r) / t1) for n, r in series]
                f = amdahl_fit(pts)
                out.append(f"| `{base}` | {', '.join(str(n) for n, _ in pts)} | "
                           f"{', '.join(f'{s:.2f}' for _, s in pts)} | {f:.3f} |")
                if ax is not None:
                    line, = ax.plot([n for n, _ in pts], [s for _, s in pts], "o-", label=base)
                    ns = [1 + k * (pts[-1][0] - 1) / 50 for k in range(51)]
                    ax.plot(ns, [1 / (f + (1 - f) / n) for n in ns], "--", color=line.get_color(),
                            linewidth=0.8)
            out.append("")
            if ax is not None:
                top = max(n for s in curves.values() for n, _ in s)
                ax.plot([1, top], [1, top], ":", color="grey", label="ideal")
                ax.set_xlabel("threads")
                ax.set_ylabel("speed-up")
                ax.legend(fontsize=7)
                ax.set_title(f"{run['program']}: speed-up (dashed: Amdahl fit)", fontsize=9)
                fig.tight_layout()
                png = figures / f"ch{chapter.number}-{work.name}-speedup.png"
                fig.savefig(png, dpi=110)
                plt.close(fig)
                out.append(f"![Speed-up curves of {run['program']}]({png.name})\n")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------------
# Handouts
# --------------------------------------------------------------------------------------------------


class Failure(Exception):
    pass


def run_tool(cmd: list[str], what: str) -> str:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise Failure(f"{what} failed ({' '.join(cmd[:1])} exit code {done.returncode}):\n"
                      f"{done.stderr.strip()[-2000:]}")
    return done.stderr


def pandoc_embed_flags(pandoc: str) -> list[str]:
    """Self-contained HTML: --self-contained up to pandoc 2.18 (Debian 12 has 2.17), then --embed-resources."""
    out = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
    m = re.search(r"pandoc\S*\s+(\d+)\.(\d+)", out)
    version = (int(m.group(1)), int(m.group(2))) if m else (2, 17)
    return ["--embed-resources"] if version >= (2, 19) else ["--self-contained"]


def graded_tests(bin_dir: Path, chapter: Chapter) -> list[dict] | None:
    program = bin_dir / f"lab{chapter.number}_tests"
    tests_dir = Path(str(chapter.lab.parent / "tests")) if chapter.lab else None
    if not program.exists():
        if tests_dir and tests_dir.is_dir():
            raise Failure(f"{program.name} is missing: build it first (the handouts target depends on it)")
        return None
    done = subprocess.run([str(program), "--hpc_list_graded"], capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise Failure(f"{program.name} --hpc_list_graded exited with {done.returncode}: {done.stderr[-500:]}")
    try:
        tests = json.loads(done.stdout)
    except json.JSONDecodeError as e:
        raise Failure(f"{program.name} --hpc_list_graded printed invalid JSON: {e}")
    return tests


# "### Task 6 — title (8 points, and 5 bonus points)": the first number is the task's base points.
TASK_POINTS = re.compile(r"^#{2,4}\s+Task\b.*\((\d+)\s+points?\b", re.M)


def rubric_markdown(chapter: Chapter, tests: list[dict]) -> str:
    total = sum(int(t["points"]) for t in tests if not t.get("bonus"))
    bonus = sum(int(t["points"]) for t in tests if t.get("bonus"))
    lines = [f"## Rubric: lab {chapter.number}\n",
             f"Read from the graded tests themselves (`lab{chapter.number}_tests --hpc_list_graded`): "
             f"{len(tests)} tests, {total} points" + (f" and {bonus} bonus points (stretch tiers, "
             "marked *bonus*; apart from the score)" if bonus else "") + ". *Stub may pass*: the test is "
             "allowed to pass on the untouched stubs, and the stub proof says why. Race-freedom points "
             "(`RACE_POINTS`) are graded in a ThreadSanitizer build: see the lab sheet.\n",
             f'<div id="rubric-lab{chapter.number}" class="rubric">\n',
             "| graded test | points | stub may pass |", "|---|---:|:---:|"]
    for t in tests:
        name = f"`{t['name']}`" + (" *bonus*" if t.get("bonus") else "")
        lines.append(f"| {name} | {int(t['points'])} | {'yes' if t.get('stub_may_pass') else ''} |")
    lines.append(f"| **total** | **{total}** | |")
    lines.append("\n</div>\n")
    return "\n".join(lines)


def solution_markdown(root: Path, chapter: Chapter) -> str:
    if chapter.solutions is None:
        return ""
    out = [f"## Reference solution: lab {chapter.number}\n",
           f"From `{rel(root, chapter.solutions)}`. Files with `// [snippet:NAME]` markers are shown by "
           "their marked regions; the others in full.\n"]
    for src in sorted(p for p in chapter.solutions.rglob("*") if p.is_file()):
        text = src.read_text(encoding="utf-8", errors="replace")
        names = [m.group(2) for l in text.splitlines() if (m := SOURCE_MARK.match(l)) and not m.group(1)]
        lang = "cpp" if src.suffix in (".cpp", ".hpp", ".h", ".inc", ".cc") else ""
        out.append(f"### `{rel(root, src)}`\n")
        if names:
            for name in names:
                region, _ = source_region(src, name)
                out.append(f"`{name}`:\n\n```{lang}\n" + "\n".join(dedent(region or [])) + "\n```\n")
        else:
            out.append(f"```{lang}\n{text.rstrip()}\n```\n")
    return "\n".join(out)


def hints_path(chapter: Chapter) -> Path | None:
    """labs/NN-topic/HINTS.md: the hint ladders that `lab hint` shows one rung at a time (DESIGN.md §8)."""
    if chapter.lab is None:
        return None
    path = chapter.lab.parent / "HINTS.md"
    return path if path.is_file() else None


def shift_headings(text: str, levels: int) -> str:
    """Every heading outside code blocks `levels` deeper, so a page can sit inside a chapter's part."""
    out, fence = [], None
    for line in text.splitlines():
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(2)[0] * len(m.group(2))
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None and HEADING.match(line):
            line = "#" * levels + line.lstrip()
        out.append(line)
    return "\n".join(out) + "\n"


def hints_markdown(chapter: Chapter, rewriter) -> str:
    path = hints_path(chapter)
    if path is None:
        return ""
    text = path.read_text(encoding="utf-8")
    body = re.sub(r"\A\s*# [^\n]*\n", "", text, count=1)   # the file's own title: ours replaces it
    return (f"## Hint ladders: lab {chapter.number}\n\n"
            f"From `labs/{chapter.folder}/HINTS.md`. Students see these only one rung at a time, through "
            f"`build/grade/bin/lab hint {chapter.number} TASK`; the student edition does not print them.\n\n"
            + shift_headings(rewriter(path, body), 1))


def hint_lines(root: Path, chapters_: list[Chapter]) -> dict[str, str]:
    """Lines of the hints files long enough to be recognised (over 40 characters) that no other course
    page contains: the student edition must carry none of them, the instructor edition all."""
    pages = set()
    for page in course_pages(root):
        if page.name != "HINTS.md":
            pages.update(l.strip() for l in page.read_text(encoding="utf-8").splitlines())
    found: dict[str, str] = {}
    for ch in chapters_:
        path = hints_path(ch)
        if path is None:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            s = line.strip()
            if len(s) > 40 and s not in pages and not s.startswith(("#", "```")):
                found.setdefault(s, f"{rel(root, path)}:{n}")
    return found


class LinkRewriter:
    """Rewrites a page's relative links for a handout: pages inside the same document become anchors,
    other course pages in the edition become links to their HTML file, anything else (source files,
    folders) becomes its path in plain text, since the handout travels without the repository."""

    def __init__(self, root: Path, doc_parts: dict[str, str], edition_files: dict[str, str]):
        self.root = root.resolve()
        self.doc_parts = doc_parts          # repo path -> part anchor id, for pages in this document
        self.edition_files = edition_files  # repo path -> html file name, for pages in this edition

    def __call__(self, page: Path, text: str) -> str:
        out_lines = []
        fence = None
        for line in text.splitlines():
            m = FENCE.match(line)
            if fence is None and m:
                fence = m.group(2)[0] * len(m.group(2))
                out_lines.append(line)
                continue
            if fence is not None:
                if line.strip().startswith(fence):
                    fence = None
                out_lines.append(line)
                continue
            if SNIPPET_REF.match(line):
                continue
            out_lines.append(self._line(page, line))
        return "\n".join(out_lines) + "\n"

    def _line(self, page: Path, line: str) -> str:
        spans = {}

        def hide(m):
            key = f"\x00{len(spans)}\x00"
            spans[key] = m.group(0)
            return key
        line = CODE_SPAN.sub(hide, line)

        def fix(m):
            bang, label, target = m.group(1), m.group(2), m.group(3)
            if not target or is_external(target):
                return m.group(0)
            path_part, _, anchor = target.partition("#")
            dest = page.resolve() if not path_part else (page.parent / path_part).resolve()
            try:
                key = str(dest.relative_to(self.root))
            except ValueError:
                return label
            if bang:
                return m.group(0) if not path_part else f"{bang}[{label}]({dest})"
            if key in self.doc_parts:
                return f"[{label}](#{anchor or self.doc_parts[key]})"
            if key in self.edition_files:
                return f"[{label}]({self.edition_files[key]}{'#' + anchor if anchor else ''})"
            shown = "".join(spans.get(k, k) for k in re.split(r"(\x00\d+\x00)", label))
            if key.strip("/") in shown or Path(key).name in shown:
                return label
            return f"{label} (`{key}`)"
        line = INLINE_LINK.sub(fix, line)
        for k, v in spans.items():
            line = line.replace(k, v)
        return line


def first_heading(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        h = HEADING.match(line)
        if h and len(h.group(1)) == 1:
            return re.sub(r"`", "", h.group(2))
    return path.parent.name


def solution_lines(root: Path) -> dict[str, str]:
    """Lines of the reference solutions that a student cannot see in any other code: longer than 30
    characters and absent from every source file of labs/, chapters/ and common/ (the pages, which
    become the student edition, do not count: a solution line pasted into them is what we look for)."""
    public: set[str] = set()
    for tree in ("labs", "chapters", "common"):
        for f in (root / tree).rglob("*"):
            if f.is_file() and f.suffix in (".cpp", ".hpp", ".h", ".inc", ".cc", ".cmake", ".txt"):
                public.update(l.strip() for l in f.read_text(encoding="utf-8", errors="replace").splitlines())
    secret: dict[str, str] = {}
    for f in sorted((root / "solutions").rglob("*")):
        if f.is_file():
            for n, l in enumerate(f.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                s = l.strip()
                if len(s) > 30 and s not in public and not SOURCE_MARK.match(l):
                    secret.setdefault(s, f"{rel(root, f)}:{n}")
    return secret


def html_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    raw = re.sub(r'src="data:[^"]*"', "", raw)
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


def leaked(text: str, secret: dict[str, str]) -> list[str]:
    return [f"{where}: {line}" for line, where in secret.items() if line in text]


def rubric_from_html(path: Path, number: str) -> list[tuple[str, int]]:
    raw = path.read_text(encoding="utf-8")
    m = re.search(rf'<div id="rubric-lab{number}"[^>]*>(.*?)</div>', raw, re.S)
    if not m:
        return []
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(1), re.S):
        cells = [html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        if len(cells) >= 2 and cells[0] != "total":
            rows.append((cells[0].removesuffix(" bonus").strip(), int(cells[1])))
    return rows


def png_has_ink(png: Path, plt) -> bool:
    if png.stat().st_size < 500:
        return False
    if plt is None:
        return True
    import matplotlib.image as mpimg
    img = mpimg.imread(str(png))
    return float(img[..., :3].min()) < 0.5   # something darker than light grey was drawn


def handouts(args) -> int:
    root, bin_dir, out = Path(args.root).resolve(), Path(args.bin), Path(args.out)
    started = time.monotonic()
    if lint(root, quiet=True) != 0:
        print("handouts: the notes and the code disagree (see above); no handouts built", file=sys.stderr)
        return 1
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        plt = None
        print("handouts: matplotlib is missing, measured results get tables but no plots "
              "(common/install-deps.sh --docs installs python3-matplotlib)", file=sys.stderr)

    chs = chapters(root)
    if not chs:
        print(f"handouts: no chapters found ({CHAPTER_GLOB})", file=sys.stderr)
        return 1
    for sub in ("student", "instructor", "md", "figures", "checks"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
        (out / sub).mkdir(parents=True)
    figures, md_dir = out / "figures", out / "md"
    css = HERE / "handout.css"
    mdir = out / "measurements"
    machine = json.loads((mdir / "machine.json").read_text()) if (mdir / "machine.json").exists() else None

    course_docs = [p for p in (root / "docs" / n for n in
                   ("syllabus.md", "setup.md", "grading.md", "instructor-guide.md")) if p.exists()]

    def key(p: Path) -> str:
        return str(p.resolve().relative_to(root))

    failures: list[str] = []
    tests_of: dict[str, list[dict] | None] = {}
    for ch in chs:
        try:
            tests_of[ch.number] = graded_tests(bin_dir, ch)
        except Failure as e:
            failures.append(f"chapter {ch.number}: {e}")
    if failures:
        for f in failures:
            print(f"handouts: error: {f}", file=sys.stderr)
        return 1

    measured_md = {}
    for ch in chs:
        measured_md[ch.number] = render_measurements(ch, mdir, figures, plt) if machine else ""

    def stamp() -> str:
        if not machine:
            return ("*Not measured yet on this machine.* Run `cmake --build --preset docs --target "
                    "measurements` (full-size demos and benchmarks; slow), then build the handouts again.\n")
        return (f"Measured on **{machine['cpu']}**, {machine['cores']} logical cores, "
                f"{machine['compiler']} ({machine['build_type']}), Linux {machine['kernel']}, "
                f"{machine['date']}.\n")

    def chapter_markdown(ch: Chapter, edition: str, rewriter: LinkRewriter) -> str:
        parts = [f'<a id="part-ch{ch.number}-notes"></a>\n', rewriter(ch.notes, ch.notes.read_text(encoding="utf-8"))]
        if ch.lab:
            parts += [f'\n<a id="part-lab{ch.number}"></a>\n', rewriter(ch.lab, ch.lab.read_text(encoding="utf-8"))]
        if edition == "instructor":
            parts.append(f'\n<a id="part-ch{ch.number}-instructor"></a>\n')
            parts.append(f"# Instructor notes: chapter {ch.number}\n")
            tests = tests_of[ch.number]
            parts.append(rubric_markdown(ch, tests) if tests else "No graded tests in this chapter yet.\n")
            parts.append(hints_markdown(ch, rewriter))
            parts.append(solution_markdown(root, ch))
            parts.append(f"## Measured results: chapter {ch.number}\n")
            parts.append(stamp())
            parts.append(measured_md[ch.number] or ("" if not machine else
                         "No demo or benchmark of this chapter was measured.\n"))
        return "\n".join(parts)

    def pandoc(md: Path, html_out: Path, title: str, toc: bool = True) -> None:
        cmd = [args.pandoc, "-f", "gfm", "-t", "html5", "--standalone", *embed,
               "--metadata", f"title={title}", "--css", str(css), "--highlight-style=tango",
               f"--resource-path={md.parent}:{figures}", "-o", str(html_out), str(md)]
        if toc:
            cmd[1:1] = ["--toc", "--toc-depth=2"]
        run_tool(cmd, f"pandoc {md.name}")

    embed = pandoc_embed_flags(args.pandoc)
    built: list[Path] = []
    for edition in ("student", "instructor"):
        edir = out / edition
        edition_files = {key(ch.notes): f"{ch.slug}.html" for ch in chs}
        edition_files.update({key(ch.lab): f"{ch.slug}.html#part-lab{ch.number}" for ch in chs if ch.lab})
        docs_in_book = [d for d in course_docs if edition == "instructor" or d.name != "instructor-guide.md"]
        edition_files.update({key(d): f"course-book.html#part-doc-{d.stem}" for d in docs_in_book})
        for ch in chs:
            parts = {key(ch.notes): f"part-ch{ch.number}-notes"}
            if ch.lab:
                parts[key(ch.lab)] = f"part-lab{ch.number}"
            text = chapter_markdown(ch, edition, LinkRewriter(root, parts, edition_files))
            md = md_dir / f"{edition}-{ch.slug}.md"
            md.write_text(text, encoding="utf-8")
            html_out = edir / f"{ch.slug}.html"
            label = "student edition" if edition == "student" else "instructor edition"
            pandoc(md, html_out, f"{first_heading(ch.notes)} ({label})")
            built.append(html_out)
        # The course book: the course documents, then every chapter.
        parts = {key(ch.notes): f"part-ch{ch.number}-notes" for ch in chs}
        parts.update({key(ch.lab): f"part-lab{ch.number}" for ch in chs if ch.lab})
        parts.update({key(d): f"part-doc-{d.stem}" for d in docs_in_book})
        book_rewriter = LinkRewriter(root, parts, {})
        book = []
        for d in docs_in_book:
            book.append(f'<a id="part-doc-{d.stem}"></a>\n')
            book.append(book_rewriter(d, d.read_text(encoding="utf-8")))
        for ch in chs:
            book.append(chapter_markdown(ch, edition, book_rewriter))
        md = md_dir / f"{edition}-course-book.md"
        md.write_text("\n".join(book), encoding="utf-8")
        html_out = edir / "course-book.html"
        pandoc(md, html_out, f"Fast and Concurrent C++: course book ({edition} edition)")
        built.append(html_out)

    print(f"handouts: {len(built)} HTML files; rendering PDFs ...", flush=True)
    pdfs = []
    problems: list[str] = []
    for h in built:
        pdf = h.with_suffix(".pdf")
        log = run_tool([args.weasyprint, str(h), str(pdf)], f"weasyprint {h.name}")
        # A link inside a handout that points at no anchor is a broken link of the course.
        for line in log.splitlines():
            if "No anchor" in line:
                problems.append(f"{rel(out, h)}: {line.strip()}")
        pdfs.append(pdf)

    # ---- checks --------------------------------------------------------------------------------
    secret = solution_lines(root)
    for f in sorted((md_dir).glob("student-*.md")) + sorted((out / "student").glob("*.html")):
        text = f.read_text(encoding="utf-8") if f.suffix == ".md" else html_text(f)
        for leak in leaked(text, secret)[:5]:
            problems.append(f"{rel(out, f)} contains solution code ({leak})")
    hints = hint_lines(root, chs)
    for f in sorted(md_dir.glob("student-*.md")):
        for line, where in list(hints.items()):
            if line in f.read_text(encoding="utf-8"):
                problems.append(f"{rel(out, f)} prints a hint ({where}); hints belong to the instructor edition")
                break
    instructor_md = (md_dir / "instructor-course-book.md").read_text(encoding="utf-8")
    missing_hints = [where for line, where in hints.items() if line not in instructor_md]
    if missing_hints:
        problems.append(f"the instructor course book lacks {len(missing_hints)} hint line(s), e.g. {missing_hints[0]}")
    instructor_book = html_text(out / "instructor" / "course-book.html")
    if secret and not leaked(instructor_book, secret):
        problems.append("the no-solution check found no solution line even in the instructor book: "
                        "the check itself is broken")
    for ch in chs:
        tests = tests_of[ch.number]
        if not tests:
            continue
        expected = [(t["name"], int(t["points"])) for t in tests]
        for h in (out / "instructor" / f"{ch.slug}.html", out / "instructor" / "course-book.html"):
            got = rubric_from_html(h, ch.number)
            if got != expected:
                problems.append(f"{rel(out, h)}: the rubric of lab {ch.number} ({sum(p for _, p in got)} points, "
                                f"{len(got)} tests) differs from the graded tests "
                                f"({sum(p for _, p in expected)} points, {len(expected)} tests)")
        if ch.lab:
            declared = [int(p) for p in TASK_POINTS.findall(ch.lab.read_text(encoding="utf-8"))]
            total = sum(int(t["points"]) for t in tests if not t.get("bonus"))  # bonus stands apart
            if declared and sum(declared) != total:
                problems.append(f"{rel(root, ch.lab)}: its task headings add up to {sum(declared)} points, "
                                f"the graded tests to {total}")
    for pdf in pdfs:
        prefix = out / "checks" / pdf.stem
        prefix = prefix.with_name(f"{pdf.parent.name}-{pdf.stem}")
        run_tool([args.pdftoppm, "-f", "1", "-l", "1", "-r", "60", "-png", str(pdf), str(prefix)],
                 f"pdftoppm {pdf.name}")
        pngs = sorted(prefix.parent.glob(prefix.name + "*.png"))
        if not pngs or not png_has_ink(pngs[0], plt):
            problems.append(f"{rel(out, pdf)}: its first page did not render to a non-empty image")
    for p in problems:
        print(f"handouts: check failed: {p}", file=sys.stderr)
    if problems:
        return 1
    n_tests = sum(len(t or []) for t in tests_of.values())
    print(f"handouts: checks passed: no solution code in the student edition ({len(secret)} solution lines "
          f"searched), no hints in it and all in the instructor edition ({len(hints)} hint lines), "
          f"rubrics equal the graded tests ({n_tests} tests), {len(pdfs)} PDFs render")
    print(f"handouts: {len(chs)} chapters, {len(built)} HTML + {len(pdfs)} PDF files in {out} "
          f"({time.monotonic() - started:.0f} s)")
    for f in sorted(list((out / "student").iterdir()) + list((out / "instructor").iterdir())):
        print(f"  {rel(out, f)}  ({f.stat().st_size // 1024} KiB)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("lint")
    p.add_argument("--root", required=True)
    p = sub.add_parser("measure")
    for a in ("--root", "--bin", "--out"):
        p.add_argument(a, required=True)
    p.add_argument("--compiler", default="unknown compiler")
    p.add_argument("--build-type", default="")
    p.add_argument("--bench-args", default="", help="extra Google Benchmark flags, e.g. --benchmark_min_time=0.2")
    p.add_argument("--timeout", type=int, default=1800, help="seconds per program")
    p.add_argument("--only", default="", help="regex: measure only matching programs")
    p.add_argument("--strict", action="store_true", help="exit 1 when a program fails")
    p = sub.add_parser("handouts")
    for a in ("--root", "--bin", "--out"):
        p.add_argument(a, required=True)
    p.add_argument("--pandoc", default="pandoc")
    p.add_argument("--weasyprint", default="weasyprint")
    p.add_argument("--pdftoppm", default="pdftoppm")
    args = parser.parse_args()
    if args.command == "lint":
        return lint(Path(args.root))
    if args.command == "measure":
        return measure(args)
    try:
        return handouts(args)
    except Failure as e:
        print(f"handouts: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
