"""The glossary model: terms in ``glossary/*.csv``, their validation and workflow.

Every import of the glossary's model goes through this module; the code lives in four
modules of one concern each, and every name of theirs is importable from here:

- :mod:`l10n.glossary.model`: :class:`Term`, the errors, a row's checks and the CSV format;
- :mod:`l10n.glossary.files`: the :class:`Glossary`, its files loaded, validated and saved,
  the reference places under it, the paths it may write, the editing lock;
- :mod:`l10n.glossary.workflow`: propose, approve / reject / deprecate, edit, revisions, merge;
- :mod:`l10n.glossary.exchange`: Weblate's CSV, content ids, and :func:`read_import`.

A glossary file is UTF-8 CSV with the header row::

    id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at

``status`` is one of proposed / approved / rejected / deprecated; only approved
terms are enforced, proposed ones are hints. ``forbidden`` holds renderings that
must not appear, separated by ``|``.

>>> import io
>>> g = Glossary.from_text(
...     "id,zh,en,category,status,valid_from,valid_to,forbidden,note,proposed_by,approved_by,updated_at\\n"
...     "org-cppcc,政协,CPPCC,organ,approved,,,People's Political Consultative Committee,,,,\\n")
>>> t = g.get("org-cppcc")
>>> t.en, t.forbidden, t.enforced
('CPPCC', ("People's Political Consultative Committee",), True)
"""

from __future__ import annotations

from l10n.glossary.exchange import (  # noqa: F401
    _FUZZY,
    _WEBLATE_ALIASES,
    WEBLATE_FIELDS,
    _weblate_columns,
    content_id,
    parse_weblate_csv,
    read_import,
    render_weblate_csv,
)
from l10n.glossary.files import (  # noqa: F401
    _TAKEN,
    LOCK_NAME,
    LOCK_TIMEOUT,
    Glossary,
    _glob_covers,
    _is_reference,
    _lean_reference,
    _reference_id_message,
    _reference_ids,
    _refuse_reference,
    _revision,
    editing,
    export_target,
    load_glossary,
    read_text,
    reference_files,
    reference_terms,
    validate_files,
    writable_file,
)
from l10n.glossary.model import (  # noqa: F401
    _FORMULA,
    _ID,
    _LINE_BREAKS,
    _NOT_TEXT,
    _PLAIN_DASH,
    _REVISION,
    _SUSPECT,
    _SUSPECT_START,
    FIELDS,
    MAX_FIELD,
    REQUIRED,
    STATUSES,
    _Layout,
    _Records,
    GlossaryError,
    GlossaryLockedError,
    MalformedGlossaryError,
    Problem,
    Term,
    TermConflictError,
    UnknownTermError,
    _approved_by_zh,
    _base,
    _check_row,
    _field_problem,
    _line_end,
    _parse_csv,
    _parse_date,
    _render_row,
    _second_english_of,
    _shown,
    _still_raw,
    duplicate_ids,
    find_conflicts,
    formula_start,
    parse_csv,
    parse_row,
    render_csv,
    render_file,
    second_english,
)
from l10n.glossary.workflow import (  # noqa: F401
    _EDITABLE,
    DEFAULT_FILE,
    _check_approvable,
    _check_entry,
    _family,
    _says,
    add_revision,
    approve,
    check_name,
    default_file,
    deprecate,
    edit,
    make_id,
    merge,
    now_stamp,
    propose,
    reject,
    set_status,
    supersedes,
)
from l10n.places import REFERENCE_PLACES  # noqa: F401  (the reference places' file; tests import it from here)
