"""Search: one contract, a built-in engine and a Meilisearch adapter, fed by an outbox."""
