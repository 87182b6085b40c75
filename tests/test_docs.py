"""The documentation stays true: the README is short and has the two commands, docs/cli.md is what `--help`
prints now, every relative link and anchor resolves, and the architecture and schema pages name every module,
table, view and named query there is."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from pipeline.store import core as store

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
BIN = Path(sys.executable).parent


def _generator():
    spec = importlib.util.spec_from_file_location("gen_cli_docs", REPO / "tools" / "gen_cli_docs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _generator()


def documents() -> list[Path]:
    return [REPO / "README.md", REPO / "bench" / "README.md", *sorted(DOCS.glob("*.md"))]


# ------------------------------------------------------------------------------------------------ README


def test_every_name_the_docs_import_from_the_package_is_there():
    # the stage packages moved modules (pipeline/serve/read.py): what the README and docs/ show still imports
    shown = {name.strip() for doc in documents() for names in re.findall(r"from pipeline import ([\w, ]+)",
                                                                          doc.read_text(encoding="utf-8"))
             for name in names.split(",")}
    assert "read" in shown and "run_pass" in shown
    code = f"import pipeline; [getattr(pipeline, n) for n in {sorted(shown)!r}]"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_readme_is_what_a_newcomer_needs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150, "README.md is over 150 lines: move the detail into docs/"
    quick_start = readme[readme.index("## Quick start"):].split("```sh\n", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in quick_start.splitlines() if line.strip()]
    assert commands == ["uv run newsdesk demo", "uv run pytest"]  # the set-up contract: exactly two commands
    assert "pip install uv" in readme
    for page in ("docs/architecture.md", "docs/schema.md", "docs/cli.md", "docs/operations.md", "docs/airflow.md",
                 "bench/README.md"):
        assert f"]({page})" in readme, f"README.md does not point at {page}"


def test_ci_runs_the_readmes_test_command():
    """.ci/run says it runs "the README's test command": the command it runs is the one the README gives."""
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    runs = [line.strip() for line in ci.splitlines() if line.strip().startswith("uv run pytest")]
    assert runs, ".ci/run runs no `uv run pytest`"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for command in runs:
        assert re.search(rf"^{re.escape(command)}\b", readme, re.M), f"README.md does not give `{command}`"


# ------------------------------------------------------------------------------------------- CLI reference


def test_cli_reference_is_current():
    committed = (DOCS / "cli.md").read_text(encoding="utf-8") if (DOCS / "cli.md").is_file() else ""
    assert committed == gen.current(), f"docs/cli.md is out of date: run `{gen.COMMAND}` and commit it"


def test_cli_reference_is_what_help_prints():
    """The generator renders in process; a user types `newsdesk ... --help` in a terminal. Same text."""
    env = {**os.environ, "COLUMNS": "200"}
    env = {k: v for k, v in env.items() if not k.startswith("NEWSDESK_")}
    shown = subprocess.run([str(BIN / "newsdesk"), "feeds", "add", "--help"], capture_output=True, text=True,
                           env=env, timeout=120, check=True).stdout
    section = gen.current().split("## `newsdesk feeds add`\n\n```text\n", 1)[1].split("\n```", 1)[0]
    assert section == shown.rstrip()


def test_generator_walks_every_command_and_leaves_hidden_ones_out():
    @click.group(context_settings={"help_option_names": ["-h", "--help"]})
    def tool():
        """A tool."""

    @tool.group()
    def things():
        """Things."""

    @things.command("add")
    @click.option("--count", default=3, show_default=True, help="How many.")
    def add(count):
        """Add a thing."""

    @tool.command(hidden=True)
    def secret():
        """Not for users."""

    text = gen.render(tool, prog="tool", header="# ref\n")
    assert re.findall(r"^## `(.+)`$", text, re.M) == ["tool", "tool things", "tool things add"]
    assert "Usage: tool things add [OPTIONS]" in text
    assert "--count INTEGER  How many.  [default: 3]" in text
    assert "-h, --help" in text  # the group's context settings reach its sub-commands, as on the command line


def test_check_mode_names_the_command_to_run(tmp_path, monkeypatch, capsys):
    stale = tmp_path / "cli.md"
    stale.write_text("# CLI reference\n\nhand-edited\n", encoding="utf-8")
    monkeypatch.setattr(gen, "OUT", stale)
    assert gen.main(["--check"]) == 1
    assert gen.COMMAND in capsys.readouterr().err
    assert stale.read_text(encoding="utf-8") == "# CLI reference\n\nhand-edited\n"  # --check writes nothing
    assert gen.main([]) == 0 and gen.main(["--check"]) == 0


# ----------------------------------------------------------------------------------------------- links

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)


def _prose(text: str) -> str:
    """The text outside fenced code blocks (a `# comment` in a shell block is no heading)."""
    return FENCE.sub("", text)


def anchors(path: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation out, spaces to hyphens, -1, -2 for repeats."""
    seen: dict[str, int] = {}
    out = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", _prose(path.read_text(encoding="utf-8")), re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        n = seen.get(slug, 0)
        seen[slug] = n + 1
        out.add(slug if n == 0 else f"{slug}-{n}")
    return out


