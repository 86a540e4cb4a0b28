"""Shared vocabulary (domains, populations, partnership typology, levers...) and real territories."""
