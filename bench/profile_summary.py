"""Summarise a py-spy ``--format raw`` profile of a pass: samples per process kind, top functions by self and
by cumulative samples. See bench/profile.md.

    py-spy record --subprocesses --rate 50 --format raw -o pass.txt -- .venv/bin/python bench/throughput.py --articles 1500 --no-floor
    python bench/profile_summary.py pass.txt [--top 15] [--rate 50]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict

# process, thread and pool plumbing: in every stack, it would top the cumulative list and say nothing
_PLUMBING = re.compile(r"\((multiprocessing|concurrent/futures|<string>|<frozen importlib)|\(threading\.py\)|^ main\(")
_PATH = re.compile(r"\((?:/[^()]*?/(?:site-packages|lib/python3\.\d+|wt-[^/]+|main|newsdesk)/)?([^()]*?)(?::\d+)?\)$")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("profile")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--rate", type=int, default=50, help="the sampling rate given to py-spy (samples/s)")
    args = parser.parse_args()
    total: Counter[str] = Counter()
    own: dict[str, Counter[str]] = defaultdict(Counter)
    cumulative: dict[str, Counter[str]] = defaultdict(Counter)
    for line in open(args.profile, encoding="utf-8"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = stack.split(";")
        last = max(i for i, f in enumerate(frames) if f.startswith("process "))
        # the bench's own process, or a worker (a child of the forkserver, itself a child of the bench)
        kind = "main process" if "throughput.py" in frames[last] else ("forkserver" if last == 1 else "workers")
        names = [_PATH.sub(r"(\1)", f) for f in frames[last + 1:]]
        n = int(count)
        total[kind] += n
        if names:
            own[kind][names[-1]] += n
        for name in set(names):
            if not _PLUMBING.search(name):
                cumulative[kind][name] += n
    for kind, n in total.most_common():
        print(f"== {kind}: {n} samples = {n / args.rate:.0f} s of active threads")
        for title, counter in (("self", own[kind]), ("cumulative", cumulative[kind])):
            print(f"  -- {title}")
            for name, k in counter.most_common(args.top):
                print(f"  {100 * k / n:5.1f}%  {k / args.rate:6.1f}s  {name}")


if __name__ == "__main__":
    main()
