"""Shared fixtures: a small corpus written for these tests, and the CLI's results on it."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

#: Documents written for the Python tests: clean ones, flawed ones, non-ASCII ones, one in
#: Markdown, one with its source.
CORPUS = [
    {"id": "clean", "text": "The city council approved the new budget on Thursday evening.\n"},
    {"id": "doubled", "text": "The minister said the the talks would resume next week.\n"},
    {"id": "spaced", "text": "Prices rose again , the agency reported on Monday.\n"},
    {"id": "typo", "text": "The harbour plan was aproved after a long debate.\n"},
    {"id": "accents", "text": "Zoë’s café near the Øresund said said nothing.\n"},
    {"id": "emoji", "text": "Fans 🎉 cheered cheered as the team arrived.\n"},
    {
        "id": "markdown",
        "format": "markdown",
        "text": "# Results\n\nThe turnout was was high in **every** district.\n",
    },
    {
        "id": "bilingual",
        "text": "The town sold 45 houses last year.\n",
        "source": "La ville a vendu 40 maisons l'an dernier.\n",
        "source_lang": "fr",
    },
]


def mtlint_binary():
    """The mtlint binary the CLI comparisons run: $MTLINT_BIN, else target/, else the PATH."""
    for candidate in (
        os.environ.get("MTLINT_BIN"),
        REPO / "target" / "release" / "mtlint",
        REPO / "target" / "debug" / "mtlint",
        shutil.which("mtlint"),
    ):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


@pytest.fixture(scope="session")
def corpus_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl"
    path.write_text("".join(json.dumps(doc) + "\n" for doc in CORPUS), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def cli_results(corpus_file):
    """The CLI's JSON Lines report on the corpus, by record id."""
    binary = mtlint_binary()
    if binary is None:
        pytest.skip("no mtlint binary to compare with (cargo build, or set MTLINT_BIN)")
    run = subprocess.run(
        [binary, "check", "--format", "jsonl", "--no-fail", "--config", os.devnull, str(corpus_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    return {doc["id"]: doc for doc in lines if "id" in doc and "findings" in doc}
