"""newsgraph extraction as a Spark job: the map step on as many machines as the cluster has.

Runs `newsgraph extract` over the partitions of a JSON Lines archive (one subprocess per
partition, the partition's lines piped through it) and writes

  OUT/lines/      the extraction lines (format v1, docs/extract-format.md), part files in
                  archive order: `newsgraph load OUT/lines` stores them, as `ingest` would
                  have stored the archive;
  OUT/relations/  a Parquet table of the relations, with the columns of `relation_view`.

    spark-submit --files /path/to/newsgraph examples/spark/job.py ARCHIVE.jsonl OUT
    python3 examples/spark/job.py --master 'local[2]' --binary target/release/newsgraph ARCHIVE.jsonl OUT

The binary must run on the executors (build it on, or for, their OS and libc). See
examples/spark/README.md.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

# The columns of relation_view, in its order, with their Spark types (ids are the
# database's, which a cluster does not have: null here, given by `newsgraph load`).
RELATION_COLUMNS = [
    ("relation_id", "long"),
    ("source_id", "long"),
    ("source", "string"),
    ("source_type", "string"),
    ("type", "string"),
    ("target_id", "long"),
    ("target", "string"),
    ("target_type", "string"),
    ("negated", "int"),
    ("confidence", "double"),
    ("article_id", "long"),
    ("external_id", "string"),
    ("published", "string"),
    ("sentence_id", "long"),
    ("sentence", "string"),
    ("trigger", "string"),
    ("rule", "string"),
    ("family", "string"),
    ("plover", "string"),
    ("cameo_root", "string"),
]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("archive", help="JSON Lines archive (any path Spark reads: file, hdfs://, s3a://)")
    p.add_argument("out", help="output directory (must not exist)")
    p.add_argument("--binary", help="newsgraph binary to ship (else the one given with --files)")
    p.add_argument("--name", help="the archive's name in article paths (default: ARCHIVE as given, "
                   "so paths are those `newsgraph ingest ARCHIVE` stores)")
    p.add_argument("--partitions", type=int, default=0, help="minimum input partitions")
    p.add_argument("--master", help="Spark master when run with python3 (spark-submit sets it)")
    p.add_argument("--lexicon", help="user lexicon directory on the executors (as `ingest --lexicon`)")
    p.add_argument("--compress", action="store_true", help="gzip the extraction lines")
    return p.parse_args(argv)


def extract_partition(binary, name, lexicon):
    """The mapPartitions function: (line, index) pairs in, extraction lines out."""

    def run(rows):
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return
        from pyspark import SparkFiles

        exe = binary if os.path.isabs(binary) and os.path.exists(binary) else SparkFiles.get(binary)
        if not os.access(exe, os.X_OK):
            os.chmod(exe, 0o755)
        cmd = [exe, "extract", "--format", "jsonl", "--stdin-name", name,
               "--first-line", str(first[1] + 1)]
        if lexicon:
            cmd += ["--lexicon", lexicon]
        cmd.append("-")
        # Reports (a bad record: `ARCHIVE:LINE: reason`) go to the executor's stderr log.
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                env={**os.environ, "HOME": tempfile.gettempdir()})
        failed = []

        def feed():
            try:
                proc.stdin.write(first[0].encode("utf-8") + b"\n")
                for line, _ in rows:
                    proc.stdin.write(line.encode("utf-8") + b"\n")
                proc.stdin.close()
            except Exception as e:  # newsgraph died: its exit status says why
                failed.append(e)

        t = threading.Thread(target=feed, daemon=True)
        t.start()
        for out in proc.stdout:
            yield out.decode("utf-8").rstrip("\n")
        t.join()
        if proc.wait() != 0 or failed:
            raise RuntimeError(f"newsgraph extract exited with {proc.returncode} on the "
                               f"partition from line {first[1] + 1} ({failed})")

    return run


def relation_types(binary):
    """type -> (family, plover, cameo_root), asked of the binary (its schema's table)."""
    d = tempfile.mkdtemp()
    try:
        db = os.path.join(d, "types.db")
        subprocess.run([binary, "--db", db, "migrate"], check=True, capture_output=True)
        out = subprocess.run([binary, "--db", db, "query", "--format", "jsonl",
                              "SELECT type, family, plover, cameo_root FROM relation_types"],
                             check=True, capture_output=True).stdout
        rows = [json.loads(l) for l in out.splitlines() if l.strip()]
        return {r["type"]: (r["family"], r["plover"], r["cameo_root"]) for r in rows}
    finally:
        shutil.rmtree(d, ignore_errors=True)


def relation_rows(types):
    """An extraction line -> its relations as relation_view rows (names as the article
    gives them: the archive-wide merges happen in `newsgraph load`)."""

    def rows(line):
        r = json.loads(line)
        text, sents, ents = r["text"], r["sentences"], r["entities"]
        for rel in r["relations"]:
            s, t, sp = ents[rel["source"]], ents[rel["target"]], sents[rel["sentence"]]
            family, plover, cameo = types.get(rel["type"], (None, None, None))
            yield (None, None, s["name"], s["type"], rel["type"], None, t["name"], t["type"],
                   1 if rel["negated"] else 0, float(rel["confidence"]), None,
                   r["external_id"], r["published"], None, text[sp["start"]:sp["end"]],
                   rel["trigger"], rel["rule"], family, plover, cameo)

    return rows


def main(argv=None, spark=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession
    from pyspark.sql.types import (DoubleType, IntegerType, LongType, StringType, StructField,
                                   StructType)

    if spark is None:
        b = SparkSession.builder.appName("newsgraph-extract")
        if args.master:
            b = b.master(args.master)
        spark = b.getOrCreate()
    sc = spark.sparkContext
    if args.binary:
        sc.addFile(os.path.abspath(args.binary))
        local_binary = os.path.abspath(args.binary)
        shipped = os.path.basename(args.binary)
    else:  # spark-submit --files .../newsgraph
        from pyspark import SparkFiles
        shipped = "newsgraph"
        local_binary = SparkFiles.get(shipped)
    types = sc.broadcast(relation_types(local_binary))

    lines = sc.textFile(args.archive, args.partitions or None).zipWithIndex()
    extracted = lines.mapPartitions(extract_partition(shipped, args.name or args.archive,
                                                      args.lexicon))
    extracted.cache()
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.compress else None
    extracted.saveAsTextFile(os.path.join(args.out, "lines"), codec)

    spark_type = {"long": LongType(), "string": StringType(), "int": IntegerType(),
                  "double": DoubleType()}
    schema = StructType([StructField(n, spark_type[t], True) for n, t in RELATION_COLUMNS])
    rows = extracted.flatMap(lambda line: relation_rows(types.value)(line))
    spark.createDataFrame(rows, schema).write.parquet(os.path.join(args.out, "relations"))
    extracted.unpersist()
    return spark


if __name__ == "__main__":
    main().stop()
