"""What a French public service owes its users: legal notice, personal data, accessibility, site map."""
