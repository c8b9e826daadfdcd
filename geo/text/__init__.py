"""Values as people write them and read them, in Vietnamese and English conventions: reading numbers, yes/no and
dates from department files (parse), and writing numbers, percentages and areas for screens and exports (format)."""
