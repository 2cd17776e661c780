"""Yes/no propositions for the linkage engine: a clause holding a predicate, and a yes or no answering a yes/no
question (the question says what is affirmed or denied)."""

from __future__ import annotations

import pytest

from consistency_check.engine.mention import theme
from consistency_check.engine.proposition import answer_claim, polar_claims
from consistency_check.model import Location, Statement


def _stmt(question: str, text: str) -> Statement:
    return Statement("web", "markdown", question, text, Location("web/faq.md", 3))


@pytest.mark.parametrize(
    "question,text,expected",
    [
        ("Is the application fee refundable?", "No. It pays for the screening we run.", ("refund", "no")),
        ("Is tracking included?", "Yes. Every service comes with tracking.", ("include", "yes")),
        ("Do you provide formula for infants?", "No, please bring your baby's formula.", ("offer", "no")),
        ("Can two people ride one scooter?", "Sorry, no: one rider per scooter.", ("allow", "no")),
        ("Can someone else collect my parcel?", "Yep! Give them your code.", ("allow", "yes")),
        ("Is the deposit non-refundable?", "Yes.", ("refund", "no")),
        ("Is the fee refundable or transferable?", "No.", ("refund", "no")),  # a no denies both
        ("Can I bring my dog?", "Absolutely, four-legged crew are welcome!", ("allow", "yes")),
        ("Can I pick up my order at the café?", "Sorry, we aren't able to do café pickup.", ("allow", "no")),
        ("Is parking included?", "Unfortunately not, parking is $10 a day.", ("include", "no")),
        ("Can I use my student or NHS discount on a package?", "No, packages are discounted.", ("allow", "no")),
    ],
)
def test_a_yes_or_no_answers_the_questions_predicate(question: str, text: str, expected: tuple[str, str]) -> None:
    claim = answer_claim(_stmt(question, text))
    assert claim is not None
    assert (claim.unit, claim.value) == expected
    assert question in claim.quote  # the question says what the yes or no is about


@pytest.mark.parametrize(
    "question,text",
    [
        ("How much is the application fee?", "No fee is charged for minors."),  # not a yes/no question
        ("Is the fee refundable or transferable?", "Yes."),  # one of two, not said which
        ("Isn't the fee refundable?", "No."),  # a negated question: the answer's sense is unclear
        ("Is tracking included?", "Nobody needs to sign for it."),  # "No" must be a word of its own
        ("Do you deliver on Sundays?", "No."),  # no predicate, and not "Can I ...?"
        ("Can I bring my dog?", "Sorry for the wait! Dogs are welcome."),  # a regret that denies nothing
    ],
)
def test_no_answer_claim_without_a_yes_no_question_and_answer(question: str, text: str) -> None:
    assert answer_claim(_stmt(question, text)) is None


@pytest.mark.parametrize(
    "text",
    ["We ship to APO addresses; allow 7-14 business days.", "Please allow up to 48 hours.", "Allow extra time."],
)
def test_allowing_time_permits_nothing(text: str) -> None:
    assert list(polar_claims([_stmt("Shipping", text)])) == []


@pytest.mark.parametrize("text", ["We allow extra guests for $10 each.", "We allow 2 pets per site.", "We allow dogs."])
def test_allowing_things_permits_them(text: str) -> None:
    assert [c.value for c in polar_claims([_stmt("Rules", text)])] == ["yes"]


def test_a_noun_that_looks_like_a_predicate_is_not_one() -> None:
    # "permits" is what residents park with, not something allowed.
    claims = list(polar_claims([_stmt("Parking", "Each apartment can have a maximum of 2 parking permits.")]))
    assert claims == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Admission tickets are non-refundable.", "no"),
        ("Deposits are nonrefundable.", "no"),
        ("Admission tickets aren't refundable.", "no"),
        ("Gift cards are not non-refundable.", "yes"),
        ("Annual plans are refundable within 30 days.", "yes"),
    ],
)
def test_a_predicate_that_denies_by_its_own_prefix_is_not_denied_twice(text: str, value: str) -> None:
    # "non-refundable" denies by itself: its "non-" is that denial, not a negation flipping it back to yes.
    claims = list(polar_claims([_stmt("Refunds", text)]))
    assert [c.value for c in claims] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The predicate a clause negates is the one it says no about, wherever it stands.
        ("Other animals, including pets in carriers, are not allowed on board.", [("allow", "no")]),
        ("Breakfast comes with every room and is not refundable.", [("refund", "no")]),
        # "combinable", "stack", "transferable": propositions of their own.
        ("The military discount can't be combined with other offers.", [("combine", "no")]),
        ("Discounts stack with the loyalty reward.", [("combine", "yes")]),
        ("Memberships are non-transferable.", [("transfer", "no")]),
        ("The warranty is transferable to the next owner.", [("transfer", "yes")]),
    ],
)
def test_a_clause_says_yes_or_no_about_the_predicate_it_negates(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.unit, c.value) for c in polar_claims([_stmt("Rules", text)])] == expected


