"""Agreement documents (DOCX, PDF, HTML, plain text) cut into their articles, as import rows."""
