"""Dialogflow ES, Dialogflow CX and Lex V2 exports: what each statement carries, sniffing, broken input."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from consistency_check.model import Statement
from consistency_check.sources import REGISTRY, detect_format
from consistency_check.sources.base import (
    Document,
    SourceError,
    normalise_placeholders,
    only_placeholders,
    readable_name,
    strip_ssml,
)
from tests.sources.conftest import FIXTURES, parse_file

ES = FIXTURES / "dialogflow_es"
CX = FIXTURES / "dialogflow_cx"
LEX = FIXTURES / "lex_v2"


def _by_pointer(statements: list[Statement]) -> dict[str, Statement]:
    return {s.location.pointer or "": s for s in statements}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("TrackBaggage", "Track Baggage"),
        ("BookARace", "Book A Race"),  # a word of one letter inside a name
        ("IsItOpenOnSundays", "Is It Open On Sundays"),
        ("int_cancelar_cita", "int cancelar cita"),
        ("what-to-wear", "what to wear"),
        ("track.order - context: ongoing-tracking", "track.order - context: ongoing-tracking"),
        ("Default Welcome Intent", "Default Welcome Intent"),
        ("Knowledge.KnowledgeBase.MTUyNTAw", "Knowledge Knowledge Base MTUyNTAw"),
        ("HTTPRequest", "HTTP Request"),
        ("pass.prices", "pass prices"),
        ("pass.spring_offer", "pass spring offer"),  # the underscore does not keep the dot
        ("faq.lostTicket_fee", "faq lost Ticket fee"),
        ("MotorcycleMOT", "Motorcycle MOT"),  # an abbreviation in capitals after a word
        ("BookVanMOT", "Book Van MOT"),
        ("iOS", "iOS"),
        ("MTUyNTA", "MTUyNTA"),
    ],
)
def test_readable_name(name: str, expected: str) -> None:
    assert readable_name(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Your order $order_id ships soon.", "Your order ⟨var⟩ ships soon."),
        ("Hi #user.given-name, your $cust-email is set", "Hi ⟨var⟩, your ⟨var⟩ is set"),
        ("Card ending $session.params.last_four.", "Card ending ⟨var⟩."),
        ("Count: $sys.func.ADD($flow.count, 1) now", "Count: ⟨var⟩ now"),
        ("your {topping} pizza", "your ⟨var⟩ pizza"),
        ("Shipping is $4.95, free over $49.", "Shipping is $4.95, free over $49."),
        ("We are #1 in service", "We are #1 in service"),
    ],
)
def test_placeholders_become_one_token(text: str, expected: str) -> None:
    assert normalise_placeholders(text) == expected


@pytest.mark.parametrize(
    ("text", "only"),
    [
        ("$Knowledge.Answer[1]", True),
        ("$request.knowledge.answers[0]", True),
        ("{vehicleType} {make}", True),
        ("Hi $name!", False),
    ],
)
def test_answers_made_only_of_placeholders(text: str, only: bool) -> None:
    assert only_placeholders(normalise_placeholders(text)) is only


@pytest.mark.parametrize(
    ("ssml", "spoken"),
    [
        ('<speak>Returns take <say-as interpret-as="cardinal">30</say-as> days.</speak>', "Returns take 30 days."),
        (
            '<speak>Visit <sub alias="Northwind">NW</sub> today.<break time="1s"/>Thanks</speak>',
            "Visit Northwind today. Thanks",
        ),
        ("Orders <50 items ship free", "Orders <50 items ship free"),
    ],
)
def test_ssml_is_reduced_to_spoken_words(ssml: str, spoken: str) -> None:
    assert strip_ssml(ssml) == spoken


# --- Dialogflow ES -----------------------------------------------------------


def test_es_languages_platforms_and_training_phrases() -> None:
    _, statements = parse_file(ES / "shop_agent/intents/Refund status.json", ES)
    by = _by_pointer(statements)
    english = by["/responses/0/messages/0/speech/0"]
    assert (english.locale, english.condition, english.origin) == ("en", "", "response")
    assert english.alternatives == ("where is my refund for order 1234", "how long do refunds take")
    google = by["/responses/0/messages/1/textToSpeech"]
    assert (google.condition, google.text) == ("platform google", "Refunds usually take 5 to 7 business days.")
    german = by["/responses/0/messages/4/speech"]
    assert (german.locale, german.alternatives) == ("de", ("wie lange dauert eine Rückerstattung",))
    assert by["/responses/0/parameters/0/prompts/0/value"].origin == "prompt"
    assert all(
        s.channel == "web" and s.format == "dialogflow-es" for s in statements
    )  # channel comes from the document
    assert not any("not read" in s.text for s in statements)  # custom payloads are skipped


def test_es_webhook_intent_without_text_is_dynamic() -> None:
    _, statements = parse_file(ES / "shop_agent/intents/order.status - context_ tracking.json", ES)
    assert len(statements) == 1
    dynamic = statements[0]
    assert dynamic.dynamic and dynamic.text == "" and dynamic.question == "order.status - context: tracking"
    assert dynamic.alternatives == ("where is my parcel",)
    assert dynamic.locale == "en"  # the agent's language, read from agent.json


def test_es_knowledge_answer_and_rich_messages() -> None:
    _, statements = parse_file(ES / "shop_agent/intents/Store hours.json", ES)
    knowledge = [s for s in statements if s.dynamic]
    assert [s.origin for s in knowledge] == ["knowledge"]
    texts = [s.text for s in statements if not s.dynamic]
    assert "Anything else?\nReturns\nShipping" in texts
    assert "Downtown\nOpen until 9pm on Fridays" in texts


def test_es_single_intent_console_json_is_minified_and_uses_pointers() -> None:
    _, statements = parse_file(ES / "Shipping question.json", ES)
    assert [s.location.pointer for s in statements] == [
        "/responses/0/messages/0/speech/0",
        "/responses/0/messages/0/speech/1",
    ]
    assert statements[0].alternatives == ("is shipping free", "ship to ⟨var⟩")


def test_es_card_buttons_say_the_address_they_open(tmp_path: Path) -> None:
    # A card's button that opens a page says where it goes; one that sends text back to the bot says only its label.
    intent = {
        "id": "0f6a3c1e-0000-4000-8000-000000000010",
        "name": "waiver.sign",
        "auto": True,
        "contexts": [],
        "webhookUsed": False,
        "responses": [
            {
                "messages": [
                    {
                        "type": "1",
                        "platform": "facebook",
                        "title": "Sign your waiver",
                        "buttons": [
                            {"text": "Open the waiver", "postback": "https://example.ca/waiver"},
                            {"text": "Ask something else", "postback": "help"},
                        ],
                    }
                ]
            }
        ],
    }
    path = tmp_path / "waiver.sign.json"
    path.write_text(json.dumps(intent), encoding="utf-8")
    _, statements = parse_file(path, tmp_path)
    assert [s.text for s in statements] == [
        "Sign your waiver\nOpen the waiver (https://example.ca/waiver)\nAsk something else"
    ]


# --- Dialogflow CX -----------------------------------------------------------


def test_cx_route_answers_carry_intent_and_training_phrases() -> None:
    _, statements = parse_file(CX / "shop_cx/flows/Default Start Flow/Default Start Flow.json", CX)
    by = _by_pointer(statements)
    english = by["/transitionRoutes/0/triggerFulfillment/messages/0/text/text/1"]
    assert english.question == "store returns"
    assert english.text == "Returns are accepted for 30 days, ⟨var⟩."
    assert english.alternatives == ("how long do I have to return shoes", "return policy")
    french = by["/transitionRoutes/0/triggerFulfillment/messages/1/text/text/0"]
    assert (french.locale, french.alternatives) == ("fr", ("politique de retour",))
    webhook = by["/transitionRoutes/1/triggerFulfillment/webhook"]
    assert webhook.dynamic and webhook.condition == "webhook orders tag status"
    assert by["/knowledgeConnectorSettings/triggerFulfillment/messages/0/text/text/0"].dynamic


def test_cx_page_conditions_voice_and_prompts() -> None:
    _, statements = parse_file(CX / "shop_cx/flows/Default Start Flow/pages/Order status.json", CX)
    by = _by_pointer(statements)
    assert by["/entryFulfillment/messages/0/text/text/0"].text == "Orders ship within 2 business days."
    assert by["/entryFulfillment/messages/1/outputAudioText/ssml"].text == "Orders ship within two business days."
    assert "/entryFulfillment/messages/2/outputAudioText/text" not in by  # same words as the text: not repeated
    nested = next(s for s in statements if "additionalCases" in (s.location.pointer or ""))
    assert nested.condition == '$session.params.member = true; $session.params.country = "CA"'
    reprompt = next(s for s in statements if "repromptEventHandlers" in (s.location.pointer or ""))
    assert (reprompt.origin, reprompt.condition) == ("prompt", "event sys.no-match-1")
    assert not any("not read" in s.text for s in statements)


# --- Lex V2 ------------------------------------------------------------------

LEX_INTENT = "ShopBotExport/ShopBot/BotLocales/en_US/Intents/ReturnPolicy/Intent.json"


def test_lex_minified_intent_is_located_by_pointer() -> None:
    _, statements = parse_file(LEX / LEX_INTENT, LEX)
    assert {s.location.line for s in statements} == {1}
    by = _by_pointer(statements)
    base = "/intentClosingSetting/closingResponse/messageGroupsList/0"
    assert by[f"{base}/message/plainTextMessage/value"].text == "Returns are accepted within 30 days of delivery."
    assert by[f"{base}/variations/0/ssmlMessage/value"].text == "You have 30 days to return an item."
    assert by[f"{base}/variations/1/imageResponseCard"].text == "Returns\nFree within 30 days\nStart a return"
    branch = by[
        "/intentClosingSetting/conditional/conditionalBranches/0/response/messageGroupsList/0/message/plainTextMessage/value"
    ]
    assert branch.condition == '{Item} = "clearance"'
    assert all(s.locale == "en-US" and s.question == "Return Policy" for s in statements)
    assert statements[0].alternatives == ("how long do I have to return ⟨var⟩", "what is your return policy")
    assert not any(s.text in ("not active", '{"type": "link"}') for s in statements)  # inactive hook, JSON payload


def test_lex_locale_copies_and_code_hooks() -> None:
    _, french = parse_file(LEX / "ShopBotExport/ShopBot/BotLocales/fr_FR/Intents/ReturnPolicy/Intent.json", LEX)
    assert [s.locale for s in french] == ["fr-FR"]
    _, hooked = parse_file(LEX / "ShopBotExport/ShopBot/BotLocales/en_US/Intents/OrderStatus/Intent.json", LEX)
    assert [(s.dynamic, s.origin, s.location.pointer) for s in hooked] == [
        (True, "code-hook", "/fulfillmentCodeHook/enabled")
    ]


# --- sniffing and broken input -----------------------------------------------

BROKEN = [
    (
        "dialogflow-es",
        "intents/Refund.json",
        '{\n  "name": "Refund",\n  "responses": [\n    {"messages": [}\n  ]\n}\n',
        4,
    ),
    (
        "dialogflow-cx",
        "flows/F/pages/P.json",
        '{\n  "displayName": "P",\n  "entryFulfillment": {\n    "messages": [ ,\n',
        4,
    ),
    ("lex-v2", "B/BotLocales/en_US/Intents/I/Intent.json", '{"name":"I","sampleUtterances":[{"utterance":"hi"}],}', 1),
]


@pytest.mark.parametrize(("fmt", "name", "content", "line"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_json_is_a_located_source_error(tmp_path: Path, fmt: str, name: str, content: str, line: int) -> None:
    path = tmp_path / name
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SourceError) as info:
        list(REGISTRY[fmt].parse(Document(name, path, "chatbot")))
    assert info.value.line == line and info.value.column is not None
    assert info.value.message.startswith("invalid JSON")


SNIFFED = [
    (ES / "shop_agent/intents/Refund status.json", "dialogflow-es"),
    (ES / "shop_agent/intents/Refund status_usersays_en.json", "dialogflow-es"),
    (ES / "shop_agent/agent.json", "dialogflow-es"),
    (CX / "shop_cx/agent.json", "dialogflow-cx"),
    (CX / "shop_cx/flows/Default Start Flow/pages/Order status.json", "dialogflow-cx"),
    (CX / "shop_cx/intents/store.returns/trainingPhrases/en.json", "dialogflow-cx"),
    (LEX / LEX_INTENT, "lex-v2"),
    (LEX / "ShopBotExport/Manifest.json", "lex-v2"),
]


@pytest.mark.parametrize(("source", "expected"), SNIFFED, ids=[f"{s[1]}:{s[0].name}" for s in SNIFFED])
def test_sniffing_ignores_the_extension(tmp_path: Path, source: Path, expected: str) -> None:
    target = tmp_path / "export.txt"
    shutil.copyfile(source, target)
    assert detect_format(Document("export.txt", target, "chatbot")) == expected


@pytest.mark.parametrize(
    "content",
    [
        '{"articles": [{"id": 1, "title": "Returns", "body": "<p>30 days</p>", "locale": "en-us"}]}',
        '{"name": "app", "version": "1.0.0", "dependencies": {}}',
        '{"version": "1.0.0"}',
        '[{"id": 1, "data": "x"}]',
        '{"displayName": "My dashboard", "widgets": []}',
        '{"name": "Thing", "responses": [], "status": 200}',
        '{"messages": [{"role": "user", "content": "hi"}]}',
    ],
)
def test_other_json_is_not_claimed(tmp_path: Path, content: str) -> None:
    path = tmp_path / "package.json"
    path.write_text(content, encoding="utf-8")
    assert detect_format(Document("package.json", path, "web")) not in {"dialogflow-es", "dialogflow-cx", "lex-v2"}
