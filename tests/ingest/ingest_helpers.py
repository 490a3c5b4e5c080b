"""Helpers shared by the ingest tests (named apart from other areas' helper modules)."""

from __future__ import annotations

import shutil
import subprocess


def lo_convert(src, target: str, d):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is a test dependency: apt-get install libreoffice-writer-nogui"
    subprocess.run([soffice, f"-env:UserInstallation=file://{d}/profile", "--headless", "--convert-to", target,
                    "--outdir", str(d / "out"), str(src)], check=True, capture_output=True, timeout=180,
                   env={"HOME": str(d), "PATH": "/usr/bin:/bin"})
    out = d / "out" / f"{src.stem}.{target}"
    assert out.is_file()
    return out


def read_with_stuck_txt_reader(path, seconds: float):
    """In a worker process: read `path` with a .txt reader stuck in Python code."""
    import time

    from gxaudit import ingest
    from gxaudit.ingest.limits import Limits

    def spin(ctx):
        for _ in range(1000):
            time.sleep(0.01)

    ingest.READERS["txt"] = spin
    return ingest.read_or_fail(path, "slow.txt", Limits(seconds=seconds))
