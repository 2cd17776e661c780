"""What the synthetic corpus says: products, plans and programmes, their facts, and sentences about them.

An organisation sells many products and plans and runs several programmes.
Each of these has a handful of facts (a return window, a monthly price, a
helpline's hours…) with one true value. Every channel mentions them in its
own voice and wording; a small share of mentions plant a wrong value, and
those are recorded so that a run can be checked against them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

BRANDS = (
    "Summit Harbor Cedar Aurora Granite Meadow Pioneer Atlas Beacon Cascade Delta Ember Falcon Glacier Horizon "
    "Juniper Kestrel Lumen Maple Nimbus Orchard Pinnacle Quarry Ridge Sierra Timber Umber Vista Willow Yarrow "
    "Zephyr Alder Birch Cobalt Dune Echo Fjord Grove Heron Iris Jasper Krill Lark Mesa Nova Onyx Prairie Quill "
    "Raven Sable Tundra Upland Valley Wren Aspen Bramble Canyon Drift Elm Fern Gale Hollow Indigo Jade Knoll "
    "Lagoon Marsh North Oak Pebble Quartz Reef Slate Thorn Vale Wharf Yukon Zenith Arbor Bluff Coral Dawn"
).split()
TIERS = ("", "Pro", "Plus", "Max", "Lite", "Go", "Flex", "Ultra", "Prime", "Select", "Edge", "Core")
PRODUCTS = (
    "tent|backpack|jacket|sleeping bag|kayak|paddle board|hiking boot|trail shoe|headlamp|cooler|stove|"
    "water filter|rain shell|fleece|base layer|camp chair|hammock|trekking pole|bike helmet|climbing harness|"
    "smartwatch|router|speaker|tablet|laptop stand|blender|coffee grinder|air purifier|vacuum|mattress|"
    "sofa|desk lamp|bookshelf|rug|dining table|office chair|standing desk"
).split("|")
PLANS = ("plan", "membership", "subscription", "service plan", "data plan", "protection plan", "bundle")
PROGRAMMES = ("Rewards", "Club", "Insiders", "Circle", "Perks")
DAYS = {
    "mon-fri": ("Monday to Friday", "Mon-Fri"),
    "mon-sat": ("Monday to Saturday", "Mon-Sat"),
    "daily": ("every day", "daily"),
}
NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    10: "ten",
    12: "twelve",
    14: "fourteen",
    15: "fifteen",
    20: "twenty",
    21: "twenty-one",
    30: "thirty",
    45: "forty-five",
    60: "sixty",
    90: "ninety",
}

FILLERS = (
    "Our team is happy to help you choose the right {e} for your needs.",
    "You can check the status of any {e} order in your account under Orders.",
    "Keep your order number handy when you contact us about the {e}.",
    "The {e} is available online and in most of our stores, in several colours and sizes.",
    "Have a look at the care guide that came with your {e} before first use.",
    "If something about your {e} is not right, let us know and we will sort it out.",
    "Product manuals for the {e} can be downloaded from the support page.",
    "Please register your {e} after purchase so we can reach you about safety notices.",
    "Reviews from other customers can help you decide whether the {e} suits your trip.",
    "Accessories for the {e} are sold separately and may vary by region.",
    "We recommend updating the app before setting up your new {e}.",
    "Ask in store for a demonstration of the {e}; our staff know it well.",
)
CHANNEL_OPENERS = {
    "agent": ("", "", "", "Tell the customer that ", "Confirm with the caller that ", "Policy: ", "Note: "),
    "chatbot": ("", "", "Sure! ", "Good question. ", "Happy to help. ", "Here's what I found: "),
    "web": ("", "", "", "Good news: ", "Please note that "),
    "store": ("", "", "Say: ", "Remind the customer that ", "Mention that "),
}


@dataclass(frozen=True)
class Topic:
    """A kind of fact an entity has: how to draw its value, render it and say it."""

    key: str
    values: tuple[object, ...]
    templates: tuple[str, ...]


def _days(n: object, rng: random.Random) -> str:
    n = int(n)  # type: ignore[call-overload]
    word = NUMBER_WORDS.get(n)
    return f"{word} days" if word and rng.random() < 0.3 else f"{n} days"


def _years(n: object, rng: random.Random) -> str:
    n = int(n)  # type: ignore[call-overload]
    unit = "year" if n == 1 else "years"
    return f"{NUMBER_WORDS[n]} {unit}" if rng.random() < 0.4 else f"{n} {unit}"


def _money(v: object, rng: random.Random) -> str:
    return f"${v}"


def _percent(v: object, rng: random.Random) -> str:
    return f"{v} percent" if rng.random() < 0.25 else f"{v}%"


def _count(v: object, rng: random.Random) -> str:
    n = int(v)  # type: ignore[call-overload]
    return NUMBER_WORDS[n] if n in NUMBER_WORDS and rng.random() < 0.3 else str(n)


def _business_days(v: object, rng: random.Random) -> str:
    low, high = v  # type: ignore[misc]
    return f"{low} to {high} business days" if rng.random() < 0.4 else f"{low}-{high} business days"


def _phone(v: object, rng: random.Random) -> str:
    area, line = v  # type: ignore[misc]
    return f"({area}) 555-{line:04d}" if rng.random() < 0.3 else f"1-{area}-555-{line:04d}"


def _hours(v: object, rng: random.Random) -> str:
    days, start, end = v  # type: ignore[misc]
    long, short = DAYS[days]
    if rng.random() < 0.5:
        return f"{long} from {start}am to {end}pm"
    return f"{short}, {start}am-{end}pm"


RENDER = {
    "return_window": _days,
    "cancellation_window": _days,
    "warranty": _years,
    "monthly_price": _money,
    "shipping_fee": _money,
    "member_discount": _percent,
    "restocking_fee": _percent,
    "device_limit": _count,
    "delivery_time": _business_days,
    "support_phone": _phone,
    "helpline_hours": _hours,
    "price_match": None,
}

PRODUCT_TOPICS = (
    Topic(
        "return_window",
        (14, 30, 45, 60, 90),
        (
            "You can return the {e} within {v} of delivery for a full refund.",
            "The {e} can be returned within {v} of purchase if it is unused and in its original packaging.",
            "Customers have {v} to return the {e} for a refund to the original payment method.",
            "Returns of the {e} are accepted within {v} of delivery.",
        ),
    ),
    Topic(
        "warranty",
        (1, 2, 3, 5),
        (
            "The {e} comes with a {v} limited warranty against manufacturing defects.",
            "Every {e} is covered by our warranty for {v} from the date of purchase.",
            "The warranty on the {e} lasts {v} and covers parts and labour.",
        ),
    ),
    Topic(
        "shipping_fee",
        ("4.99", "5.99", "6.95", "7.99", "9.99", "12.50", "14.99"),
        (
            "Standard shipping on the {e} is a flat {v} per order.",
            "Shipping the {e} costs {v} with standard delivery.",
            "We charge a flat shipping fee of {v} for the {e}.",
        ),
    ),
    Topic(
        "delivery_time",
        ((2, 4), (3, 5), (5, 7), (7, 10)),
        (
            "Orders for the {e} usually arrive in {v}.",
            "Standard delivery of the {e} takes {v} from dispatch.",
            "Expect your {e} to be delivered within {v}.",
        ),
    ),
    Topic(
        "restocking_fee",
        (10, 15, 20, 25),
        (
            "Opened {e} returns are subject to a {v} restocking fee.",
            "A restocking fee of {v} applies when an opened {e} is returned.",
            "We deduct a {v} restocking fee from refunds on an opened {e}.",
        ),
    ),
    Topic(
        "price_match",
        (True, False),
        (
            "The {e} {is_eligible} for our price match guarantee.",
            "Price matching {is_available} on the {e}.",
        ),
    ),
)

PLAN_TOPICS = (
    Topic(
        "monthly_price",
        ("9.99", "14.99", "19.99", "24.99", "29.99", "39.99", "45.00", "55.00", "65.00"),
        (
            "The {e} costs {v} per month, taxes and fees extra.",
            "The {e} is {v} a month, billed on the first of each month.",
            "You pay {v} each month for the {e}, with no annual contract.",
        ),
    ),
    Topic(
        "device_limit",
        (2, 3, 4, 5, 6, 8, 10),
        (
            "The {e} supports up to {v} devices at once.",
            "You can connect up to {v} devices to the {e} at the same time.",
            "A single {e} covers up to {v} devices in your household.",
        ),
    ),
    Topic(
        "cancellation_window",
        (14, 21, 30),
        (
            "You can cancel the {e} within {v} of signing up and pay nothing.",
            "The {e} can be cancelled free of charge within {v} of activation.",
            "Cancel the {e} within {v} for a full refund of your first payment.",
        ),
    ),
    Topic(
        "support_phone",
        tuple((a, n) for a in (800, 888, 877, 866, 855, 844) for n in range(100, 200)),
        (
            "For help with the {e}, call {v}.",
            "The {e} support line is {v}.",
            "Customers on the {e} can reach our specialists at {v}.",
        ),
    ),
    Topic(
        "helpline_hours",
        (("mon-fri", 8, 8), ("mon-fri", 9, 5), ("mon-sat", 8, 6), ("daily", 7, 9), ("mon-sat", 9, 7)),
        (
            "The {e} helpline is open {v}.",
            "You can call about the {e} {v}.",
            "Specialists for the {e} are available {v}.",
        ),
    ),
)

PROGRAMME_TOPICS = (
    Topic(
        "member_discount",
        (5, 10, 15, 20, 25),
        (
            "{e} members save {v} on full-price items every day.",
            "As a {e} member you get {v} off full-price purchases.",
            "{e} members receive a {v} discount on full-price items.",
        ),
    ),
    Topic(
        "cancellation_window",
        (14, 30),
        (
            "You can leave {e} within {v} of joining and get your fee back.",
            "A new {e} membership can be cancelled within {v} for a full refund.",
        ),
    ),
    Topic(
        "support_phone",
        tuple((a, n) for a in (800, 888, 877) for n in range(100, 200)),
        (
            "{e} members have a dedicated line: {v}.",
            "Call {v} for anything about your {e} membership.",
        ),
    ),
)


@dataclass
class Entity:
    """A product, plan or programme with the true value of each of its facts."""

    name: str
    kind: str
    facts: dict[str, tuple[Topic, object]] = field(default_factory=dict)


@dataclass
class Planted:
    """A mention that states a wrong value on purpose."""

    entity: str
    topic: str
    true: str
    planted: str
    path: str = ""
    where: str = ""


def make_entities(count: int, rng: random.Random) -> list[Entity]:
    """``count`` distinct entities: about 70% products, 22% plans, 8% programmes."""
    names: set[str] = set()
    out: list[Entity] = []
    while len(out) < count:
        roll = rng.random()
        brand = rng.choice(BRANDS)
        tier = rng.choice(TIERS)
        if roll < 0.70:
            kind, noun, topics = "product", rng.choice(PRODUCTS), PRODUCT_TOPICS
        elif roll < 0.92:
            kind, noun, topics = "plan", rng.choice(PLANS), PLAN_TOPICS
        else:
            kind, noun, topics = "programme", rng.choice(PROGRAMMES), PROGRAMME_TOPICS
        name = " ".join(p for p in (brand, tier, noun) if p)
        if name in names:
            continue
        names.add(name)
        entity = Entity(name, kind)
        chosen = rng.sample(topics, k=min(len(topics), rng.randint(3, 5)))
        for topic in chosen:
            entity.facts[topic.key] = (topic, rng.choice(topic.values))
        out.append(entity)
    return out


class Writer:
    """Says things about entities in a channel's voice; plants a wrong value at a fixed rate."""

    def __init__(self, rng: random.Random, entities: list[Entity], plant_rate: float) -> None:
        self.rng = rng
        self.entities = entities
        self.plant_rate = plant_rate
        self.planted: list[Planted] = []
        self.pending: list[Planted] = []
        weights = [1.0 / (1 + i) ** 0.6 for i in range(len(entities))]  # some products are talked about more
        self.cum = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)

    def pick(self) -> Entity:
        """An entity, popular ones more often."""
        x = self.rng.random() * self.cum[-1]
        lo, hi = 0, len(self.cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self.cum[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return self.entities[lo]

    def fact(self, entity: Entity, channel: str, topic_key: str | None = None) -> str:
        """One sentence stating one fact of ``entity`` (its true value, or rarely a planted wrong one)."""
        rng = self.rng
        key = topic_key or rng.choice(sorted(entity.facts))
        topic, value = entity.facts[key]
        if rng.random() < self.plant_rate:
            wrong = rng.choice([v for v in topic.values if v != value])
            self.pending.append(Planted(entity.name, key, self._plain(key, value), self._plain(key, wrong)))
            value = wrong
        template = rng.choice(topic.templates)
        name = entity.name
        if key == "price_match":
            text = template.format(
                e=name,
                is_eligible="is eligible" if value else "is not eligible",
                is_available="is available" if value else "is not available",
            )
        else:
            text = template.format(e=name, v=RENDER[key](value, rng))  # type: ignore[misc]
        opener = rng.choice(CHANNEL_OPENERS[channel])
        if opener:
            text = opener + text[0].lower() + text[1:] if not text.startswith(name) else opener + text
        return text

    def filler(self, entity: Entity) -> str:
        """A sentence with no fact in it."""
        return self.rng.choice(FILLERS).format(e=entity.name)

    def paragraph(self, entity: Entity, channel: str, topic_key: str | None = None) -> str:
        """A statement: a fact sentence, sometimes with a sentence of context around it, or only context."""
        rng = self.rng
        if rng.random() < 0.2:
            return self.filler(entity)
        text = self.fact(entity, channel, topic_key)
        if rng.random() < 0.35:
            text = f"{text} {self.filler(entity)}"
        return text

    def placed(self, path: str, where: str) -> None:
        """Record where the planted values said since the last call were written."""
        for item in self.pending:
            item.path, item.where = path, where
            self.planted.append(item)
        self.pending.clear()

    @staticmethod
    def _plain(key: str, value: object) -> str:
        if isinstance(value, tuple):
            return "-".join(map(str, value))
        return str(value)
