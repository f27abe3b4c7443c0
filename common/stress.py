#!/usr/bin/env python3
"""The table of `common/course stress`: what every graded test did over many runs of its lab's program.

    common/stress.py summarize DIR    read DIR/labNN-runK.json (written by the test programs with
                                      --hpc_results, format in common/include/hpc/common/report.hpp) and
                                      DIR/labNN-runK.exit (the program's exit status), print one table
                                      per lab; exit 1 when a test failed or a run left no results
    common/stress.py --self-test      check the summary on made-up results (cheap; no test program runs)
"""
import json
import pathlib
import re
import sys
import tempfile

RUN_FILE = re.compile(r"^lab(?P<lab>\d\d)-run(?P<run>\d+)\.(?P<kind>json|exit)$")


class TestStats:
    def __init__(self):
        self.runs = self.passes = self.fails = self.skips = 0
        self.first_failure = ""  # "run K: reason"
        self.first_skip = ""
        self.ratios = []
        self.bar = 0.0

    def add(self, run, test):
        self.runs += 1
        status = test.get("status", "failed")
        reason = " ".join(str(test.get("reason", "")).split())
        if status == "passed":
            self.passes += 1
        elif status == "skipped":
            self.skips += 1
            self.first_skip = self.first_skip or f"run {run}: {reason}"
        else:
            self.fails += 1
            self.first_failure = self.first_failure or f"run {run}: {reason or '(no reason given)'}"
        if test.get("speed_ratio"):
            self.ratios.append(float(test["speed_ratio"]))
        self.bar = float(test.get("speed_bar") or self.bar)

    def note(self):
        parts = []
        if self.ratios:
            parts.append(f"ratio {min(self.ratios):.2f}-{max(self.ratios):.2f} (bar {self.bar:g})")
        if self.first_failure:
            parts.append("first failure " + self.first_failure)
        elif self.first_skip:
            parts.append("skipped " + self.first_skip)
        return "; ".join(parts)


def read_runs(directory):
    """{lab: {run: {"json": path or None, "exit": text or None}}}"""
    labs = {}
    for path in sorted(pathlib.Path(directory).iterdir()):
        match = RUN_FILE.match(path.name)
        if match:
            run = labs.setdefault(match["lab"], {}).setdefault(int(match["run"]), {})
            run[match["kind"]] = path
    return labs


def summarize(directory, out=sys.stdout, width=160):
    """Prints the tables; returns the number of problems (failed tests plus runs without results)."""
    problems = 0
    labs = read_runs(directory)
    if not labs:
        print(f"stress: no results in {directory}", file=out)
        return 1
    for lab, runs in sorted(labs.items()):
        stats = {}
        missing = []
        for run, files in sorted(runs.items()):
            exit_text = files["exit"].read_text().strip() if "exit" in files else "?"
            try:
                results = json.loads(files["json"].read_text()) if "json" in files else None
            except (OSError, ValueError):
                results = None
            if results is None:
                missing.append(f"run {run}: exit status {exit_text}, no results file "
                               f"(see lab{lab}-run{run}.log)")
                continue
            for test in results.get("tests", []):
                stats.setdefault(test["name"], TestStats()).add(run, test)
        print(f"\nLab {lab}: {len(runs)} runs", file=out)
        name_width = max([len(name) for name in stats] + [4])
        header = f"  {'test':<{name_width}}  runs  pass  fail  skip  note"
        print(header, file=out)
        print("  " + "-" * (len(header) - 2), file=out)
        for name, s in stats.items():
            line = f"  {name:<{name_width}}  {s.runs:>4}  {s.passes:>4}  {s.fails:>4}  {s.skips:>4}  {s.note()}"
            if len(line) > width:
                line = line[: width - 3] + "..."
            print(line, file=out)
            problems += s.fails
        for text in missing:
            print(f"  PROBLEM {text}", file=out)
        problems += len(missing)
        failing = sum(1 for s in stats.values() if s.fails)
        print(f"  {failing} of {len(stats)} tests failed at least once", file=out)
    return problems


def self_test():
    def result(tests):
        return json.dumps({"lab": "06", "topic": "threads", "implementation": "reference", "tests": tests})

    with tempfile.TemporaryDirectory() as directory:
        d = pathlib.Path(directory)
        ok = {"name": "Queue.Fifo", "status": "passed", "reason": ""}
        speed = {"name": "Speed.Pool", "status": "passed", "reason": "", "speed_ratio": 2.5, "speed_bar": 1.5}
        slow = dict(speed, status="failed", reason="ratio 1.2 below the bar\nsecond line", speed_ratio=1.2)
        skip = {"name": "Speed.Cores", "status": "skipped", "reason": "needs 4 cores"}
        (d / "lab06-run1.json").write_text(result([ok, speed, skip]))
        (d / "lab06-run1.exit").write_text("0\n")
        (d / "lab06-run2.json").write_text(result([ok, slow, skip]))
        (d / "lab06-run2.exit").write_text("1\n")
        (d / "lab06-run3.exit").write_text("124\n")  # timed out: no results
        import io

        text = io.StringIO()
        problems = summarize(d, text)
        output = text.getvalue()
        checks = [
            (problems == 2, "one failed test and one run without results are 2 problems"),
            (re.search(r"Queue\.Fifo\s+2\s+2\s+0\s+0", output), "a passing test counts 2 runs, 2 passes"),
            (re.search(r"Speed\.Pool\s+2\s+1\s+1\s+0\s+ratio 1.20-2.50 \(bar 1.5\); "
                       r"first failure run 2: ratio 1.2 below the bar second line", output),
             "the speed ratios' range and bar, the first failure's reason on one line"),
            (re.search(r"Speed\.Cores\s+2\s+0\s+0\s+2\s+skipped run 1: needs 4 cores", output), "skips"),
            ("run 3: exit status 124, no results file" in output, "a run without results is named"),
        ]
        failed = [what for good, what in checks if not good]
        if failed:
            print(output)
            print("stress.py self-test FAILED: " + "; ".join(failed))
            return 1
        print("stress.py self-test passed")
        return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) == 3 and argv[1] == "summarize":
        return 1 if summarize(argv[2]) else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
