"""Documents per second: the cluster example on 1 and 2 local workers against `policy-extract -j 1 / -j 2`.

    python examples/cluster/bench_cluster.py [--copies 20] [--repeat 3]

The corpus is the repository's seeds and fixtures (hostile ones included; only
document files, so the CLI's folder search and the example's listing take the
same files) copied --copies times into a temporary folder. The CLI writes JSON
Lines to /dev/null; the example writes its Parquet partitions to a temporary
folder. Cluster start-up is timed apart and left out of the rate. The best of
--repeat runs is printed (BENCHMARKS.md has the figures).
"""

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import extract_cluster

REPO = Path(__file__).resolve().parents[2]
DOCUMENT_SUFFIXES = {".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".doc", ".wps"}


def make_corpus(folder: Path, copies: int) -> int:
    sources = [
        p
        for d in ["seeds", "fixtures", "fixtures/hostile"]
        for p in sorted((REPO / d).iterdir())
        if p.is_file() and p.suffix in DOCUMENT_SUFFIXES and p.stem.lower() != "readme"
    ]
    for copy in range(copies):
        target = folder / f"copy-{copy:03d}"
        target.mkdir(parents=True)
        for source in sources:
            shutil.copyfile(source, target / source.name)
    return len(extract_cluster.list_files(str(folder)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    binary = os.environ.get("POLICY_EXTRACT") or str(REPO / "target" / "release" / "policy-extract")
    from distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "in"
        n = make_corpus(corpus, args.copies)
        print(json.dumps({"files": n, "bytes": sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())}))
        for jobs in (1, 2):
            best = float("inf")
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                subprocess.run([binary, "-q", "-j", str(jobs), str(corpus)], stdout=subprocess.DEVNULL, check=False)
                best = min(best, time.perf_counter() - t0)
            print(json.dumps({"run": f"policy-extract -j {jobs}", "seconds": round(best, 3), "docs_per_s": round(n / best, 1)}))
        for workers in (1, 2):
            t0 = time.perf_counter()
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
            client.wait_for_workers(workers)
            start = time.perf_counter() - t0
            best = float("inf")
            for attempt in range(args.repeat):
                out = Path(tmp) / f"out-{workers}-{attempt}"
                totals = extract_cluster.run(client, str(corpus), str(out), batch_size=args.batch_size, jobs=1)
                assert totals["files"] == n
                best = min(best, totals["seconds"])
            client.close()
            cluster.close()
            print(json.dumps({"run": f"dask, {workers} local worker(s)", "start_s": round(start, 2), "seconds": round(best, 3), "docs_per_s": round(n / best, 1)}))


if __name__ == "__main__":
    main()
