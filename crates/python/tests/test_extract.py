"""extract and extract_many against the CLI: the same documents, the same error records."""

import inspect
import re
import threading

import pytest

import policy_kit
from conftest import REPO, corpus_files, jsonl


def test_every_seed_and_fixture_equals_the_cli(cli):
    files = corpus_files()
    assert len([f for f in files if f.startswith("seeds/")]) >= 5
    for path in files:
        done = cli(path)
        expected = jsonl(done.stdout)[0]
        if "error" in expected:
            with pytest.raises(policy_kit.ExtractError) as raised:
                policy_kit.extract(path)
            assert raised.value.record == expected, path
            assert raised.value.kind == expected["error"]["kind"]
            assert raised.value.path == path
        else:
            assert policy_kit.extract(path) == expected, path


def test_extract_many_equals_the_cli_in_input_order(cli):
    files = corpus_files() + ["seeds/no_such_file.txt"]
    expected = jsonl(cli(*files).stdout)
    for jobs in (1, 2, None):
        assert policy_kit.extract_many(files, jobs=jobs) == expected
    kinds = {record["error"]["kind"] for record in expected if "error" in record}
    # The corpus reaches the kinds that matter: an unreadable file and a refused one.
    assert "io" in kinds and len(kinds) >= 3, kinds


def test_bytes_and_path_give_the_same_document():
    for path in corpus_files():
        data = (REPO / path).read_bytes()
        try:
            from_path = policy_kit.extract(path)
        except policy_kit.ExtractError as err:
            with pytest.raises(policy_kit.ExtractError) as raised:
                policy_kit.extract(data, name=path)
            assert raised.value.record == err.record, path
            continue
        assert policy_kit.extract(data, name=path) == from_path, path
        assert policy_kit.extract(bytearray(data), name=path) == from_path, path
        assert policy_kit.extract(REPO / path, name=path) == from_path, path


def test_bytes_without_a_name_are_read_by_content():
    doc = policy_kit.extract("一、工作任务\n1.建设社区服务中心。（责任单位：县民政局、住建局）\n".encode())
    assert doc["source"]["path"] == "<bytes>"
    assert doc["tasks"][0]["owners"][1]["name"] == "县住建局"


def test_a_missing_file_raises_an_io_error():
    with pytest.raises(policy_kit.ExtractError) as raised:
        policy_kit.extract("seeds/no_such_file.txt")
    assert raised.value.kind == "io"
    assert raised.value.path == "seeds/no_such_file.txt"
    assert "no_such_file" in str(raised.value)


def test_limits_are_enforced_and_named(cli):
    path = "seeds/004_e42ea6294b7d8604.txt"
    with pytest.raises(policy_kit.ExtractError) as raised:
        policy_kit.extract(path, limits={"max_input_bytes": 100})
    assert raised.value.kind == "limit_exceeded"
    assert "max_input_bytes" in raised.value.message
    assert raised.value.record == jsonl(cli("--max-input-bytes", "100", path).stdout)[0]
    # The same limit on bytes, and in a batch, where it is a record, not an exception.
    with pytest.raises(policy_kit.ExtractError):
        policy_kit.extract((REPO / path).read_bytes(), name=path, limits={"max_text_bytes": 100})
    [record] = policy_kit.extract_many([path], limits={"max_input_bytes": 100})
    assert record == raised.value.record
    # A limit that is not hit changes nothing.
    assert policy_kit.extract(path, limits={"max_pages": 1}) == policy_kit.extract(path)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="unknown limit"):
        policy_kit.extract("seeds/004_e42ea6294b7d8604.txt", limits={"max_bytes": 1})
    with pytest.raises(ValueError):
        policy_kit.extract("seeds/004_e42ea6294b7d8604.txt", limits={"max_pages": -1})
    with pytest.raises(ValueError):
        policy_kit.extract_many([], jobs=0)
    with pytest.raises(TypeError):
        policy_kit.extract(42)
    assert policy_kit.extract_many([]) == []


def test_default_limits_are_the_cli_defaults(cli):
    help_text = cli("--help").stdout.decode()
    sizes = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "": 1}
    stated = {}
    for flag, value, unit in re.findall(r"--(max-[a-z-]+) <\w+>\s+[^\[]*\[default: (\d+)([KMG]?)\]", help_text):
        stated[flag.replace("-", "_")] = int(value) * sizes[unit]
    assert stated == policy_kit.DEFAULT_LIMITS


def test_help_says_what_the_cli_help_says(cli):
    """Every limit's description and every input format of `policy-extract --help` is in help(extract)."""
    doc = " ".join(inspect.getdoc(policy_kit.extract).split())
    help_text = cli("--help").stdout.decode()
    for flag, description in re.findall(r"--(max-[a-z-]+) <\w+>\n\s+(.*?)\s*\[default", help_text, re.S):
        name = flag.replace("-", "_")
        assert f"``{name}``: {' '.join(description.split()).lower()}" in doc.lower(), name
    for form in ["DOCX", "PDF", "HTML", "Markdown", "text in any Chinese encoding"]:
        assert form in help_text and form in doc, form


def test_threads_read_in_parallel_and_agree():
    """The GIL is released while reading: threads give the same documents as one by one."""
    files = [f for f in corpus_files() if f.startswith("seeds/")]
    expected = {path: policy_kit.extract(path) for path in files}
    results = {}

    def work(path):
        results[path] = policy_kit.extract(path)

    threads = [threading.Thread(target=work, args=(path,)) for path in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == expected
