#!/usr/bin/env python3
"""Times the Python package against the CLI on the same JSON Lines corpus, and Spark's growth.

    scripts/bench-python.py [--megabytes 10] [--runs 3] [--no-spark]

Run it with the interpreter that has `mtlint` installed (`maturin develop --release -m
python/Cargo.toml`) and with `target/release/mtlint` built the same way (same profile), plus
pyspark and pyarrow for the Spark rows. Prints, best of `--runs`:

- the CLI: `mtlint check --format jsonl` on the corpus, all cores;
- `Linter.check_many` over the same records read from the file, all cores;
- `mtlint.spark.check_dataframe` in `local[2]` on the corpus and on ten times it;

with MB/s and each one's share of the CLI's throughput.
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def best(runs, action):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def corpus(directory, megabytes):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench-corpus.py"), str(directory), str(megabytes), "--only", "jsonl"],
        check=True,
    )
    return directory / "corpus.jsonl"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()

    import mtlint

    binary = os.environ.get("MTLINT_BIN", str(ROOT / "target" / "release" / "mtlint"))
    work = pathlib.Path(tempfile.mkdtemp())
    small = corpus(work / "small", args.megabytes)
    size = small.stat().st_size / 1e6

    def cli():
        subprocess.run(
            [binary, "check", "--format", "jsonl", "--no-fail", "--config", os.devnull, str(small)],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    linter = mtlint.Linter(config=os.devnull)

    def check_many():
        with open(small, encoding="utf-8") as lines:
            records = (json.loads(line) for line in lines if line.strip())
            for _ in linter.check_many(records):
                pass

    rows = []
    cli_time = best(args.runs, cli)
    rows.append(("CLI, --format jsonl", size, cli_time))
    rows.append(("Linter.check_many", size, best(args.runs, check_many)))

    if not args.no_spark:
        from pyspark.sql import SparkSession

        from mtlint.spark import check_dataframe

        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")
            .getOrCreate()
        )
        large = corpus(work / "large", args.megabytes * 10)

        def spark_run(path):
            def run():
                # A schema spares Spark a pass over the file to infer one; Spark splits the
                # file in a partition per core, so no shuffle is needed.
                df = spark.read.schema("id STRING, text STRING").json(str(path))
                checked = check_dataframe(df, id_col="id", config=os.devnull)
                checked.write.format("noop").mode("overwrite").save()

            return run

        rows.append(("Spark local[2]", size, best(args.runs, spark_run(small))))
        rows.append(("Spark local[2], 10x", large.stat().st_size / 1e6, best(max(1, args.runs - 1), spark_run(large))))
        spark.stop()

    cli_rate = size / cli_time
    print(f"{'run':<24} {'MB':>8} {'seconds':>8} {'MB/s':>8} {'of CLI':>7}")
    for name, megabytes, seconds in rows:
        rate = megabytes / seconds
        print(f"{name:<24} {megabytes:>8.1f} {seconds:>8.2f} {rate:>8.2f} {rate / cli_rate:>7.0%}")
    if not args.no_spark:
        ratio = rows[3][2] / rows[2][2]
        print(f"Spark time at 10x the input: {ratio:.1f}x")


if __name__ == "__main__":
    main()
