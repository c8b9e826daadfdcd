"""Exact zonal statistics of class rasters: the entry that picks the method by the raster CRS (stats), coverage
fractions by ring sweep (engine), input checks and the result cache (checks), rasters in degrees (geographic)."""
