"""Layer declarations, their registry, the validating loader and folium rendering. Never imports streamlit."""
