"""The small measurement behind choosing Dask distributed over Ray (README.md here).

    python examples/cluster/measure_engines.py INPUT_DIR [--engine dask|ray|both]

For each engine, on 2 local worker processes: the seconds to start the
cluster, the overhead of 200 empty tasks, and the seconds to extract every file
under INPUT_DIR in batches of 64 (policy_kit.extract_many, results brought back
to the client as counts). Ray is not a dependency of the example: install it
by hand to measure it.
"""

import argparse
import json
import time

from extract_cluster import batches, list_files


def _extract(paths):
    import policy_kit

    records = policy_kit.extract_many(paths, jobs=1)
    return sum("error" not in r for r in records), len(records)


def _noop(i):
    return i


def measure_dask(files, chunks):
    from distributed import Client, LocalCluster

    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    client.run(lambda: None)
    t1 = time.perf_counter()
    client.gather(client.map(_noop, range(200), pure=False))
    t2 = time.perf_counter()
    counts = client.gather(client.map(_extract, chunks, pure=False))
    t3 = time.perf_counter()
    client.close()
    cluster.close()
    return t1 - t0, t2 - t1, t3 - t2, sum(n for _, n in counts)


def measure_ray(files, chunks):
    import ray

    t0 = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    noop = ray.remote(num_cpus=1)(_noop)
    extract = ray.remote(num_cpus=1)(_extract)
    ray.get([noop.remote(i) for i in range(2)])
    t1 = time.perf_counter()
    ray.get([noop.remote(i) for i in range(200)])
    t2 = time.perf_counter()
    counts = ray.get([extract.remote(c) for c in chunks])
    t3 = time.perf_counter()
    ray.shutdown()
    return t1 - t0, t2 - t1, t3 - t2, sum(n for _, n in counts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input_dir")
    parser.add_argument("--engine", default="both", choices=["dask", "ray", "both"])
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    files = list_files(args.input_dir)
    chunks = batches(files, args.batch_size)
    engines = ["dask", "ray"] if args.engine == "both" else [args.engine]
    for engine in engines:
        start, noop, extract, n = {"dask": measure_dask, "ray": measure_ray}[engine](files, chunks)
        print(json.dumps({"engine": engine, "files": n, "start_s": round(start, 2), "200_empty_tasks_s": round(noop, 3),
                          "extract_s": round(extract, 2), "docs_per_s": round(n / extract, 1)}))


if __name__ == "__main__":
    main()
