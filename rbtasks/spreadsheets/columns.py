"""The columns of a rencana aksi sheet, shared by the export and the import.

Each column has the field it carries (the API's item fields, the quarterly
``tw1_target`` … ``tw4_realisation``, ``obstacles`` and ``solutions``, a few
read-only ones, and ``id``, the item's id, which an export writes so that its
rows import back onto the same items), its header in the reader's language,
and the header variants agencies write in their own sheets. An exported sheet
imports back because its headers are among the variants.
"""
import re
import unicodedata
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Column:
    field: str
    label: object  # a lazy string: the header in the reader's language
    variants: tuple = ()  # other headers meaning the same, as sheets write them
    importable: bool = True


def _quarter_columns():
    numerals = ("I", "II", "III", "IV")
    columns = []
    for kind, label, words in (("target", _l("Target TW %(numeral)s"), ("target",)),
                               ("realisation", _l("Realisation TW %(numeral)s"),
                                ("realisasi", "realisation", "capaian"))):
        for number, numeral in enumerate(numerals, start=1):
            variants = tuple(f"{word} {prefix} {form}" for word in words
                             for prefix in ("tw", "triwulan", "q")
                             for form in (numeral.lower(), str(number)))
            # "TARGET" merged over bare quarter numerals "I | II | III | IV"
            variants += tuple(f"{word} {numeral.lower()}" for word in words)
            columns.append(Column(f"tw{number}_{kind}",
                                  _LabelWithNumeral(label, numeral), variants))
    return tuple(columns)


class _LabelWithNumeral:
    """A lazy header with its quarter numeral filled in when it is shown."""

    def __init__(self, label, numeral):
        self.label, self.numeral = label, numeral

    def __str__(self):
        return str(self.label) % {"numeral": self.numeral}


COLUMNS = (
    Column("no", _l("No."), ("no", "no.", "nomor", "number")),
    Column("area", _l("Area of change"), ("area perubahan", "area", "area of change"),
           importable=False),
    Column("title", _l("Action"), ("kegiatan", "rencana aksi", "kegiatan rencana aksi",
                                   "kegiatan / rencana aksi", "aksi", "action", "title")),
    Column("output", _l("Output"), ("output", "keluaran", "output / keluaran")),
    Column("indicator", _l("Indicator"), ("indikator", "indikator keberhasilan",
                                          "indikator kinerja", "indicator")),
    Column("target", _l("Target"), ("target",)),
    Column("unit", _l("Unit"), ("satuan", "unit")),
    *_quarter_columns(),
    Column("owner", _l("Person in charge"), ("penanggung jawab", "pj", "pic",
                                             "pic pelaksana", "person in charge", "owner")),
    Column("agency", _l("Agency"), ("unit kerja", "perangkat daerah", "opd", "unit pelaksana",
                                    "unit kerja / opd", "agency")),
    Column("budget", _l("Budget (Rp)"), ("anggaran", "anggaran (rp)", "anggaran rp", "budget",
                                         "budget (rp)", "pagu")),
    Column("due_date", _l("Deadline"), ("batas waktu", "tenggat", "target waktu",
                                        "waktu pelaksanaan", "deadline", "due date")),
    Column("obstacles", _l("Obstacles"), ("kendala", "alasan tidak tercapai", "obstacles")),
    Column("solutions", _l("Solutions / follow-up plan"), (
        "solusi", "rencana tindak lanjut", "solusi / rencana tindak lanjut", "solusi / rtl",
        "rtl", "tindak lanjut", "solutions", "solutions / follow-up plan")),
    Column("evidence", _l("Evidence"), ("data dukung", "evidence", "bukti dukung")),
    Column("description", _l("Notes"), ("keterangan", "catatan", "notes", "description")),
    Column("status", _l("Status"), ("status",), importable=False),
    Column("progress", _l("Progress (%)"), ("progres", "progres (%)", "progress",
                                            "progress (%)", "capaian (%)", "% capaian")),
    # Last, so the columns of the sheets people make keep their places. A bare
    # "ID" is not among the variants: a sheet's own numbering under that
    # header would otherwise be read as item ids (it can still be mapped by hand).
    Column("id", _l("rbtasks ID"), ("id rbtasks", "rbtasks id", "id item", "item id")),
)

BY_FIELD = {column.field: column for column in COLUMNS}
QUARTER_FIELDS = tuple(column.field for column in COLUMNS if column.field.startswith("tw"))


def normalise_header(text):
    """A header as compared: case, accents, spacing and punctuation at the ends
    ignored ("KEGIATAN/ RENCANA AKSI " == "kegiatan / rencana aksi")."""
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    text = re.sub(r"\s*/\s*", " / ", text)
    text = re.sub(r"\s+", " ", text).strip(" .:*")
    return text


def field_for_header(text):
    """The field a header names, or None (matched against the reader's labels too)."""
    wanted = normalise_header(text)
    if not wanted:
        return None
    for column in COLUMNS:
        names = {normalise_header(variant) for variant in column.variants}
        names.add(normalise_header(str(column.label)))
        if wanted in names:
            return column.field
    return None
