"""Einstein Bot metadata: messages, prompts, conditions, merge fields, utterances from the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.sources import detect_format, einstein_bot
from consistency_check.sources.base import Document, SourceError
from tests.sources.conftest import FIXTURES, parse_file

BOT = FIXTURES / "einstein_bot/force-app/main/default/bots/Shop_Bot/v2.botVersion-meta.xml"


def test_metadata_of_each_message() -> None:
    _, statements = parse_file(BOT, FIXTURES / "einstein_bot")
    returns = statements[1]
    assert returns.location.end_line == 18
    assert returns.location.pointer == "botDialogs[Return_Policy]/botSteps[1]/botMessages/message"
    assert returns.locale == "en_US"
    # utterances of this bot's domain from datasets/utterances.csv; the other bot's row is left out
    assert returns.alternatives == ("How do I return something?", "what is your return policy")
    assert statements[3].condition == "Wants_Label Equals true"
    merge = statements[4]
    assert merge.dynamic and merge.alternatives == ("where is my order",)  # inline mlDomain utterances


def test_bot_with_inline_versions(tmp_path: Path) -> None:
    path = tmp_path / "Shop.bot"
    path.write_text(
        '<?xml version="1.0"?>\n<Bot xmlns="http://soap.sforce.com/2006/04/metadata">\n'
        "  <botMlDomain><mlIntents><developerName>Hours</developerName>\n"
        "    <mlIntentUtterances><utterance>when are you "
        "open</utterance></mlIntentUtterances></mlIntents></botMlDomain>\n"
        "  <botVersions><fullName>v1</fullName><botDialogs><developerName>Store_Hours</developerName>\n"
        "    <mlIntent>Hours</mlIntent><botSteps><botMessages>\n"
        "      <message>We open 9am to 6pm.</message></botMessages></botSteps></botDialogs></botVersions>\n</Bot>\n",
        encoding="utf-8",
    )
    assert detect_format(Document("Shop.bot", path, "chatbot")) == "einstein_bot"
    [statement] = einstein_bot.parse(Document("Shop.bot", path, "chatbot"))
    assert (statement.question, statement.text, statement.location.line) == ("Store Hours", "We open 9am to 6pm.", 7)
    assert statement.alternatives == ("when are you open",)


def test_broken_xml_is_located(tmp_path: Path) -> None:
    path = tmp_path / "v1.botVersion-meta.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<BotVersion xmlns="http://soap.sforce.com/2006/04/metadata">\n'
        "<botDialogs><botSteps><botMessages><message>Hi</botMessages>\n</BotVersion>\n",
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as info:
        list(einstein_bot.parse(Document("v1.botVersion-meta.xml", path, "chatbot")))
    assert info.value.line == 3


def test_other_salesforce_metadata_is_not_claimed(tmp_path: Path) -> None:
    path = tmp_path / "Case.object-meta.xml"
    path.write_text('<?xml version="1.0"?>\n<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"/>\n')
    assert detect_format(Document("Case.object-meta.xml", path, "chatbot")) is None


REAL = "salesforce_einstein_bot/Salesforce-org-Impact-Labs__FinAidBot/"
GOLDEN = [
    # (line, question, text start): first, a middle one and the last message
    (42, "Welcome", "Hi! I'm FinAid Chatbot, a digital assistant."),
    (564, "Federal deadline", "Alright. Click on the following link to schedule your reminder:"),
    (802, "No, I'm all done", "What would you like to do?"),
]


def test_real_bot_version(real_samples: Path) -> None:
    _, statements = parse_file(
        real_samples / REAL / "force-app/main/default/bots/Alpha1/v3.botVersion-meta.xml", real_samples
    )
    assert len(statements) == 33
    picks = [statements[0], next(s for s in statements if s.location.line == 564), statements[-1]]
    for statement, (line, question, text) in zip(picks, GOLDEN, strict=False):
        assert (statement.location.line, statement.question) == (line, question)
        assert statement.text.startswith(text)
    assert picks[1].condition == "Calendar_Event Equals true"
    deadlines = next(s for s in statements if s.location.line == 704)
    assert deadlines.location.end_line == 706 and deadlines.condition == "Learn_how_deadlines_work Equals true"
    words = [s for s in statements if s.question == "Get help understanding financial terms"]
    assert len(words) == 3 and len(words[0].alternatives) == 60  # from datasets/FAFSA Bot Utterances - Terminology.csv
    assert [s.dynamic for s in statements].count(True) == 1  # {!AnswerSelectedResult.Answer}


def test_real_utterance_files_are_claimed(real_samples: Path) -> None:
    for path in sorted((real_samples / REAL / "datasets").glob("*.csv")):
        fmt, statements = parse_file(path, real_samples)
        assert (fmt, statements) == ("einstein_bot", [])
