#!/usr/bin/env python3
"""Write a synthetic knowledge-base-scale corpus of about N statements in the real source formats.

Mix (by statements): 40% agent knowledge base (Zendesk article exports 24%,
Salesforce Knowledge CSV 16%), 30% chatbot (Rasa 3 domain files 18%,
Dialogflow ES intents 12%), 20% web FAQ pages (HTML with FAQPage JSON-LD and
the visible answers), 10% store scripts (Markdown 6%, plain text 4%). Files
hold 20–200 statements, as real exports do (a Dialogflow intent holds a few).
Content is consistent apart from about 0.5% of statements that state a
planted wrong value; ``planted.json`` lists them. The same seed gives the
same bytes.

Usage: python benchmarks/perf/generate.py OUT_DIR --statements 100000 [--seed 7]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import shutil
import sys
from collections.abc import Callable
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from content import Writer, make_entities

MIX = {
    "zendesk": 0.24,
    "salesforce": 0.16,
    "rasa": 0.18,
    "dialogflow": 0.12,
    "html": 0.20,
    "markdown": 0.06,
    "text": 0.04,
}
PLANT_SHARE = 0.005
FACT_SHARE = 0.8  # share of statements that state a fact (the rest is context)
#: The second halves of the titles of help-centre articles and of knowledge articles.
ARTICLE_TITLES = ("what to know", "policies", "returns and shipping", "FAQ", "quick reference")
KNOWLEDGE_TITLES = ("policy overview", "customer questions", "returns", "pricing", "support")

CONFIG = """\
# Synthetic corpus for the performance benchmark (benchmarks/perf/generate.py)
locale: en-US
fail_on: warning
sources:
  - path: web/
    channel: web
    format: html
  - path: chatbot/rasa/
    channel: chatbot
    format: rasa
  - path: chatbot/dialogflow/
    channel: chatbot
    format: dialogflow-es
  - path: agent/zendesk/
    channel: agent
    format: zendesk
  - path: agent/salesforce/
    channel: agent
    format: salesforce_knowledge
  - path: store/
    channel: store
"""


def slug(text: str) -> str:
    """``Harbor Pro tent`` → ``harbor_pro_tent``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


