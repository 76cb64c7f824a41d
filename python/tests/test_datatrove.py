"""mtlint as a datatrove filter step."""

import os

import pytest

datatrove = pytest.importorskip("datatrove", reason="datatrove is not installed (pip install 'mtlint[datatrove]')")

from datatrove.data import Document  # noqa: E402
from datatrove.executor.local import LocalPipelineExecutor  # noqa: E402

from mtlint.datatrove import MtlintFilter  # noqa: E402


def test_the_filter_drops_documents_that_fail_and_annotates_the_rest(tmp_path):
    documents = [
        Document(text="The council approved the budget on Thursday.", id="good"),
        Document(text="The the minister said said the the talks , ended.", id="bad"),
    ]
    kept = []

    def source(data, rank=0, world_size=1):
        yield from documents

    def sink(data, rank=0, world_size=1):
        for doc in data:
            kept.append(doc)
            yield doc

    pipeline = [source, MtlintFilter(min_score=95, config=os.devnull), sink]
    LocalPipelineExecutor(pipeline=pipeline, tasks=1, logging_dir=str(tmp_path / "logs")).run()
    assert [doc.id for doc in kept] == ["good"]
    assert kept[0].metadata["mtlint_pass"] is True
    assert kept[0].metadata["mtlint_score"] == 100.0


def test_annotate_only_keeps_everything():
    step = MtlintFilter(annotate_only=True, config=os.devnull)
    doc = Document(text="It was was late.", id="x")
    assert step.filter(doc) is True
    assert doc.metadata["mtlint_pass"] is False
    assert doc.metadata["mtlint_findings"] == 1
