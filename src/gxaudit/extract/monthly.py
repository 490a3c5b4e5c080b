"""Which monthly reader a table document goes to: a site snapshot or a publication log.

Called first by `gxaudit.extract.extract`; returns None for anything else, which then goes
the annual-report way. The office's `[monthly]` settings arrive in the manifest
(`monthlyconf`), so the same file reads the same way in a worker process and in a test.
"""

from __future__ import annotations

from gxaudit.extract import monthlyconf, publog, snapshot
from gxaudit.model import Document, Submission


def submissions(doc: Document, manifest: dict[str, str] | None = None) -> list[Submission] | None:
    if not any(b.kind == "table" for b in doc.blocks):
        return None
    settings = monthlyconf.decode(manifest)
    man = {k: v for k, v in (manifest or {}).items() if k != monthlyconf.MANIFEST_KEY}
    block = snapshot.snapshot_table(doc)
    if block is not None:
        return snapshot.extract_snapshot(doc, block, man, settings.column_map, settings.site_agency,
                                         settings.site_kind)
    block = publog.log_table(doc)
    if block is not None:
        return publog.extract_log(doc, block, man, settings.column_map, settings.roster)
    return None
