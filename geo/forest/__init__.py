"""Forest cover, target 5: official statistics, the class configuration of rasters and cover per unit (cover)."""
