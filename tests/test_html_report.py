"""The HTML report in a real headless browser: loads without console errors, the
highlights match the findings, filtering works."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ARTICLE = (
    "Troops left Kiev on Monday.\n"
    "The ministry said it would \"respond soon.\n"
    "Share\n"
    "Related News\n"
)


def _find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed by the test setup where it is missing and we may."""
    found = _find_chromium()
    if found is None and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        try:
            subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True, timeout=600, env=env)
            subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True,
                           capture_output=True, timeout=1200, env=env)
        except (subprocess.SubprocessError, OSError) as exc:
            pytest.skip(f"no browser: installing Debian's chromium failed ({exc})")
        found = _find_chromium()
    if found is None:
        pytest.skip("no browser: chromium is not installed and cannot be installed here (needs root and apt-get)")
    return found


@pytest.fixture
def page(chromium):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        try:
            yield browser.new_page()
        finally:
            browser.close()


def test_html_report_in_browser(cli, tmp_path: Path, page):
    doc = tmp_path / "article.txt"
    doc.write_text(ARTICLE, encoding="utf-8")
    report = tmp_path / "report.html"
    jsonl = cli(["check", doc, "-f", "jsonl", "--fail-on", "never", "-q"]).jsonl()
    result = cli(["check", doc, "-f", "html", "-o", report, "--fail-on", "never", "-q"])
    assert result.exit_code == 0 and result.stdout == ""
    assert len(jsonl) >= 2

    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(report.as_uri())
    assert errors == []

    highlighted = page.evaluate(
        "new Set([...document.querySelectorAll('mark.f')].flatMap(m => m.dataset.ids.split(' '))).size"
    )
    assert highlighted == len(jsonl)
    assert page.locator("#list li").count() == len(jsonl)
    assert page.locator("#shown").inner_text() == str(len(jsonl))

    # Hide one category: its list items and highlights disappear, the rest stay.
    page.locator("fieldset input[name=category][value=boilerplate]").uncheck()
    residue = sum(1 for f in jsonl if f["category"] == "boilerplate")
    assert residue == 2
    assert page.locator("#shown").inner_text() == str(len(jsonl) - residue)
    assert page.locator("#list li.hidden").count() == residue
    visible_marks = page.evaluate("[...document.querySelectorAll('mark.f:not(.hidden)')].map(m => m.textContent)")
    assert "Share" not in visible_marks and "Related News" not in visible_marks

    # Clicking a finding shows its message and suggestion.
    page.locator("#list li:not(.hidden)").first.click()
    assert page.locator("#detail").is_visible()
    assert errors == []
