"""The compiled part of mtlint (Rust, via PyO3): use the classes of ``mtlint`` instead."""

from typing import Any, Dict, Iterator, List, Optional, Tuple

__version__: str

class MtlintError(Exception):
    """Base class of mtlint's errors."""

class ConfigError(MtlintError):
    """A mistake in a configuration file or option, or a file it names that cannot be used."""
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]

class RuleError(MtlintError):
    """A mistake in a rule file, or a rule name that does not exist."""
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]

class Linter:
    def __init__(
        self,
        config: Optional[str] = None,
        rules: Optional[List[str]] = None,
        dialect: Optional[str] = None,
        min_score: Optional[float] = None,
        fail_on: Optional[str] = None,
        select: Optional[List[str]] = None,
        ignore: Optional[List[str]] = None,
        vocab: Optional[List[str]] = None,
        glossary: Optional[List[str]] = None,
        source_lang: Optional[str] = None,
        baseline: Optional[str] = None,
    ) -> None: ...
    def check(
        self,
        text: str,
        format: str = "text",
        source: Optional[str] = None,
        source_lang: Optional[str] = None,
        id: Optional[str] = None,
    ) -> Dict[str, Any]: ...
    def check_many(self, documents: Any, jobs: Optional[int] = None) -> "CheckMany": ...
    def check_columns(
        self,
        texts: List[Optional[str]],
        sources: Optional[List[Optional[str]]] = None,
        source_langs: Optional[List[Optional[str]]] = None,
        ids: Optional[List[Optional[str]]] = None,
        format: str = "text",
        jobs: Optional[int] = None,
    ) -> Tuple[List[float], List[bool], bytes]: ...
    def rules(self) -> List[str]: ...

class CheckMany(Iterator[Dict[str, Any]]):
    def __next__(self) -> Dict[str, Any]: ...

def main(argv: List[str]) -> int: ...
