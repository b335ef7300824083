"""Shared user interface: forms and the text rule, writes, downloads, navigation, templates."""
