"""Plain-text scripts: titles, branches and wrapped paragraphs."""

from __future__ import annotations

from pathlib import Path

from consistency_check.sources import text_script
from consistency_check.sources.base import Document
from tests.sources.conftest import FIXTURES


def test_branch_condition_and_wrapped_paragraph() -> None:
    doc = Document("store_script.txt", FIXTURES / "text" / "store_script.txt", "store")
    statements = list(text_script.parse(doc))
    assert [s.condition for s in statements if s.condition] == ["If the customer has no receipt"]
    wrapped = next(s for s in statements if s.text.startswith("Look for the tag"))
    assert (wrapped.location.line, wrapped.location.end_line) == (11, 12)
    assert wrapped.text.endswith("cannot be resold and go to the damaged bin.")


def test_title_levels() -> None:
    assert text_script.is_title("HOUSE CLEANING") == 1
    assert text_script.is_title("OPENING TIMES (read only if asked)") == 1
    assert text_script.is_title("(see the card) PICKUP") == 0
    assert text_script.is_title("5. Present pricing with the guarantee up front") == 2
    assert text_script.is_title("1. Open the app and tap Orders.") == 0
    assert text_script.is_title("4. Bulk orders (20 units or more)") == 2
    assert text_script.is_title("2. Check the label (see the card).") == 0
    assert text_script.is_title("Points expire after:") == 3
    assert text_script.is_title("▸  If they are driving:") == 0


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("\n\n", encoding="utf-8")
    assert list(text_script.parse(Document("empty.txt", path, "store"))) == []


def test_placeholder_at_the_start_is_still_text(tmp_path: Path) -> None:
    path = tmp_path / "greeting.txt"
    path.write_text("[Agent name] answers with a smile.\nThen ask for the order number.\n", encoding="utf-8")
    assert text_script.sniff(Document("greeting.txt", path, "store"))
    path.write_text('[{"id": 1}]\n', encoding="utf-8")
    assert not text_script.sniff(Document("greeting.txt", path, "store"))


def test_question_and_answer_lines_give_the_answer_its_question(tmp_path: Path) -> None:
    path = tmp_path / "script.txt"
    path.write_text(
        "COMMON QUESTIONS\n\n"
        'Q: "Is there an app?"\n'
        "A: Yes, the monitoring app is free for the life of the system.\n\n"
        "Q: How long does the install take?\n\n"
        "A: About 2 days on site.\n"
        "The crew brings everything.\n\n"
        "We follow up within 5 days.\n",
        encoding="utf-8",
    )
    got = [(s.location.line, s.question, s.text) for s in text_script.parse(Document("script.txt", path, "store"))]
    assert got == [
        (4, "COMMON QUESTIONS / Is there an app?", "Yes, the monitoring app is free for the life of the system."),
        (8, "COMMON QUESTIONS / How long does the install take?", "About 2 days on site."),
        (9, "COMMON QUESTIONS / How long does the install take?", "The crew brings everything."),
        (11, "COMMON QUESTIONS", "We follow up within 5 days."),
    ]


def test_a_list_set_with_leaders_is_read_one_item_a_line(tmp_path: Path) -> None:
    path = tmp_path / "prices.txt"
    path.write_text(
        "PRICES\n\n"
        "Read these out if the caller asks what things cost at the front desk today, and there is more:\n"
        "Adult group lesson (one hour, up to six riders) .......... €45\n"
        "Child group lesson (one hour, up to six riders) .......... €35\n"
        "Private lesson . . . . €70\n"
        "Locker hire, per day - - - - €8\n"
        "Hold on... let me check the price list for you, because the lesson prices changed this month.\n",
        encoding="utf-8",
    )
    got = [(s.location.line, s.text) for s in text_script.parse(Document("prices.txt", path, "store"))]
    assert [line for line, _ in got] == [3, 4, 5, 6, 7, 8]
    assert got[1][1].endswith("€45") and got[2][1].startswith("Child")


