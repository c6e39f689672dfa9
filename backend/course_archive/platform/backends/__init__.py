"""Backends of ``course_archive.platform``: one module of plain functions per kind of host."""
