"""MkDocs hook, optional: the theme's templates are rendered without the indentation and line
breaks their own {% … %} tags leave (Jinja's trim_blocks and lstrip_blocks), which make up a
tenth of every page: the navigation alone is written over about 900 mostly blank lines. Only
template whitespace goes; the pages' content and the spaces between words stay as they are.
Without this hook (Zensical ignores hooks) the pages are the same, a little larger.
"""
from __future__ import annotations


def on_env(env, config, files):
    env.trim_blocks = True
    env.lstrip_blocks = True
    return env
