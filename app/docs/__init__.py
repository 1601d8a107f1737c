"""The API documentation page, served with Swagger UI's files from its PyPI package."""
