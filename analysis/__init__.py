"""tthc-briefs: read provincial reports on administrative procedures into tidy, sourced facts."""
from .api import load_coverage, load_documents, load_facts, load_findings
from .build import extract_file
from .read import read_document

__all__ = ["load_facts", "load_documents", "load_findings", "load_coverage", "extract_file", "read_document"]
