"""Everything that turns referentiels/ into the site and the simulator (not shipped in the wheel).

Imported as one package (``build_scripts.x``) from the editable install; no module edits
``sys.path``. Entry points: ``python -m build_scripts.compile_referentiels`` (the checker's
JSON) and ``python -m build_scripts.generate`` (the site's sources in build/docs/).
"""
