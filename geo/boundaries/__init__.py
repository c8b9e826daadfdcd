"""Administrative units: the boundary data pipeline (build), upstream sources pinned by hash (sources), name
normalisation and matching (names), relations between the 2019 districts and 2025 communes (units)."""
