"""Template letters, filled in with what the site knows and made into files a family can edit
and print: a Word document (.docx, python-docx) and a plain text file.

A council's site knows its own name and address: "[the council's SEND team]" becomes that
team's name and address, and "[today's date]" today's date. The national site knows no
council, so its letters keep the blanks. Everything else in [square brackets] is the family's.
"""

import io

from django.utils import timezone
from django.utils.formats import date_format


def known_blanks(authority_settings, today=None):
    """{blank as written in the letter: what the site fills in}."""
    today = today or timezone.localdate()
    filled = {"[today's date]": date_format(today, "j F Y")}
    if authority_settings is None:
        return filled
    name = authority_settings.authority_name
    address = [line.strip() for line in authority_settings.contact_address.splitlines()]
    contact = [line for line in address if line]
    if authority_settings.contact_email:
        contact.append(authority_settings.contact_email)
    for team in ("SEND team", "education team"):
        filled[f"[the council's {team}]"] = "\n".join([f"{name} {team}", *contact])
    return filled


def filled_in(text, blanks):
    for blank, value in blanks.items():
        text = text.replace(blank, value)
    return text


def as_text(title, text):
    # Windows line ends, so the file opens tidily in Notepad as well as Word.
    return f"{title}\n\n{text}".replace("\r\n", "\n").replace("\n", "\r\n")


def as_docx(title, text):
    """The letter as a Word document: the title as a heading, one paragraph per paragraph of
    the letter, lines within it kept."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(12)
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for block in text.replace("\r\n", "\n").split("\n\n"):
        paragraph = document.add_paragraph()
        for n, line in enumerate(block.split("\n")):
            run = paragraph.add_run(line)
            if n < block.count("\n"):
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
