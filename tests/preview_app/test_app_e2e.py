"""End to end in a real browser: a participant completes the study on a phone-sized screen,
partly with the keyboard alone, then a researcher signs in and sees the result.

Playwright drives Debian's chromium (/usr/bin/chromium); browsers are never downloaded.
Screenshots go to build/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from panel_app_paths import REPO, SECRET, SERVER

CHROMIUM = "/usr/bin/chromium"
SHOTS = REPO / "build" / "screenshots"

# On a developer's machine without the browser the test is skipped; in CI it must run.
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="needs Debian chromium (make test installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(panel_env, tmp_path):
    port = _free_port()
    env = dict(os.environ)
    log = (tmp_path / "streamlit.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(SERVER), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
         "--server.fileWatcherType", "none"],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=str(REPO))
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read() == b"ok":
                    break
        except OSError:
            time.sleep(0.2)
    else:  # pragma: no cover
        process.terminate()
        pytest.fail("streamlit did not start: " + (tmp_path / "streamlit.log").read_text())
    yield url, panel_env
    process.terminate()
    process.wait(timeout=20)
    log.close()


def _launch(playwright, *extra: str):
    """Debian's chromium, headless, as every test here drives it."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=[
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", *extra])


def _open_results(page, url: str) -> None:
    """Sign in as a researcher and open the results page."""
    from playwright.sync_api import expect

    page.goto(f"{url}/sign-in")
    page.get_by_label("Secret").fill(SECRET)
    page.get_by_role("button", name="Sign in").click()
    _settle(page)
    page.get_by_role("link", name="Results").click()
    _settle(page)
    expect(page.get_by_text("Participants", exact=True)).to_be_visible()


def _settle(page) -> None:
    """Wait until Streamlit has finished the rerun a click started."""
    page.wait_for_timeout(150)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30000)
    page.wait_for_timeout(100)


def _pick(page, text: str) -> None:
    """Choose the option labelled *text* (a button per option) and wait until it shows as
    chosen."""
    page.get_by_role("button", name=text, exact=True).click()
    page.get_by_role("button", name=f"✓ {text} · chosen", exact=True).wait_for(timeout=30000)
    _settle(page)


def _main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def _next(page, name: str = "Next") -> None:
    """Press *name* and wait until the page shows the next step (its text changed)."""
    before = _main_text(page)
    page.get_by_role("button", name=name, exact=True).click()
    for _ in range(300):
        page.wait_for_timeout(100)
        if _main_text(page) != before:
            break
    _settle(page)


