"""tthc-briefs: read provincial reports on administrative procedures into tidy, sourced facts."""
from .api import load_documents, load_facts
from .build import extract_file
from .read import read_document

__all__ = ["load_facts", "load_documents", "extract_file", "read_document"]
