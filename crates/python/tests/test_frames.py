"""frames against the CSV the CLI writes: the same column names, the same rows."""

import pandas as pd

import policy_kit
from conftest import corpus_files


def test_frames_have_the_cli_csv_columns_and_rows(cli, tmp_path):
    files = corpus_files() + ["seeds/no_such_file.txt"]
    cli("-o", str(tmp_path), *files)
    tables = policy_kit.frames(policy_kit.extract_many(files))
    assert list(tables) == ["tasks", "owners", "indicators", "errors"]
    for name, frame in tables.items():
        csv = pd.read_csv(tmp_path / f"{name}.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(frame.columns) == list(csv.columns), name
        assert len(frame) == len(csv), name
        assert len(frame) > 0, name
        # Cell by cell, as the CSV writes them.
        as_text = frame.astype(object).where(frame.notna(), "")
        for column in frame.columns:
            mine = [_csv_text(v) for v in as_text[column]]
            assert mine == list(csv[column]), (name, column)


def _csv_text(value):
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def test_frames_column_types_do_not_depend_on_the_values():
    empty = policy_kit.frames([])
    some = policy_kit.frames(policy_kit.extract_many(corpus_files()))
    for name in empty:
        assert len(empty[name]) == 0
        assert dict(empty[name].dtypes) == dict(some[name].dtypes), name
    assert str(some["tasks"]["span_start"].dtype) == "Int64"
    assert str(some["indicators"]["target_value"].dtype) == "float64"


def test_frames_take_documents_from_extract():
    doc = policy_kit.extract("seeds/004_e42ea6294b7d8604.txt")
    tables = policy_kit.frames([doc])
    assert len(tables["tasks"]) == len(doc["tasks"])
    assert len(tables["owners"]) == sum(len(task["owners"]) for task in doc["tasks"])
    assert len(tables["indicators"]) == len(doc["indicators"])
    assert len(tables["errors"]) == 0
    assert set(tables["tasks"]["file"]) == {"seeds/004_e42ea6294b7d8604.txt"}
