import os
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

import pandas

PathLike = Union[str, os.PathLike[str]]

DEFAULT_LIMITS: Dict[str, int]

class ExtractError(Exception):
    message: str
    kind: str
    path: str
    record: Dict[str, Any]
    def __init__(self, message: str, *, kind: str, path: str, record: Optional[dict] = ...) -> None: ...

def extract(
    source: Union[PathLike, bytes, bytearray, memoryview],
    *,
    name: Optional[str] = ...,
    limits: Optional[Mapping[str, int]] = ...,
) -> Dict[str, Any]: ...
def extract_many(
    paths: Iterable[PathLike],
    *,
    jobs: Optional[int] = ...,
    limits: Optional[Mapping[str, int]] = ...,
) -> List[Dict[str, Any]]: ...
def frames(documents: Iterable[Mapping[str, Any]]) -> Dict[str, pandas.DataFrame]: ...
