"""The issue's example instrument and helpers the instrument tests share."""
import io

import yaml

ISSUE_EXAMPLE = """\
name: Contoh instrumen PMPRB
year: 2026
components:
  - code: A
    name: Pengungkit
    weight: 60
    children:
      - code: A.1
        name: Pemenuhan
        weight: 20
        indicators:
          - code: A.1.1
            question: Apakah tim RB telah dibentuk?
            answer_type: yes_no
            evidence: SK Tim RB
          - code: A.1.2
            question: Persentase rencana aksi yang terealisasi
            answer_type: percent
"""


def example():
    return yaml.safe_load(ISSUE_EXAMPLE)


def shape(rows):
    """(code, depth, name, weight, answer type, parent code) of each tree row."""
    codes = {node.id: node.code for node, _depth in rows}
    return [(node.code, depth, node.name, None if node.weight is None else float(node.weight),
             node.answer_type, codes.get(node.parent_id)) for node, depth in rows]


def xlsx_of(rows_by_sheet):
    """A workbook with the given rows (lists of cell values), the first sheet first."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in rows_by_sheet.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
