"""Files and coordinates: the only code that opens files (files), CRS recognition and refusals (crs), legacy
Vietnamese text encodings TCVN3/VNI/Windows-1258 (legacy_text)."""
