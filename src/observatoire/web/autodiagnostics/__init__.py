"""Self-assessments (« autodiagnostics »): the questionnaire pages, the result, the PDF, the
stateless scoring API and the peer aggregates. The questionnaires themselves are data read by
``observatoire.questionnaires``; this app owns the answers (Django models, its own migrations)."""
