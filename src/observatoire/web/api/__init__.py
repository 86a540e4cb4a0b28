"""The open-data API: the published results as JSON or CSV, territories, domains, and its OpenAPI schema."""
