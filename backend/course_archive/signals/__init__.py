"""Signals the plugin listens to, and their receivers (``handlers``)."""
