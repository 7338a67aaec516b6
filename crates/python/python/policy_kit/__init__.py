"""policy-kit: Chinese government policy documents into data.

Turns 实施方案, 行动方案, 规划, 任务分工表 and 工作台账 into tasks, owners,
deadlines, targets and indicators, each with the span of the source it came
from. The same library as the ``policy-extract`` command line, in process:

- :func:`extract` reads one document (a path or ``bytes``) into the JSON
  document of the output contract, as a ``dict``.
- :func:`extract_many` reads many files on Rust threads, the GIL released; a
  file that cannot be read is an error record in its place.
- :func:`frames` turns documents into the CLI's tables (tasks, owners,
  indicators, errors) as pandas data frames.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from . import _native

__all__ = ["DEFAULT_LIMITS", "ExtractError", "extract", "extract_many", "frames"]

#: The library's limits, by name (the keys ``limits=`` takes). The same as the
#: CLI's ``--max-*`` defaults: sizes in bytes, the rest counts.
DEFAULT_LIMITS: Dict[str, int] = dict(_native.default_limits())

PathLike = Union[str, "os.PathLike[str]"]


class ExtractError(Exception):
    """A document that could not be read.

    ``kind`` is the kind of the CLI's error records: ``io`` (the file cannot
    be read), ``text``, ``docx``, ``doc``, ``html``, ``pdf`` (the reader
    refused it: a damaged file, a scan, an encrypted .doc or PDF),
    ``unsupported_format`` (a password-protected DOCX, RTF saved under a Word
    extension), ``unknown_format``,
    ``limit_exceeded`` (a limit was hit; the message names it), or
    ``reader_panic`` / ``panic`` (a bug, caught). ``path`` is the path the
    error is reported for, ``message`` the reason, ``record`` the CLI's error
    record as a dict.
    """

    def __init__(self, message: str, *, kind: str, path: str, record: Optional[dict] = None):
        super().__init__(f"{path}: {message} ({kind})")
        self.message = message
        self.kind = kind
        self.path = path
        self.record = record if record is not None else {
            "source": {"path": path},
            "error": {"kind": kind, "message": message},
        }


def extract(
    source: Union[PathLike, bytes, bytearray, memoryview],
    *,
    name: Optional[str] = None,
    limits: Optional[Mapping[str, int]] = None,
) -> Dict[str, Any]:
    """Read one policy document into the JSON document of the output contract.

    Inputs and formats: DOCX, Word 97-2003 .doc (and .wps files saved in the
    same binary format), PDF, HTML, Markdown (from PDF converters) and text in
    any Chinese encoding (UTF-8, UTF-16, GB18030/GBK/GB2312, Big5). The format
    is told from the content (magic bytes), then the extension, then by
    sniffing. Scanned and encrypted PDFs are errors of kind ``pdf``, encrypted
    Word files of kind ``doc`` or ``unsupported_format``.

    ``source`` is a path (``str`` or ``os.PathLike``) or the document's
    ``bytes``. For bytes, ``name`` is the path to report in ``source.path``
    and to guess the format from (``"<bytes>"`` if not given), as
    ``--stdin-name`` is for standard input; for a path, ``name`` replaces the
    path in the output.

    The result is exactly what ``policy-extract FILE`` prints, as a dict:
    ``schema_version``, ``source`` (path, format, encoding, sha256),
    ``meta``, ``tasks`` (each with owners, deadline, targets and span),
    ``indicators`` and ``warnings``. An odd document still gives a document,
    with warnings; only an unreadable one raises.

    Limits: the bounds every reader works within, by name; an input that
    needs more raises ``ExtractError`` of kind ``limit_exceeded`` naming the
    limit, never a crash. Those not given keep their defaults
    (``DEFAULT_LIMITS``, the same as the CLI's):

    - ``max_input_bytes``: largest input file [default: 100M]
    - ``max_decompressed_bytes``: most bytes a DOCX's parts may inflate to,
      summed [default: 256M]
    - ``max_zip_entries``: most entries in a DOCX's zip [default: 10000]
    - ``max_nesting_depth``: deepest element nesting in DOCX XML and HTML,
      and object nesting in a PDF [default: 256]
    - ``max_table_cells``: most cells in one table, rows times columns
      [default: 200000]
    - ``max_pages``: most pages read from a PDF [default: 2000]
    - ``max_text_bytes``: largest text a document may decode to, in UTF-8
      bytes [default: 32M]. Parsing time and memory grow with it: about 13
      times this in memory for a text of nothing but tasks.

    Sizes are bytes (M = 1024 * 1024). An unknown limit name raises
    ``ValueError``.

    Raises ``ExtractError`` (with ``.kind`` and ``.path``) when the document
    cannot be read. The GIL is released while reading, so threads help.
    """
    limits_dict = _limits(limits)
    if isinstance(source, (bytes, bytearray, memoryview)):
        ok, text = _native.extract_bytes(bytes(source), name if name is not None else "<bytes>", limits_dict)
    elif isinstance(source, (str, os.PathLike)):
        ok, text = _native.extract_path(os.fspath(source), name, limits_dict)
    else:
        raise TypeError(f"source must be a path or bytes, not {type(source).__name__}")
    record = json.loads(text)
    if not ok:
        error = record["error"]
        raise ExtractError(error["message"], kind=error["kind"], path=record["source"]["path"], record=record)
    return record


def extract_many(
    paths: Iterable[PathLike],
    *,
    jobs: Optional[int] = None,
    limits: Optional[Mapping[str, int]] = None,
) -> List[Dict[str, Any]]:
    """Read many files in parallel, in input order, like ``policy-extract -j JOBS FILE...``.

    The files are read on ``jobs`` Rust threads (all cores when ``None``)
    with the GIL released. Each item of the result is a document (as
    :func:`extract` returns it) or, for a file that could not be read, the
    CLI's error record ``{"source": {"path", "format"?}, "error": {"kind",
    "message"}}``: one bad file never loses the batch. ``limits`` is as for
    :func:`extract`. Paths are reported as given; folders are not searched
    (list their files first).
    """
    if jobs is not None and jobs < 1:
        raise ValueError("jobs must be at least 1")
    names = [os.fspath(path) for path in paths]
    return json.loads(_native.extract_many(names, jobs, _limits(limits)))


def frames(documents: Iterable[Mapping[str, Any]]) -> Dict[str, "pandas.DataFrame"]:  # noqa: F821
    """The CLI's tables of these documents and error records, as pandas data frames.

    Returns ``{"tasks", "owners", "indicators", "errors"}``, each with the
    columns of the CSV files ``policy-extract -o FOLDER/`` writes, in the
    same order, one row per task, per (task, owner), per indicator and per
    error record. The rows are built in Rust by the same code as the CSV.
    Column types are fixed whatever the values: text columns hold ``str`` or
    missing values, ``baseline_value`` and ``target_value`` are ``float64``,
    years and spans are nullable ``Int64``.

    ``documents`` is what :func:`extract` and :func:`extract_many` return
    (error records included). Needs pandas.
    """
    import pandas as pd

    records = json.dumps(list(documents), ensure_ascii=False)
    result = {}
    for table, columns in _native.tables(records):
        data = {column: pd.Series(values, dtype=_DTYPES[kind]) for column, kind, values in columns}
        result[table] = pd.DataFrame(data, columns=[column for column, _, _ in columns])
    return result


# What pandas holds each column kind of the tables in; `object` for text keeps
# str and None as they are on every pandas version.
_DTYPES = {"text": "object", "number": "float64", "integer": "Int64"}


def _limits(limits: Optional[Mapping[str, int]]) -> Optional[Dict[str, int]]:
    if limits is None:
        return None
    checked = {}
    for key, value in limits.items():
        if key not in DEFAULT_LIMITS:
            raise ValueError(f"unknown limit {key!r}: the limits are {', '.join(DEFAULT_LIMITS)}")
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"limit {key} must be a whole number of bytes or items, not {value!r}")
        checked[key] = value
    return checked