class Corpus:
    """Writes files under ``root`` and counts the statements each will give."""

    def __init__(self, root: Path, statements: int, seed: int) -> None:
        self.root = root
        self.target = statements
        self.rng = random.Random(seed)
        entities = make_entities(max(200, statements // 60), self.rng)
        self.writer = Writer(self.rng, entities, PLANT_SHARE / FACT_SHARE)
        self.counts: dict[str, int] = {}
        self.files: dict[str, int] = {}

    def write(self, rel: str, text: str) -> None:
        """Write one file (UTF-8, LF)."""
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")

    def fill(self, name: str, make: Callable[[int, int], int]) -> None:
        """Call ``make(file_index, budget_left)`` until the format's share of statements is written."""
        budget = round(self.target * MIX[name])
        done = index = 0
        while done < budget:
            done += make(index, budget - done)
            index += 1
        self.counts[name] = done
        self.files[name] = index

    # --- agent knowledge base ---------------------------------------------------

    def zendesk(self, index: int, left: int) -> int:
        """One ``{"articles": [...]}`` page of a Help Center export: 15–45 articles of 2–6 blocks."""
        rng, w = self.rng, self.writer
        path = f"agent/zendesk/articles-{index + 1:05d}.json"
        articles, count = [], 0
        for a in range(rng.randint(15, 45)):
            if count >= left:
                break
            entity = w.pick()
            blocks = []
            for b in range(min(rng.randint(2, 6), left - count)):
                text = escape(w.paragraph(entity, "agent"), quote=False)
                w.placed(path, f"/articles/{len(articles)}/body#p{b}")
                if rng.random() < 0.25 and b:
                    blocks.append(f"<ul><li>{text}</li></ul>")
                elif rng.random() < 0.15:
                    blocks.append(f"<p><strong>Important:</strong> {text}</p>")
                else:
                    blocks.append(f"<p>{text}</p>")
                count += 1
            article_id = 360000000000 + index * 100 + a
            articles.append(
                {
                    "id": article_id,
                    "url": f"https://support.example.com/api/v2/help_center/en-us/articles/{article_id}.json",
                    "html_url": f"https://support.example.com/hc/en-us/articles/{article_id}-{slug(entity.name)}",
                    "author_id": 1000 + rng.randint(0, 40),
                    "comments_disabled": True,
                    "draft": False,
                    "promoted": False,
                    "position": 0,
                    "vote_sum": rng.randint(0, 30),
                    "vote_count": rng.randint(0, 60),
                    "section_id": 900000 + rng.randint(0, 60),
                    "created_at": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z",
                    "updated_at": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}T10:00:00Z",
                    "title": f"{entity.name}: {rng.choice(ARTICLE_TITLES)}",
                    "source_locale": "en-us",
                    "locale": "en-us",
                    "outdated": False,
                    "permission_group_id": 1234,
                    "user_segment_id": None,
                    "label_names": [slug(entity.kind)],
                    "body": "".join(blocks),
                }
            )
        payload = {"count": len(articles), "next_page": None, "page": index + 1, "per_page": 100, "articles": articles}
        self.write(path, json.dumps(payload, indent=2) + "\n")
        return count

    def salesforce(self, index: int, left: int) -> int:
        """One ``Knowledge__kav`` CSV: 20–60 articles, a summary paragraph and 1–4 answer paragraphs."""
        rng, w = self.rng, self.writer
        path = f"agent/salesforce/knowledge-{index + 1:04d}.csv"
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "Title",
                "UrlName",
                "Summary",
                "Answer__c",
                "Language",
                "PublishStatus",
                "IsLatestVersion",
                "datacategorygroup.Products",
            ]
        )
        count = 0
        for row in range(rng.randint(20, 60)):
            if count >= left:
                break
            entity = w.pick()
            summary = w.paragraph(entity, "agent")
            w.placed(path, f"row {row + 2}, column Summary")
            paras = []
            for _ in range(min(rng.randint(1, 4), left - count - 1)):
                paras.append(w.paragraph(entity, "agent"))
            w.placed(path, f"row {row + 2}, column Answer__c")
            count += 1 + len(paras)
            title = f"{entity.name} — {rng.choice(KNOWLEDGE_TITLES)}"
            url = f"{slug(entity.name)}-{index}-{row}"
            writer.writerow([title, url, summary, "\n\n".join(paras), "en_US", "Online", "true", slug(entity.kind)])
        self.write(path, out.getvalue())
        return count

    # --- chatbot ----------------------------------------------------------------

    def rasa(self, index: int, left: int) -> int:
        """A Rasa 3 bot: ``domain/`` response files plus ``data/nlu.yml`` and ``data/rules.yml``."""
        rng, w = self.rng, self.writer
        bot = f"chatbot/rasa/bot-{index + 1:03d}"
        count = 0
        intents: list[tuple[str, list[str]]] = []
        used: set[str] = set()
        for part in range(rng.randint(4, 10)):
            path = f"{bot}/domain/responses-{part + 1:02d}.yml"
            lines = ['version: "3.1"', "", "responses:"]
            for _ in range(rng.randint(20, 70)):
                if count >= left:
                    break
                entity = w.pick()
                key = rng.choice(sorted(entity.facts))
                name = f"utter_{slug(entity.name)}_{key}"
                if name in used:
                    continue
                used.add(name)
                lines.append(f"  {name}:")
                for v in range(min(rng.randint(1, 3), left - count)):
                    text = w.paragraph(entity, "chatbot", key)
                    w.placed(path, f"responses.{name}[{v}].text")
                    lines.append(f"  - text: {json.dumps(text)}")
                    count += 1
                intents.append(
                    (
                        name[len("utter_") :],
                        [
                            f"what is the {key.replace('_', ' ')} for the {entity.name}",
                            f"{entity.name} {key.replace('_', ' ')}",
                            f"tell me about {entity.name.lower()} {key.split('_')[0]}",
                        ],
                    )
                )
            self.write(path, "\n".join(lines) + "\n")
            if count >= left:
                break
        nlu = ['version: "3.1"', "", "nlu:"]
        rules = ['version: "3.1"', "", "rules:"]
        for intent, examples in intents:
            nlu += [f"- intent: {intent}", "  examples: |"] + [f"    - {e}" for e in examples]
            rules += [f"- rule: answer {intent}", "  steps:", f"  - intent: {intent}", f"  - action: utter_{intent}"]
        self.write(f"{bot}/data/nlu.yml", "\n".join(nlu) + "\n")
        self.write(f"{bot}/data/rules.yml", "\n".join(rules) + "\n")
        self.write(f"{bot}/config.yml", "recipe: default.v1\nlanguage: en\npipeline: []\npolicies: []\n")
        return count

    def dialogflow(self, index: int, left: int) -> int:
        """A Dialogflow ES agent export: ``agent.json`` and 40–120 intents with their training phrases."""
        rng, w = self.rng, self.writer
        agent = f"chatbot/dialogflow/agent-{index + 1:03d}"
        self.write(
            f"{agent}/agent.json",
            json.dumps(
                {
                    "description": f"Customer service agent {index + 1}",
                    "language": "en",
                    "shortDescription": "",
                    "disableInteractionLogs": False,
                    "defaultTimezone": "America/New_York",
                    "isPrivate": True,
                    "mlMinConfidence": 0.3,
                    "supportedLanguages": [],
                    "webhook": {"url": "", "available": False},
                },
                indent=2,
            )
            + "\n",
        )
        self.write(f"{agent}/package.json", '{\n  "version": "1.0.0"\n}\n')
        count = 0
        used: set[str] = set()
        for i in range(rng.randint(40, 120)):
            if count >= left:
                break
            entity = w.pick()
            key = rng.choice(sorted(entity.facts))
            name = f"{entity.name} - {key.replace('_', ' ')}"
            if name in used:
                continue
            used.add(name)
            path = f"{agent}/intents/{name}.json"
            speech = []
            for v in range(min(rng.randint(1, 4), left - count)):
                speech.append(w.paragraph(entity, "chatbot", key))
                w.placed(path, f"/responses/0/messages/0/speech/{v}")
            count += len(speech)
            intent = {
                "id": f"{index:08x}-0000-4000-8000-{i:012x}",
                "name": name,
                "auto": True,
                "contexts": [],
                "responses": [
                    {
                        "resetContexts": False,
                        "action": "",
                        "affectedContexts": [],
                        "parameters": [],
                        "messages": [
                            {
                                "type": "0",
                                "title": "",
                                "textToSpeech": "",
                                "lang": "en",
                                "speech": speech,
                                "condition": "",
                            }
                        ],
                        "speech": [],
                    }
                ],
                "priority": 500000,
                "webhookUsed": False,
                "webhookForSlotFilling": False,
                "fallbackIntent": False,
                "events": [],
            }
            self.write(path, json.dumps(intent, indent=2) + "\n")
            phrases = [
                {
                    "id": f"{i:08x}-{p:04x}",
                    "data": [{"text": t, "userDefined": False}],
                    "isTemplate": False,
                    "count": 0,
                    "updated": 0,
                }
                for p, t in enumerate(
                    (
                        f"{entity.name.lower()} {key.replace('_', ' ')}",
                        f"what's the {key.replace('_', ' ')} on the {entity.name}",
                    )
                )
            ]
            self.write(f"{agent}/intents/{name}_usersays_en.json", json.dumps(phrases, indent=2) + "\n")
        return count

    # --- web ----------------------------------------------------------------------

    def html(self, index: int, left: int) -> int:
        """An FAQ page: FAQPage JSON-LD and the same answers visible (both are read: two statements each)."""
        rng, w = self.rng, self.writer
        path = f"web/faq/faq-{index + 1:04d}.html"
        pairs: list[tuple[str, str]] = []
        count = 0
        for _ in range(rng.randint(10, 50)):
            if count + 2 > left and count:
                break
            entity = w.pick()
            key = rng.choice(sorted(entity.facts))
            question = f"What is the {key.replace('_', ' ')} for the {entity.name}?"
            pairs.append((question, w.paragraph(entity, "web", key)))
            w.placed(path, f"FAQ {len(pairs)}")
            count += 2
        ld = {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}} for q, a in pairs
            ],
        }
        body = "\n".join(
            f'<div class="faq-item">\n<h3>{escape(q)}</h3>\n<div class="answer"><p>{escape(a)}</p></div>\n</div>'
            for q, a in pairs
        )
        page = (
            '<!doctype html>\n<html lang="en-US">\n<head>\n<meta charset="utf-8">\n'
            f"<title>Help centre — FAQ {index + 1}</title>\n"
            '<link rel="stylesheet" href="/assets/site.css">\n'
            f'<script type="application/ld+json">\n{json.dumps(ld, indent=1)}\n</script>\n</head>\n<body>\n'
            '<header><nav aria-label="Main"><ul><li><a href="/shop">Shop</a></li><li><a href="/plans">Plans</a></li>'
            '<li><a href="/help">Help</a></li></ul></nav></header>\n'
            f'<main class="faq">\n<h1>Frequently asked questions</h1>\n{body}\n</main>\n'
            '<footer><p>&copy; 2026 Example Outfitters</p><script src="/assets/site.js"></script></footer>\n'
            "</body>\n</html>\n"
        )
        self.write(path, page)
        return count

    # --- store scripts ------------------------------------------------------------

    def markdown(self, index: int, left: int) -> int:
        """A Markdown store script: sections per product with bullet points and lines to say."""
        rng, w = self.rng, self.writer
        path = f"store/scripts/desk-script-{index + 1:04d}.md"
        lines = [
            f"# Store desk script {index + 1}",
            "",
            "Read the lines after **Say:** to the customer; the rest are notes for you.",
            "",
        ]
        count = 0
        while count < min(left, rng.randint(20, 120)):
            entity = w.pick()
            lines += [f"## {entity.name}", ""]
            for _ in range(rng.randint(2, 5)):
                text = w.paragraph(entity, "store")
                w.placed(path, f"section {entity.name}")
                lines.append(
                    f'**Say:** "{text}"' if rng.random() < 0.4 and not text.startswith("Say:") else f"- {text}"
                )
                lines.append("")
                count += 1
        self.write(path, "\n".join(lines))
        return count

    def text(self, index: int, left: int) -> int:
        """A plain-text phone script: ALL-CAPS sections and one line per thing to say."""
        rng, w = self.rng, self.writer
        path = f"store/phone/phone-script-{index + 1:04d}.txt"
        lines = [f"CUSTOMER CARE PHONE SCRIPT {index + 1}", "Lines in quotes are read aloud to the caller.", ""]
        count = 1
        while count < min(left, rng.randint(20, 120)):
            entity = w.pick()
            lines += ["", entity.name.upper()]
            for _ in range(rng.randint(2, 5)):
                text = w.paragraph(entity, "store")
                w.placed(path, f"section {entity.name.upper()}")
                lines.append(f'"{text}"' if rng.random() < 0.5 else f"• {text}")
                count += 1
        self.write(path, "\n".join(lines) + "\n")
        return count


def generate(out: Path, statements: int, seed: int = 7) -> dict[str, object]:
    """Write the corpus into ``out`` (emptied first) and return its summary."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    corpus = Corpus(out, statements, seed)
    for name in MIX:
        corpus.fill(name, getattr(corpus, name))
    # A large knowledge base has more files than the default max_files (50,000): raise it as its owner would.
    files = sum(1 for f in out.rglob("*") if f.is_file())
    corpus.write("consistency-check.yaml", CONFIG + (f"max_files: {2 * files}\n" if files > 25_000 else ""))
    planted = [vars(p) for p in corpus.writer.planted]
    summary: dict[str, object] = {
        "seed": seed,
        "statements": sum(corpus.counts.values()),
        "by_format": corpus.counts,
        "files_by_format": corpus.files,
        "entities": len(corpus.writer.entities),
        "planted": len(planted),
    }
    meta = out.parent / f"{out.name}.planted.json"
    meta.write_text(json.dumps({**summary, "contradictions": planted}, indent=1) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (emptied first)")
    parser.add_argument("--statements", "-n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    summary = generate(args.out, args.statements, args.seed)
    print(json.dumps(summary, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
