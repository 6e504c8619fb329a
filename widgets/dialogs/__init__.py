"""Dialogs (views only): opened with ``open()``/``show()``, never ``exec()``."""
