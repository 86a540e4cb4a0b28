"""Design-based survey estimation (as R's survey package), tests and calibration."""
