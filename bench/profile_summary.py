"""Summarise a py-spy ``--format raw`` profile of a pass: samples per process kind, top functions by self and
by cumulative samples. See bench/profile.md.

    py-spy record --subprocesses --rate 50 --format raw -o pass.txt -- .venv/bin/python bench/throughput.py --articles 1500 --no-floor
    python bench/profile_summary.py pass.txt [--top 15] [--rate 50]

A profile of one process (recorded without ``--subprocesses``) counts as the main process. ``--root NAME`` keeps
only the samples under the function NAME (``extract_article``) and gives shares of its time:

    py-spy record --rate 200 --format raw -o extract.txt -- .venv/bin/python bench/extraction.py --direct
    python bench/profile_summary.py extract.txt --root extract_article
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
    parser.add_argument("--root", help="only the samples under this function, as shares of its time")
    args = parser.parse_args()
    total: Counter[str] = Counter()
    own: dict[str, Counter[str]] = defaultdict(Counter)
    cumulative: dict[str, Counter[str]] = defaultdict(Counter)
    for line in open(args.profile, encoding="utf-8"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        frames = stack.split(";")
        kind, frames = _process(frames)
        if args.root:
            under = [i for i, f in enumerate(frames) if f.startswith(f"{args.root} (")]
            if not under:
                continue
            frames = frames[under[0]:]
        names = [_PATH.sub(r"(\1)", f) for f in frames]
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


def _process(frames: list[str]) -> tuple[str, list[str]]:
    """The kind of process a stack was sampled in, and its frames below the process marker(s)."""
    marks = [i for i, f in enumerate(frames) if f.startswith("process ")]
    if not marks:  # recorded without --subprocesses: one process
        return "main process", frames
    last = marks[-1]
    # the bench's own process, or a worker (a child of the forkserver, itself a child of the bench)
    kind = "main process" if "throughput.py" in frames[last] else ("forkserver" if last == 1 else "workers")
    return kind, frames[last + 1:]


if __name__ == "__main__":
    main()
