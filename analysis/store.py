"""Writing outputs: atomically (a temporary file in the same folder, then a rename), the same bytes for
the same inputs (office files without the time they were written, in their zip entries or their
document properties), and one writer at a time per output folder (folder_lock)."""
from __future__ import annotations

import os
import re
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

FIXED_TIME = (2000, 1, 1, 0, 0, 0)


_UMASK = os.umask(0o022)
os.umask(_UMASK)


def atomic_write(path: Path, writer) -> None:
    """Write via a temporary file in the same folder, then rename (never a half-written output)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    try:
        writer(Path(tmp))
        os.chmod(tmp, 0o666 & ~_UMASK)        # mkstemp makes 0600; outputs are meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def fixed_properties(props) -> None:
    """Document properties (python-docx core properties, openpyxl workbook properties) that do not
    change from run to run."""
    for name in ("created", "modified"):
        if hasattr(props, name):
            setattr(props, name, datetime(*FIXED_TIME))
    for name in ("last_modified_by", "lastModifiedBy", "creator", "author"):
        if hasattr(props, name):
            setattr(props, name, "tthc-briefs")


def stable_zip(path: Path) -> None:
    """Rewrite a .docx/.xlsx with fixed entry dates (zip entries carry the time they were written)."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = path.with_name(path.name + ".zip-tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" at save time, whatever the properties say
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2000-01-01T00:00:00Z\2", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            out.writestr(fixed, data)
    tmp.replace(path)


class folder_lock:
    """An exclusive lock on an output folder (`<folder>/.lock`, flock): two builds or batches writing
    the same folder take turns instead of interleaving their files. Released when the block ends or
    the process dies."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / ".lock"
        self.fd = None

    def __enter__(self):
        import fcntl
        import os
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o644)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        return self

    def __exit__(self, *_exc_info):
        import fcntl
        import os
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
        return False