def broken_links(path: Path) -> list[str]:
    problems = []
    for target in LINK.findall(_prose(path.read_text(encoding="utf-8"))):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # https:, mailto: ...: not ours to check here
            continue
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        if not resolved.exists():
            problems.append(f"{path.name}: {target} (no such file)")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            problems.append(f"{path.name}: {target} (no heading #{anchor} in {resolved.name})")
    return problems


@pytest.mark.parametrize("path", documents(), ids=lambda p: str(p.relative_to(REPO)))
def test_relative_links_point_at_existing_files_and_headings(path):
    assert path.is_file()
    assert broken_links(path) == []


def test_link_check_catches_a_missing_file_and_a_missing_heading(tmp_path):
    (tmp_path / "other.md").write_text("# Other\n\n## Exit codes\n\n```sh\n# not a heading\n```\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](other.md#exit-codes) [gone](missing.md) [bad](other.md#not-a-heading) [code](other.md#not-a-heading-1)"
        " [web](https://example.org/x.md) ![img](other.md)\n\n```sh\n[in code](nowhere.md)\n```\n", encoding="utf-8")
    assert broken_links(page) == [
        "page.md: missing.md (no such file)",
        "page.md: other.md#not-a-heading (no heading #not-a-heading in other.md)",
        "page.md: other.md#not-a-heading-1 (no heading #not-a-heading-1 in other.md)",
    ]


def test_anchors_follow_githubs_rules(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("## `newsdesk feeds add`\n## Dedup: in the article, near-duplicates\n## Notes\n## Notes\n",
                    encoding="utf-8")
    assert anchors(page) == {"newsdesk-feeds-add", "dedup-in-the-article-near-duplicates", "notes", "notes-1"}


# ------------------------------------------------------------------------------- architecture and schema


def test_architecture_shows_the_stages_and_names_every_module():
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    assert "```text" in text and "```mermaid" in text  # the picture, for terminals and for GitHub
    linked = {(DOCS / target.partition("#")[0]).resolve() for target in LINK.findall(text)}
    package = REPO / "pipeline"
    modules = [p for p in package.rglob("*.py") if p.name != "__init__.py"]
    # a module counts as named when its file, or a sub-package holding it (`demo/`), is linked; the package
    # itself is linked too, but says nothing about any one module
    unnamed = [str(p.relative_to(REPO)) for p in modules
               if not ({p, *p.parents[:len(p.relative_to(package).parts) - 1]} & linked)]
    assert unnamed == [], "docs/architecture.md does not say what these modules do"


def test_the_architecture_tree_lists_every_package_and_module():
    """The ```text tree left out `demo/`, `nlp/french_mentions` and `run/worker_preload` although the table named
    some of them: each sub-package is a line of its own, and each module a word on its package's lines."""
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    tree = text.split("```text\npipeline/\n", 1)[1].split("```", 1)[0]
    sections: dict[str, str] = {}
    current = None
    for line in tree.splitlines():
        head = re.match(r"  (\S+/|\*\.py)\s", line)
        if head:
            current = head.group(1)
            sections[current] = line[head.end():]
        elif current is not None:  # a continuation line of the package above
            sections[current] += " " + line.strip()
    package = REPO / "pipeline"
    packages = sorted(p.parent.name + "/" for p in package.glob("*/__init__.py"))
    assert sorted(set(sections) - {"*.py"}) == packages
    missing = [str(p.relative_to(package)) for p in package.rglob("*.py") if p.name != "__init__.py"
               if not re.search(rf"(?<![\w/]){p.stem}(?!\w)",
                                sections["*.py" if p.parent == package else p.parent.name + "/"])]
    assert missing == [], "docs/architecture.md's module tree does not list these modules"


def test_schema_names_every_table_view_and_named_query(tmp_path):
    with store.connect(tmp_path / "fresh.duckdb") as con:  # every migration and view applied
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    queries = [p.stem for p in (REPO / "sql" / "queries").glob("*.sql")]
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    assert len(names) > 30 and queries
    assert [n for n in names if f"`{n}`" not in text] == [], "docs/schema.md does not describe these tables/views"
    assert [q for q in queries if not re.search(rf"^{q}\s", text, re.M)] == [], \
        "docs/schema.md's `--list` output lacks these named queries: run it again and paste it"
