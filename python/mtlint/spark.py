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
        ArrayType,
        BooleanType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    for column in (text_col, source_col, source_lang_col, id_col):
        if column is not None and column not in df.columns:
            raise ValueError(f"no column {column!r} in the DataFrame (it has {df.columns})")
    spark_types = {
        "string": StringType(),
        "long": LongType(),
        "array<string>": ArrayType(StringType(), False),
    }
    findings = ArrayType(
        StructType([StructField(name, spark_types[kind], True) for name, kind in FINDING_FIELDS]),
        False,
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
        import io

        import pyarrow as pa
        import pyarrow.json as pa_json

        linter = _linter(linter_options)
        findings_schema = pa.schema([("findings", _findings_type())])
        parse = pa_json.ParseOptions(explicit_schema=findings_schema)
        names = None
        for batch in batches:
            if names is None:
                names = batch.schema.names + ["mtlint_score", "mtlint_pass", "mtlint_findings"]

            def values(column: Optional[str]):
                if column is None:
                    return None
                data = batch.column(batch.schema.get_field_index(column)).to_pylist()
                return [None if v is None else str(v) for v in data] if column == id_col else data

            scores, passes, lines = linter._inner.check_columns(
                values(text_col),
                values(source_col),
                values(source_lang_col),
                values(id_col),
                format,
                jobs,
            )
            if batch.num_rows:
                # Arrow's reader splits its input in blocks: one block holds the whole batch.
                read = pa_json.ReadOptions(use_threads=False, block_size=max(len(lines), 1 << 20))
                found = pa_json.read_json(io.BytesIO(lines), read, parse).column("findings")
                found = found.combine_chunks() if found.num_chunks != 1 else found.chunk(0)
            else:
                found = pa.array([], _findings_type())
            arrays = list(batch.columns) + [
                pa.array(scores, pa.float64()),
                pa.array(passes, pa.bool_()),
                found,
            ]
            yield pa.RecordBatch.from_arrays(arrays, names=names)

    return df.mapInArrow(check_batches, schema)