def test_the_next_numbered_step_ends_a_branch(tmp_path: Path) -> None:
    # "5." is the procedure's next step, not a line of "If they want a key"; a step indented under the branch is.
    path = tmp_path / "calls.txt"
    path.write_text(
        "CALLS\n\n"
        "4. Ask which site.\n"
        "▸ If they want a tool shed key\n"
        '"Keys are $50."\n'
        "  1. Take the deposit.\n"
        "5. Give the coordinator's number, 021 555 0101.\n",
        encoding="utf-8",
    )
    got = [(s.location.line, s.condition) for s in text_script.parse(Document("calls.txt", path, "store"))]
    assert got == [(3, ""), (4, ""), (5, "If they want a tool shed key"), (6, "If they want a tool shed key"), (7, "")]


def _read(tmp_path: Path, text: str) -> list[tuple[int, int | None, str, str]]:
    path = tmp_path / "script.txt"
    path.write_text(text, encoding="utf-8")
    doc = Document("script.txt", path, "store")
    return [(s.location.line, s.location.end_line, s.question, s.text) for s in text_script.parse(doc)]


def test_a_quotation_closed_the_german_or_french_way_ends_its_line(tmp_path: Path) -> None:
    got = _read(
        tmp_path,
        "KURSE\n"
        "„In einer Gruppe sind höchstens acht Teilnehmer, eingeteilt wird am ersten Tag nach dem Vorfahren.“\n"
        "Treffpunkt 9.45 Uhr Sammelplatz Talstation Moosbahn.\n"
        "« Nous prenons les réservations jusqu'à la veille, dix-huit heures au plus tard. »\n"
        "Rendez-vous devant le centre des sports de neige.\n",
    )
    assert [(line, end) for line, end, _, _ in got] == [(2, None), (3, None), (4, None), (5, None)]


def test_a_short_line_heading_a_bulleted_list_is_its_title_in_any_case(tmp_path: Path) -> None:
    got = _read(
        tmp_path,
        "ALPENSCHNEE – VAL D'ARLAZ\n\n"
        "Cours collectifs adultes\n"
        "- La journée : 95 Fr. Les cinq jours : 360 Fr.\n"
        "- Le forfait n'est pas compris.\n\n"
        "No deposit needed, photo ID only\n"
        "Everything back by half past four on the last day.\n\n"
        "Tarifs 2026\n"
        "- Adulte : 95 Fr.\n",
    )
    assert [(line, question) for line, _, question, _ in got] == [
        (4, "ALPENSCHNEE – VAL D'ARLAZ / Cours collectifs adultes"),
        (5, "ALPENSCHNEE – VAL D'ARLAZ / Cours collectifs adultes"),
        (7, "ALPENSCHNEE – VAL D'ARLAZ"),  # followed by a sentence, not a list: a statement
        (8, "ALPENSCHNEE – VAL D'ARLAZ"),
        (10, "ALPENSCHNEE – VAL D'ARLAZ"),  # a number: a statement, not a title
        (11, "ALPENSCHNEE – VAL D'ARLAZ"),
    ]


def test_a_quoted_condition_ending_with_a_colon_is_a_branch(tmp_path: Path) -> None:
    got = _read(
        tmp_path,
        "MOBILE FITTING\n"
        "> If they are buying three or more tyres:\n"
        '"There is no charge for us to come out to you within ten miles."\n'
        "> If they are buying fewer:\n"
        '"For fewer than three tyres there is a small call-out charge."\n\n'
        "> Security checkpoint: TSA.\n",
    )
    statements = text_script.parse(Document("script.txt", tmp_path / "script.txt", "store"))
    conditions = [(s.location.line, s.condition) for s in statements]
    assert conditions == [
        (2, ""),
        (3, "If they are buying three or more tyres"),
        (4, ""),
        (5, "If they are buying fewer"),
        (7, ""),  # says something: a statement, not a branch
    ]
    assert {question for _, _, question, _ in got} == {"MOBILE FITTING"}
