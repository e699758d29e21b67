"""Which files are accepted as evidence, decided by their content.

The extension a browser or a client sends is only a claim. The first
bytes of the file are sniffed with ``filetype``; the detected type must be
on the allow-list and must be a type that extension stands for, so an
executable renamed ``laporan.pdf`` is refused, and so is a PDF named
``foto.png``.
"""
import filetype
from flask_babel import gettext as _

from rbtasks.errors import ValidationError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

# Detected content type -> the extensions a file of that type may carry.
ALLOWED_TYPES = {
    "application/pdf": ("pdf",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
    "image/gif": ("gif",),
    "image/webp": ("webp",),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    PPTX: ("pptx",),
    "application/msword": ("doc",),
    "application/vnd.ms-excel": ("xls",),
    "application/vnd.ms-powerpoint": ("ppt",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
    "application/vnd.oasis.opendocument.presentation": ("odp",),
}
# An animated PNG is still a PNG to every viewer; store it as one.
_SAME_AS = {"image/apng": "image/png"}

ALLOWED_EXTENSIONS = tuple(ext for extensions in ALLOWED_TYPES.values() for ext in extensions)
# For <input type="file" accept="...">: a hint to the browser, never a check.
ACCEPT_ATTRIBUTE = ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)
SNIFF_BYTES = 8192


def allowed_list_text():
    return ", ".join(ext.upper() for ext in ALLOWED_EXTENSIONS)


def extension_of(name):
    """The lower-case extension of a file name, without the dot ('' if none)."""
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def _refuse(message):
    raise ValidationError(message, {"file": message})


def check_extension(name):
    """Refuse a name whose extension is not one we accept; return the extension."""
    extension = extension_of(name)
    if not extension:
        _refuse(_("The file name needs an extension such as .pdf. Accepted: %(allowed)s.",
                  allowed=allowed_list_text()))
    if extension not in ALLOWED_EXTENSIONS:
        _refuse(_("Files of type .%(extension)s are not accepted. Accepted: %(allowed)s.",
                  extension=extension, allowed=allowed_list_text()))
    return extension


def detect_content_type(head, extension):
    """The content type of a file from its first bytes, checked against its extension.

    Raises ValidationError (on the ``file`` field) when the content is not
    recognised, not on the allow-list, or not what the extension claims.
    """
    kind = filetype.guess(bytes(head[:SNIFF_BYTES])) if head else None
    if kind is None:
        _refuse(_("The file's content was not recognised as any accepted type "
                  "(%(allowed)s).", allowed=allowed_list_text()))
    content_type = _SAME_AS.get(kind.mime, kind.mime)
    if content_type not in ALLOWED_TYPES:
        _refuse(_("The file's content is of type %(detected)s, which is not accepted. "
                  "Accepted: %(allowed)s.", detected=kind.extension.upper(),
                  allowed=allowed_list_text()))
    if extension not in ALLOWED_TYPES[content_type]:
        _refuse(_("The file's content is %(detected)s, but its name ends in .%(extension)s. "
                  "Rename it or upload the right file.",
                  detected=ALLOWED_TYPES[content_type][0].upper(), extension=extension))
    return content_type
