"""« Agir »: the case base (/pratiques/), the catalysts directory (/catalyseurs/), the toolbox (/outils/),
public contributions with moderation, their open-data API and the « Pour agir » section of territory pages.

The matching itself is core (:mod:`observatoire.recommend`); this app owns the curated content (models,
migrations, admin) and turns its rows into the engine's records.
"""
