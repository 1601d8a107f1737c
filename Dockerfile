# Clause Commons, production image: slim, non-root, with a health check.
# No Docker engine runs on the development machines: this file is kept correct by reading;
# see README, "What was verified where".
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md requirements.lock ./
COPY app ./app
# Installs the dependencies at the versions locked and audited (`make audit`); the service itself
# runs from /srv/commons (its data folders are there).
RUN python -m venv /opt/venv && /opt/venv/bin/pip install -c requirements.lock .

FROM python:3.11-slim-bookworm
# No secret has a default here: COMMONS_SECRET_KEY (and COMMONS_MEILI_KEY with Meilisearch) come
# from the environment at run time; in production the service refuses to start without them.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    COMMONS_ENV=production \
    COMMONS_HOST=0.0.0.0 \
    COMMONS_PORT=8000 \
    COMMONS_DATA_DIR=/var/lib/commons
# FreeDict dictionaries and Apertium pairs for queries across languages, folded into the lexicon
# here, on the machine that builds the image (GPL and CC-BY-SA data: the packages and their
# copyright files stay in the image beside it; see the README's credits). cg3 runs ita-spa's
# constraint grammar, which Debian's package does not pull in.
ARG FREEDICT="deu-eng deu-fra deu-ita deu-nld deu-por deu-spa deu-swe eng-deu eng-fra eng-ita \
  eng-jpn eng-nld eng-por eng-spa eng-swe fra-deu fra-eng fra-ita fra-jpn fra-nld fra-por \
  fra-spa fra-swe ita-deu ita-eng ita-jpn ita-por ita-spa ita-swe jpn-deu jpn-eng jpn-fra \
  nld-deu nld-eng nld-fra nld-ita nld-por nld-spa nld-swe por-deu por-eng por-fra por-spa \
  spa-deu spa-eng spa-por swe-deu swe-eng swe-fra swe-ita swe-jpn swe-nld swe-por swe-spa"
ARG APERTIUM="apertium-eng-spa apertium-fr-es apertium-es-pt apertium-spa-ita cg3"
RUN apt-get update \
    && apt-get install -y --no-install-recommends $(for p in $FREEDICT; do echo dict-freedict-$p; done) \
      $APERTIUM \
    && rm -rf /var/lib/apt/lists/*
ENV COMMONS_LEXICON_PATH=/opt/lexicon/lexicon.sqlite3
RUN groupadd --system commons && useradd --system --gid commons --home-dir /srv/commons commons \
    && mkdir -p /var/lib/commons && chown commons:commons /var/lib/commons
COPY --from=build /opt/venv /opt/venv
RUN COMMONS_ENV=development python -m app.cli lexicon build
WORKDIR /srv/commons
COPY --chown=commons:commons app ./app
COPY --chown=commons:commons migrations ./migrations
COPY --chown=commons:commons seed ./seed
COPY --chown=commons:commons clauses ./clauses
COPY --chown=commons:commons locales ./locales
USER commons
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=4).status == 200 else 1)"]
CMD ["sh", "-c", "python -m app.cli migrate && python -m app.cli seed && exec python -m app.cli serve"]
