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
