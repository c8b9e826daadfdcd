"""Every dataset the platform holds, declared once: its columns (type, unit, allowed values, range, uniqueness,
titles in Vietnamese and English, the headers people write), its geometry kind, the columns that identify a row and
the files that hold it (spec, and one module per domain: wastewater, air, progress, forest, units), the registry of
them all (registry), validation against a declaration (validate), reading a dataset's file validated whole (load),
and Excel sheets made from a declaration (excel). Loaders, templates, error messages and map layers read these."""
