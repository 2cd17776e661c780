"""Bot Framework .lu / .lg / .qna / .dialog: conditions, placeholders, the Composer join, locales and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.model import Statement
from consistency_check.sources import REGISTRY, composer_dialog, lg, lu, qna
from consistency_check.sources.base import Document, SourceError, mask_placeholders, path_locale
from consistency_check.sources.composer_project import composer_index, template_calls
from consistency_check.sources.ludown import clean_utterance, scan
from tests.sources.conftest import FIXTURES

BOT = FIXTURES / "botframework"
LG_FILE = BOT / "language-generation" / "en-us" / "northwind.en-us.lg"
QNA_FILE = BOT / "knowledge-base" / "en-us" / "northwind.en-us.qna"


def _parse(module: object, path: Path) -> list[Statement]:
    doc = Document(path.relative_to(BOT).as_posix(), path, "chatbot", "en-US")
    return list(module.parse(doc))  # type: ignore[attr-defined]


def _by_line(statements: list[Statement]) -> dict[int, Statement]:
    return {s.location.line: s for s in statements if s.location.line is not None}


def test_lg_branches_keep_their_condition() -> None:
    lines = _by_line(_parse(lg, LG_FILE))
    assert lines[20].condition == "turn.day == 'sunday'"
    assert lines[22].condition == "turn.day == 'saturday'"
    assert lines[24].condition == lines[25].condition == "not (turn.day == 'sunday' or turn.day == 'saturday')"
    assert [lines[n].condition for n in (30, 32, 34)] == [
        "region == 'uk'",
        "region == 'eu'",
        "not (region == 'uk' or region == 'eu')",
    ]
    assert lines[11].condition == ""


def test_lg_placeholders_escapes_cards_and_blocks() -> None:
    lines = _by_line(_parse(lg, LG_FILE))
    assert lines[12].text == "Returns are free for 30 days, ⟨user.name⟩."
    assert lines[43].text == "Use code ${SAVE10} at checkout."  # \${ is a literal
    assert (lines[38].text, lines[38].location.end_line) == ("Exchanges are free. Bring the receipt.", 39)
    card = lines[47]
    assert (card.origin, card.text, card.location.end_line) == ("card", "Returns\nFree returns within 30 days.", 49)
    assert lines[59].text == "Refunds reach your card within 5 business days.\nKeep the receipt"
    assert 8 not in lines and 13 not in lines  # a bare call (- ${ReturnCard()}) says nothing itself
    assert lines[11].location.pointer == "ReturnPolicy"


def test_lg_questions_come_from_the_dialog_and_lu() -> None:
    lines = _by_line(_parse(lg, LG_FILE))
    policy = lines[11]
    assert policy.question == "ReturnPolicy"  # reached through SendActivity_Rt01, fired by the ReturnPolicy intent
    assert policy.alternatives == (
        "how do returns work",
        "can I return shoes",
        "return ⟨item⟩ please",
        "what is your return policy",
    )
    assert lines[5].question == "welcome"
    assert (lines[16].question, lines[16].origin) == ("ReturnPolicy", "prompt")
    assert lines[30].question == "DeliveryTime"  # not called by any trigger: the template's own name
    assert all(s.locale == "en-us" for s in lines.values())


def test_a_template_two_intents_share_answers_each_branch_under_the_intent_it_names(tmp_path: Path) -> None:
    # Both fee intents send one template that branches into a template per intent: each branch answers the intent
    # its name names, not whichever trigger came first; the shared template answers under its own name.
    (tmp_path / "bot.dialog").write_text(
        '{"$kind": "Microsoft.AdaptiveDialog", "triggers": ['
        '{"$kind": "Microsoft.OnIntent", "intent": "DayCampFees", "actions": [{"activity": "${Send_1()}"}]},'
        '{"$kind": "Microsoft.OnIntent", "intent": "ResidentialFees", "actions": [{"activity": "${Send_1()}"}]}]}',
        encoding="utf-8",
    )
    lu_dir = tmp_path / "language-understanding" / "en-us"
    lu_dir.mkdir(parents=True)
    (lu_dir / "bot.en-us.lu").write_text(
        "# DayCampFees\n- how much is day camp\n\n# ResidentialFees\n- overnight camp price\n", encoding="utf-8"
    )
    lg_dir = tmp_path / "language-generation" / "en-us"
    lg_dir.mkdir(parents=True)
    lg_file = lg_dir / "bot.en-us.lg"
    lg_file.write_text(
        "# Send_1\n- ${FeesAnswer()}\n\n"
        "# FeesAnswer\n- IF: ${turn.camp == 'residential'}\n    - ${ResidentialFees_Response()}\n"
        "- ELSE:\n    - ${DayCampFees_Response()}\n\n"
        "# DayCampFees_Response\n- Day camp is $285 a week.\n\n"
        "# ResidentialFees_Response\n- A two-week overnight session is $2,450.\n",
        encoding="utf-8",
    )
    topics = composer_index(lg_file).topics
    assert topics["ResidentialFees_Response"].question == "ResidentialFees"
    assert topics["DayCampFees_Response"].question == "DayCampFees"
    assert topics["FeesAnswer"].question == "FeesAnswer"


def test_composer_index_outside_a_project_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "loose.lg"
    path.write_text("# Hi\n- Hello there.\n", encoding="utf-8")
    assert composer_index(path).topics == {}
    statements = list(lg.parse(Document("loose.lg", path, "chatbot", "en-GB")))
    assert [(s.question, s.text, s.locale) for s in statements] == [("Hi", "Hello there.", "en-GB")]


def test_qna_pairs_with_filters_prompts_and_locale() -> None:
    refunds, person = _parse(qna, QNA_FILE)
    assert (
        refunds.text
        == "Refunds are issued within 5 business days.\nSee our policy for details.\nStart a return\nTalk to us"
    )
    assert (refunds.location.line, refunds.location.end_line) == (14, 16)
    assert refunds.alternatives == ("refund timeline", "when will I get my money back")
    assert refunds.condition == "product=shoes and region=uk"
    assert (refunds.locale, refunds.origin) == ("en-us", "qna")
    assert (person.question, person.location.line) == ("Can I talk to a person?", 28)  # the image line shows no words
    (french,) = _parse(qna, BOT / "knowledge-base" / "fr-fr" / "northwind.qna")
    assert french.locale == "fr-fr"


def test_lu_intents_feed_questions_and_qna_sections_are_statements() -> None:
    text = (BOT / "language-understanding" / "en-us" / "northwind.en-us.lu").read_text(encoding="utf-8")
    intents = scan(text).intents
    assert intents["StoreHours"] == ["when are you open", "opening hours on sunday"]
    (pair,) = _parse(lu, BOT / "language-understanding" / "en-us" / "northwind.en-us.lu")
    assert (pair.question, pair.alternatives) == ("Do you price match?", ("price matching",))


def test_dialog_inline_text_is_read_with_its_trigger() -> None:
    (said,) = _parse(composer_dialog, BOT / "northwind.dialog")
    assert said.location.pointer == "/triggers/3/actions/0/activity"
    assert said.text == "Sorry, I didn't get that. Call us on 0800 123 4567, ⟨user.name⟩."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi ${user.name}!", "Hi ⟨user.name⟩!"),
        ("Score ${round(turn.score, 3)} now", "Score ⟨expr⟩ now"),
        ("${if(x, '}', {a: 1})} end", "⟨expr⟩ end"),
        ("literal \\${x}", "literal ${x}"),
        ("open ${x", "open ⟨x⟩"),
        ("no placeholder {slot}", "no placeholder {slot}"),
    ],
)
def test_mask_placeholders(text: str, expected: str) -> None:
    assert mask_placeholders(text) == expected


def test_mask_mustache_only_when_asked() -> None:
    assert mask_placeholders("Hi {{user.first}}") == "Hi {{user.first}}"
    assert mask_placeholders("Hi {{user.first}}", mustache=True) == "Hi ⟨user.first⟩"


@pytest.mark.parametrize(
    ("path", "locale"),
    [
        ("language-understanding/en-us/todo.en-us.lu", "en-us"),
        ("Deployment/Resources/LU/de-de/General.lu", "de-de"),
        ("kb/chitchat.source.en-us.qna", "en-us"),
        ("QnA/fr-fr/Faq.qna", "fr-fr"),
        ("faq.de.qna", "de"),
        ("cognitiveModels/QnAMaker.qna", ""),
        ("my.notes.lu", ""),
    ],
)
def test_path_locale(path: str, locale: str) -> None:
    assert path_locale(path) == locale


def test_utterance_labels_and_template_calls() -> None:
    assert clean_utterance("delete {itemTitle = buy milk} from {listType}") == "delete buy milk from ⟨listType⟩"
    assert template_calls("- ${json(deptsjson())} and ${Greet(user.name)}") == ["json", "deptsjson", "Greet"]


ERRORS = [
    # format, file name, content, line, column, message start
    ("lu", "a.lu", "- hello\n", 1, 1, "unexpected text outside any intent or question"),
    ("lu", "a.lu", "# Greet\n- hi\nhello there\n", 3, 1, "unexpected text here: 'hello there'"),
    ("lu", "a.lu", "# ? Refunds?\n- refund time\n\n# Other\n", 1, 1, "the question 'Refunds?' has no answer block"),
    ("qna", "a.qna", "## ? Refunds?\n```markdown\nFive days.\n", 2, 1, "this answer block is never closed"),
    ("qna", "a.qna", "## ? A\n```\nx\n```\n```\ny\n```\n", 5, 1, "a second answer for the question 'A'"),
    ("qna", "a.qna", "## ?\n```\nx\n```\n", 1, 1, "a QnA question header has no question"),
    ("lg", "a.lg", "- Hello\n", 1, 1, "text before the first template"),
    ("lg", "a.lg", "# Greet\n  Hello\n", 2, 3, "a template line must start with '-'"),
    ("lg", "a.lg", "# Hours\n- ELSE:\n    - Closed.\n", 2, 1, "ELSE without a preceding IF"),
    ("lg", "a.lg", "# Ship\n- IF: ${x}\n  - a\n- CASE: ${'uk'}\n", 4, 1, "CASE without a preceding SWITCH"),
    ("lg", "a.lg", "# Long\n- ```\nline one\n", 2, 1, "this multi-line text is never closed"),
    ("lg", "a.lg", "# Card\n[HeroCard\n  title = x\n", 2, 1, "this structured template is never closed"),
    ("lg", "a.lg", "#\n- x\n", 1, 1, "a template header has no name"),
    ("composer-dialog", "a.dialog", '{"$kind": "Microsoft.AdaptiveDialog",\n "triggers": [}\n', 2, 15, "invalid JSON"),
]


@pytest.mark.parametrize(
    ("fmt", "name", "content", "line", "column", "message"), ERRORS, ids=[f"{e[0]}:{e[5][:30]}" for e in ERRORS]
)
def test_broken_files_raise_located_errors(
    tmp_path: Path, fmt: str, name: str, content: str, line: int, column: int, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        list(REGISTRY[fmt].parse(Document(name, path, "chatbot")))
    assert (info.value.line, info.value.column) == (line, column)
    assert info.value.message.startswith(message), info.value.message


@pytest.mark.parametrize(
    ("fmt", "name", "content"),
    [
        ("lg", "a.lg", "# Hi\n- Hello there.\n# Bye\n- ELSE:\n"),
        ("lg", "a.lg", "# Hi\n- Hello there.\n# Long\n- ```\nnever closed\n"),
        ("qna", "a.qna", "# ? Hi\n```\nHello there.\n```\n# ? Bye\n```\nnever closed\n"),
    ],
)
def test_statements_before_an_error_are_kept(tmp_path: Path, fmt: str, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    got: list[Statement] = []
    with pytest.raises(SourceError):
        for statement in REGISTRY[fmt].parse(Document(name, path, "chatbot")):
            got.append(statement)
    assert [s.text for s in got] == ["Hello there."]


@pytest.mark.parametrize(
    "text",
    [
        "Refunds take 5 days.",
        "Hello!\n\nTime now is ⟨expr⟩",
        "Line one\nline two\n\n\nThird paragraph.  ",
        "Price: £50 (incl. VAT), 9am-5pm; call 0800 123 4567.",
        "- a list\n- of items",
        "1. first\n2. second",
        "**bold** and [link](https://example.com)",
        "Title\n---\nBody",
    ],
)
def test_render_answer_matches_render_plain(text: str) -> None:
    from consistency_check.sources.markdown import render_answer, render_plain

    assert render_answer(text) == render_plain(text)
