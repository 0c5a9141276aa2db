"""Speed and memory of rules-only checking, measured (never asserted in tests).

    python benchmarks/run_bench.py                       # 10 MB feed, jobs 1 and all
    python benchmarks/run_bench.py --megabytes 10 500    # also the 500 MB feed
    python benchmarks/run_bench.py --segments 1000 10000 100000 1000000

For each synthetic feed (benchmarks/gen_feed.py) it runs
``mtcheck check FEED --format jsonl --output OUT --quiet`` at ``--jobs 1`` and
``--jobs <all cores>`` and reports wall time, MB/s (input bytes), segments/s, and
the peak resident memory of the whole process tree (sampled from /proc every 50 ms).
As the floor it times a bare pyahocorasick scan of the same ``mt`` texts with every
surface form of the default style guide. Results go to stdout as a Markdown table
and to benchmarks/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT_DIR = HERE / "out"


def _tree_rss_kb(pid: int) -> int:
    total = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as children:
                    stack.extend(int(c) for c in children.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str]) -> tuple[float, int, int]:
    """(seconds, peak tree RSS in MB, exit code)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(stderr.decode(errors="replace"))
    return seconds, peak // 1024, proc.returncode


def bare_scan_seconds(feed: Path) -> tuple[float, float]:
    """(decode + scan seconds, scan-only seconds) of pyahocorasick over the feed's mt texts."""
    import ahocorasick

    from mtcheck.config import RunConfig
    from mtcheck.style_guides import load_style_guide

    pack = load_style_guide(RunConfig())
    automaton = ahocorasick.Automaton()
    for entity in pack.entities.values():
        forms = [*entity.canonical.values(), *entity.aliases, *entity.allowed, *entity.variants]
        for form in forms:
            automaton.add_word(form, form)
    automaton.make_automaton()
    started = time.perf_counter()
    scan = 0.0
    hits = 0
    with feed.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["mt"]
            t0 = time.perf_counter()
            for _ in automaton.iter(text):
                hits += 1
            scan += time.perf_counter() - t0
    return time.perf_counter() - started, scan


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, nargs="*", default=[10.0])
    parser.add_argument("--segments", type=int, nargs="*", default=[])
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, os.cpu_count() or 1])
    parser.add_argument("--keep", action="store_true", help="keep the generated feeds")
    args = parser.parse_args(argv)
    OUT_DIR.mkdir(exist_ok=True)
    feeds = [("--megabytes", str(mb)) for mb in args.megabytes] + [("--segments", str(n)) for n in args.segments]
    results = []
    print("| feed | segments | MB | jobs | seconds | MB/s | segments/s | peak RSS MB | floor scan s | floor MB/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for flag, value in feeds:
        feed = OUT_DIR / f"feed{flag.replace('-', '_')}_{value}.jsonl"
        gen = subprocess.run(
            [sys.executable, str(HERE / "gen_feed.py"), flag, value, "--out", str(feed)],
            check=True, capture_output=True, text=True,
        )
        meta = json.loads(gen.stderr.strip().splitlines()[-1])
        megabytes = meta["bytes"] / 1e6
        _, scan = bare_scan_seconds(feed)
        for jobs in dict.fromkeys(args.jobs):
            out = OUT_DIR / "findings.jsonl"
            cmd = [sys.executable, "-m", "mtcheck.cli", "check", str(feed), "--format", "jsonl",
                   "--output", str(out), "--quiet", "--jobs", str(jobs)]
            seconds, rss, code = run_measured(cmd)
            row = {
                "feed": f"{flag[2:]}={value}", "segments": meta["segments"], "megabytes": round(megabytes, 1),
                "jobs": jobs, "seconds": round(seconds, 2), "mb_per_s": round(megabytes / seconds, 2),
                "segments_per_s": round(meta["segments"] / seconds), "peak_rss_mb": rss,
                "floor_scan_seconds": round(scan, 2), "floor_mb_per_s": round(megabytes / scan, 1),
                "exit": code,
            }
            results.append(row)
            print(f"| {row['feed']} | {row['segments']} | {row['megabytes']} | {jobs} | {row['seconds']} | "
                  f"{row['mb_per_s']} | {row['segments_per_s']} | {rss} | {row['floor_scan_seconds']} | "
                  f"{row['floor_mb_per_s']} |", flush=True)
        if not args.keep:
            feed.unlink()
    (OUT_DIR / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
