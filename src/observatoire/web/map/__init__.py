"""The map: a choropleth of régions or départements for a domain and a lens, and its data as JSON."""
