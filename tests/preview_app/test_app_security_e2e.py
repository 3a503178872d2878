"""Attacks in a real browser: script payloads through every participant field, study texts,
sample values and the messages that echo them never run; researcher pages give nothing
without a session; guessing invitation codes is throttled; the headers are set.

A payload "runs" if a dialog opens (every payload calls ``alert``) or if it lands in the
DOM as markup: an element carrying ``data-lkx``, a script or a ``javascript:`` link of its
own, in any frame. The counts are printed (``pytest -s``) for the hardening note.
"""

from __future__ import annotations

import re
import shutil
import urllib.request
from pathlib import Path

import pytest
import yaml
from panel_app_paths import REPO
from test_app_e2e import _launch, _settle, server  # noqa: F401 - the fixture is used

PAYLOADS = [
    '<script>alert("lkx")</script>',
    '<img src=x data-lkx onerror=alert("lkx")>',
    '"><svg data-lkx onload=alert("lkx")>',
    "'><iframe data-lkx src=javascript:alert(1)>",
    '[klikkaa](javascript:alert("lkx"))',
    '<a data-lkx href=javascript:alert(1)>x</a>',
    '<details data-lkx open ontoggle=alert(1)>',
    '</textarea><script>alert("lkx")</script>',
    '{{ 7*7 }} ${alert(1)} **__class__**',
    '<b data-lkx>b</b> &lt;i&gt; `x` <!--',
]

# Markup of the payloads, looked for in every frame after every step.
INJECTED = """() => {
  const hits = [...document.querySelectorAll('[data-lkx]')].map(e => e.outerHTML);
  for (const s of document.querySelectorAll('script'))
    if (s.textContent.includes('lkx')) hits.push('script: ' + s.textContent.slice(0, 80));
  for (const a of document.querySelectorAll('a[href^="javascript:" i]'))
    hits.push('link: ' + a.outerHTML.slice(0, 80));
  return hits;
}"""


class Watch:
    """Dialogs and injected markup seen on a page, and the payloads tried on it."""

    def __init__(self, page):
        self.page, self.dialogs, self.injected, self.tried = page, [], [], 0
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:  # noqa: ANN001
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def check(self, where: str) -> None:
        for frame in self.page.frames:
            try:
                hits = frame.evaluate(INJECTED)
            except Exception:  # noqa: BLE001 - a frame that went away meanwhile
                continue
            self.injected += [f"{where}: {hit}" for hit in hits]

    def assert_clean(self) -> None:
        assert not self.dialogs, self.dialogs
        assert not self.injected, self.injected[:5]


def _hostile_study(tmp_path: Path) -> tuple[dict, Path]:
    """The example study with a payload in every text, on a letter rendered from a sample
    whose values are payloads; returns the study data and the project it pins from."""
    project = tmp_path / "hostile"
    letters = project / "letters"
    for name in ("_shared", "supplement-request-family-ties"):
        shutil.copytree(REPO / "letters" / name, letters / name)
    (project / "pyproject.toml").write_text('[tool.letterkit]\nletters = "letters"\n',
                                            encoding="utf-8")
    samples = letters / "supplement-request-family-ties" / "samples"
    sample = yaml.safe_load((samples / "default.yaml").read_text(encoding="utf-8"))
    values = sample["values"]
    for n, name in enumerate(("recipient_name", "applicant_name", "handler_name")):
        values[name] = PAYLOADS[n]
    values["recipient_address"] = PAYLOADS[3:5]
    values["documents"] = {lang: PAYLOADS[5:] for lang in ("fi", "sv", "en")}
    (samples / "hostile.yaml").write_text(yaml.safe_dump(sample, allow_unicode=True),
                                          encoding="utf-8")
    study = yaml.safe_load((REPO / "studies" / "panel-2026-12.yaml").read_text("utf-8"))
    study["id"] = "hostile-2026"
    study["title"] = {lang: PAYLOADS[0] + " " + lang for lang in ("fi", "sv", "en")}
    study["description"] = {lang: " ".join(PAYLOADS) for lang in ("fi", "sv", "en")}
    study["letters"] = study["letters"][:1]
    entry = study["letters"][0]
    entry["sample"] = "hostile"
    # and a cloze test, whose answers are shown again inside the letter's gaps
    entry["tasks"].append({"id": "cloze", "type": "cloze", "every": 5, "offsets": 5,
                           "max_words": 150})
    n = 0
    for task in entry["tasks"]:
        if "question" in task:
            task["question"] = {lang: PAYLOADS[n % len(PAYLOADS)] for lang in task["question"]}
            n += 1
        if "options" in task:
            task["options"] = {lang: [PAYLOADS[(n + k) % len(PAYLOADS)] + f" {k}"
                                      for k in range(len(opts))]
                               for lang, opts in task["options"].items()}
    return study, project


