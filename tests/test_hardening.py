"""No input hangs, crashes or loses records (issue 10): bounded time on long text,
per-record errors for hostile JSONL, one-line errors for write failures, internal
errors that exit 2, SIGTERM, worker caps, reports that never replace an input."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mtcheck.api import Checker
from mtcheck.config import RunConfig
from mtcheck.document import Document

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("text", "concise", "jsonl", "json", "sarif", "junit", "github", "html", "summary")


def run_main(args: list[str], cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The console entry point in a fresh process: what a user sees, tracebacks included."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-c", "from mtcheck.cli import main; main()", *map(str, args)],
                          stderr=subprocess.PIPE, cwd=cwd, timeout=120, **kwargs)


# -- every check linear in the text ------------------------------------------------

_WORDS = ("the army said on Monday that troops had left Kiev and Kharkov while officials in "
          "Kyiv reported 1,500 people were evacuated from villages near Zaporozhye three "
          "thousand drones « quoted » ( bracket ) \"straight\" {0} <b> Москва Share "
          "+380 44 123-45-67 2.5 million 24.02.2022 he she it Zelensky Blinken Pushlin").split()


def _long_text(size: int, seed: int) -> str:
    """Prose-like text with artifacts of every family and no sentence break at all."""
    rng = random.Random(seed)
    words = [rng.choice(_WORDS) for _ in range(size // 5)]
    text = " ".join(words)
    while len(text) < size:
        text += " " + text[: size - len(text)]
    return text[:size]


@pytest.mark.parametrize("family", ["name", "boilerplate", "untranslated", "number", "punctuation"])
def test_five_megabytes_without_sentence_breaks_in_seconds(family):
    text = _long_text(5_000_000, 1)
    source = _long_text(2_000_000, 2)
    checker = Checker(RunConfig(select=(family,)))
    started = time.perf_counter()
    checker.check_document(Document(text, src=source, src_lang="ru"))
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"{family}: {elapsed:.1f}s for 5 MB"


# Inputs that were quadratic: one scan per quote or bracket to the end of the text or
# the start of the line, one pass over every target number per source number.
_PATTERNS = {
    "punctuation": ["‘a ", "a) ", "x)y ", "(a ", '"a ', "“a ", "<b> ", "{0} "],
    "number": ["12 ", "1 000 ", "three hundred and forty five ", "+380 44 123-45-67 "],
    "untranslated": ["Kиев ", "слово "],
    "boilerplate": ["Share\n", " "],
}


@pytest.mark.parametrize("family", sorted(_PATTERNS))
def test_hostile_patterns_scale_linearly(family):
    import gc

    checker = Checker(RunConfig(select=(family,)))
    for pattern in _PATTERNS[family]:
        times = []
        for size in (25_000, 100_000):
            text = (pattern * (size // len(pattern) + 1))[:size]
            gc.collect()
            started = time.perf_counter()
            checker.check_document(Document(text, src=text, src_lang="ru"))
            times.append(time.perf_counter() - started)
        # 4x the text: linear is 4x the time; quadratic would be 16x.
        assert times[1] < 0.5 or times[1] / max(times[0], 1e-3) < 10, (pattern, times)


# -- hostile JSONL -------------------------------------------------------------------


def _hostile_feed(tmp_path: Path) -> Path:
    feed = tmp_path / "feed.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    lines = [
        json.dumps({"id": "good-1", "mt": "Officials in Kiev said.\nShare"}),
        '{"id": "deep", "mt": "Share", "extra": ' + deep + "}",
        deep,
        '{"id": "sur\\ud800", "mt": "In Kiev \\ud800 today.", "src": "x\\udc00"}',
        json.dumps({"id": 7, "mt": "Troops left Kiev."}),
        json.dumps({"id": "good-2", "mt": "Related News"}),
    ]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return feed


@pytest.mark.parametrize("fmt", FORMATS)
def test_deep_nesting_and_lone_surrogates_are_per_record(tmp_path, fmt):
    feed = _hostile_feed(tmp_path)
    out = tmp_path / f"report.{fmt}"
    result = run_main(["check", feed, "-f", fmt, "-o", out, "--fail-on", "never", "-q"])
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert f"{feed}:2: not valid JSON for mtcheck (nested too deeply)" in stderr
    assert f"{feed}:3: not valid JSON for mtcheck (nested too deeply)" in stderr
    assert f"{feed}:4: lone surrogate escape in id, mt, src" in stderr
    report = out.read_text(encoding="utf-8")
    for doc in ("good-1", "sur\ufffd", "7", "good-2"):
        assert doc in report or json.dumps(doc)[1:-1] in report, doc


def test_surrogate_record_is_checked_with_exact_offsets(tmp_path):
    feed = _hostile_feed(tmp_path)
    result = run_main(["check", feed, "-f", "jsonl", "--select", "name.variant", "--fail-on", "never", "-q"])
    found = [json.loads(line) for line in result.stdout.decode().splitlines()]
    by_doc = {f["doc"]: f for f in found}
    assert by_doc["sur\ufffd"]["start"] == "In Kiev \ufffd today.".index("Kiev")
    assert {"good-1", "7"} <= set(by_doc)


def test_stats_and_score_skip_bad_records(tmp_path):
    findings = tmp_path / "findings.jsonl"
    good = {"path": "f", "doc": "d\ud800", "start": 0, "end": 4, "line": 1, "column": 1,
            "input_line": 1, "rule": "name.variant", "category": "name-variant",
            "severity": "error", "text": "Kiev", "message": "m", "suggestion": "Kyiv"}
    findings.write_text(json.dumps(good) + "\n" + "[" * 100_000 + "]" * 100_000 + "\n"
                        + json.dumps(good) + "\n", encoding="utf-8")
    for fmt in ("text", "json"):
        result = run_main(["stats", findings, "-f", fmt])
        assert result.returncode == 2 and b"Traceback" not in result.stderr
        assert f"{findings}:2: not valid JSON (nested too deeply)" in result.stderr.decode()
        assert b"2 findings" in result.stdout or b'"findings": 2' in result.stdout

    feed = tmp_path / "score.jsonl"
    feed.write_text('{"id": "a\\ud800", "mt": "the cat \\ud800", "ref": "the cat"}\n'
                    '{"id": "b", "mt": "a dog", "ref": "a dog"}\n', encoding="utf-8")
    result = run_main(["score", feed])
    assert result.returncode == 0 and b"BLEU" in result.stdout
    assert b"lone surrogate" in result.stderr
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"id": "a", "mt": "x", "ref": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
                    encoding="utf-8")
    result = run_main(["score", deep])
    assert result.returncode == 2 and b"Traceback" not in result.stderr
    assert b"nested too deeply" in result.stderr


# -- write failures, sizes -----------------------------------------------------------


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    doc = tmp_path / "article.txt"
    doc.write_text("Officials in Kiev said.\nShare\n", encoding="utf-8")
    return doc


def _one_line_error(result: subprocess.CompletedProcess, *needles: str) -> str:
    stderr = result.stderr.decode()
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if line.startswith("mtcheck: ")]
    assert len(lines) == 1, stderr
    for needle in needles:
        assert needle in lines[0], stderr
    return lines[0]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_full_disk_is_one_line(sample):
    _one_line_error(run_main(["check", sample, "-o", "/dev/full", "-q"]),
                    "/dev/full: cannot write: No space left on device")
    with open("/dev/full", "w") as full:
        _one_line_error(run_main(["check", sample, "-q", "-f", "sarif"], stdout=full),
                        "stdout: cannot write")


def test_output_directory_or_missing_directory_is_one_line(sample, tmp_path):
    _one_line_error(run_main(["check", sample, "-o", tmp_path, "-q"]), "is a directory")
    _one_line_error(run_main(["check", sample, "-o", tmp_path / "no" / "r.txt", "-q"]),
                    "no such directory")
    # --write-baseline is checked before anything is read or printed
    result = run_main(["check", sample, "--write-baseline", tmp_path, "-q"])
    _one_line_error(result, "--write-baseline: cannot write: is a directory")
    assert result.stdout == b""


def test_score_width_is_checked(tmp_path):
    hyp = tmp_path / "hyp.txt"
    hyp.write_text("the cat\n", encoding="utf-8")
    _one_line_error(run_main(["score", hyp, "--ref", hyp, "--width", "-1"]), "--width")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_hits_the_size_limit():
    result = run_main(["check", "/dev/zero", "-q"])
    _one_line_error(result, "/dev/zero: larger than the 64 MiB limit")


def test_size_limit_per_document_and_line(tmp_path, monkeypatch, cli):
    from mtcheck.readers import _io

    monkeypatch.setattr(_io, "MAX_DOCUMENT_BYTES", 1000)
    monkeypatch.setattr(_io, "MAX_SKIP_BYTES", 5000)
    big = tmp_path / "big.txt"
    big.write_text("Share " * 500, encoding="utf-8")
    result = cli(["check", big, "-f", "jsonl", "-q"])
    assert result.exit_code == 2 and "larger than the" in result.stderr
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "huge", "mt": "x" * 3000}) + "\n"
                    + json.dumps({"id": "ok", "mt": "Share"}) + "\n", encoding="utf-8")
    result = cli(["check", feed, "-f", "jsonl", "-q"])
    assert f"{feed}:1: larger than the" in result.stderr
    assert [f["doc"] for f in result.jsonl()] == ["ok"]
    endless = tmp_path / "endless.jsonl"
    endless.write_text("x" * 20_000, encoding="utf-8")
    result = cli(["check", endless, "-f", "jsonl", "-q"])
    assert result.exit_code == 2 and "does not end within" in result.stderr


# -- internal errors -----------------------------------------------------------------


def test_internal_error_exits_2_not_the_findings_code(sample, monkeypatch, capsys):
    from mtcheck import cli

    def crash(self, doc):
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(Checker, "check_document", crash)
    monkeypatch.setattr(sys, "argv", ["mtcheck", "check", str(sample), "--fail-on", "never", "-q"])
    with pytest.raises(SystemExit) as stop:
        cli.main()
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "mtcheck: internal error: ZeroDivisionError: simulated bug" in err
    assert "please report it at https://" in err


# -- SIGTERM and workers -------------------------------------------------------------


def _feed(tmp_path: Path, segments: int) -> Path:
    out = tmp_path / "feed.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "gen_feed.py"), "--segments",
                    str(segments), "--out", str(out), "--rate", "0.2"], check=True, capture_output=True)
    return out


def _children(pid: int) -> list[int]:
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    except FileNotFoundError:  # pragma: no cover - no procps
        pytest.skip("needs pgrep")
    return [int(p) for p in out.split()]


@pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals")
def test_sigterm_stops_workers_promptly_and_leaves_no_temp_file(tmp_path):
    feed = _feed(tmp_path, 200_000)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        [sys.executable, "-m", "mtcheck.cli", "check", str(feed), "-f", "jsonl", "-o", str(out),
         "--jobs", "2", "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Wait until the workers have produced findings: the run is in full swing.
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None and not any(
            p.stat().st_size for p in tmp_path.glob(".out.jsonl.*.tmp")):
        time.sleep(0.1)
    assert proc.poll() is None, "the run ended before it could be terminated"
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    started = time.monotonic()
    _, stderr = proc.communicate(timeout=60)
    # Promptly: waiting for the chunks in flight took seconds to minutes before.
    assert time.monotonic() - started < 10, "SIGTERM took too long"
    assert proc.returncode == 143, stderr.decode()
    assert b"terminated (SIGTERM)" in stderr and b"Traceback" not in stderr
    time.sleep(0.5)
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or b"zombie" in Path(f"/proc/{pid}/status").read_bytes().lower()
    assert not list(tmp_path.glob(".out.jsonl.*"))
    for line in out.read_text(encoding="utf-8").splitlines():
        json.loads(line)  # what was checked, in whole lines


def test_jobs_capped_at_cores_and_work(monkeypatch):
    from concurrent.futures import ProcessPoolExecutor

    from mtcheck import parallel

    made: list[int] = []

    class Recording(ProcessPoolExecutor):
        def __init__(self, max_workers=None, **kwargs):
            made.append(max_workers)
            super().__init__(max_workers=max_workers, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Recording)
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 10)
    checker = Checker(RunConfig(select=("boilerplate",)))
    docs = [Document(f"Share\nline {i}", doc_id=str(i)) for i in range(30)]  # 3 chunks
    got = list(checker.check_documents(iter(docs), jobs=999))
    assert [d.doc_id for d, _ in got] == [str(i) for i in range(30)]
    assert all(len(findings) == 1 for _, findings in got)
    assert made == [min(3, parallel.default_jobs())] or (made == [] and parallel.default_jobs() == 1)


# -- a report never replaces an input ------------------------------------------------


def test_output_naming_an_input_is_refused(cli, tmp_path, sample):
    before = sample.read_bytes()
    for option in ("-o", "--write-baseline"):
        result = cli(["check", sample, option, sample, "-q"])
        assert result.exit_code == 2 and "names an input file" in result.stderr
        assert sample.read_bytes() == before
    folder = tmp_path / "corpus"
    folder.mkdir()
    inside = folder / "a.txt"
    inside.write_text("Share\n", encoding="utf-8")
    result = cli(["check", folder, "-o", inside, "-q"])
    assert result.exit_code == 2 and "names an input file" in result.stderr
    assert inside.read_text(encoding="utf-8") == "Share\n"
    src = tmp_path / "src.txt"
    src.write_text("Teilen\n", encoding="utf-8")
    result = cli(["check", "--mt", sample, "--src", src, "-o", src, "-q"])
    assert result.exit_code == 2 and "names an input file" in result.stderr
    # a new file, or an existing file that is not an input, is fine
    assert cli(["check", sample, "-o", tmp_path / "new.txt", "-q", "--fail-on", "never"]).exit_code == 0
    assert cli(["check", folder, "-o", tmp_path / "new.txt", "-q", "--fail-on", "never"]).exit_code == 0


def test_console_errors_never_exit_1_without_findings(sample):
    # a usage error and an input error: 2; no findings and --fail-on never: 0
    assert run_main(["check", sample, "--format", "nope"]).returncode == 2
    assert run_main(["check", sample / "missing"]).returncode == 2
    assert run_main(["check", sample, "--fail-on", "never", "-q"]).returncode == 0
    result = run_main(["check", "--jobs", "0", sample])
    assert result.returncode == 2 and result.stderr == b"mtcheck: --jobs must be at least 1, not 0\n"


# -- XLIFF inline codes and protected text -------------------------------------------

_XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="uk" target-language="en"><body>
  <trans-unit id="x"><source>у Києві</source><target>Talks in<x id="1"/>Kiev resumed.</target></trans-unit>
  <trans-unit id="codes"><source>s</source><target>in<ph id="1">&lt;b&gt;</ph>Kiev, in<bx id="2"/>Kiev<ex id="3"/>, <g id="4">in</g>Kiev.</target></trans-unit>
  <trans-unit id="kept"><source>s</source><target>Kyiv<x id="1"/>'s mayor, Kiev<x id="2"/>.</target></trans-unit>
  <trans-unit id="prot"><source>s</source><target>The <mrk mtype="protected" mid="1">Kiev Cake</mrk> shop in Kiev.</target></trans-unit>
  <trans-unit id="its"><source>s</source><target>Buy <g id="1" translate="no">Kiev Cake</g>.</target></trans-unit>
  <trans-unit id="none"><source>Не перекладено.</source></trans-unit>
  <group id="brand" translate="no">
   <trans-unit id="in-group"><source>s</source><target>Kiev</target></trans-unit>
  </group>
 </body></file>
</xliff>
"""

