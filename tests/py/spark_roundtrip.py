"""Run examples/spark/job.py in local mode (local[2]) and dump its Parquet relations as JSON
lines, for tests/spark.rs. Usage: spark_roundtrip.py BINARY ARCHIVE OUT"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "examples", "spark"))
import job  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

binary, archive, out = sys.argv[1:4]
spark = (SparkSession.builder.master("local[2]").appName("newsgraph-test")
         .config("spark.ui.enabled", "false")
         .config("spark.driver.memory", "1g")
         .config("spark.sql.shuffle.partitions", "2")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
# the job's functions are pickled by reference to the module `job`: ship it to the workers
spark.sparkContext.addPyFile(job.__file__)
job.main(["--binary", binary, "--partitions", "4", archive, out], spark)
df = spark.read.parquet(os.path.join(out, "relations"))
assert df.columns == [c for c, _ in job.RELATION_COLUMNS], df.columns
with open(os.path.join(out, "relations.jsonl"), "w") as f:
    for row in df.collect():
        f.write(json.dumps(row.asDict(), sort_keys=True) + "\n")
spark.stop()
