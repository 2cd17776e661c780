"""QnA Maker TSV, LUIS, Botpress v12 and Rasa 1 Markdown: grouping, locales, skipped items and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.model import Statement
from consistency_check.pipeline import read_source
from consistency_check.sources import REGISTRY, botpress, qnamaker_tsv, rasa_md
from consistency_check.sources.base import Document, SourceError
from consistency_check.sources.rasa_project import training_index
from tests.sources.conftest import FIXTURES


def _parse(module: object, folder: str, name: str) -> list[Statement]:
    path = FIXTURES / folder / name
    return list(module.parse(Document(name, path, "chatbot", "en-US")))  # type: ignore[attr-defined]


def test_tsv_rows_of_one_pair_are_one_statement() -> None:
    refunds, start = _parse(qnamaker_tsv, "qnamaker", "kb.tsv")
    assert refunds.question == "How long do refunds take?"
    assert refunds.alternatives == ("When do I get my money back?", "Refund time?")
    assert refunds.text == "Refunds are issued within 5 business days.\nSee our policy.\nStart a return"
    assert (refunds.location.line, refunds.location.end_line) == (2, None)  # rows 2, 3 and 7 are not adjacent
    assert refunds.condition == "product=shoes and region=uk"
    assert start.text == "Open My orders\nChoose Return"


def test_tsv_without_qna_id_groups_by_answer() -> None:
    abroad, cost = _parse(qnamaker_tsv, "qnamaker", "legacy_export.tsv")
    assert (abroad.question, abroad.alternatives, abroad.location.end_line) == (
        "Do you ship abroad?",
        ("International shipping?",),
        3,
    )
    assert (cost.text, cost.condition) == ("Free over £50.", "region=uk")


def test_botpress_answers_per_language() -> None:
    statements = _parse(botpress, "botpress", "qna/4k2x9d_return_window.json")
    assert [(s.locale, s.location.line) for s in statements] == [("en", 13), ("en", 14), ("fr", 16), ("de", 17)]
    first = statements[0]
    assert first.text == "You can return items within 30 days, ⟨user.firstName⟩."
    assert first.alternatives == ("return window", "can I still return it")
    assert first.location.pointer == "/data/answers/en/0"
    assert statements[3].question == "return window"  # no German question: taken from the item id


def test_botpress_skips_redirects_placeholders_and_empty_variations() -> None:
    assert _parse(botpress, "botpress", "qna/7d1z0q_talk_to_agent.json") == []
    content = _parse(botpress, "botpress", "content-elements/builtin_text.json")
    assert [(s.locale, s.location.pointer) for s in content] == [
        ("en", "/0/formData/text$en"),
        ("en", "/0/formData/variations$en/0"),
        ("fr", "/0/formData/text$fr"),
    ]
    # The element is said by the flow node the intent "store_hours" leads to: that is its question.
    assert {s.question for s in content} == {"store hours"}
    assert [s.alternatives for s in content] == [("when are you open", "store hours")] * 2 + [("heures d'ouverture",)]


def test_rasa1_responses_use_rasa2_names_and_nlu_examples() -> None:
    statements = _parse(rasa_md, "rasa1", "data/responses.md")
    assert [s.question for s in statements] == ["faq return window", "faq return window", "faq delivery"]
    assert statements[0].text == "You can return items within 30 days."
    assert statements[0].alternatives == ("how long do I have to return something", "return period?")


def test_rasa1_story_or_links_every_intent() -> None:
    index = training_index(FIXTURES / "rasa1" / "domain.yml")
    assert index.links["utter_greet"] == ["greet", "hello"]


ERRORS = [
    # format, file name, content, line, column, message start
    (
        "qnamaker-tsv",
        "kb.tsv",
        "Question\tAnswer\nOnly a question\n",
        2,
        1,
        "a row needs at least a question and an answer (cells",
    ),
    (
        "qnamaker-tsv",
        "kb.tsv",
        "Question\tAnswer\tPrompts\nQ\tA\t[{oops\n",
        2,
        None,
        "the Prompts cell is not a JSON array",
    ),
    ("luis", "app.json", '{"luis_schema_version": "7.0.0",\n "intents": [\n', 3, 1, "invalid JSON"),
    ("botpress", "qna.json", '{"data": {"questions": {}, "answers": {"en": ["a",]}}}', 1, 51, "invalid JSON"),
    ("rasa-md", "nlu.md", "- hi\n## intent:greet\n", 1, 1, "text before the first '##' section"),
    ("rasa-md", "nlu.md", "## intent:\n- hi\n", 1, 1, "'## intent:' has no name"),
    ("rasa-md", "stories.md", "## path\n* greet\n  utter_greet\n", 3, 3, "expected '* intent' or '- action' here"),
]


@pytest.mark.parametrize(
    ("fmt", "name", "content", "line", "column", "message"), ERRORS, ids=[f"{e[0]}:{e[5][:30]}" for e in ERRORS]
)
def test_broken_files_raise_located_errors(
    tmp_path: Path, fmt: str, name: str, content: str, line: int, column: int | None, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        list(REGISTRY[fmt].parse(Document(name, path, "chatbot")))
    assert (info.value.line, info.value.column) == (line, column)
    assert info.value.message.startswith(message), info.value.message


@pytest.mark.parametrize(
    ("name", "content", "kept", "line"),
    [
        ("kb.tsv", "Question\tAnswer\nRefund time?\tRefunds take 7 days.\nbroken\n", "Refunds take 7 days.", 3),
        ("bot.en-us.lg", "# Hours\n- We open at 9am.\n- ELSE:\n", "We open at 9am.", 3),
        ("nlu.md", "## intent:faq/x\n- hi\n## x\n* faq/x\n  - Hello there.\n## y\n* y\n stray\n", "Hello there.", 8),
    ],
)
def test_pipeline_reports_a_located_parse_error_and_keeps_what_came_before(
    tmp_path: Path, name: str, content: str, kept: str, line: int
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    outcome = read_source(SourceFile(name, path, None, "auto", ""), Config(root=tmp_path))
    assert [s.text for s in outcome.statements] == [kept]
    assert [(f.code, f.sides[0].location.line) for f in outcome.findings] == [("CC001", line)]
