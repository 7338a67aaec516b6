"""The cluster example on a local Dask cluster of 2 workers: every file exactly once, even when a worker dies."""

import os
import shutil
import signal
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extract_cluster  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
COPIES = int(os.environ.get("POLICY_CLUSTER_COPIES", "20"))


def make_corpus(folder: Path, copies: int) -> list:
    """The seeds and fixtures (hostile ones included) copied `copies` times, as one folder tree."""
    sources = [p for d in ["seeds", "fixtures", "fixtures/hostile"] for p in sorted((REPO / d).iterdir()) if p.is_file()]
    for copy in range(copies):
        target = folder / f"copy-{copy:03d}"
        target.mkdir(parents=True)
        for source in sources:
            shutil.copyfile(source, target / source.name)
    # A file that cannot be read: an error record of kind `io`, not a lost batch.
    (folder / "copy-000" / "locked.txt").write_text("一、工作任务\n")
    os.chmod(folder / "copy-000" / "locked.txt", 0)
    return extract_cluster.list_files(str(folder))


def outputs(out: Path):
    documents = pq.read_table(out / "documents").column("file").to_pylist()
    errors = pq.read_table(out / "errors")
    return documents, errors.column("file").to_pylist(), errors.column("kind").to_pylist()


def assert_each_file_once(files, out: Path):
    documents, errors, kinds = outputs(out)
    assert len(documents) + len(errors) == len(files)
    assert sorted(documents + errors) == sorted(files)
    assert len(set(documents + errors)) == len(files)
    assert documents and errors
    if os.geteuid() != 0:  # root reads a file whatever its mode
        assert "io" in kinds
    # The tables agree with the documents: as many task rows as the documents count.
    tasks = pq.read_table(out / "tasks")
    counts = pq.read_table(out / "documents").column("n_tasks").to_pylist()
    assert tasks.num_rows == sum(counts) > 0


def test_every_file_is_in_the_output_exactly_once(tmp_path):
    from distributed import Client, LocalCluster

    files = make_corpus(tmp_path / "in", COPIES)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, Client(cluster) as client:
        totals = extract_cluster.run(client, str(tmp_path / "in"), str(tmp_path / "out"), batch_size=25)
    assert totals["files"] == len(files)
    assert totals["batches"] == -(-len(files) // 25)
    assert_each_file_once(files, tmp_path / "out")
    # Each batch is one partition of each table; the columns are the CLI's.
    assert len(list((tmp_path / "out" / "tasks").glob("part-*.parquet"))) == totals["batches"]
    import policy_kit

    expected = policy_kit.frames([])
    for name in ["tasks", "owners", "indicators", "errors"]:
        assert pq.read_table(tmp_path / "out" / name).column_names == list(expected[name].columns)


def test_a_worker_killed_midway_loses_and_duplicates_nothing(tmp_path):
    from distributed import Client, LocalCluster

    files = make_corpus(tmp_path / "in", COPIES)
    killed = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        pids = client.run(os.getpid)

        def kill_one(done, total):
            if done == 3 and not killed:
                address, victim = sorted(pids.items())[0]
                # It holds work: a batch running (or next in line) is lost with it.
                in_flight = client.processing(address)[address]
                assert in_flight, "the worker had no batch to lose"
                os.kill(victim, signal.SIGKILL)
                killed.append((victim, total))

        totals = extract_cluster.run(client, str(tmp_path / "in"), str(tmp_path / "out"), batch_size=10, on_progress=kill_one)
        assert killed and killed[0][1] > 6, "the kill came before the end"
        # The nanny brought a new worker up in place of the one killed.
        assert killed[0][0] not in client.run(os.getpid).values()
    assert totals["files"] == len(files)
    assert_each_file_once(files, tmp_path / "out")


def test_the_script_runs_on_its_own_local_cluster(tmp_path):
    files = make_corpus(tmp_path / "in", 2)
    assert extract_cluster.main([str(tmp_path / "in"), str(tmp_path / "out"), "--batch-size", "16", "--workers", "2"]) == 0
    assert (tmp_path / "out" / "_SUCCESS").is_file()
    assert_each_file_once(files, tmp_path / "out")
