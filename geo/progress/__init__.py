"""Progress toward the plan's 15 targets: indicators and status rules (status), figures computed by the app that feed
the indicator table (feeds), the Excel template for the department's figures (template)."""
