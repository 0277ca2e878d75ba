"""Writers: append each chunk's events to the output file, so that a run can be cut back
to its last committed chunk and resumed.

CSV, TSV, JSON Lines, a JSON array and PLOVER JSON Lines are appended to one file
(:class:`TextOutput`); Parquet is written as one part file per chunk and joined when
the run completes (:class:`ParquetOutput`). Both ``fsync`` what they write, so the
ledger never records more than is on disk.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd

from ..errors import ResumeError
from ..events import EVENT_COLUMNS

__all__ = ["OUTPUT_FORMATS", "ParquetOutput", "TextOutput", "fsync", "output_format", "open_output"]

#: output file types :func:`eventcoder.stream.code_stream` writes (``--schema plover`` writes
#: JSON Lines to any name)
OUTPUT_FORMATS = (".csv", ".tsv", ".jsonl", ".json", ".parquet")


def fsync(fh: BinaryIO) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def _arrow_schema() -> Any:
    import pyarrow as pa

    types = {"quad_class": pa.int64(), "goldstein": pa.float64(),
             "source_inferred": pa.bool_(), "target_inferred": pa.bool_()}
    return pa.schema([(c, types.get(c, pa.string())) for c in EVENT_COLUMNS])


class TextOutput:
    """CSV, TSV, JSON Lines, a JSON array or PLOVER JSON Lines, appended chunk by chunk."""

    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.fmt = fmt
        self.fh: BinaryIO | None = None
        self.offset = 0

    def header(self) -> bytes:
        if self.fmt in (".csv", ".tsv"):
            sep = "\t" if self.fmt == ".tsv" else ","
            return (sep.join(EVENT_COLUMNS) + "\n").encode("utf-8")
        return b"[" if self.fmt == ".json" else b""

    def encode(self, frame: pd.DataFrame, events_before: int) -> bytes:
        if not len(frame):
            return b""
        if self.fmt in (".csv", ".tsv"):
            text = frame.to_csv(index=False, header=False, lineterminator="\n",
                                sep="\t" if self.fmt == ".tsv" else ",")
        elif self.fmt == "plover":
            from ..plover import plover_json

            text = plover_json(frame)
        else:
            lines = frame.to_json(orient="records", lines=True, force_ascii=False)
            if self.fmt == ".json":
                text = ("," if events_before else "") + ",".join(lines.splitlines())
            else:
                text = lines if lines.endswith("\n") else lines + "\n"
        return text.encode("utf-8")

    def start(self) -> dict[str, Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "wb")  # noqa: SIM115 - kept open for the run
        self.fh.write(self.header())
        fsync(self.fh)
        self.offset = self.fh.tell()
        return {"offset": self.offset}

    def reopen(self, state: dict[str, Any], committed: list[dict[str, Any]]) -> None:
        offset = int(state["offset"])
        if not self.path.is_file() or self.path.stat().st_size < offset:
            raise ResumeError(f"{self.path} is shorter than the ledger records ({offset} bytes): "
                              f"it was changed after the interruption; start over with --overwrite")
        self.fh = open(self.path, "r+b")  # noqa: SIM115
        self.fh.truncate(offset)
        self.fh.seek(offset)
        self.offset = offset

    def append(self, frame: pd.DataFrame, chunk: int, events_before: int) -> dict[str, Any]:
        assert self.fh is not None
        data = self.encode(frame, events_before)
        if data:
            self.fh.write(data)
            fsync(self.fh)
            self.offset += len(data)
        return {"offset": self.offset}

    def finish(self, chunks: list[dict[str, Any]], metadata: dict[str, Any] | None = None) -> None:
        assert self.fh is not None
        if self.fmt == ".json":
            self.fh.write(b"]\n")
        fsync(self.fh)
        self.fh.close()
        self.fh = None

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


class ParquetOutput:
    """Parquet: one part file per chunk under ``<output>.parts/``, joined at the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parts = path.with_name(path.name + ".parts")

    def start(self) -> dict[str, Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.parts.exists():
            shutil.rmtree(self.parts)
        self.parts.mkdir()
        return {"part": None}

    def reopen(self, state: dict[str, Any], committed: list[dict[str, Any]]) -> None:
        keep = {c["part"] for c in committed if c.get("part")}
        self.parts.mkdir(parents=True, exist_ok=True)
        for name in keep:
            if not (self.parts / name).is_file():
                raise ResumeError(f"{self.parts / name} recorded in the ledger is missing; "
                                  f"start over with --overwrite")
        for part in self.parts.iterdir():
            if part.name not in keep:
                part.unlink()

    def append(self, frame: pd.DataFrame, chunk: int, events_before: int) -> dict[str, Any]:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not len(frame):
            return {"part": None}
        name = f"part-{chunk:06d}.parquet"
        table = pa.Table.from_pandas(frame, schema=_arrow_schema(), preserve_index=False)
        tmp = self.parts / (name + ".tmp")
        pq.write_table(table.replace_schema_metadata(None), tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, self.parts / name)
        return {"part": name}

    def finish(self, chunks: list[dict[str, Any]], metadata: dict[str, Any] | None = None) -> None:
        """Join the parts into the output; ``metadata`` goes into its schema (key ``eventcoder``)."""
        import json

        import pyarrow.parquet as pq

        tmp = self.path.with_name(self.path.name + ".tmp")
        schema = _arrow_schema()
        if metadata is not None:
            schema = schema.with_metadata(
                {b"eventcoder": json.dumps(metadata, ensure_ascii=False, sort_keys=True).encode()})
        with pq.ParquetWriter(tmp, schema) as writer:
            for chunk in chunks:
                if chunk.get("part"):
                    writer.write_table(pq.read_table(self.parts / chunk["part"]))
        os.replace(tmp, self.path)
        shutil.rmtree(self.parts, ignore_errors=True)

    def close(self) -> None:
        pass


def output_format(path: Path, schema: str) -> str:
    """The writer format of ``path``: its extension, or ``"plover"``; ValueError for another."""
    if schema == "plover":
        return "plover"
    suffix = path.suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {suffix!r} for {path}; use one of "
                         f"{sorted(OUTPUT_FORMATS)}")
    return suffix


def open_output(path: Path, fmt: str) -> TextOutput | ParquetOutput:
    """The writer for ``path`` in format ``fmt`` (see :func:`output_format`)."""
    return ParquetOutput(path) if fmt == ".parquet" else TextOutput(path, fmt)
