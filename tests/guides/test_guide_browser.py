"""A guide page in a real browser at phone size: pictures load, axe-core finds no WCAG 2.1
A/AA violation. Needs Debian chromium and `npm install` (axe-core in node_modules/)."""

import pytest

from sitebrowser import axe_violations


@pytest.mark.parametrize("prefix", ["", "sv/", "en/"])
def test_guide_page_at_390_has_no_axe_violations(site_server, chromium, prefix):
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{site_server}{prefix}generated/guides/supplement-request/")
        broken = page.evaluate("[...document.images].filter(i => !i.complete || "
                               "i.naturalWidth === 0).map(i => i.src)")
        assert broken == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert axe_violations(page) == []
    finally:
        page.close()
