"""Real Bot Framework, QnA Maker, LUIS, Rasa 1, Rasa CALM and Botpress exports (../shared/real-samples).

Every file is recognised and read without a finding; golden statements (first,
middle, last) were checked by opening each file at the pinned line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency_check.config import Config
from consistency_check.discovery import SourceFile
from consistency_check.pipeline import read_source
from consistency_check.sources.ludown import scan
from tests.sources.conftest import parse_file

FOLDERS = {
    "botframework_composer_lu_lg": {"lu", "lg", "qna", "composer-dialog"},
    "qnamaker_qna_tsv": {"qnamaker-tsv", "qna"},
    "luis_app_json": {"luis"},
    "rasa1_markdown": {"rasa-md", "rasa"},
    "rasa_calm_flows": {"rasa"},
    "botpress_v12": {"botpress"},
}
BF = "botframework_composer_lu_lg/microsoft__BotBuilder-Samples/"
SCHOOL = BF + "composer-samples/csharp_dotnetcore/projects/OrchestratorSchoolNavigator/SchoolNavigator/"
FAQ = (
    BF
    + "at-ab4487b/experimental/handoff-library/csharp_dotnetcore/samples/LivePersonProxyAssistant/Deployment/Resources/"
)
QNAMAKER = "qnamaker_qna_tsv/microsoft__BotBuilder-Samples/archive/samples/javascript_nodejs/"
SMALL_TALK = "botpress_v12/botpress__botpress/modules/builtin/src/bot-templates/small-talk/"


def _files(root: Path, folder: str) -> list[Path]:
    return sorted(p for p in (root / folder).rglob("*") if p.is_file())


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_every_file_is_recognised_and_located(real_samples: Path, folder: str) -> None:
    files = _files(real_samples, folder)
    assert files
    for path in files:
        fmt, statements = parse_file(path, real_samples)
        assert fmt in FOLDERS[folder], path
        line_count = path.read_bytes().count(b"\n") + 1
        for statement in statements:
            assert statement.text and statement.question, statement
            assert statement.location.line is not None and 1 <= statement.location.line <= line_count, statement


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_every_file_reads_without_findings(real_samples: Path, folder: str) -> None:
    config = Config(root=real_samples)
    for path in _files(real_samples, folder):
        rel = path.relative_to(real_samples).as_posix()
        outcome = read_source(SourceFile(rel, path, None, "auto", ""), config)
        assert outcome.findings == [], (rel, outcome.findings)


GOLDEN = [
    # file, [(statement index, line, question, start of text)]: first, middle (where there is one), last
    (
        FAQ + "QnA/en-us/Faq.qna",
        [
            (0, 6, "What is a Virtual Assistant", "I'm a Virtual Assistant with the ability to be customized"),
            (4, 39, "What can the Point of Interest Skill do", "The Point of Interest Skill finds nearby points"),
            (7, 65, "How do I raise a bug", "Raise an issue on the GitHub repo"),
        ],
    ),
    (
        FAQ + "QnA/fr-fr/Faq.qna",
        [
            (0, 15, "Qu'est-ce qu'un assistant virtuel", "! [Assistant virtuel] (https://aka.ms/virtualassistantlogo)"),
            (4, 49, "Que peut faire le point d'intérêt Compétence", "Le point d'intérêt Compétence trouve à proximité"),
            (7, 75, "Comment puis-je soulever un bogue", "Élevez une question sur le GitHub repo"),
        ],
    ),
    (
        QNAMAKER + "14.nlp-with-orchestrator/cognitiveModels/QnAMaker.qna",
        [
            (0, 3, "hi", "hello"),
            (1, 10, "greetings", "Hello!"),
            (2, 20, "What are you?", "I am the LUIS-QnAMaker Dispatch bot!"),
        ],
    ),
    (
        SCHOOL + "dialogs/FeedbackDialog/language-generation/en-us/FeedbackDialog.en-us.lg",
        [
            (0, 10, "FeedbackDialog", "Thank you.\nOptional: Submit the results to your analytics store."),
            (4, 47, "FeedbackDialog", "Was classification correct?"),
            (7, 53, "FeedbackDialog", "Let's continue. Ask another question..."),
        ],
    ),
    (
        SCHOOL + "dialogs/SchoolNavigator/language-generation/en-us/SchoolNavigator.en-us.lg",
        [
            (0, 5, "SchoolNavigator", "What do you need from School Navigator?"),
            (
                4,
                42,
                "deptsjson",
                "How can I redirect your inquiry? Ask a question to navigate to the department expert",
            ),
            (7, 55, "SchoolNavigator", "Ok. Done. Type 'help' to restart."),
        ],
    ),
    (
        SCHOOL + "language-generation/en-us/schoolnavigatorbot.en-us.lg",
        [
            (0, 7, "unknown intent", "I didn't understand this. Type 'help' for assistance."),
            (1, 24, "schoolnavigator", "Departments"),
            (
                2,
                31,
                "schoolnavigator",
                "How can I redirect your inquiry? Ask a question to navigate to the domain expert",
            ),
        ],
    ),
    (
        SCHOOL + "language-generation/en-us/common.en-us.lg",
        [
            (0, 2, "welcome", "Hello!\nTime now is ⟨expr⟩"),
            (1, 5, "welcome", "This sample is designed for Composer v1.4"),
        ],
    ),
    (
        QNAMAKER + "49.qnamaker-all-features/cognitiveModels/smartLightFAQ.tsv",
        [
            (0, 2, "My Contoso smart light won't turn on.", "The simplest way to troubleshoot your smart light"),
            (4, 10, "What type of light bulb do I need?", "A 26-Watt compact fluorescent light bulb"),
            (7, 17, "Hi", "Welcome to the Smart lightbulb bot. 😎"),
        ],
    ),
    (
        "rasa1_markdown/RasaHQ__helpdesk-assistant/at-c8b3275/data/responses.md",
        [
            (0, 3, "site faq hours", "The {profile_site} hours are 7am to 8pm"),
            (2, 11, "site faq map", "The {profile_site} campus map is here"),
            (4, 19, "site faq security", "The {profile_site} security number is x222"),
        ],
    ),
    (
        "rasa1_markdown/RasaHQ__rasa-demo/at-03dd20c/data/nlu/responses.md",
        [
            (0, 3, "out of scope non english", "I only understand English, I'm sorry."),
            (1, 7, "out of scope other", "I can't help"),
        ],
    ),
    (
        "rasa1_markdown/RasaHQ__rasa-demo/at-03dd20c/domain.yml",
        [
            (0, 160, "already subscribed", "Looks like {email} is already subscribed - good choice!"),
            (126, 414, "default", "I didn't quite get that, could you rephrase your message?"),
            (251, 712, "x tutorial", "Rasa Masterclass covers how to set up Rasa X"),
        ],
    ),
    (
        "rasa_calm_flows/RasaHQ__financial-demo/at-6384e2e/domain/replace_card.yml",
        [
            (0, 22, "ask confirm correct card", "I've found the card with number"),
            (8, 43, "failed handoff", "I am sorry, I was not able to connect you to an agent."),
        ],
    ),
    (
        SMALL_TALK + "content-elements/builtin_text.json",
        [
            (0, 5, "builtin_text-iVBzXn", "I'm sorry, I did not understand. Please ask me something else."),
            (1, 7, "builtin_text-iVBzXn", "Pardon, je n'ai pas compris."),
            (2, 17, "builtin_text-error", "😯 Oops! We've got a problem."),
        ],
    ),
    (
        SMALL_TALK + "qna/5i6fs3vzfj_what_can_you_do.json",
        [
            (0, 32, "What can you do?", "I can help you with multiple things, just ask"),
            (1, 33, "Qu'est que tu peux faire?", "Je peux faire plusieurs trucs, il suffit de demander!"),
        ],
    ),
]


@pytest.mark.parametrize(("name", "expected"), GOLDEN, ids=[g[0].split("/")[-1] for g in GOLDEN])
def test_golden_statements(real_samples: Path, name: str, expected: list[tuple[int, int, str, str]]) -> None:
    _, statements = parse_file(real_samples / name, real_samples)
    for index, line, question, text in expected:
        statement = statements[index]
        assert (statement.location.line, statement.question) == (line, question), statement
        assert statement.text.startswith(text), statement.text
    assert expected[-1][0] == len(statements) - 1  # the last pinned statement is the file's last


def test_locales_alternatives_and_conditions(real_samples: Path) -> None:
    _, french = parse_file(real_samples / FAQ / "QnA/fr-fr/Faq.qna", real_samples)
    assert {s.locale for s in french} == {"fr-fr"}
    _, navigator = parse_file(
        real_samples / SCHOOL / "language-generation/en-us/schoolnavigatorbot.en-us.lg", real_samples
    )
    assert navigator[1].alternatives[:2] == (
        "School Navigator",
        "School Dispatcher",
    )  # from schoolnavigatorbot.en-us.lu
    _, light = parse_file(
        real_samples / QNAMAKER / "49.qnamaker-all-features/cognitiveModels/smartLightFAQ.tsv", real_samples
    )
    assert light[0].alternatives == ("Light won't turn on.", "Doesn't work")
    assert light[-1].condition == "category=chitchat"
    _, botpress = parse_file(real_samples / SMALL_TALK / "qna/5i6fs3vzfj_what_can_you_do.json", real_samples)
    assert [s.locale for s in botpress] == ["en", "fr"] and len(botpress[0].alternatives) == 10


@pytest.mark.parametrize(
    ("name", "intents", "first"),
    [
        (
            SCHOOL + "dialogs/SchoolNavigator/language-understanding/en-us/SchoolNavigator.en-us.lu",
            12,
            ("Sports", "tell me about the Athletics program"),
        ),
        (
            BF
            + (
                "experimental/handoff-library/csharp_dotnetcore/samples/LivePersonProxyAssistant/"
                "Deployment/Resources/LU/de-de/General.lu"
            ),
            19,
            ("Cancel", "Abbrechen"),
        ),
        (
            BF
            + (
                "composer-samples/javascript_nodejs/projects/todo-bot-with-luis-sample/todobotwithluissample/"
                "language-understanding/en-us/todobotwithluissample.en-us.lu"
            ),
            7,
            ("Add", "Add todo"),
        ),
    ],
)
def test_real_lu_intents(real_samples: Path, name: str, intents: int, first: tuple[str, str]) -> None:
    fmt, statements = parse_file(real_samples / name, real_samples)
    assert (fmt, statements) == ("lu", [])  # intents and utterances only: no answers
    found = scan((real_samples / name).read_text(encoding="utf-8"))
    assert found.error is None and len(found.intents) == intents
    intent, utterances = next(iter(found.intents.items()))
    assert (intent, utterances[0]) == first


def test_models_and_dialog_files_give_no_statements(real_samples: Path) -> None:
    for folder, fmt in (("luis_app_json", "luis"), (BF, "composer-dialog")):
        paths = [p for p in _files(real_samples, folder) if fmt == "luis" or p.suffix == ".dialog"]
        assert paths
        for path in paths:
            assert parse_file(path, real_samples) == (fmt, [])
