"""Regional reports (HTML and PDF) generated from the results store."""
