"""Schemathesis hooks for `cargo xtask conformance` (loaded through SCHEMATHESIS_HOOKS).

CPython 3.11 (the machines' python3) can raise `SystemError: AST constructor recursion depth
mismatch` when Hypothesis parses a lambda's source deep in a call stack (fixed in CPython 3.12).
Hypothesis only wants the text to *describe* a filter, so fall back to a plain description
instead of aborting the run. This changes no generated value and no check.

The runs fuzz as one user per role family, one after another on the same server, with sessions
logged in before any of them starts (login fuzzing soon throttles the client, so no run can log
in again). So that one family's run cannot end another's session, the ids of those sessions
(`PORTAL_FUZZ_KEEP_SESSIONS`) are never ended and the ids of their users
(`PORTAL_FUZZ_KEEP_USERS`) never edited: such a call is sent to an id that does not exist.

A media file is only taken when its content is a real image, video, sound, PDF or WebVTT, which
random bytes never are: a schema-valid upload, replacement or poster sends a small PNG in place
of its `file`, and schema-valid captions a short WebVTT, so that the library's operations after
an upload (and their links) are fuzzed too.

Every answer is recorded as `operationId<TAB>status<TAB>phase` in `PORTAL_FUZZ_RECORD`, from
which xtask reports which operations each family reached past authorization.
"""

import os
import struct
import threading
import zlib

import schemathesis
from hypothesis.internal import lambda_sources

_describe = lambda_sources.lambda_description


def _describe_safely(f):
    try:
        return _describe(f)
    except SystemError:
        return "lambda: <source unavailable>"


lambda_sources.lambda_description = _describe_safely


def _ids(name):
    return {part.strip() for part in os.environ.get(name, "").split(",") if part.strip()}


_KEEP = {
    "endSession": _ids("PORTAL_FUZZ_KEEP_SESSIONS"),
    "patchUser": _ids("PORTAL_FUZZ_KEEP_USERS"),
}
# Far above any id a run creates, inside the contract's int64.
_ABSENT_ID = 9_000_000_000_000


def _png(width, height):
    """A grey PNG of `width` × `height` pixels."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


# The `file` a schema-valid call of each operation sends.
_FILES = {
    "uploadMedia": _png(8, 8),
    "replaceMediaFile": _png(16, 8),
    "putMediaPoster": _png(8, 16),
    "putMediaCaptions": "WEBVTT\n\n00:00.000 --> 00:02.000\nBảo hiểm xã hội\n".encode(),
}


def _operation_id(case):
    return case.operation.definition.raw.get("operationId", case.operation.label)


@schemathesis.hook
def before_call(context, case, kwargs):
    operation_id = _operation_id(case)
    keep = _KEEP.get(operation_id)
    if keep and str(case.path_parameters.get("id")) in keep:
        case.path_parameters["id"] = _ABSENT_ID
    file = _FILES.get(operation_id)
    if (
        file is not None
        and isinstance(case.body, dict)
        and case.meta is not None
        and case.meta.generation.mode.value == "positive"
    ):
        case.body["file"] = file


_record_path = os.environ.get("PORTAL_FUZZ_RECORD")
_record_lock = threading.Lock()
_record = open(_record_path, "a", encoding="utf-8") if _record_path else None


@schemathesis.hook
def after_call(context, case, response):
    if _record is None:
        return
    operation_id = _operation_id(case)
    phase = case.meta.phase.name.value if case.meta is not None else "unknown"
    with _record_lock:
        _record.write(f"{operation_id}\t{response.status_code}\t{phase}\n")
        _record.flush()
