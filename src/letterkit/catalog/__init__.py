"""Find, load and validate letters and their samples.

Every problem found while loading is collected with its ``path:line:col`` so that
``letterkit check`` can report all of them at once; callers that need one letter use
:func:`load_letter`, which raises on the first problem.

The package has three parts, all reading YAML through the one field reader
(:class:`letterkit.yamlio.Fields`):

- :mod:`letterkit.catalog.loading`: finding letter folders, :class:`Catalog`,
  :func:`load_catalog` and :func:`load_letter`;
- :mod:`letterkit.catalog.schema`: the fields of ``letter.yaml`` (:func:`read_letter`);
- :mod:`letterkit.catalog.samples`: ``samples/*.yaml`` and typed values
  (:func:`read_samples`, :func:`coerce_values`).
"""

from letterkit.catalog.loading import (
    Catalog,
    is_letter_dir,
    letter_dirs,
    load_catalog,
    load_letter,
)
from letterkit.catalog.samples import SAMPLE_FIELDS, coerce_values, read_sample, read_samples
from letterkit.catalog.schema import (
    ID_RE,
    LETTER_FIELDS,
    NAME_RE,
    REQUIRED_LETTER_FIELDS,
    REVIEW_FIELDS,
    VARIABLE_FIELDS,
    read_letter,
)
from letterkit.yamlio import Fields

_Collector = Fields  # the name callers used before the field reader moved to yamlio

__all__ = [
    "ID_RE", "LETTER_FIELDS", "NAME_RE", "REQUIRED_LETTER_FIELDS", "REVIEW_FIELDS",
    "SAMPLE_FIELDS", "VARIABLE_FIELDS", "Catalog", "Fields", "coerce_values", "is_letter_dir",
    "letter_dirs", "load_catalog", "load_letter", "read_letter", "read_sample", "read_samples",
]
