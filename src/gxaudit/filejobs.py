"""Per-file work that runs in worker processes: ingest + extract, with a cache by content hash.

Why a separate module: everything here must be importable and picklable by a fresh worker
process. The Document (all blocks of a 300-page PDF) dies inside the worker, and for the
pipeline (`process_batch(heads=True)`) only heads travel back: the whole result stays in its
cache entry until an evaluation worker reads it (spool.py).

The cache key is the file's SHA-256 plus what else changes the extraction: the display name,
the manifest fields and a fingerprint of the ingest/extract source code. A changed extractor
therefore never serves stale Submissions, and re-scoring never re-reads a document.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import faulthandler
import functools
import hashlib
import json
import os
import stat
from pathlib import Path

from pydantic import BaseModel, Field

from gxaudit import parsecache
from gxaudit.discover import Input
from gxaudit.model import ReadFailure, Submission

PKG = Path(__file__).resolve().parent
LEGACY_SUFFIXES = {".doc", ".wps", ".xls", ".et"}  # may go through a LibreOffice conversion
IN_WORKER = False  # set in pool workers (worker_init): only there may a stuck file end the process


def worker_init() -> None:
    """ProcessPoolExecutor initializer for every pool that reads files."""
    global IN_WORKER
    IN_WORKER = True


def hard_seconds(path: Path | str) -> float:
    """How long one file may take, reading and extracting, before its worker is ended: well
    past the reader's own time limit (plus a conversion's, for old formats), so this only
    ever catches what that limit cannot interrupt."""
    from gxaudit import ingest

    limits = ingest.DEFAULT
    extra = limits.convert_seconds if Path(path).suffix.lower() in LEGACY_SUFFIXES else 0.0
    return 3 * limits.seconds + extra + 5


_DEVNULL = None


@contextlib.contextmanager
def watchdog(path: Path | str):
    """In a pool worker, end the process if this file is still being read after
    `hard_seconds`. The reader's time limit (SIGALRM) interrupts Python code only; a C
    library looping with the GIL held (pdfium on a pathological file, a regex backtracking)
    ignores it. faulthandler's timer runs in a C thread that needs no GIL; the parent then
    sees a broken pool and retries the batch's files one by one (process_isolated), so only
    the guilty file is lost, as a marked row."""
    global _DEVNULL
    if not IN_WORKER:
        yield
        return
    if _DEVNULL is None:
        _DEVNULL = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the worker
    faulthandler.dump_traceback_later(hard_seconds(path), exit=True, file=_DEVNULL)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


class FileResult(BaseModel):
    display: str
    sha256: str = ""
    submissions: list[Submission] = Field(default_factory=list)
    failed: bool = False
    cached: bool = False
    entry: str | None = None  # the cache (or scratch) file holding this result, once written
    # submission id → rules.peers digests, made while the document was in hand; kept in the
    # entry's head file, not the entry, and remade when the rules want another one
    digests: dict[str, dict] = Field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the sources that shape a Submission (model, ingest, extract)."""
    h = hashlib.sha256()
    files = [PKG / "model.py", *sorted((PKG / "ingest").rglob("*.py")),
             *sorted((PKG / "extract").rglob("*.py"))]
    for f in files:
        h.update(f.relative_to(PKG).as_posix().encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def file_sha256(path: Path) -> str:
    """Hash of a regular file. Opened non-blocking and checked after opening: a FIFO put in
    the file's place would otherwise block the worker forever, and a directory or device
    must fail like any unreadable file (IsADirectoryError)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(errno.EISDIR, "not a regular file", str(path))
        h = hashlib.sha256()
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_OPEN_ERRORS = {errno.ENOENT: "文件在读取前已被删除或移走，请重新放入后再评分",
                errno.EACCES: "没有读取权限，请检查文件权限",
                errno.EPERM: "没有读取权限，请检查文件权限",
                errno.EISDIR: "不是普通文件（文件夹、管道或设备），请报送普通文件"}


def open_failure(inp: Input, exc: OSError) -> ReadFailure:
    why = _OPEN_ERRORS.get(exc.errno, f"{exc.strerror or type(exc).__name__}，请检查文件")
    return ReadFailure(path=inp.display, reason="unreadable", message=f"{inp.display}：无法打开文件（{why}）")


def cache_key(sha: str, inp: Input) -> str:
    extra = json.dumps([inp.display, sorted(inp.manifest.items()), code_fingerprint()],
                       ensure_ascii=False)
    return f"{sha[:32]}-{hashlib.sha256(extra.encode()).hexdigest()[:32]}"


def restore_submission(s: Submission) -> Submission:
    """What JSON cannot say: `published_at` (a Sourced of Any) holds a date, not its ISO
    string, so a Submission read back from JSON equals the freshly extracted one."""
    value = s.published_at.value
    if isinstance(value, str):
        try:
            s.published_at = s.published_at.model_copy(update={"value": dt.date.fromisoformat(value)})
        except ValueError:
            pass
    return s


def restore_types(result: FileResult) -> FileResult:
    for s in result.submissions:
        restore_submission(s)
    return result


def _internal_failure(inp: Input, stage: str, exc: BaseException) -> ReadFailure:
    return ReadFailure(path=inp.display, reason="internal_error",
                       message=f"{inp.display}：{stage}时出错（{type(exc).__name__}: {exc}）。"
                               "请将该文件提交给维护者排查；其他文件的结果不受影响")


def process_file(inp: Input, cache_dir: str | None = None) -> FileResult:
    """Ingest and extract one file; never raises for a bad file (it comes back failed)."""
    return _process(inp, cache_dir)


def process_head(inp: Input, cache_dir: str | None, wanted: dict | None = None) -> FileResult:
    """The same, as the parent gets it (`headed`). A re-run is served from the entry's small
    head file when it holds the digests `wanted`: the whole entry is then never parsed here."""
    return _process(inp, cache_dir, wanted, heads=True)


def _head_file(cache_file: Path) -> Path:
    return cache_file.with_name(cache_file.name.removesuffix(parsecache.SUFFIX) + parsecache.HEAD_SUFFIX)


def _read_head(cache_file: Path, wanted: dict | None) -> FileResult | None:
    head_file = _head_file(cache_file)
    if not (head_file.is_file() and cache_file.is_file()):
        return None
    try:
        data = json.loads(head_file.read_bytes())
        result = restore_types(FileResult.model_validate(data["result"]))
        digests = {sid: {k: (bool(has), base64.b64decode(packed)) for k, (has, packed) in per.items()}
                   for sid, per in data["digests"].items()}
    except (ValueError, KeyError, TypeError):
        return None
    readable = [x.id for x in result.submissions if x.failure is None]
    if any(k not in digests.get(sid, {}) for sid in readable for k in (wanted or {})):
        return None  # the rules changed what they compare: digest the document again
    parsecache.touch(head_file)
    parsecache.touch(cache_file)
    return result.model_copy(update={"cached": True, "entry": str(cache_file),
                                     "digests": {sid: digests[sid] for sid in readable if wanted}})


def _write_head(result: FileResult) -> None:
    from gxaudit.report.atomic import write_text

    data = {"result": result.model_dump(mode="json", exclude={"digests", "entry", "cached"}, exclude_defaults=True),
            "digests": {sid: {k: [has, base64.b64encode(packed).decode()] for k, (has, packed) in per.items()}
                        for sid, per in result.digests.items()}}
    try:
        write_text(_head_file(Path(result.entry)), json.dumps(data, ensure_ascii=False))
    except OSError:
        pass  # a full disk: the next run parses the whole entry instead


def _process(inp: Input, cache_dir: str | None, wanted: dict | None = None, heads: bool = False) -> FileResult:
    from gxaudit import extract

    path = Path(inp.path)
    try:
        sha = file_sha256(path)
    except OSError as exc:
        return FileResult(display=inp.display, failed=True,
                          submissions=[extract.failed_submission(open_failure(inp, exc), inp.manifest or None)])
    cache_file = Path(cache_dir) / f"{cache_key(sha, inp)}.json" if cache_dir else None
    if not heads:
        return _whole(inp, sha, cache_file)
    hit = _read_head(cache_file, wanted) if cache_file is not None else None
    if hit is not None:
        return hit
    result = headed(_whole(inp, sha, cache_file), wanted)
    if result.entry is not None:
        _write_head(result)
    return result


def _whole(inp: Input, sha: str, cache_file: Path | None) -> FileResult:
    """The whole result: from the cache entry, else read and extracted (and cached)."""
    from gxaudit import extract, ingest  # imported in the worker, not at CLI start

    path = Path(inp.path)
    if cache_file is not None and cache_file.is_file():
        try:
            hit = FileResult.model_validate_json(cache_file.read_bytes())
            parsecache.touch(cache_file)  # least recently used goes first (--cache-max-mb)
            return restore_types(hit).model_copy(update={"cached": True, "entry": str(cache_file)})
        except ValueError:
            pass  # a damaged cache entry is rebuilt below
    with watchdog(path):
        try:
            doc = ingest.read_or_fail(path, display=inp.display)
        except Exception as exc:  # noqa: BLE001 - a reader bug must not sink the whole run
            doc = _internal_failure(inp, "读取", exc)
        if isinstance(doc, ReadFailure):
            sub = extract.failed_submission(doc, inp.manifest or None)
            return FileResult(display=inp.display, sha256=sha, failed=True, submissions=[sub])
        try:
            subs = extract.extract(doc, inp.manifest or None)
        except Exception as exc:  # noqa: BLE001 - nor an extractor bug
            sub = extract.failed_submission(_internal_failure(inp, "提取内容", exc), inp.manifest or None)
            return FileResult(display=inp.display, sha256=sha, failed=True, submissions=[sub])
    del doc
    result = FileResult(display=inp.display, sha256=sha, submissions=subs)
    if cache_file is not None:
        from gxaudit.report.atomic import write_text

        # without default values: a third smaller on disk and in memory once read back (every
        # Loc/Cell otherwise comes back with all its field names in __pydantic_fields_set__)
        try:
            write_text(cache_file, result.model_dump_json(exclude_defaults=True))
        except OSError:  # a full disk: this result travels whole instead (spool.Ref.inline)
            return result
        result.entry = str(cache_file)
    return result


# what a head leaves out: the document's content (metadata, failure and renderings stay)
CONTENT: dict = {"sections": [], "tables": {}, "paragraphs": [], "items": [], "columns": [],
                 "rejected": [], "warnings": []}


def head(sub: Submission) -> Submission:
    """A Submission without its content: what the parent holds of a file (see spool.py)."""
    return sub.model_copy(update=CONTENT)


def headed(result: FileResult, wanted: dict | None = None) -> FileResult:
    """The result as the parent gets it: heads only when the whole sits in an entry file,
    with the peer digests the rules `wanted` (rules.peers.needed) of every readable document."""
    update: dict = {}
    if wanted:
        from gxaudit.rules.peers import digests_of

        update["digests"] = {s.id: digests_of(s, wanted) for s in result.submissions if s.failure is None}
    if result.entry is not None:
        update["submissions"] = [head(s) for s in result.submissions]
    return result.model_copy(update=update) if update else result


def process_batch(inputs: list[Input], cache_dir: str | None = None, heads: bool = False,
                  wanted: dict | None = None) -> list[FileResult]:
    """Each result is cut down to heads as soon as it is made: a batch never holds its files'
    documents at once."""
    return [process_head(i, cache_dir, wanted) if heads else process_file(i, cache_dir) for i in inputs]


def crashed(inp: Input) -> FileResult:
    """A file whose reader took its whole process down (a C library crash, the OOM killer)."""
    from gxaudit import extract

    failure = ReadFailure(path=inp.display, reason="crashed",
                          message=f"{inp.display}：读取时处理进程意外退出（文件可能已损坏、过于复杂，"
                                  f"或超过{hard_seconds(inp.path):g}秒仍未完成），请用办公软件另存为新文件后重新提交")
    return FileResult(display=inp.display, failed=True,
                      submissions=[extract.failed_submission(failure, inp.manifest or None)])


def process_isolated(inp: Input, cache_dir: str | None = None) -> FileResult:
    """One file in a process of its own, after a worker died: only the guilty file is lost."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=worker_init) as ex:
        try:
            return ex.submit(process_file, inp, cache_dir).result()
        except BrokenProcessPool:
            return crashed(inp)
