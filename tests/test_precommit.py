"""The pre-commit hooks: declared for other repositories and used by this one."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def test_hooks_are_declared_and_used():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    ids = {hook["id"]: hook for hook in hooks}
    assert set(ids) == {"letterkit-check", "letterkit-lint"}
    for hook in hooks:
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["entry"].startswith("letterkit ")
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    used = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert used == set(ids)


def test_lint_takes_the_files_pre_commit_passes(run_cli, catalog_dir):
    project = catalog_dir.parent
    template = catalog_dir / "demo-letter" / "fi.md.j2"
    sample = catalog_dir / "demo-letter" / "samples" / "default.yaml"
    partial = catalog_dir / "_shared" / "fi" / "letterhead.md.j2"
    for files in ([template, sample], [partial]):
        result = run_cli("lint", *map(str, files), cwd=project)
        assert result.exit_code in (0, 1), result.err  # linted, not refused as bad input
        assert "finding" in result.err
        assert all(line.startswith("letters/demo-letter/") or
                   line.startswith("letters/_shared/") for line in result.lines)
