"""Who a comment mentions: ``@`` followed by a person's name or address.

A mention is ``@`` at the start of the text or after a character that is not
a letter or digit (so ``budi@ntt.go.id`` mentions nobody), followed,
case-insensitively, by one of:

- the person's name as far as its first comma, without the titles in front
  ("Drs. Benediktus Ndun, M.Si." → ``@Benediktus Ndun``);
- the whole name as stored (``@Oktavianus Pello, S.H., M.H.``);
- the local part of the person's email address (``@oktavianus.pello``);

and then by the end of the text or a character that is not a letter or digit.
When several people match at one ``@``, the longest match wins
(``@Yohanes Bosco`` mentions Yohanes Bosco, not Yohanes). Only people who may
read the item can be mentioned; see :func:`rbtasks.notices.services.notify_comment`.
"""


def core_name(name):
    """The name without titles: before the first comma, leading "Drs." etc. dropped."""
    words = (name or "").split(",", 1)[0].split()
    while len(words) > 1 and words[0].endswith("."):
        words = words[1:]
    return " ".join(words)


def _handles(person):
    local_part = (person.email or "").rpartition("@")[0]
    return {text.casefold() for text in (core_name(person.name), (person.name or "").strip(),
                                         local_part) if text}


def _ends_word(text, position):
    return position >= len(text) or not text[position].isalnum()


def mentioned(body, people):
    """Those of ``people`` that ``body`` mentions, in the order given."""
    if "@" not in (body or ""):
        return []
    folded = body.casefold()
    handles = [(person, _handles(person)) for person in people]
    found = set()
    for position, character in enumerate(folded):
        if character != "@" or (position > 0 and folded[position - 1].isalnum()):
            continue
        rest = folded[position + 1:]
        best, winners = 0, []
        for person, names in handles:
            length = max((len(name) for name in names
                          if rest.startswith(name) and _ends_word(rest, len(name))), default=0)
            if length and length > best:
                best, winners = length, [person]
            elif length and length == best:
                winners.append(person)
        found.update(id(person) for person in winners)
    return [person for person in people if id(person) in found]
