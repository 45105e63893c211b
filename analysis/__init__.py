"""tthc-briefs: read provincial reports on administrative procedures into tidy, sourced facts."""
from .build import extract_file
from .read import read_document

__all__ = ["load_facts", "load_documents", "load_findings", "load_coverage", "extract_file", "read_document"]


def __getattr__(name: str):
    # the table loaders need pandas, which the command line's `check` and `extract` of one file do without (it is
    # most of their start-up): imported on first use
    if name in ("load_facts", "load_documents", "load_findings", "load_coverage"):
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")
