"""Serving the app from several processes that share one search index."""
