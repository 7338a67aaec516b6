"""Extract every document under a folder on a Dask cluster, into Parquet partitions.

    python examples/cluster/extract_cluster.py INPUT_DIR OUTPUT_DIR [--scheduler tcp://HOST:8786]

Without --scheduler a local cluster is started (--workers processes, one
thread each; the Rust code inside uses --jobs threads per task). With
--scheduler the same script runs on an existing cluster: every worker needs
`policy_kit` and pyarrow installed and must see INPUT_DIR and OUTPUT_DIR at the
same paths (a shared or mounted file system).

The files are listed once, on the client, sorted, and cut into batches of
--batch-size; one task per batch reads its files with
`policy_kit.extract_many` (the GIL released) and writes, for batch N:

    OUTPUT_DIR/documents/part-N.parquet   one row per document: file, format, sha256,
                                          title, counts, and the whole JSON document
    OUTPUT_DIR/tasks/part-N.parquet       the CLI's tables (policy_kit.frames),
    OUTPUT_DIR/owners/part-N.parquet      the same columns as its CSV
    OUTPUT_DIR/indicators/part-N.parquet
    OUTPUT_DIR/errors/part-N.parquet      the error records: file, kind, message

Every input is in exactly one of documents/ and errors/. A part is written to
a temporary name and renamed, and its name depends only on the batch, so a
task that the scheduler runs again (its worker died) replaces its own parts and
never adds rows: nothing is lost or counted twice. `_SUCCESS` (JSON: files,
documents, errors, seconds) is written last, when every batch is done.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Sequence

TABLES = ["documents", "tasks", "owners", "indicators", "errors"]


def list_files(input_dir: str) -> List[str]:
    """Every regular file under `input_dir`, hidden files and folders skipped, sorted."""
    files = []
    for root, dirs, names in os.walk(input_dir, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(os.path.join(root, name) for name in names if not name.startswith("."))
    return sorted(files)


def batches(files: Sequence[str], batch_size: int) -> List[List[str]]:
    return [list(files[i : i + batch_size]) for i in range(0, len(files), batch_size)]


def run_batch(batch_id: int, paths: List[str], output_dir: str, jobs: Optional[int] = None) -> Dict[str, int]:
    """One task: extract `paths` and write their partitions. Runs on a worker."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    import policy_kit

    records = policy_kit.extract_many(paths, jobs=jobs)
    documents = [record for record in records if "error" not in record]
    tables = {"documents": _documents_table(documents)}
    for name, frame in policy_kit.frames(records).items():
        tables[name] = pa.Table.from_pandas(frame, schema=_arrow_schema(frame), preserve_index=False)
    for name in TABLES:
        _write_atomically(tables[name], Path(output_dir) / name / f"part-{batch_id:06d}.parquet", pq)
    return {"batch": batch_id, "files": len(records), "documents": len(documents), "errors": len(records) - len(documents)}


def _documents_table(documents):
    import pyarrow as pa

    return pa.table(
        {
            "file": pa.array([d["source"]["path"] for d in documents], pa.string()),
            "format": pa.array([d["source"].get("format") for d in documents], pa.string()),
            "sha256": pa.array([d["source"].get("sha256") for d in documents], pa.string()),
            "title": pa.array([(d.get("meta") or {}).get("title") for d in documents], pa.string()),
            "n_tasks": pa.array([len(d["tasks"]) for d in documents], pa.int64()),
            "n_indicators": pa.array([len(d["indicators"]) for d in documents], pa.int64()),
            "n_warnings": pa.array([len(d["warnings"]) for d in documents], pa.int64()),
            "json": pa.array([json.dumps(d, ensure_ascii=False) for d in documents], pa.string()),
        }
    )


def _arrow_schema(frame):
    """The columns' types from their pandas dtypes, which `frames` fixes per column:
    a batch where a text column is empty must still write it as strings, or the
    partitions would not read as one dataset."""
    import pyarrow as pa

    types = {"object": pa.string(), "float64": pa.float64(), "Int64": pa.int64()}
    return pa.schema([(column, types[str(dtype)]) for column, dtype in frame.dtypes.items()])


def _write_atomically(table, path: Path, pq) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique per attempt: two attempts of one batch (a worker thought dead that
    # was only slow) never write the same temporary file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def run(client, input_dir: str, output_dir: str, batch_size: int = 64, jobs: Optional[int] = 1, on_progress=None) -> Dict[str, float]:
    """Extracts every file under `input_dir` on the cluster `client` talks to."""
    from distributed import as_completed

    started = time.perf_counter()
    files = list_files(input_dir)
    work = batches(files, batch_size)
    # Keys name the run and the batch: Dask retries a task under its key, and a
    # second run on the same client must not get the first run's results back.
    run_id = uuid.uuid4().hex[:12]
    futures = [
        client.submit(run_batch, batch_id, paths, os.path.abspath(output_dir), jobs, key=f"policy-batch-{run_id}-{batch_id}")
        for batch_id, paths in enumerate(work)
    ]
    totals = {"files": 0, "documents": 0, "errors": 0}
    for done, future in enumerate(as_completed(futures), start=1):
        summary = future.result()
        for key in totals:
            totals[key] += summary[key]
        if on_progress is not None:
            on_progress(done, len(futures))
    if totals["files"] != len(files):
        raise RuntimeError(f"{len(files)} files listed but {totals['files']} extracted")
    totals["batches"] = len(work)
    totals["seconds"] = round(time.perf_counter() - started, 3)
    Path(output_dir).mkdir(parents=True, exist_ok=True)
    (Path(output_dir) / "_SUCCESS").write_text(json.dumps(totals) + "\n")
    return totals


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input_dir", help="folder of documents (searched recursively)")
    parser.add_argument("output_dir", help="folder for the Parquet partitions")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: start a local cluster)")
    parser.add_argument("--workers", type=int, default=2, help="local cluster: worker processes [default: 2]")
    parser.add_argument("--batch-size", type=int, default=64, help="files per task [default: 64]")
    parser.add_argument("--jobs", type=int, default=1, help="Rust threads per task [default: 1; one per core is the worker's job]")
    args = parser.parse_args(argv)

    from distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        totals = run(client, args.input_dir, args.output_dir, args.batch_size, args.jobs)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
