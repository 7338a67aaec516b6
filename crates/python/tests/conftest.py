"""Shared helpers: where the repository, its corpus and the CLI binary are."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def corpus_files():
    """The seeds and the fixtures (the hostile ones included), relative to the repository."""
    files = []
    for folder in ["seeds", "fixtures", "fixtures/hostile"]:
        for path in sorted((REPO / folder).iterdir()):
            if path.is_file() and path.name != "README.md" and path.suffix != ".py":
                files.append(path.relative_to(REPO).as_posix())
    return files


@pytest.fixture(scope="session")
def cli():
    """Runs the policy-extract binary (POLICY_EXTRACT, else target/release) in the repository.

    Exit 2 is also "every input failed", which a single hostile file is.
    """
    binary = os.environ.get("POLICY_EXTRACT") or str(REPO / "target" / "release" / "policy-extract")
    if not Path(binary).is_file():
        pytest.fail(f"the CLI binary is not built: {binary} (cargo build --release -p policy-extract)")

    def run(*args, check_codes=(0, 1, 2)):
        done = subprocess.run([binary, "-q", *args], cwd=REPO, capture_output=True)
        assert done.returncode in check_codes, done.stderr.decode(errors="replace")
        return done

    return run


@pytest.fixture(autouse=True)
def in_repository(monkeypatch):
    """Paths are given relative to the repository, as to the CLI, so both report the same."""
    monkeypatch.chdir(REPO)


def jsonl(data: bytes):
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
