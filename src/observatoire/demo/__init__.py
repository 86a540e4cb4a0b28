"""The embedded demo observatory: synthetic waves calibrated to the published figures."""
