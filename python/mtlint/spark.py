"""mtlint on Spark: :func:`check_dataframe` adds a score, a verdict and the findings to every row
of a DataFrame, checking Arrow batches with one :class:`mtlint.Linter` per Python worker.

Needs ``pyspark`` (3.5 or later) and ``pyarrow`` on the driver and the wheel of ``mtlint`` on
every worker.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, Optional, Tuple

import mtlint

__all__ = ["check_dataframe", "FINDING_FIELDS"]

#: The fields of each finding in ``mtlint_findings``, with their Spark SQL types.
FINDING_FIELDS = (
    ("rule", "string"),
    ("category", "string"),
    ("severity", "string"),
    ("message", "string"),
    ("start", "long"),
    ("end", "long"),
    ("start_char", "long"),
    ("end_char", "long"),
    ("line", "long"),
    ("column", "long"),
    ("text", "string"),
    ("suggestions", "array<string>"),
)

# One linter per worker process and settings: the rules load once, not once per batch.
_LINTERS: Dict[Tuple[Tuple[str, Any], ...], mtlint.Linter] = {}


def _linter(options: Dict[str, Any]) -> mtlint.Linter:
    key = tuple(sorted((k, repr(v)) for k, v in options.items()))
    if key not in _LINTERS:
        _LINTERS[key] = mtlint.Linter(**options)
    return _LINTERS[key]


def _findings_type():
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "long": pa.int64(),
        "array<string>": pa.list_(pa.string()),
    }
    return pa.list_(pa.struct([(name, types[kind]) for name, kind in FINDING_FIELDS]))


def check_dataframe(
    df,
    text_col: str = "text",
    source_col: Optional[str] = None,
    source_lang_col: Optional[str] = None,
    id_col: Optional[str] = None,
    format: str = "text",
    jobs: int = 1,
    **linter_options: Any,
):
    """Returns ``df`` with three columns added: ``mtlint_score`` (double), ``mtlint_pass``
    (boolean) and ``mtlint_findings`` (array of structs, fields :data:`FINDING_FIELDS`).

    ``text_col`` holds the documents (a null is checked as empty text); ``source_col`` and
    ``source_lang_col``, when given, the texts they translate and their languages; ``id_col``
    the documents' ids (a baseline names documents by them). ``format`` is the documents'
    markup (``"text"``, ``"markdown"``, ``"html"``). ``jobs`` is the threads of each Spark
    task (one: Spark already runs a task per core). Other keyword arguments go to
    :class:`mtlint.Linter` (``min_score``, ``fail_on``, ``select``…) on every worker.
    """
    from pyspark.sql.types import (
        BooleanType,
        DoubleType,
        StructField,
        StructType,
        _parse_datatype_string,
    )

    for column in (text_col, source_col, source_lang_col, id_col):
        if column is not None and column not in df.columns:
            raise ValueError(f"no column {column!r} in the DataFrame (it has {df.columns})")
    findings = _parse_datatype_string(
        "array<struct<" + ",".join(f"{name}:{kind}" for name, kind in FINDING_FIELDS) + ">>"
    )
    schema = StructType(
        df.schema.fields
        + [
            StructField("mtlint_score", DoubleType(), False),
            StructField("mtlint_pass", BooleanType(), False),
            StructField("mtlint_findings", findings, False),
        ]
    )
    # Built on the driver: a mistake in the options fails here, not on every worker.
    _linter(linter_options)

    def check_batches(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        linter = _linter(linter_options)
        finding_type = _findings_type()
        names = [name for name, _ in FINDING_FIELDS]
        for batch in batches:
            columns = {name: batch.column(i) for i, name in enumerate(batch.schema.names)}

            def values(column: Optional[str]):
                if column is None:
                    return [None] * batch.num_rows
                return columns[column].to_pylist()

            documents = [
                {
                    "text": text or "",
                    "format": format,
                    "source": source,
                    "source_lang": lang,
                    "id": None if ident is None else str(ident),
                }
                for text, source, lang, ident in zip(
                    values(text_col), values(source_col), values(source_lang_col), values(id_col)
                )
            ]
            scores, passes, found = [], [], []
            for result in linter.check_many(documents, jobs=jobs):
                scores.append(result["score"])
                passes.append(result["pass"])
                found.append([{name: f.get(name) for name in names} for f in result["findings"]])
            arrays = list(batch.columns) + [
                pa.array(scores, pa.float64()),
                pa.array(passes, pa.bool_()),
                pa.array(found, finding_type),
            ]
            yield pa.RecordBatch.from_arrays(arrays, names=batch.schema.names + [
                "mtlint_score",
                "mtlint_pass",
                "mtlint_findings",
            ])

    return df.mapInArrow(check_batches, schema)
