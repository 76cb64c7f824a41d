"""mtlint in a Hugging Face datatrove pipeline: :class:`MtlintFilter` drops (or only annotates)
documents that fail mtlint's gate.

Needs ``datatrove``.
"""

from __future__ import annotations

from typing import Any, Optional, Tuple, Union

from datatrove.data import Document
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.writers.disk_base import DiskWriter

import mtlint

__all__ = ["MtlintFilter"]


class MtlintFilter(BaseFilter):
    """Checks each document's text with mtlint and keeps the ones that pass the gate.

    ``min_score`` and ``fail_on`` set the gate (as ``--min-score`` and ``--fail-on``); other
    keyword arguments go to :class:`mtlint.Linter`. Every document gets ``mtlint_score``,
    ``mtlint_pass`` and ``mtlint_findings`` (the number of findings) in its metadata; with
    ``annotate_only`` none is dropped. A dropped document goes to ``exclusion_writer`` with the
    reason ``mtlint``.
    """

    name = "mtlint"

    def __init__(
        self,
        min_score: Optional[float] = None,
        fail_on: Optional[str] = None,
        annotate_only: bool = False,
        exclusion_writer: Optional[DiskWriter] = None,
        **linter_options: Any,
    ) -> None:
        super().__init__(exclusion_writer)
        self.annotate_only = annotate_only
        self.linter_options = dict(linter_options, min_score=min_score, fail_on=fail_on)
        self._linter: Optional[mtlint.Linter] = None

    def filter(self, doc: Document) -> Union[bool, Tuple[bool, str]]:
        """Whether to keep ``doc``; ``(False, "mtlint")`` for one that fails the gate."""
        if self._linter is None:
            # Built in the worker that runs the step, not pickled with the pipeline.
            self._linter = mtlint.Linter(**self.linter_options)
        result = self._linter.check(doc.text or "", id=str(doc.id))
        doc.metadata["mtlint_score"] = result["score"]
        doc.metadata["mtlint_pass"] = result["pass"]
        doc.metadata["mtlint_findings"] = len(result["findings"])
        if result["pass"] or self.annotate_only:
            return True
        return False, "mtlint"