@pytest.mark.parametrize(
    "text",
    [
        "If the website won't accept a code, book it manually.",  # a condition: a case, not a policy
        "Is parking included?",  # a question asks, it states nothing
        "Your welcome discount moves to the next box.",  # "welcome" naming a thing
        "Refunds",  # a heading's noun
        "Money vouchers can be spent on anything, including the knife shop.",  # "including" lists, it claims nothing
    ],
)
def test_a_clause_that_asserts_nothing_gives_no_yes_or_no(text: str) -> None:
    assert list(polar_claims([_stmt("Vouchers", text)])) == []


@pytest.mark.parametrize("text", ["Dogs welcome on the patio.", "Walk-ins welcome anytime.", "Pets are welcome."])
def test_welcome_before_a_place_or_an_adverb_allows(text: str) -> None:
    assert [c.value for c in polar_claims([_stmt("Rules", text)])] == ["yes"]


@pytest.mark.parametrize(
    "text", ["To calculate a refund, charge the sessions used.", "Your cover starts today.", "The offer ends soon."]
)
def test_a_predicate_named_as_a_thing_gives_no_yes_or_no(text: str) -> None:
    assert list(polar_claims([_stmt("Refunds", text)])) == []


@pytest.mark.parametrize(
    ("question", "text", "expected"),
    [
        ("Tracking", "Economy is our budget option, so it doesn't come with tracking.", {"track"}),  # what it takes
        ("Payment", "We don't accept cash or checks for cleanings.", {"cash", "check"}),
        ("Refunds", "Saver tickets are non-refundable.", {"saver", "ticket"}),  # else its subject
        ("Pets", "Pets aren't allowed on our coaches.", {"pet"}),
        ("Can I bring my dog?", "No, sorry.", {"bring", "dog"}),  # an answer: what the question asks
    ],
)
def test_a_yes_or_no_is_said_of_the_phrase_its_predicate_takes(question: str, text: str, expected: set[str]) -> None:
    (claim,) = polar_claims([_stmt(question, text)])
    assert theme(claim) == expected


def _in(locale: str, text: str) -> Statement:
    return Statement("web", "markdown", "FAQ", text, Location("web/faq.md", 3), locale=locale)


@pytest.mark.parametrize(
    "english,locale,text",
    [
        ("Pets are not allowed in the rooms.", "es-ES", "No se admiten mascotas en las habitaciones."),
        ("Pets are not allowed in the rooms.", "fr-FR", "Les animaux ne sont pas admis dans les chambres."),
        ("Pets are not allowed in the rooms.", "de-DE", "Haustiere sind in den Zimmern nicht erlaubt."),
        ("Pets are not allowed in the rooms.", "pt-BR", "Animais não são permitidos nos quartos."),
        ("Breakfast is included.", "es-MX", "El desayuno está incluido."),
        ("Breakfast is included.", "fr-CA", "Le petit-déjeuner est inclus."),
        ("Breakfast is included.", "de-CH", "Das Frühstück ist inbegriffen."),
        ("Breakfast is not included.", "pt-PT", "O pequeno-almoço não está incluído."),
        ("The deposit is non-refundable.", "es-ES", "El depósito no es reembolsable."),
        ("The deposit is non-refundable.", "fr-FR", "L'acompte n'est pas remboursable."),
        ("The deposit is non-refundable.", "de-DE", "Die Anzahlung ist nicht erstattungsfähig."),
        ("The deposit is refundable.", "pt-BR", "O depósito é reembolsável."),
        ("Helmets are required.", "pt-PT", "O capacete é obrigatório."),
        ("The voucher is not transferable.", "es-MX", "El cupón es intransferible."),
        ("The voucher is not transferable.", "de-AT", "Der Gutschein ist nicht übertragbar."),
    ],
)
def test_a_yes_or_no_reads_alike_in_every_language(english: str, locale: str, text: str) -> None:
    # The words saying yes or no are read as their English (facts/languages/*.yaml, ``yes_no``): the same class
    # and the same answer as the English sentence, quoting the statement's own words.
    want = [(c.unit, c.value) for c in polar_claims([_in("en-US", english)])]
    got = list(polar_claims([_in(locale, text)]))
    assert [(c.unit, c.value) for c in got] == want
    assert all(c.quote in text and c.surface in text for c in got)


@pytest.mark.parametrize("text", ["Welcome to Kestrel Dental.", "Hi, and welcome to the Riverbend Zoo!", "Welcome!"])
def test_a_greeting_allows_nothing(text: str) -> None:
    assert list(polar_claims([_stmt("Hello", text)])) == []
