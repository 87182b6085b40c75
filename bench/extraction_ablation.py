"""What each extraction setting and clean-up rule is worth, on both dev sets: flip one at a time, all else as decided.

    uv run python bench/extraction_ablation.py                 # every switch of pipeline.extract.rules.Settings
    uv run python bench/extraction_ablation.py --only fast include_comments
    uv run python bench/extraction_ablation.py --json

Runs in process (``bench/extraction.py --direct``'s path: ``extract_article`` + ``dedup_paragraphs`` on the
bytes), once with :data:`pipeline.extract.rules.SETTINGS` and once per variant. For a switch that is on, the
variant turns it off and ``gain`` is what having it is worth (F1 with it minus F1 without); for one that is off,
the variant turns it on and ``gain`` is what turning it on would be worth. The rule the settings follow: a
switch is on only when its gain is positive or neutral (``>= -NEUTRAL``) on BOTH sets; one that wins on one set
and loses on the other is off. Verdicts are printed next to each row.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import fields, replace
from functools import partial

from extraction import SETS, load_set, run_direct, score

from pipeline.extract.core import extract_article
from pipeline.extract.rules import BOILERPLATE_CHECKS, SETTINGS, Settings

NEUTRAL = 0.0005


def variants(settings: Settings) -> dict[str, Settings]:
    """One variant per switch: booleans flipped, each boilerplate pattern left out (or put back) alone."""
    out = {}
    for field in fields(settings):
        value = getattr(settings, field.name)
        if isinstance(value, bool):
            out[field.name] = replace(settings, **{field.name: not value})
    for name in BOILERPLATE_CHECKS:
        on = name in settings.boilerplate
        out[f"boilerplate:{name}"] = replace(
            settings, boilerplate=settings.boilerplate - {name} if on else settings.boilerplate | {name}
        )
    return out


def measure(settings: Settings, data: dict) -> dict:
    row = {}
    for name, (pages, truth) in data.items():
        texts, cpu = run_direct(pages, partial(extract_article, settings=settings))
        row[name] = {**score(truth, texts), "empty": sum(not texts.get(k, "").strip() for k in truth),
                     "cpu_seconds": round(cpu, 1)}
    return row


def verdict(gains: dict[str, float], currently_on: bool) -> str:
    helps_or_neutral = all(g >= -NEUTRAL for g in gains.values())
    helps = any(g > NEUTRAL for g in gains.values())
    if currently_on:
        return "keep" if helps_or_neutral else "DROP (loses on a set)"
    return "ADD" if helps_or_neutral and helps else "stay off"


def _is_on(settings: Settings, variant: str) -> bool:
    if variant.startswith("boilerplate:"):
        return variant.split(":", 1)[1] in settings.boilerplate
    return bool(getattr(settings, variant))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="variant names (default: all)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data = {name: load_set(name) for name in SETS}
    base = measure(SETTINGS, data)
    todo = {k: v for k, v in variants(SETTINGS).items() if not args.only or k in args.only}
    results = {"settings": base}
    if not args.json:
        print(f"{'variant':28} {'state':5} " + " ".join(f"{n + ' F1':>15} {'gain':>8} {'empty':>5}" for n in data)
              + "  verdict")
        print(f"{'(settings in effect)':28} {'':5} "
              + " ".join(f"{base[n]['f1']:15.4f} {'':>8} {base[n]['empty']:5d}" for n in data))
    for variant, settings in todo.items():
        row = measure(settings, data)
        on = _is_on(SETTINGS, variant)
        # gain of having the switch the other way from the variant: on -> (base - variant), off -> (variant - base)
        gains = {n: (base[n]["f1"] - row[n]["f1"]) if on else (row[n]["f1"] - base[n]["f1"]) for n in data}
        results[variant] = {**row, "on": on, "gain": {n: round(g, 4) for n, g in gains.items()},
                            "verdict": verdict(gains, on)}
        if not args.json:
            print(f"{variant:28} {'on' if on else 'off':5} "
                  + " ".join(f"{row[n]['f1']:15.4f} {gains[n]:+8.4f} {row[n]['empty']:5d}" for n in data)
                  + f"  {results[variant]['verdict']}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
