"""GET /docs: Swagger UI from this service's own files; nothing is fetched from elsewhere."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

HERE = Path(__file__).parent
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clause Commons API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/docs/init.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs() -> str:
    return PAGE


def install_docs(app: FastAPI) -> None:
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path), name="swagger")
    app.mount("/static/docs", StaticFiles(directory=HERE / "static"), name="docs-static")
    app.include_router(router)
