"""Real Dialogflow ES/CX and Lex V2 exports (../shared/real-samples) parse cleanly; golden answers are pinned.

Every golden was checked by opening the file at the pinned line (and, for the
one-line Lex files, by following the JSON Pointer).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.model import Statement
from consistency_check.pipeline import read_source
from consistency_check.sources.base import LineIndex
from consistency_check.sources.botexport import answer_text
from consistency_check.sources.jsonpos import JNode, parse_located
from tests.sources.conftest import parse_file

FOLDERS = {"dialogflow_es": "dialogflow-es", "dialogflow_cx": "dialogflow-cx", "lex_v2": "lex-v2"}
# The Lambda's message catalogues next to the airline bot are YAML of the application, not part of the export.
NOT_EXPORT = ("messages_en_US.yaml", "messages_it_IT.yaml")


def _files(real_samples: Path, folder: str) -> list[Path]:
    return sorted(p for p in (real_samples / folder).rglob("*") if p.is_file())


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_every_file_is_read_without_parse_errors(real_samples: Path, folder: str) -> None:
    config = Config(root=real_samples)
    total = 0
    for path in _files(real_samples, folder):
        outcome = read_source(SourceFile(path.relative_to(real_samples).as_posix(), path, None, "auto", ""), config)
        assert not [f for f in outcome.findings if f.code == "CC001"], (path, outcome.findings)
        if path.name in NOT_EXPORT:
            continue
        assert not outcome.findings, path
        assert all(s.format == FOLDERS[folder] and s.locale for s in outcome.statements), path
        total += len(outcome.statements)
    assert total > 0


def _node_at(root: JNode, pointer: str) -> JNode:
    node = root
    for token in pointer.lstrip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        node = node.value[int(token)] if isinstance(node.value, list) else node.value[token]
    return node


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_line_and_pointer_are_those_of_the_value(real_samples: Path, folder: str) -> None:
    """Each statement's pointer leads to its value, and its line is where that value starts."""
    for path in _files(real_samples, folder):
        if path.suffix != ".json":
            continue
        _, statements = parse_file(path, real_samples)
        if not statements:
            continue
        text = path.read_text(encoding="utf-8")
        root, lines = parse_located(text), LineIndex(text)
        for statement in statements:
            node = _node_at(root, statement.location.pointer or "")
            assert lines.line(node.start) == statement.location.line, (path, statement.location)
            if isinstance(node.value, str) and not statement.dynamic:
                value = answer_text(node.value, ssml=node.value.lstrip().startswith("<speak"))
                # cards: the first line (a button that opens a page says its address after its label)
                assert statement.text.split("\n")[0].startswith(value.split("\n")[0]), statement


def _golden(statement: Statement) -> tuple[int | None, str, str]:
    return statement.location.line, statement.question, statement.text


