"""Regenerate ``counter-script.docx``, the Skylark Air airport ticket-counter script.

The Word file is part of the accuracy corpus; this script keeps it
reproducible. Run it from anywhere with python-docx installed::

    python benchmarks/accuracy/airline/store/make_docx.py

The document's text lives here; paragraph and table positions are what the
truth file points at (``counter-script.docx#paragraph N`` / ``#table T row R``),
so re-check ``truth.yaml`` after editing anything above a referenced paragraph.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor

OUT = Path(__file__).resolve().parent / "counter-script.docx"
GREY = RGBColor(0x66, 0x66, 0x66)


def say(doc, text: str) -> None:  # type: ignore[no-untyped-def]
    """A line the agent reads to the customer: a bold "SAY:" label, then the line in quotes."""
    p = doc.add_paragraph()
    label = p.add_run("SAY: ")
    label.bold = True
    p.add_run(f"\u201c{text}\u201d")


def note(doc, text: str) -> None:  # type: ignore[no-untyped-def]
    """A coaching note for the agent, grey and italic as in the printed binder."""
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.italic = True
    run.font.color.rgb = GREY


def build() -> Document:  # type: ignore[no-untyped-def]
    """The whole script, in reading order."""
    doc = Document()
    doc.core_properties.title = "Skylark Air - Airport Ticket Counter Script"
    doc.core_properties.author = "Airport Customer Service Training"
    doc.core_properties.created = dt.datetime(2026, 1, 8, 9, 0, 0)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)

    doc.add_heading("Airport Ticket Counter Script", level=0)
    note(doc, "Rev. 4 \u2013 January 2026. Keep a printed copy at every position. Questions go to your duty manager.")

    doc.add_heading("1. Greeting", level=1)
    say(doc, "Good morning, welcome to Skylark Air! Where are we flying today?")
    note(doc, "Ask for ID and the confirmation code. Smile, make eye contact, use the customer's name.")

    doc.add_heading("2. Check-in cut-offs", level=1)
    doc.add_paragraph(
        "Domestic flights: check-in and bag drop close 45 minutes before departure. No exceptions without a supervisor."
    )
    doc.add_paragraph(
        "International flights: we have to close check-in 90 minutes before departure "
        "so that documents can be verified."
    )
    say(doc, "I'm sorry, check-in for this flight has closed. Let me see what I can do to get you on the next one.")

    doc.add_heading("3. Bags at the counter", level=1)
    doc.add_paragraph(
        "Always quote airport prices here \u2013 they are higher than online: "
        "first bag 40 dollars, second bag 50 dollars, third and any further bag $150."
    )
    say(doc, "The $35 price is what you'd pay online. Here at the counter the first bag is $40.")
    doc.add_paragraph("Limit: 4 checked bags per customer.")
    doc.add_paragraph("Overweight bags (51\u201370 lbs) are an extra $100. Anything over 70 lbs has to go as cargo.")
    note(
        doc,
        "Silver members get the first bag free; Gold and Platinum get the first two free. "
        "Check the tier on the boarding pass before charging.",
    )

    doc.add_heading("4. Counter and lounge hours", level=1)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0].cells
    head[0].text, head[1].text = "Day", "Ticket counter open"
    for day, hours in (
        ("Monday \u2013 Friday", "4:30 AM \u2013 9:00 PM"),
        ("Saturday", "6:00 AM \u2013 8:00 PM"),
        ("Sunday", "5:00 AM \u2013 9:00 PM"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = day, hours
    doc.add_paragraph(
        "The Skylark Lounge is open from 5 a.m. to 9 p.m. every day. Day passes are $59; Platinum members get in free."
    )

    doc.add_heading("5. Children traveling alone", level=1)
    doc.add_paragraph(
        "The unaccompanied minor service is mandatory for ages 5 to 14. "
        "Collect the $175 fee for each direction and fill in the UM form with the adult picking up."
    )
    doc.add_paragraph("Lap infants: under 2 years only, one per adult. Ask for a birth certificate if in doubt.")

    doc.add_heading("6. Discounts", level=1)
    doc.add_paragraph("Seniors (65+): 12% off Main fares \u2013 check date of birth on the ID.")
    doc.add_paragraph("Military (active duty and veterans): 15% off any fare with valid ID.")

    doc.add_heading("7. Bags that didn't arrive", level=1)
    doc.add_paragraph(
        "Delayed bag: file the report with the customer before they leave the airport. "
        "Interim expenses are covered up to $50 a day for at most 5 days \u2013 tell them to keep receipts."
    )
    say(doc, "If you have questions later, our Baggage desk is at 1-800-555-0176, any time of day.")
    doc.add_paragraph(
        "Lost bags: claims are filed online at skylarkair.example/bags/claim within 21 days of the flight."
    )

    doc.add_heading("8. Pets", level=1)
    doc.add_paragraph(
        "In the cabin: cats and small dogs, domestic flights only, $125 each way, pet and carrier 20 lbs max."
    )
    doc.add_paragraph("We do not accept pets as checked baggage. Offer a pet shipping company instead.")

    doc.add_heading("9. Closing", level=1)
    say(doc, "You're all set! Boarding starts 40 minutes before departure. Have a great flight.")
    return doc


def main() -> None:
    """Write the document next to this script."""
    build().save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