def test_participant_completes_and_researcher_sees_the_result(server):
    from playwright.sync_api import expect, sync_playwright

    url, (store, study) = server
    invite = store.create_participants(study.id, "en", 1)[0]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = _launch(p)
        # A phone-sized window.
        phone = browser.new_context(viewport={"width": 390, "height": 844},
                                    device_scale_factor=2)
        page = phone.new_page()
        page.goto(f"{url}/?invite={invite.token}")
        expect(page.get_by_text(study.title["en"])).to_be_visible(timeout=30000)
        page.screenshot(path=str(SHOTS / "participant-welcome-phone.png"), full_page=True)

        # Keyboard only: Tab to "Start" and press Enter; type the first language; Tab, Enter.
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.innerText") == "Start":
                break
        page.keyboard.press("Enter")
        _settle(page)
        box = page.get_by_label("What is your first language")
        expect(box).to_be_visible()
        box.focus()
        page.keyboard.type("Tigrinya")
        page.keyboard.press("Enter")
        _settle(page)
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.innerText") == "Next":
                break
        page.keyboard.press("Enter")
        _settle(page)

        _pick(page, "I read it fairly well")
        _next(page)
        _pick(page, "Sometimes")
        _next(page)

        expect(page.get_by_text("Read the letter as you would")).to_be_visible()
        page.screenshot(path=str(SHOTS / "participant-letter-phone.png"), full_page=True)
        _next(page, "I have read the letter")

        # Highlighter, section by section: mark the first two sentences of each part.
        while page.get_by_text("Mark what is clear and what is confusing").count():
            first = page.get_by_role("radiogroup", name="Sentence 1", exact=True)
            first.get_by_role("radio", name="Confusing").click()
            _settle(page)
            expect(first.get_by_role("radio", name="Confusing")).to_have_attribute(
                "aria-checked", "true")
            # chosen "confusing" is orange and "clear" green, as the instructions say
            expect(first.get_by_role("radio", name="Confusing")).to_have_css(
                "background-color", "rgb(194, 65, 12)")
            second = page.get_by_role("radiogroup", name="Sentence 2", exact=True)
            if second.count():
                second.get_by_role("radio", name="Clear").click()
                _settle(page)
                expect(second.get_by_role("radio", name="Clear")).to_have_css(
                    "background-color", "rgb(31, 122, 58)")
            if page.get_by_text("Page 1 of").count():
                page.screenshot(path=str(SHOTS / "participant-highlighter-phone.png"),
                                full_page=True)
            _next(page)

        _pick(page, "21 December 2026")
        _next(page)
        _pick(page, "They decide with the information they have. The decision may be negative.")
        _next(page)
        area = page.get_by_label("What do you need to send?")
        area.fill("My marriage certificate and the passport <script>x</script>")
        area.press("Control+Enter")
        _settle(page)
        _next(page)
        _pick(page, "4 – sure")
        _next(page)

        # Cloze pages: fill in every gap with a guess.
        while page.get_by_text("Fill in the missing words").count():
            gaps = page.get_by_label(re.compile(r"^Gap \d+$"))
            for i in range(gaps.count()):
                gaps.nth(i).fill("the")
                gaps.nth(i).press("Enter")
                _settle(page)
            page.screenshot(path=str(SHOTS / "participant-cloze-phone.png"), full_page=True)
            _next(page)

        _next(page, "I have read the letter")
        _pick(page, "8:45")
        _next(page)
        _pick(page, "I contact them at once and say which language I understand best.")
        _next(page)
        _pick(page, "5 – completely sure")
        _next(page)
        expect(page.get_by_text("Thank you!")).to_be_visible()
        page.screenshot(path=str(SHOTS / "participant-done-phone.png"), full_page=True)

        # Reloading the link resumes at the end, nothing lost.
        page.reload()
        expect(page.get_by_text("Thank you!")).to_be_visible(timeout=30000)
        phone.close()

        me = store.participant_by_token(invite.token)
        assert me.finished
        answers = store.answers(me)
        assert answers[("", "background", "first_language")] == "Tigrinya"
        assert answers[("supplement-request-family-ties", "deadline", "")] == 1

        # The researcher signs in on a laptop-sized window and opens the results.
        laptop = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = laptop.new_page()
        _open_results(page, url)
        metric = page.get_by_test_id("stMetricValue").first
        expect(metric).to_have_text("1")
        page.screenshot(path=str(SHOTS / "researcher-results.png"), full_page=True)
        page.get_by_role("tab", name="Highlighter").click()
        _settle(page)
        expect(page.locator('[title^="1 of 1 confusing"]').first).to_be_attached()
        page.screenshot(path=str(SHOTS / "researcher-heatmap.png"), full_page=True)
        page.get_by_role("link", name="Writer preview").click()
        _settle(page)
        expect(page.locator("article.lk-letter").first).to_be_visible(timeout=30000)
        page.screenshot(path=str(SHOTS / "writer-preview.png"), full_page=True)
        laptop.close()
        browser.close()