GOLDEN = [
    # file, [(index, (line, question, text start))] for the first, a middle and the last statement
    (
        "dialogflow_es/atomicbongorg__DialogFlow-Support-Bot1/intents/Default Welcome Intent.json",
        [
            (0, (16, "Default Welcome Intent", "Hi, Welcome to E.F.I Support. How May I Help You?")),
            (8, (40, "Default Welcome Intent", "Bienvenue !")),
            (16, (66, "Default Welcome Intent", "आपका दिन शुभ हो!")),
        ],
    ),
    (
        "dialogflow_es/atomicbongorg__DialogFlow-Support-Bot1/intents/Refund request.json",
        [
            (0, (21, "Refund request", "Can you tell me transaction ID of the purchase you made?")),
            (
                1,
                (
                    31,
                    "Refund request",
                    "I've passed your request to our support team. They'll get back to you shortly.",
                ),
            ),
        ],
    ),
    (
        "dialogflow_es/Krsna-Codes__Food-Delivery-Chatbot-Dialogflow-Agent/intents/new.order.json",
        [
            (0, (24, "new order", 'Ok, starting a new order. You can say things like "I want two pizzas')),
            (1, (25, "new order", "Starting new order. Specify food items and quantities.")),
        ],
    ),
    (
        "dialogflow_es/actions-on-google__dialogflow-iosched-nodejs/dialogflow-agent/intents/easter-eggs.json",
        [
            (0, (16, "easter eggs", "I can manage your viewing schedule or help you look for talks.")),
            (1, (24, "easter eggs", "Announcements\nKeynotes\nWhere is the food")),
            (2, (43, "easter eggs", "My favorite kind is easter eggs.")),
        ],
    ),
    (
        "dialogflow_es/markusrt__coronavirus-info-chatbot/at-c7a5ead/dialogflow-agent/intents/"
        "FAQ_BFG_014 Wie schützen.json",
        [(0, (24, "FAQ BFG 014 Wie schützen", ""))],
    ),
    (
        "dialogflow_cx/aaronblythe__aaron_banking/flows/Default Start Flow/Default Start Flow.json",
        [
            (0, (10, "Default Welcome Intent", "Welcome to the Cymbal Bank! How may I assist you today?")),
            (13, (46, "Default Start Flow", "I missed that, say that again?")),
            (26, (74, "Default Start Flow", "")),
        ],
    ),
    (
        "dialogflow_cx/aaronblythe__aaron_banking/flows/Lost %26 Stolen Card/pages/%3e collect lock type.json",
        [
            (0, (14, "> collect lock type", "We have found your ⟨var⟩ ending in ⟨var⟩.")),
            (4, (98, "> collect lock type", "Sorry, we were not able to hear you. Do you want to lock your card")),
            (7, (141, "> collect lock type", "Sorry, we're still not getting that. Do you want to lock your card")),
        ],
    ),
    (
        "dialogflow_cx/Nicocalji__S-Query-Operadora-y-Atencion-Al-Cliente-Dialogflow-CX/flows/"
        "gestion_cita_cancelar_cita/gestion_cita_cancelar_cita.json",
        [
            (0, (7, "int esperar", "")),
            (
                5,
                (71, "gestion cita cancelar cita", "Perfecto. ¿Con qué especialidad tiene la cita que desea cancelar?"),
            ),
            (10, (173, "gestion cita cancelar cita", "")),
        ],
    ),
    (
        "dialogflow_cx/Nicocalji__S-Query-Operadora-y-Atencion-Al-Cliente-Dialogflow-CX/flows/"
        "gestion_cita_cancelar_cita/pages/Confirmar Cancelaci%c3%b3n.json",
        [
            (
                0,
                (
                    10,
                    "Confirmar Cancelación",
                    "Muy bien. ¿me puede confirmar que la cita que quiere cancelar es el ⟨var⟩ a las ⟨var⟩?",
                ),
            ),
            (1, (62, "int yes", "Fenomenal.")),
        ],
    ),
    (
        "lex_v2/lomibaod__lexV2Demos/pizza_demo/PizzaShopLexExport.zip.unzipped/PizzaShop/BotLocales/en_US/Intents/MakePizza/Intent.json",
        [
            (0, (1, "Make Pizza", "we have made your pizza with ⟨var⟩ on it")),
            (1, (1, "Make Pizza", "your ⟨var⟩ pizza is being made")),
        ],
    ),
    (
        "lex_v2/lomibaod__lexV2Demos/SampleLexV2BotExportJson.zip.unzipped/SampleLexV2BotExportJson/DemoBot/BotLocales/en_US/"
        "Intents/BookTestDrive/Intent.json",
        [(0, (1, "Book Test Drive", "Your test drive has been scheduled for ⟨var⟩ at ⟨var⟩"))],
    ),
    (
        "lex_v2/aws__lex-helper/examples/sample_airline_bot/lex-export/LexBot/BotLocales/en_US/Intents/TrackBaggage/Slots/"
        "ReservationNumber/Slot.json",
        [(0, (1, "Track Baggage", "Can you provide the ReservationNumber?"))],
    ),
    (
        "lex_v2/aws__lex-helper/examples/sample_airline_bot/lex-export/LexBot/BotLocales/it_IT/Intents/TrackBaggage/Intent.json",
        [(0, (1, "Track Baggage", ""))],
    ),
]


@pytest.mark.parametrize(("name", "pins"), GOLDEN, ids=[g[0].split("/")[-1] for g in GOLDEN])
def test_golden_statements(real_samples: Path, name: str, pins: list[tuple[int, tuple[int, str, str]]]) -> None:
    _, statements = parse_file(real_samples / name, real_samples)
    assert len(statements) == pins[-1][0] + 1
    for index, (line, question, text) in pins:
        got = _golden(statements[index])
        assert got[:2] == (line, question)
        assert got[2].startswith(text) and (text or not got[2]), got


def test_real_details(real_samples: Path) -> None:
    es = "dialogflow_es/atomicbongorg__DialogFlow-Support-Bot1/intents/"
    _, welcome = parse_file(real_samples / (es + "Default Welcome Intent.json"), real_samples)
    telephony = welcome[1]
    assert (telephony.condition, telephony.location.pointer) == ("platform telephony", "/responses/0/messages/1/text")
    assert {s.locale for s in welcome} == {"en", "es", "fr", "it", "de", "hi"}
    assert "bonjour" in [a.lower() for a in welcome[8].alternatives]  # French training phrases for French answers
    _, knowledge = parse_file(
        real_samples / (es + "Knowledge.KnowledgeBase.MTUyNTAwMzI3NjMyMDY2MzE0MjQ.json"), real_samples
    )
    assert [(s.dynamic, s.origin) for s in knowledge] == [(True, "knowledge")]
    _, pizza = parse_file(real_samples / GOLDEN[9][0], real_samples)
    assert (
        pizza[1].location.pointer
        == "/intentClosingSetting/closingResponse/messageGroupsList/0/variations/0/plainTextMessage/value"
    )
    assert pizza[0].alternatives[-1] == "i want a ⟨var⟩ pizza with ⟨var⟩"
    cx = "dialogflow_cx/aaronblythe__aaron_banking/flows/Default Start Flow/Default Start Flow.json"
    _, start = parse_file(real_samples / cx, real_samples)
    assert "i lost my card" in [a.lower() for a in start[1].alternatives] or start[1].alternatives