_XLIFF20 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="uk" trgLang="en">
 <file id="f">
  <unit id="sc"><segment><source>s</source><target>in<sc id="1"/>Kiev<ec startRef="1"/> and <pc id="2">in</pc>Kiev</target></segment></unit>
  <unit id="sm"><segment><source>s</source><target>The <sm id="m" translate="no"/>Kiev Cake<em startRef="m"/> in Kiev.</target></segment></unit>
  <unit id="mrk"><segment><source>s</source><target><mrk id="m2" translate="no">Kiev</mrk> and Kiev</target></segment></unit>
  <unit id="empty"><segment><source>Текст</source><target></target></segment></unit>
 </file>
</xliff>
"""


@pytest.mark.parametrize("content", [_XLIFF12, _XLIFF20])
def test_xliff_codes_are_word_boundaries_and_protected_text_gets_no_findings(cli, tmp_path, content):
    xlf = tmp_path / "job.xlf"
    xlf.write_text(content, encoding="utf-8")
    result = cli(["check", xlf, "-f", "jsonl", "--select", "name.variant", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    found = result.jsonl()
    from mtcheck.readers import ReadOptions
    from mtcheck.readers.xliff import read

    texts = {d.doc_id: d.text for d in read(str(xlf), ReadOptions()) if isinstance(d, Document)}
    for f in found:  # offsets are exact into the checked text
        assert texts[f["doc"]][f["start"]:f["end"]] == f["text"] == "Kiev"
    by_doc: dict[str, list[int]] = {}
    for f in found:
        by_doc.setdefault(f["doc"], []).append(f["start"])
    if content is _XLIFF12:
        assert texts["x"] == "Talks in Kiev resumed."
        assert texts["codes"] == "in Kiev, in Kiev, in Kiev."
        assert texts["kept"] == "Kyiv's mayor, Kiev."  # no space before ' or .
        assert len(by_doc["x"]) == 1 and len(by_doc["codes"]) == 3
        assert by_doc["prot"] == [texts["prot"].rindex("Kiev")]  # "Kiev Cake" is protected
        assert "its" not in by_doc and "in-group" not in by_doc and "none" not in texts
    else:
        assert texts["sc"] == "in Kiev and in Kiev"
        assert len(by_doc["sc"]) == 2
        assert by_doc["sm"] == [texts["sm"].rindex("Kiev")]
        assert by_doc["mrk"] == [texts["mrk"].rindex("Kiev")]
    assert "skipped" in result.stderr


def test_xliff_deep_inline_nesting_is_no_crash(cli, tmp_path):
    depth = 50_000
    xlf = tmp_path / "deep.xlf"
    xlf.write_text('<xliff version="1.2"><file source-language="de" target-language="en"><body>'
                   '<trans-unit id="d"><source>s</source><target>' + '<g id="1">' * depth + "Share"
                   + "</g>" * depth + '</target></trans-unit><trans-unit id="ok"><source>s</source>'
                   "<target>Share</target></trans-unit></body></file></xliff>", encoding="utf-8")
    result = cli(["check", xlf, "-f", "jsonl", "--select", "boilerplate", "-q"])
    assert [f["doc"] for f in result.jsonl()] == ["d", "ok"]


# -- signature and feed scope --------------------------------------------------------


def test_signature_names_the_style_guide_when_pronoun_rules_use_it(tmp_path):
    plain = Checker(RunConfig(select=("pronoun",))).signature().as_dict()
    assert plain["style"].startswith("default")
    house = tmp_path / "house.yaml"
    house.write_text("entries:\n  - id: volodymyr-zelensky\n    canonical: {en: Volodymyr Zelenskyy}\n"
                     "    aliases: [Zelenskyy]\n    allowed: [Volodymyr Zelensky, Zelensky]\n",
                     encoding="utf-8")
    other = Checker(RunConfig(select=("pronoun",), styles=(house,))).signature().as_dict()
    assert other["style"] != plain["style"]  # another guide, another signature
    assert "style" not in Checker(RunConfig(select=("punctuation",))).signature().as_dict()


def test_feed_scope_findings_do_not_depend_on_document_order():
    texts = [
        "President Volodymyr Zelensky spoke in Kyiv.",
        "Zelenskyy said the talks would go on.",
        "Officials said Zelensky met the delegation.",
        "The mayor of Kyiv and Zelenskyy met.",
        "Nothing about names here.",
    ]
    checker = Checker(RunConfig(select=("name",), scope="feed"))

    def run(order: list[int]) -> dict[str, list[tuple[str, int, str]]]:
        docs = [Document(texts[i], doc_id=f"d{i}") for i in order]
        return {doc.doc_id: [(f.rule, f.start, f.message) for f in findings]
                for doc, findings in checker.check_documents(iter(docs))}

    reference = run(list(range(len(texts))))
    assert any(reference.values())
    rng = random.Random(3)
    for _ in range(5):
        order = list(range(len(texts)))
        rng.shuffle(order)
        result = run(order)
        assert result == reference, order
        assert list(result) == [f"d{i}" for i in order]  # still in input order
