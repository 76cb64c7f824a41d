"""mtlint in-process: the linter that finds the traces machine translation and scraping leave in
English articles, scores each article MQM-style and gates publication.

:class:`Linter` loads the rules once; :meth:`Linter.check` checks one document and
:meth:`Linter.check_many` checks many in parallel, in input order. Each result is one document of
mtlint's JSON report, with ``start_char`` and ``end_char`` (code-point offsets) on each finding.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, Iterator, List, Optional, Sequence, Union

from . import _mtlint
from ._mtlint import ConfigError, MtlintError, RuleError

__all__ = ["Linter", "MtlintError", "ConfigError", "RuleError", "__version__"]
__version__: str = _mtlint.__version__

Document = Union[str, Dict[str, Any]]
PathLike = Union[str, "os.PathLike[str]"]


def _paths(paths: Optional[Sequence[PathLike]]) -> Optional[List[str]]:
    return None if paths is None else [os.fspath(p) for p in paths]


class Linter:
    """mtlint's rules, loaded once, and the scoring settings they run with.

    Every argument is optional and means what the command line's option of the same name
    means: ``config`` names an ``mtlint.toml`` (default: the nearest one above the current
    folder), ``rules`` extra rule folders, ``dialect`` ``"us"`` or ``"gb"``, ``min_score`` the
    lowest passing score, ``fail_on`` the severity that fails a document (``"critical"``,
    ``"major"``, ``"minor"``, ``"none"``), ``select``/``ignore`` rules, categories or
    families, ``vocab`` accepted-word files, ``glossary`` glossary files, ``source_lang`` the
    language of sources that do not say, ``baseline`` a baseline file.

    Raises :class:`ConfigError` for a mistake in the configuration or a file it names, and
    :class:`RuleError` for a mistake in a rule file or an unknown rule name; both carry
    ``file``, ``line`` and ``column`` attributes where the mistake has a place.
    """

    def __init__(
        self,
        config: Optional[PathLike] = None,
        rules: Optional[Sequence[PathLike]] = None,
        dialect: Optional[str] = None,
        min_score: Optional[float] = None,
        fail_on: Optional[str] = None,
        select: Optional[Sequence[str]] = None,
        ignore: Optional[Sequence[str]] = None,
        vocab: Optional[Sequence[PathLike]] = None,
        glossary: Optional[Sequence[PathLike]] = None,
        source_lang: Optional[str] = None,
        baseline: Optional[PathLike] = None,
    ) -> None:
        self._inner = _mtlint.Linter(
            config=None if config is None else os.fspath(config),
            rules=_paths(rules),
            dialect=dialect,
            min_score=min_score,
            fail_on=fail_on,
            select=None if select is None else list(select),
            ignore=None if ignore is None else list(ignore),
            vocab=_paths(vocab),
            glossary=_paths(glossary),
            source_lang=source_lang,
            baseline=None if baseline is None else os.fspath(baseline),
        )

    def check(
        self,
        text: str,
        *,
        format: str = "text",
        source: Optional[str] = None,
        source_lang: Optional[str] = None,
        id: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Checks one document and returns its result: a dict with the JSON report's keys
        (``score``, ``pass``, ``findings``…). ``format`` is ``"text"``, ``"markdown"``,
        ``"html"`` or ``"xliff"``; ``source`` the text it translates (then compared with it),
        in ``source_lang``; ``id`` is echoed in the result."""
        return self._inner.check(text, format=format, source=source, source_lang=source_lang, id=id)

    def check_many(
        self, documents: Iterable[Document], jobs: Optional[int] = None
    ) -> Iterator[Dict[str, Any]]:
        """Checks every document of ``documents`` on ``jobs`` threads (default: all cores) and
        yields their results in input order. A document is a str, or a dict with ``text`` and
        optionally ``format``, ``source``, ``source_lang`` and ``id``. Documents are taken a
        bounded batch at a time, so an endless iterable uses bounded memory; the interpreter
        is free while a batch is checked."""
        return self._inner.check_many(documents, jobs)

    def rules(self) -> List[str]:
        """The ids of the rules this linter runs."""
        return self._inner.rules()
