"""Files and coordinates: the only code that opens files (files), CRS recognition and refusals (crs), legacy
Vietnamese text encodings TCVN3/VNI/Windows-1258 (legacy_text), spreadsheet cells that must not run as formulas in
tables written for people (cells)."""
