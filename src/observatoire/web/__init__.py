"""The web platform (Django): the only layer that imports Django."""
