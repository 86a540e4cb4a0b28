"""The platform's pages: home, search, territory, compare, methodology (server-rendered, French)."""
