"""String catalogues, one module per area of the app.

Each module defines ``STRINGS: dict[str, tuple[str, str]]``: key -> (English, Simplified
Chinese). Keys are namespaced by area ("fig.", "cell.", ...) so modules never collide.
"""
