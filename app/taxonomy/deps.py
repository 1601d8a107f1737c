"""The loaded taxonomy, as a request dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from app.taxonomy.model import Taxonomy


async def get_taxonomy(request: Request) -> Taxonomy:
    taxonomy: Taxonomy = request.app.state.taxonomy
    return taxonomy


TaxonomyDep = Annotated[Taxonomy, Depends(get_taxonomy)]