def _fill_every_box(page, watch: Watch, offset: int) -> int:
    boxes = page.locator("[data-testid='stMain'] textarea, "
                         "[data-testid='stMain'] input[type='text']")
    filled = 0
    for k in range(boxes.count()):
        box = boxes.nth(k)
        if not box.is_visible() or box.is_disabled():
            continue
        box.fill(PAYLOADS[(offset + k) % len(PAYLOADS)])
        box.press("Tab")
        _settle(page)
        watch.tried += 1
        filled += 1
    return filled


def _next_step(page) -> bool:
    main = page.locator("[data-testid='stMain']")
    if main.get_by_text("Thank you!", exact=True).count():
        return False
    buttons = main.get_by_role("button", name=re.compile(
        r"^(Next|Start|I have read the letter)$"))
    try:  # a rerun may be redrawing the page: give the button time to come back
        buttons.last.wait_for(timeout=30000)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: no button, the last page
        return False
    before = main.inner_text()
    buttons.last.click()
    for _ in range(300):
        page.wait_for_timeout(100)
        if main.inner_text() != before:
            break
    _settle(page)
    return True


def test_no_payload_runs_anywhere_a_participant_or_a_study_puts_it(server, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    from letterkit.panel import parse_study, pin_study
    from letterkit.project import find_project

    url, (store, _example) = server
    data, project = _hostile_study(tmp_path)
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    study = parse_study(path.read_text(encoding="utf-8"), str(path))
    pins = pin_study(study, find_project(project))
    assert all("data-lkx" in pin.markdown for pin in pins)  # the values reach the letter
    store.add_study(study, pins)
    invite, other = store.create_participants(study.id, "en", 2)
    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
        watch = Watch(page)
        # Hostile addresses first: the invite and language in the URL, and the join form.
        for payload in PAYLOADS[:4]:
            page.goto(f"{url}/?invite={urllib.request.quote(payload)}"
                      f"&lang={urllib.request.quote(payload)}")
            page.get_by_label("Invitation code").wait_for(timeout=30000)
            _settle(page)
            watch.tried += 2
            watch.check("invite in the address")
        page.get_by_label("Invitation code").fill(PAYLOADS[4])
        page.get_by_role("button", name="Start").click()
        _settle(page)
        watch.tried += 1
        watch.check("join form")

        page.goto(f"{url}/?invite={invite.token}&lang=en")
        expect(page.get_by_text(PAYLOADS[0] + " en")).to_be_visible(timeout=30000)
        watch.tried += 1 + len(PAYLOADS)  # the title and the description
        watch.check("welcome")
        steps = 0
        while True:
            _fill_every_box(page, watch, steps)
            watch.check(f"step {steps}")
            steps += 1
            if not _next_step(page) or steps > 60:
                break
        expect(page.get_by_text("Thank you!")).to_be_visible()
        # A second tab with the same link: the conflict message echoes both answers.
        me = store.participant_by_token(invite.token)
        answers = store.answers(me)
        assert sum(1 for v in answers.values()
                   if (v.get("text") if isinstance(v, dict) else v) in PAYLOADS) >= 8
        tab = browser.new_context().new_page()
        tab_watch = Watch(tab)
        tab.goto(f"{url}/?invite={other.token}&lang=en")
        tab.get_by_role("button", name="Start").wait_for(timeout=30000)
        _next_step(tab)
        second = browser.new_context().new_page()
        second_watch = Watch(second)
        second.goto(f"{url}/?invite={other.token}&lang=en")
        second.get_by_label(re.compile("first language")).wait_for(timeout=30000)
        _fill_every_box(tab, tab_watch, 1)
        _fill_every_box(second, second_watch, 2)
        expect(second.get_by_text("another tab or window", exact=False)).to_be_visible()
        second_watch.check("conflict message")
        tab_watch.check("conflict")

        # The researcher reads the answers: results, heat map and tables.
        admin = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        admin_watch = Watch(admin)
        from test_app_e2e import _open_results

        _open_results(admin, url)
        expect(admin.get_by_text("Answers", exact=True)).to_be_visible()
        admin.mouse.wheel(0, 4000)
        _settle(admin)
        admin_watch.check("results")
        browser.close()
    tried = watch.tried + tab_watch.tried + second_watch.tried + len(PAYLOADS) * 2
    dialogs = watch.dialogs + tab_watch.dialogs + second_watch.dialogs + admin_watch.dialogs
    injected = (watch.injected + tab_watch.injected + second_watch.injected
                + admin_watch.injected)
    print(f"\nbrowser payloads: {tried} tried ({steps} participant steps), "
          f"{len(dialogs)} dialogs, {len(injected)} injected elements")
    for w in (watch, tab_watch, second_watch, admin_watch):
        w.assert_clean()


def test_researcher_pages_give_nothing_without_a_session(server):  # noqa: F811
    from playwright.sync_api import sync_playwright

    url, (store, study) = server
    invites = store.create_participants(study.id, "fi", 3)
    me = store.participant_by_token(invites[0].token)
    store.save_answer(me, "", "background", "first_language", "salainen-vastaus-4711")
    with sync_playwright() as p:
        browser = _launch(p)
        for path in ("writer", "studies", "results", "results?r_study=panel-2026-12"):
            page = browser.new_context().new_page()
            page.goto(f"{url}/{path}")
            page.get_by_text("Sign in as a researcher or writer").wait_for(timeout=30000)
            _settle(page)
            text = page.locator("body").inner_text()
            assert "salainen-vastaus-4711" not in text and study.title["en"] not in text
            assert not any(i.token in text for i in invites)
            assert page.get_by_role("button", name=re.compile("Export|Download")).count() == 0
            page.context.close()
        browser.close()
    for path in ("/media/", "/media/x.csv", "/_stcore/metrics", "/app/static/../../x"):
        try:
            with urllib.request.urlopen(f"{url}{path}") as response:
                body = response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as refused:
            refused.close()
            assert refused.code in (400, 403, 404), (path, refused.code)
            continue
        assert "salainen-vastaus-4711" not in body and "participant," not in body, path


def test_guessing_invitation_codes_in_the_browser_is_throttled(server):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    url, (store, study) = server
    invite = store.create_participants(study.id, "en", 1)[0]
    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_page()
        page.goto(f"{url}/?lang=en")
        box = page.get_by_label("Invitation code")
        box.wait_for(timeout=30000)
        for n in range(6):
            box.fill(f"wrong-code-{n}")
            page.get_by_role("button", name="Start").click()
            _settle(page)
        expect(page.get_by_text(re.compile(r"Too many wrong tries. Wait \d+ seconds"))
               ).to_be_visible()
        box.fill(invite.token)  # even the right code waits while the address is locked out
        page.get_by_role("button", name="Start").click()
        _settle(page)
        expect(page.get_by_text(study.title["en"])).to_have_count(0)
        browser.close()


def test_security_headers_on_every_kind_of_response(server):  # noqa: F811
    url, _env = server
    with urllib.request.urlopen(f"{url}/") as response:
        page = response.read().decode()
    scripts = re.findall(r'src="\.?/?(static/[^"]+\.js)"', page)
    for path in ["/", "/take-part", "/results", "/_stcore/health", *["/" + s for s in scripts[:2]]]:
        with urllib.request.urlopen(f"{url}{path}") as response:
            headers = response.headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert headers["X-Frame-Options"] == "DENY", path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "no-referrer", path
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{url}/_stcore/metrics")
    missing.value.close()
    assert missing.value.code == 404


def test_the_watch_sees_a_payload_that_does_run():
    """The detector itself: markup put into a page unescaped is seen and its alert counted."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = _launch(p)
        page = browser.new_page()
        watch = Watch(page)
        page.set_content("<p>" + PAYLOADS[1] + PAYLOADS[5] + "</p>")
        page.wait_for_timeout(300)
        watch.check("unescaped")
        browser.close()
    assert watch.dialogs == ["lkx"]
    assert len(watch.injected) == 3  # the img, the link, and that link's javascript: href
