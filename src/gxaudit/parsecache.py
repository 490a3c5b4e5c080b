"""The parse cache's upkeep: least-recently-used eviction under a size bound.

Why: an office re-scores the same folder after every correction, so the cache (one JSON file
of Submissions per input, keyed by content hash + extractor fingerprint, see filejobs.py)
makes the second run skip ingest and extract. Left alone it grows with every version of
every file ever received; `--cache-max-mb` (or `[cache] max_mb`) bounds it.

"Recently used" is the file's access time, which a cache hit sets explicitly (`touch`), so
mounts with noatime/relatime do not matter. Pruning runs in the parent after the workers
are done, so it never races a worker writing an entry; during one run the cache may
therefore exceed the bound by that run's new entries, never afterwards.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

SUFFIX = ".json"
HEAD_SUFFIX = ".head.json"  # beside an entry: its heads and 雷同 digests (filejobs.process_head)
SCRATCH_PREFIX = ".run-"  # a run's scratch folder inside the cache (pipeline.run): not an entry
STALE_SCRATCH_S = 24 * 3600  # a scratch folder this old belongs to a run that was killed


def touch(entry: Path) -> None:
    """Mark a cache entry as used now (access time); a vanished entry is not an error."""
    now = time.time()
    try:
        st = entry.stat()
        os.utime(entry, (now, st.st_mtime))
    except OSError:
        pass


def _listed(cache_dir: Path | str, keep) -> list[tuple[os.DirEntry, os.stat_result]]:
    """(entry, its stat) of what `keep(entry)` accepts in the cache folder; a folder or an
    entry that cannot be read is skipped, never an error."""
    out = []
    try:
        it = os.scandir(cache_dir)
    except OSError:
        return []
    with it:
        for e in it:
            try:
                if keep(e):
                    out.append((e, e.stat(follow_symlinks=False)))
            except OSError:
                continue
    return out


def entries(cache_dir: Path) -> list[tuple[float, int, Path]]:
    """(last use, size, path) of every cache entry, least recently used first."""
    found = _listed(cache_dir, lambda e: e.name.endswith(SUFFIX) and e.is_file(follow_symlinks=False))
    out = [(max(st.st_atime, st.st_mtime), st.st_size, Path(e.path)) for e, st in found]
    out.sort(key=lambda t: (t[0], t[2].name))
    return out


def prune(cache_dir: Path | str | None, max_bytes: int | None) -> list[Path]:
    """Delete least-recently-used entries until the cache holds at most `max_bytes`.

    Returns the deleted paths (oldest first). None or a negative bound: no limit.
    """
    if cache_dir is None or max_bytes is None or max_bytes < 0:
        return []
    found = entries(Path(cache_dir))
    total = sum(size for _, size, _ in found)
    removed = []
    for _, size, path in found:
        if total <= max_bytes:
            break
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            continue
        total -= size
        removed.append(path)
    return removed


def sweep(cache_dir: Path | str | None, now: float | None = None) -> list[Path]:
    """Remove scratch folders that killed runs left in the cache (a live run's is younger
    than a day: its folder's time is refreshed by every entry written into it)."""
    if cache_dir is None:
        return []
    now = time.time() if now is None else now
    stale = [Path(e.path) for e, st in _listed(
        cache_dir, lambda e: e.name.startswith(SCRATCH_PREFIX) and e.is_dir(follow_symlinks=False))
        if now - st.st_mtime >= STALE_SCRATCH_S]
    for path in stale:
        shutil.rmtree(path, ignore_errors=True)
    return sorted(stale)
