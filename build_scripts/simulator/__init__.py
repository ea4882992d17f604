"""Build-time parts of the in-browser simulator (page simulateur/): forms generated from the
compiled referential, and the page body that holds them. The MkDocs hook
build_scripts/hooks/simulator.py puts them in the page; docs/simulateur/ holds its scripts."""
from .forms import Forms, FormsError
from .page import simulator_html

__all__ = ["Forms", "FormsError", "simulator_html"]
