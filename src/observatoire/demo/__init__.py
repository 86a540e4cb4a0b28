"""The embedded demo observatory: synthetic waves calibrated to the published figures.

:func:`generate_demo` writes every wave as a survey file with its codebook, imports it through the real
import path, and writes the objective indicators; :func:`published_targets` lists the published figures
the waves reproduce. Every value is synthetic (source « synthétique »).
"""

from observatoire.demo.generate import DemoManifest, DemoWave, generate_demo
from observatoire.demo.targets import published_targets

__all__ = ["DemoManifest", "DemoWave", "generate_demo", "published_targets"]
