"""Build-time parts of the in-browser simulator (page simulateur/): forms generated from the
compiled referential, the page body that holds them, and the files the page loads (assets.py).
The generate step (build_scripts/generate.py) puts them in build/docs/; docs/simulateur/ holds
the page's scripts."""
from .forms import Forms, FormsError
from .page import simulator_html

__all__ = ["Forms", "FormsError", "simulator_html"]
