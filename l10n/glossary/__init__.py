"""The glossary stage: approved official titles, institutions and places.

>>> g = Glossary([Term("org-cppcc", "政协", "CPPCC", "organ", "approved")])
>>> [(r.source, r.target, r.kind) for r in g.matcher().find("市政协会议")]
[('政协', 'CPPCC', 'term')]
"""

from l10n.glossary.store import (
    FIELDS,
    STATUSES,
    Glossary,
    GlossaryError,
    GlossaryLockedError,
    MalformedGlossaryError,
    Problem,
    Term,
    TermConflictError,
    UnknownTermError,
    approve,
    deprecate,
    edit,
    editing,
    load_glossary,
    merge,
    propose,
    reject,
    validate_files,
)
from l10n.glossary.match import Matcher

__all__ = [
    "FIELDS", "STATUSES", "Glossary", "GlossaryError", "GlossaryLockedError", "MalformedGlossaryError", "Problem",
    "Term", "TermConflictError", "UnknownTermError", "Matcher", "approve", "deprecate", "edit", "editing",
    "load_glossary", "merge", "propose", "reject", "validate_files",
]
