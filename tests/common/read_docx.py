"""Independent reader for `gwlint annotate` output (used by tests/annotate.rs).

Opens a .docx with python-docx and prints, as JSON: the body paragraphs'
text, every comment (id, author, text) with the document text its range
covers, the number of tracked insertions and deletions, and the text of
bold runs.
"""
import json
import sys

import docx
from docx.oxml.ns import qn

W_T = qn("w:t")
START = qn("w:commentRangeStart")
END = qn("w:commentRangeEnd")
REF = qn("w:commentReference")
ID = qn("w:id")


def anchored(element, ranges):
    """Collect, per comment id, the w:t text between its range markers."""
    open_ids = set()
    for el in element.iter():
        if el.tag == START:
            open_ids.add(el.get(ID))
            ranges.setdefault(el.get(ID), "")
        elif el.tag == END:
            open_ids.discard(el.get(ID))
        elif el.tag == W_T and el.text:
            # Deleted text is w:delText, so it is never counted here.
            for i in open_ids:
                ranges[i] += el.text
    return ranges


def main(path):
    document = docx.Document(path)
    body = document.element.body
    ranges = anchored(body, {})
    refs = [el.get(ID) for el in body.iter() if el.tag == REF]
    package = document.part.package
    comments = []
    for part in package.iter_parts():
        name = str(part.partname)
        if name == "/word/comments.xml":
            from lxml import etree

            root = etree.fromstring(part.blob)
            for c in root.iter(qn("w:comment")):
                text = "\n".join(
                    "".join(t.text or "" for t in p.iter(W_T)) for p in c.iter(qn("w:p"))
                )
                comments.append(
                    {
                        "id": c.get(ID),
                        "author": c.get(qn("w:author")),
                        "text": text,
                    }
                )
        elif name in ("/word/footnotes.xml", "/word/endnotes.xml"):
            from lxml import etree

            notes = etree.fromstring(part.blob)
            anchored(notes, ranges)
            refs += [el.get(ID) for el in notes.iter() if el.tag == REF]
    bold = "".join(
        run.text for p in document.paragraphs for run in p.runs if run.bold
    )
    out = {
        "paragraphs": [p.text for p in document.paragraphs],
        "comments": comments,
        "ranges": ranges,
        "references": refs,
        "insertions": len(list(body.iter(qn("w:ins")))),
        "deletions": len(list(body.iter(qn("w:del")))),
        "bold": bold,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