def _tab_to(page, text: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText").strip() == text:
            return
    pytest.fail(f"Tab never reached {text!r}")


def test_typed_text_survives_closing_the_tab_and_every_option_takes_the_keyboard(server):
    """Typed text is stored while the participant types (no Enter, no leaving the field),
    and a question's third option can be chosen with Tab and Space alone."""
    from playwright.sync_api import expect, sync_playwright

    url, (store, study) = server
    invite = store.create_participants(study.id, "fi", 1)[0]
    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(f"{url}/?invite={invite.token}&lang=fi")
        expect(page.get_by_text(study.title["fi"])).to_be_visible(timeout=30000)
        _next(page, "Aloita")
        box = page.get_by_label("Mikä on äidinkielesi")
        box.click()
        page.keyboard.type("tigrinja", delay=40)
        expect(page.get_by_text("Enter")).to_have_count(0)  # no "Press Enter to apply"
        expect(page.get_by_text("✓ Tallennettu")).to_be_visible(timeout=10000)
        page.close()  # closed without leaving the field or pressing Enter
        me = store.participant_by_token(invite.token)
        assert store.answers(me)[("", "background", "first_language")] == "tigrinja"

        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(f"{url}/?invite={invite.token}&lang=fi")
        expect(page.get_by_label("Mikä on äidinkielesi")).to_have_value("tigrinja",
                                                                         timeout=30000)
        _tab_to(page, "Seuraava")
        page.keyboard.press("Enter")
        _settle(page)
        _tab_to(page, "Luen sitä melko hyvin")  # the third of five options
        page.keyboard.press("Space")
        _settle(page)
        expect(page.get_by_role("button", name="✓ Luen sitä melko hyvin · valittu")
               ).to_be_visible()
        page.screenshot(path=str(SHOTS / "participant-keyboard-choice-phone.png"),
                        full_page=True)
        assert store.answers(me)[("", "background", "reading_level")] == 3
        browser.close()


def test_headers_closed_metrics_and_no_third_party_requests(server):
    """Every response carries the CSP; the metrics are closed; a participant's browser and
    the researcher's contact nobody but this server, and the CSP blocks nothing it needs."""
    from playwright.sync_api import expect, sync_playwright

    url, (store, study) = server
    with urllib.request.urlopen(f"{url}/") as response:
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/_stcore/metrics", "/_stcore/metrics/"):
        with pytest.raises(urllib.error.HTTPError) as closed:
            urllib.request.urlopen(f"{url}{path}")
        assert closed.value.code == 404
    invite = store.create_participants(study.id, "sv", 1)[0]
    requests, violations = [], []
    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: violations.append(m.text)
                if "Content Security Policy" in m.text else None)
        page.goto(f"{url}/?invite={invite.token}")
        expect(page.get_by_text(study.title["sv"])).to_be_visible(timeout=30000)
        _next(page, "Börja")
        _open_results(page, url)
        browser.close()
    outside = [r for r in requests if not r.startswith((url, "data:", "blob:"))]
    assert not outside, outside
    assert not violations, violations


def test_the_letter_is_read_aloud_with_the_sentence_highlighted(server):
    from playwright.sync_api import expect, sync_playwright

    from letterkit import speech

    if speech.available():
        pytest.skip(speech.available())
    url, (store, study) = server
    invite = store.create_participants(study.id, "fi", 1)[0]
    with sync_playwright() as p:
        browser = _launch(p, "--autoplay-policy=no-user-gesture-required")
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        page.goto(f"{url}/?invite={invite.token}&lang=fi")
        expect(page.get_by_text(study.title["fi"])).to_be_visible(timeout=30000)
        _next(page, "Aloita")
        for _ in range(4):
            if page.get_by_role("button", name="🔊 Kuuntele kirje").count():
                break
            _next(page, "Seuraava")
        page.get_by_role("button", name="🔊 Kuuntele kirje").click()
        _settle(page)
        expect(page.locator("audio")).to_have_count(1, timeout=30000)
        page.evaluate("document.querySelector('audio').play()")
        expect(page.locator(".lk-read.lk-now").first).to_be_visible(timeout=15000)
        page.wait_for_timeout(3500)  # a few seconds in: a later sentence is highlighted
        now = page.locator(".lk-read.lk-now").first.get_attribute("data-cue")
        page.screenshot(path=str(SHOTS / "participant-listen-phone.png"), full_page=False)
        browser.close()
    assert now is not None
    me = store.participant_by_token(invite.token)
    assert any(task == "listen" for (_letter, task, _item) in store.answers(me))


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe(page) -> list:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: tags})", WCAG)
    assert len(result["passes"]) > 5  # axe really ran
    return [(v["id"], v["impact"], [(n["html"][:100], n.get("failureSummary", "")[-160:])
                                     for n in v["nodes"]][:3])
            for v in result["violations"]]


