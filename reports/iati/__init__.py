"""IATI 2.03 activity files: the tracker's projects as `iati-activity` elements (docs/iati.md).

Pure: the app loads plain records (reports.iati.types), this package maps the tracker's
vocabularies to IATI codelists (reports.iati.mappings) and writes the XML (reports.iati.writer).
"""
