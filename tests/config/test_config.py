"""Config loading: valid files load, bad files give exit 2 with file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.config import ConfigError, find_config, load_config

CASES = [
    ("unknown top-level key", "sources:\n  - path: a.md\nfailon: error\n", ":3 at 'failon': unknown key 'failon'"),
    ("wrong type", "sources:\n  - path: a.md\nexclude: docs\n", ":3 at 'exclude': expected array, got str 'docs'"),
    (
        "bad enum",
        "fail_on: sometimes\nsources:\n  - path: a.md\n",
        ":1 at 'fail_on': expected one of: error, warning, info, never; got 'sometimes'",
    ),
    (
        "unknown key in a source",
        "sources:\n  - path: a.md\n    chanel: web\n",
        ":3 at 'sources[0].chanel': unknown key 'chanel'",
    ),
    ("missing path", "sources:\n  - channel: web\n", ":2 at 'sources[0]': 'path' is required"),
    (
        "bad format",
        "sources:\n  - path: a.md\n    format: pdf\n",
        ":3 at 'sources[0].format': expected one of: auto, html, markdown, rasa, zendesk, text, ",
    ),
    ("yaml syntax", "sources:\n  - path: [a.md\n", ":3: invalid YAML"),
    ("empty file", "", ":1: the file is empty"),
]


@pytest.mark.parametrize("label,text,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_config_is_located(tmp_path: Path, label: str, text: str, expected: str) -> None:
    cfg = tmp_path / "consistency-check.yaml"
    cfg.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(cfg)
    assert str(info.value).startswith(cfg.as_posix())
    assert expected in str(info.value)


def test_valid_config_loads(tmp_path: Path) -> None:
    cfg = tmp_path / "consistency-check.yaml"
    cfg.write_text(
        "locale: en-GB\nfail_on: error\nexclude: ['drafts/**']\nsources:\n  - path: 'web/*.html'\n    channel: web\n"
        "  - path: bot/\n    channel: chatbot\n    format: rasa\n",
        encoding="utf-8",
    )
    config = load_config(cfg)
    assert config.locale == "en-GB" and config.fail_on == "error"
    assert [(s.pattern, s.channel, s.format, s.line) for s in config.sources] == [
        ("web/*.html", "web", "auto", 5),
        ("bot/", "chatbot", "rasa", 7),
    ]
    assert config.root == tmp_path.resolve()


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("locale: en-GB\n", "GB"),  # a locale naming its country reads phone numbers, "$" and dates there
        ("locale: en-CA\nregion: US\n", "US"),  # a region said is kept
        ("locale: fr\n", "US"),
        ("", "US"),
    ],
)
def test_region_is_the_locales_country_unless_said(tmp_path: Path, text: str, region: str) -> None:
    cfg = tmp_path / "consistency-check.yaml"
    cfg.write_text(text + "sources:\n  - path: web\n    channel: web\n", encoding="utf-8")
    assert load_config(cfg).region == region


def test_find_config_walks_up(tmp_path: Path) -> None:
    (tmp_path / "consistency-check.yaml").write_text("sources:\n  - path: x\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == (tmp_path / "consistency-check.yaml").resolve()
