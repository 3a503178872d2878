"""A guide page in a real browser at phone size: pictures load, axe-core finds no WCAG 2.1
A/AA violation. Needs Debian chromium and `npm install` (axe-core in node_modules/)."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path("/usr/bin/chromium")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("prefix", ["", "sv/", "en/"])
def test_guide_page_at_390_has_no_axe_violations(site, prefix):
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make system-deps)")
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install at the repository root)")
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = site / prefix / "generated" / "guides" / "supplement-request" / "index.html"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(page_file.as_uri())
            broken = page.evaluate("[...document.images].filter(i => !i.complete || "
                                   "i.naturalWidth === 0).map(i => i.src)")
            assert broken == []
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            page.add_script_tag(path=str(AXE))
            result = page.evaluate("tags => axe.run(document, {runOnly: tags})", WCAG)
        finally:
            browser.close()
    violations = [(v["id"], [n["html"][:80] for n in v["nodes"]]) for v in result["violations"]]
    assert violations == []
    assert len(result["passes"]) > 10  # axe really ran
