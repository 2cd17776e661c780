"""Suppressions: inline comments in every format, the ignore file, and how they silence findings."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from consistency_check.model import Finding, Location, Severity, Side
from consistency_check.sources.base import Document
from consistency_check.sources.text_script import parse as parse_text
from consistency_check.suppress import EXTERNAL, INLINE, Directive, apply, load_ignore_file, parse_body, scan
from consistency_check.yamlfile import YamlFileError
from tests.test_examples import EXAMPLES, run_cli

# (file name, text, [(comment line, first covered line, last covered line, codes, reason)])
SCAN_CASES = [
    pytest.param(
        "domain.yml",
        "responses:\n"
        "  # consistency-check: ignore[CC201] legacy bot\n"
        "  utter_returns:\n"
        "  - text: Returns within 45 days.\n"
        "\n"
        "  - text: Or 45 days in store.\n"
        "  utter_other:\n"
        "  - text: Hi\n",
        [(2, 3, 6, ("CC201",), "legacy bot")],
        id="yaml-key-block-with-list-at-same-indent",
    ),
    pytest.param(
        "domain.yml",
        "responses:\n  utter_a:\n  - text: 45 days  # consistency-check: ignore[CC201, refund-time] promo\n"
        "  - text: 30 days\n",
        [(3, 3, 3, ("CC201", "refund-time"), "promo")],
        id="yaml-trailing",
    ),
    pytest.param(
        "domain.yml",
        "a: 1\n  # consistency-check: ignore[CC201] one\n  # consistency-check: ignore[CC203] two\n"
        "  # an ordinary comment\nb: 2\nc: 3\n",
        [(2, 5, 5, ("CC201",), "one"), (3, 5, 5, ("CC203",), "two")],
        id="yaml-stacked-comments-share-the-next-block",
    ),
    pytest.param(
        "faq.html",
        "<div>\n  <!-- consistency-check: ignore[CC201] old page -->\n  <details>\n    <summary>Q</summary>\n"
        "    <p>45 days</p>\n  </details>\n  <p>other</p>\n</div>\n",
        [(2, 3, 6, ("CC201",), "old page")],
        id="html-element-with-indented-children-and-closing-tag",
    ),
    pytest.param(
        "faq.html",
        "<p>45 days</p> <!-- consistency-check: ignore reason here -->\n<p>30 days</p>\n",
        [(1, 1, 1, (), "reason here")],
        id="html-trailing-bare-ignore",
    ),
    pytest.param(
        "faq.md",
        "# FAQ\n\n<!-- consistency-check: ignore[CC201] section -->\n## Returns\n\nWithin 45 days.\n\n### Detail\n\n"
        "More.\n\n## Shipping\n\nFree.\n",
        [(3, 4, 10, ("CC201",), "section")],
        id="markdown-heading-covers-its-section",
    ),
    pytest.param(
        "faq.md",
        "Intro.\n\n<!-- consistency-check: ignore[CC201] para -->\nReturns within\n45 days.\n\nNext paragraph.\n",
        [(3, 4, 5, ("CC201",), "para")],
        id="markdown-paragraph",
    ),
    pytest.param(
        "faq.md",
        "- one\n<!-- consistency-check: ignore[CC201] item -->\n- two\n  continued\n- three\n",
        [(2, 3, 4, ("CC201",), "item")],
        id="markdown-list-item",
    ),
    pytest.param(
        "script.txt",
        'RETURNS\n# consistency-check: ignore[CC201] holiday script\n"45 days."\n"Or 60 for members."\n\nNEXT\n',
        [(2, 3, 4, ("CC201",), "holiday script")],
        id="text-paragraph",
    ),
    pytest.param(
        "script.txt",
        "Say: 45 days. # consistency-check: ignore[CC201]: store only\n",
        [(1, 1, 1, ("CC201",), "store only")],
        id="text-trailing-with-colon-before-reason",
    ),
    pytest.param(
        "articles.json",
        '{"articles": [{\n  "body": "\\u003cp\\u003e45 days\\u003c/p\\u003e\\u003c!-- consistency-check: '
        'ignore[CC201] agent KB lags --\\u003e"\n}]}\n',
        [(2, 2, 2, ("CC201",), "agent KB lags")],
        id="json-escaped-html-comment-in-a-body",
    ),
    pytest.param(
        "intents.lu",
        "> consistency-check: ignore[CC201] bot copy\n# ReturnPolicy\n- how long to return\n\n# Other\n- hi\n",
        [(1, 2, 3, ("CC201",), "bot copy")],
        id="lu-angle-comment-covers-intent-section",
    ),
    pytest.param(
        "faq.md",
        "# consistency-check: ignore[CC201] is a heading in Markdown, not a comment\nText.\n",
        [],
        id="hash-form-is-not-a-comment-in-markdown",
    ),
    pytest.param(
        "domain.yml",
        "a: 1\n# consistency-check: ignore[CC201] nothing follows\n",
        [(2, 0, -1, ("CC201",), "nothing follows")],
        id="comment-at-end-covers-nothing",
    ),
]


@pytest.mark.parametrize(("name", "text", "expected"), SCAN_CASES)
def test_scan_finds_directives_and_their_blocks(
    name: str, text: str, expected: list[tuple[int, int, int, tuple[str, ...], str]]
) -> None:
    directives, problems = scan(name, text)
    assert problems == []
    got = [(d.location.line, d.first, d.last, d.codes, d.reason) for d in directives]
    assert got == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("# consistency-check: ignroe[CC201] typo", "unknown directive 'ignroe[CC201]'"),
        ("# consistency-check: ignore[CC201 reason", "unclosed '['"),
        ("# consistency-check: ignore[] reason", "is not a list of check codes"),
        ("# consistency-check: ignore[CC 201] reason", "is not a list of check codes"),
        ("<!-- consistency-check: ignore[CC201] reason", "close the suppression comment on the same line"),
    ],
)
def test_malformed_directives_are_located_cc005(line: str, message: str) -> None:
    directives, problems = scan("a.yaml" if line.startswith("#") else "a.html", f"x: 1\n{line}\ny: 2\n")
    assert directives == []
    assert [(p.code, p.sides[0].location.line) for p in problems] == [("CC005", 2)]
    assert message in problems[0].message
    assert problems[0].sides[0].quote == line


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (" ignore[CC201] reason", (("CC201",), "reason")),
        (" ignore[CC201,return-window]  -- two checks", (("CC201", "return-window"), "two checks")),
        (" IGNORE everything here", ((), "everything here")),
        (" ignore", ((), "")),
        (" ignore[CC201]", (("CC201",), "")),
    ],
)
def test_parse_body(body: str, expected: tuple[tuple[str, ...], str]) -> None:
    assert parse_body(body) == expected


def _finding(*sides: tuple[str, int, str], code: str = "CC201") -> Finding:
    return Finding(
        code,
        "return-window",
        Severity.ERROR,
        "m",
        "return window",
        tuple(Side(Location(path, line), "web", f"quote {value}", value) for path, line, value in sides),
    )


SEVEN_SIDES = _finding(*[(f"web/{i}.html", 10, "30 days") for i in range(6)], ("store/script.txt", 12, "45 days"))
KNOWN = ["CC201", "return-window", "CC203"]
TODAY = date(2025, 6, 1)


def _inline(path: str, line: int, codes: tuple[str, ...] = ("CC201",), reason: str = "why") -> Directive:
    return Directive(INLINE, codes, reason, Location(path, line - 1), path=path, first=line, last=line)


def test_excusing_the_odd_side_out_suppresses() -> None:
    out = apply([SEVEN_SIDES], [_inline("store/script.txt", 12)], KNOWN, TODAY)
    assert out.findings == [] and out.problems == []
    assert out.suppressed[0].finding == SEVEN_SIDES
    assert out.suppressed[0].suppression.kind == "inSource"
    assert out.suppressed[0].suppression.location == Location("store/script.txt", 11)


def test_excusing_one_agreeing_side_keeps_the_contradiction_but_counts_as_used() -> None:
    out = apply([SEVEN_SIDES], [_inline("web/0.html", 10)], KNOWN, TODAY)
    assert out.findings == [SEVEN_SIDES] and out.suppressed == [] and out.problems == []


@pytest.mark.parametrize(
    ("directive", "suppressed"),
    [
        (_inline("store/script.txt", 12, ("return-window",)), True),  # by name
        (_inline("store/script.txt", 12, ("cc201",)), True),  # case-insensitive
        (_inline("store/script.txt", 12, ()), True),  # bare ignore: every check
        (_inline("store/script.txt", 12, ("CC203",)), False),  # another check
        (_inline("store/script.txt", 13), False),  # another line
        (_inline("store/other.txt", 12), False),  # another file
    ],
)
def test_matching_by_code_name_line_and_file(directive: Directive, suppressed: bool) -> None:
    out = apply([SEVEN_SIDES], [directive], KNOWN, TODAY)
    assert bool(out.suppressed) is suppressed


def test_inline_directive_covers_statements_spanning_lines() -> None:
    finding = Finding(
        "CC201",
        "return-window",
        Severity.ERROR,
        "m",
        "s",
        (
            Side(Location("a.txt", 20, 24), "store", "q", "45 days"),
            Side(Location("b.html", 3), "web", "q", "30 days"),
        ),
    )
    directive = Directive(INLINE, ("CC201",), "r", Location("a.txt", 18), path="a.txt", first=22, last=30)
    assert apply([finding], [directive], KNOWN, TODAY).suppressed


def test_problems_unknown_code_missing_reason_expired_unused() -> None:
    unknown = _inline("store/script.txt", 12, ("CC999",))
    no_reason = _inline("store/script.txt", 12, ("CC201",), "")
    expired = Directive(
        EXTERNAL, ("CC201",), "promo", Location(".consistency-check-ignore.yaml", 2), expires="2025-05-31"
    )
    today_ok = Directive(
        EXTERNAL, ("CC203",), "until today", Location(".consistency-check-ignore.yaml", 6), expires="2025-06-01"
    )
    out = apply([SEVEN_SIDES], [unknown, no_reason, expired, today_ok], KNOWN, TODAY)
    assert out.findings == [] and len(out.suppressed) == 1  # the reason-less one still applies
    got = sorted((p.code, p.sides[0].location.line) for p in out.problems)
    assert got == [("CC003", 2), ("CC004", 6), ("CC005", 11), ("CC005", 11)]
    assert "unknown check 'CC999'" in " ".join(p.message for p in out.problems)
    assert not [p for p in apply([SEVEN_SIDES], [today_ok], KNOWN, TODAY, report_unused=False).problems]


def test_external_entry_by_path_glob_subject_and_fingerprint() -> None:
    from consistency_check.reporters.base import fingerprint

    def ext(**kw: str) -> Directive:
        return Directive(EXTERNAL, ("CC201",), "r", Location("i.yaml", 1), **kw)

    assert apply([SEVEN_SIDES], [ext(path_glob="store/**")], KNOWN, TODAY).suppressed
    assert not apply([SEVEN_SIDES], [ext(path_glob="web/0.html")], KNOWN, TODAY).suppressed  # one agreeing side
    assert apply(
        [SEVEN_SIDES], [ext(path_glob="web/*.html")], KNOWN, TODAY
    ).suppressed  # all web excused: the rest agree
    assert apply([SEVEN_SIDES], [ext(subject="Return Window")], KNOWN, TODAY).suppressed
    assert not apply([SEVEN_SIDES], [ext(subject="refund time")], KNOWN, TODAY).suppressed
    assert apply([SEVEN_SIDES], [ext(fingerprint=fingerprint(SEVEN_SIDES))], KNOWN, TODAY).suppressed
    assert not apply([SEVEN_SIDES], [ext(fingerprint="0" * 64)], KNOWN, TODAY).suppressed


def test_ignore_file_loads_dates_written_bare(tmp_path: Path) -> None:
    path = tmp_path / ".consistency-check-ignore.yaml"
    path.write_text(
        "version: 1\nignore:\n  - code: CC216\n    path: 'store/*.md'\n    reason: desk line\n    expires: 2030-01-31\n"
        "  - code: refund-time\n    subject: refund processing time\n    reason: agent KB being rewritten\n",
        encoding="utf-8",
    )
    first, second = load_ignore_file(path, ".consistency-check-ignore.yaml")
    assert (first.codes, first.path_glob, first.expires, first.location.line) == (
        ("CC216",),
        "store/*.md",
        "2030-01-31",
        3,
    )
    assert (second.codes, second.subject, second.reason) == (
        ("refund-time",),
        "refund processing time",
        "agent KB being rewritten",
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("ignore:\n  - code: CC201\n", 2, "'reason' is required"),
        ("ignore:\n  - code: CC201\n    reason: x\n    pth: a\n", 4, "unknown key 'pth'"),
        ("ignore:\n  - code: CC201\n    reason: x\n    expires: 2030-02-30\n", 4, "not a date: '2030-02-30'"),
        ("ignore:\n  - code: CC201\n    reason: x\n    expires: soon\n", 4, "does not match"),
        ("ignore:\n  - code: CC201\n    reason: '  '\n", 3, "does not match"),
        ("ignore: [\n", 2, "invalid YAML"),
    ],
)
def test_ignore_file_errors_are_located(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / ".consistency-check-ignore.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(YamlFileError) as err:
        load_ignore_file(path, "ign.yaml")
    assert err.value.line == line and message in str(err.value), str(err.value)


def test_text_adapter_skips_directive_lines_and_still_sniffs_as_text(tmp_path: Path) -> None:
    from consistency_check.sources import detect_format

    path = tmp_path / "script.txt"
    path.write_text(
        "# consistency-check: ignore[CC201] holiday\nReturns within 45 days.\n"
        "Refunds in 5 days.  # consistency-check: ignore[CC203] r\n",
        encoding="utf-8",
    )
    doc = Document("script.txt", path, "store")
    assert detect_format(doc) == "text"
    texts = [(s.location.line, s.text) for s in parse_text(doc)]
    assert texts == [(2, "Returns within 45 days. Refunds in 5 days.")] or texts == [
        (2, "Returns within 45 days."),
        (3, "Refunds in 5 days."),
    ]


# --------------------------------------------------------------------------- end to end


def _copy_examples(tmp_path: Path) -> Path:
    root = tmp_path / "examples"
    shutil.copytree(EXAMPLES, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _json(root: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    proc = run_cli("check", *args, "--format", "json", cwd=root)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def _codes(report: dict) -> list[str]:  # type: ignore[type-arg]
    return sorted(f["code"] for f in report["findings"])


INLINE_EDITS = [
    # (file, old text, new text, the check it silences)
    (
        "store/phone-script.txt",
        '"You can return unused items within 45 days',
        '# consistency-check: ignore[CC201] holiday window until Jan 31\n"You can return unused items within 45 days',
        "CC201",
    ),
    (
        "web/shipping.md",
        "Standard shipping is free on orders of $59 or more.",
        "<!-- consistency-check: ignore[free-shipping-threshold] web promo runs to June -->\n"
        "Standard shipping is free on orders of $59 or more.",
        "CC206",
    ),
    (
        "chatbot/domain.yml",
        '  - text: "Members get 15% off all full-price purchases, in store and online."',
        '  - text: "Members get 15% off all full-price purchases, in store and online."  # consistency-check: '
        "ignore[CC220] bot promo",
        "CC220",
    ),
    (
        "web/faq.html",
        "Find a lower advertised price from an authorized retailer within 10 days",
        "<!-- consistency-check: ignore[CC210] second page copy --> Find a lower advertised price from an authorized "
        "retailer within 10 days",
        "CC210",
    ),
    (
        "agent/articles.json",
        '"body": "\\u003cp\\u003eUse this process when a package arrives visibly damaged',
        '"body": "\\u003c!-- consistency-check: ignore[CC212] KB article under review --\\u003e\\u003cp\\u003eUse '
        "this process when a package arrives visibly damaged",
        "CC212",
    ),
]


def test_inline_comments_in_each_format_silence_exactly_their_finding(tmp_path: Path) -> None:
    root = _copy_examples(tmp_path)
    _, before = _json(root)
    for path, old, new, _code in INLINE_EDITS:
        _edit(root / path, old, new)
    code, after = _json(root)
    silenced = sorted(c for *_, c in INLINE_EDITS)
    assert _codes(after) == sorted(c for c in _codes(before) if c not in silenced)
    assert code == 1  # the other contradictions remain
    text = run_cli("check", cwd=root)
    assert f"{len(silenced)} suppressed in" in text.stdout.splitlines()[-1]


def test_agent_export_without_comments_uses_the_ignore_file(tmp_path: Path) -> None:
    root = _copy_examples(tmp_path)
    (root / ".consistency-check-ignore.yaml").write_text(
        "ignore:\n"
        "  - code: CC203\n    path: 'agent/*.json'\n    reason: the KB states the warehouse time, agreed with Legal\n"
        "    expires: 2999-12-31\n"
        "  - code: CC220\n    path: 'agent/*.json'\n    reason: expired exception\n    expires: 2000-01-01\n"
        "  - code: CC212\n    path: 'nowhere/*'\n    reason: left over\n",
        encoding="utf-8",
    )
    _, report = _json(root)
    codes = _codes(report)
    assert "CC203" not in codes and "CC220" in codes  # the expired entry no longer hides
    problems = {
        (f["code"], f["locations"][0]["path"], f["locations"][0]["line"])
        for f in report["findings"]
        if f["subject"] == "suppression"
    }
    assert problems == {("CC003", ".consistency-check-ignore.yaml", 6), ("CC004", ".consistency-check-ignore.yaml", 10)}


def test_bad_ignore_file_is_exit_2_with_location(tmp_path: Path) -> None:
    root = _copy_examples(tmp_path)
    (root / ".consistency-check-ignore.yaml").write_text("ignore:\n  - code: CC203\n", encoding="utf-8")
    proc = run_cli("check", cwd=root)
    assert proc.returncode == 2
    assert ".consistency-check-ignore.yaml:2 at 'ignore[0]': 'reason' is required" in proc.stderr


def test_ignore_file_named_in_the_config(tmp_path: Path) -> None:
    root = _copy_examples(tmp_path)
    (root / "policy").mkdir()
    (root / "policy" / "exceptions.yaml").write_text(
        "ignore:\n  - code: CC206\n    reason: web promo\n", encoding="utf-8"
    )
    cfg = root / "consistency-check.yaml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "ignore_file: policy/exceptions.yaml\n", encoding="utf-8")
    _, report = _json(root)
    assert "CC206" not in _codes(report)
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace("policy/exceptions.yaml", "policy/missing.yaml"), encoding="utf-8"
    )
    proc = run_cli("check", cwd=root)
    assert proc.returncode == 2 and "ignore file 'policy/missing.yaml' not found" in proc.stderr


def test_changed_file_runs_report_unused_suppressions_only_in_the_changed_files(tmp_path: Path) -> None:
    root = _copy_examples(tmp_path)
    _edit(
        root / "web/shipping.md",
        "Standard shipping is free on orders of $59 or more.",
        "Standard shipping is free on orders of $59 or more.\n\n<!-- consistency-check: ignore[CC201] stale -->\n"
        "Nothing about returns here.",
    )
    _, changed_other = _json(root, "store/phone-script.txt")
    assert not [f for f in changed_other["findings"] if f["code"] == "CC004"]
    _, changed_md = _json(root, "web/shipping.md")
    assert [(f["code"], f["locations"][0]["path"]) for f in changed_md["findings"] if f["code"] == "CC004"] == [
        ("CC004", "web/shipping.md")
    ]


def test_rules_and_explain_know_the_suppression_checks() -> None:
    listing = run_cli("rules").stdout
    for code, name in (
        ("CC003", "expired-suppression"),
        ("CC004", "unused-suppression"),
        ("CC005", "invalid-suppression"),
    ):
        assert code in listing and name in listing
    proc = run_cli("explain", "unused-suppression")
    assert proc.returncode == 0 and proc.stdout.startswith("CC004 unused-suppression (info)")
