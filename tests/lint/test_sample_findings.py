"""Findings in a sample's values point at the sample file's line; --ignore-samples drops them."""

from __future__ import annotations

import json

from letterkit.catalog import load_catalog
from letterkit.lint import lint_catalog
from letterkit.project import find_project


def _with_real_email(catalog_dir):
    sample = catalog_dir / "demo-letter" / "samples" / "with-counsel.yaml"
    text = sample.read_text(encoding="utf-8")
    sample.write_text(text.replace("counsel_name: Testi Avustaja",
                                   "counsel_name: testi.avustaja@gmail.com"), encoding="utf-8")
    line = next(i for i, row in enumerate(sample.read_text(encoding="utf-8").splitlines(), 1)
                if "counsel_name" in row)
    return sample, line


def test_a_value_finding_points_at_the_sample_line(catalog_dir):
    sample, line = _with_real_email(catalog_dir)
    project = find_project(catalog_dir.parent)
    findings = lint_catalog(load_catalog(catalog_dir, project.kinds), project.rules(), project)
    pii = [f for f in findings if f.code == "PII001"]
    assert pii, "the real-looking e-mail address in the sample is not reported"
    assert {f.path for f in pii} == {str(sample)}
    assert {f.line for f in pii} == {line}
    # Text the template wrote still points at the template.
    assert all(f.path.endswith(".j2") for f in findings if f.code != "PII001")


def test_ignore_samples_leaves_them_out(catalog_dir, run_cli):
    _with_real_email(catalog_dir)
    result = run_cli("lint", "--format", "json", cwd=catalog_dir.parent)
    assert any(f["code"] == "PII001" for f in json.loads(result.out))
    result = run_cli("lint", "--format", "json", "--ignore-samples", cwd=catalog_dir.parent)
    assert not any(f["code"] == "PII001" for f in json.loads(result.out))
