"""The in-process linter: the same results as the CLI, offsets that slice, errors as
exceptions, and check_many's order and memory."""

import resource
from pathlib import Path

import pytest

import mtlint

from conftest import CORPUS


@pytest.fixture(scope="module")
def linter():
    return mtlint.Linter(config=Path("/dev/null"))


def without_source(doc):
    return {key: value for key, value in doc.items() if key != "source"}


def without_char_offsets(doc):
    doc = dict(doc)
    doc["findings"] = [
        {k: v for k, v in f.items() if k not in ("start_char", "end_char")} for f in doc["findings"]
    ]
    return doc


def test_results_equal_the_cli_json(linter, cli_results):
    assert set(cli_results) == {doc["id"] for doc in CORPUS}
    for doc in CORPUS:
        options = {k: v for k, v in doc.items() if k != "text"}
        got = linter.check(doc["text"], **options)
        assert without_source(without_char_offsets(got)) == without_source(cli_results[doc["id"]])


def test_check_many_equals_check_in_order(linter):
    one_by_one = [
        linter.check(doc["text"], **{k: v for k, v in doc.items() if k != "text"})
        for doc in CORPUS
    ]
    assert list(linter.check_many(CORPUS, jobs=2)) == one_by_one
    plain = [doc["text"] for doc in CORPUS]
    assert [r["score"] for r in linter.check_many(plain)] == [
        linter.check(text)["score"] for text in plain
    ]


def test_findings_are_found_where_expected(linter):
    flagged = {
        doc["id"]: {f["rule"] for f in linter.check(doc["text"], **{k: v for k, v in doc.items() if k != "text"})["findings"]}
        for doc in CORPUS
    }
    assert flagged["clean"] == set()
    assert flagged["doubled"] == {"repeated-word"}
    assert flagged["spaced"] == {"spaced-punctuation"}
    assert flagged["typo"] == {"misspelled-word"}
    assert "number-mismatch" in flagged["bilingual"]


def test_char_offsets_slice_the_flagged_text(linter):
    for doc in CORPUS:
        result = linter.check(doc["text"], **{k: v for k, v in doc.items() if k != "text"})
        encoded = doc["text"].encode("utf-8")
        for finding in result["findings"]:
            by_chars = doc["text"][finding["start_char"] : finding["end_char"]]
            by_bytes = encoded[finding["start"] : finding["end"]].decode("utf-8")
            assert by_chars == by_bytes == finding["text"], (doc["id"], finding)


def test_gate_settings_change_the_verdict():
    text = "The minister said the the talks would resume next week.\n"
    strict = mtlint.Linter(config="/dev/null", fail_on="minor")
    lenient = mtlint.Linter(config="/dev/null", min_score=0, fail_on="none")
    assert strict.check(text)["pass"] is False
    assert lenient.check(text)["pass"] is True
    assert "repeated-word" not in mtlint.Linter(config="/dev/null", ignore=["fluency"]).rules()


def test_configuration_mistakes_raise_config_error(tmp_path):
    config = tmp_path / "mtlint.toml"
    config.write_text('dialect = "us"\nmin-score = "high"\n', encoding="utf-8")
    with pytest.raises(mtlint.ConfigError) as raised:
        mtlint.Linter(config=config)
    assert raised.value.file == str(config)
    assert raised.value.line == 2
    assert raised.value.column == 1
    assert "min-score" in str(raised.value)
    with pytest.raises(mtlint.ConfigError):
        mtlint.Linter(config="/dev/null", dialect="australian")
    with pytest.raises(mtlint.ConfigError) as missing:
        mtlint.Linter(config="/dev/null", vocab=[tmp_path / "no-such-words.txt"])
    assert missing.value.file.endswith("no-such-words.txt")


def test_rule_mistakes_raise_rule_error(tmp_path):
    with pytest.raises(mtlint.RuleError) as unknown:
        mtlint.Linter(config="/dev/null", select=["repeated-wrod"])
    assert "did you mean `repeated-word`" in str(unknown.value)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.toml").write_text('[[rule]]\nid = "x"\ncheck = "no-such-kind"\n', encoding="utf-8")
    with pytest.raises(mtlint.RuleError) as broken:
        mtlint.Linter(config="/dev/null", rules=[rules])
    assert broken.value.file.endswith("broken.toml")
    assert isinstance(broken.value, mtlint.MtlintError)


def test_bad_documents_raise_type_and_value_errors(linter):
    with pytest.raises(ValueError, match="format"):
        linter.check("text", format="docx")
    with pytest.raises(TypeError, match="document 1"):
        list(linter.check_many(["fine", 42]))
    with pytest.raises(TypeError, match='no "text"'):
        list(linter.check_many([{"id": "a"}]))


def test_check_many_streams_in_bounded_memory(linter):
    total = 200_000

    def documents():
        for i in range(total):
            yield {"id": str(i), "text": f"Report {i} said the the results were in."}

    seen = 0
    before = None
    for result in linter.check_many(documents(), jobs=2):
        assert result["id"] == str(seen)
        seen += 1
        if seen == 20_000:
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert seen == total
    # Peak memory after 200,000 documents is the peak after the first 20,000, give or take:
    # nothing accumulates (ru_maxrss is in KiB on Linux).
    assert after - before < 64 * 1024, (before, after)


def test_python_m_mtlint_runs_the_cli(tmp_path):
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    article.write_text("It was was late.\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "mtlint", "check", "--config", "/dev/null", str(article)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1, run.stderr
    assert "repeated-word" in run.stdout
    version = subprocess.run([sys.executable, "-m", "mtlint", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("mtlint ")
