"""The web front-end: server-rendered pages over the same services as the API."""