def test_every_page_type_of_the_app_has_no_axe_violations(server):
    """axe-core (WCAG 2.1 A/AA) on each kind of page a participant and a researcher meet, at
    phone and laptop size."""
    from playwright.sync_api import expect, sync_playwright

    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is missing: make setup runs npm install")
        pytest.skip("axe-core is not installed (npm install at the repository root)")
    url, (store, study) = server
    found: dict[str, list] = {}
    with sync_playwright() as p:
        browser = _launch(p)
        for width, height in ((390, 844), (1280, 900)):
            invite = store.create_participants(study.id, "fi", 1)[0]
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            page.goto(f"{url}/?invite={invite.token}&lang=fi")
            expect(page.get_by_text(study.title["fi"])).to_be_visible(timeout=30000)
            found[f"welcome@{width}"] = _axe(page)
            _next(page, "Aloita")
            found[f"text question@{width}"] = _axe(page)
            _next(page, "Seuraava")
            found[f"choice question@{width}"] = _axe(page)
            for _ in range(2):
                _next(page, "Seuraava")
            found[f"letter@{width}"] = _axe(page)
            _next(page, "Olen lukenut kirjeen")
            found[f"highlighter@{width}"] = _axe(page)
            page.goto(f"{url}/sign-in")
            found[f"sign-in@{width}"] = _axe(page)
            for path, check in (("writer", "article.lk-letter"),
                                ("studies", "[data-testid='stDataFrame']"),
                                ("results", "[data-testid='stMetricValue']")):
                # a page opened anew asks for the secret in place (a new session)
                page.goto(f"{url}/{path}")
                page.get_by_label("Secret").fill(SECRET)
                page.get_by_role("button", name="Sign in").click()
                _settle(page)
                expect(page.locator(check).first).to_be_attached(timeout=30000)
                found[f"{path}@{width}"] = _axe(page)
        browser.close()
    bad = {page: v for page, v in found.items() if v}
    assert not bad, json.dumps(bad, indent=1, ensure_ascii=False)


def test_phone_writer_shows_one_language_at_a_time_with_a_keyboard_switcher(server):
    """All three languages on a 390 px phone: one language at a time, switched with the
    keyboard alone; at 1280 px the languages stand side by side and there is no switcher.
    axe-core finds nothing in either."""
    from playwright.sync_api import expect, sync_playwright

    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm install at the repository root)")
    url, _ = server
    with sync_playwright() as p:
        browser = _launch(p)
        for width, height in ((390, 844), (1280, 900)):
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            page.goto(f"{url}/writer")
            page.get_by_label("Secret").fill(SECRET)
            page.get_by_role("button", name="Sign in").click()
            _settle(page)
            page.get_by_text("all three", exact=True).click()
            _settle(page)
            aligned = page.locator(".lk-aligned")
            expect(aligned).to_be_visible(timeout=30000)
            switcher = page.get_by_role("radiogroup", name="Language shown").get_by_role(
                "radio", name="sv", exact=True)
            if width == 390:
                expect(aligned.locator('.lk-letter[lang="fi"]').first).to_be_visible()
                expect(aligned.locator('.lk-letter[lang="sv"]').first).to_be_hidden()
                switcher.focus()
                expect(switcher).to_be_focused()
                page.keyboard.press("Enter")
                _settle(page)
                expect(aligned.locator('.lk-letter[lang="sv"]').first).to_be_visible()
                expect(aligned.locator('.lk-letter[lang="fi"]').first).to_be_hidden()
                page.screenshot(path=str(SHOTS / "writer-all-phone-sv.png"), full_page=True)
            else:
                expect(switcher).to_be_hidden()
                for lang in ("fi", "sv", "en"):
                    expect(aligned.locator(f'.lk-letter[lang="{lang}"]').first).to_be_visible()
                page.screenshot(path=str(SHOTS / "writer-all-laptop.png"), full_page=True)
            assert _axe(page) == [], width
        browser.close()
