"""Wastewater of industrial parks and clusters, target 7: compliance rules (rules), the KCN/CCN register and its
loading (register), per-unit summaries and the lacking list as tables (report)."""
