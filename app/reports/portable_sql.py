"""Two SQL functions that SQLite and PostgreSQL spell differently, compiled per dialect.

The report needs "the latest of these timestamps" and "does this text contain that text"
inside one aggregate query; writing them here keeps the query itself dialect-free.
"""
from __future__ import annotations

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import Integer


class greatest_of(GenericFunction):
    """The largest of its arguments (callers COALESCE away NULLs: the dialects differ there)."""

    name = "greatest_of"
    inherit_cache = True

    def __init__(self, *args, type_=None, **kwargs):
        super().__init__(*args, **kwargs)
        if type_ is not None:
            self.type = type_


@compiles(greatest_of)
def _greatest_default(element, compiler, **kw):
    return f"greatest({compiler.process(element.clauses, **kw)})"


@compiles(greatest_of, "sqlite")
def _greatest_sqlite(element, compiler, **kw):
    # SQLite's max() with several arguments is a scalar function, not the aggregate.
    return f"max({compiler.process(element.clauses, **kw)})"


class text_position(GenericFunction):
    """1-based position of ``needle`` in ``haystack``, 0 when absent. No LIKE wildcards."""

    name = "text_position"
    type = Integer()
    inherit_cache = True


@compiles(text_position)
def _position_default(element, compiler, **kw):
    haystack, needle = list(element.clauses)
    return f"strpos({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)})"


@compiles(text_position, "sqlite")
def _position_sqlite(element, compiler, **kw):
    haystack, needle = list(element.clauses)
    return f"instr({compiler.process(haystack, **kw)}, {compiler.process(needle, **kw)})"
