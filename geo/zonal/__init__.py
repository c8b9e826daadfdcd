"""Exact zonal statistics of class rasters: the one entry that picks the method by the raster's CRS (entry), rasters
in metres (stats), rasters in degrees (geographic), coverage fractions by ring sweep (engine), input checks and the
result cache (checks)."""
