"""Bulk import of clauses from union archives: spreadsheets, database exports and agreements.

Readers stream rows (`readers`), each row is checked with the API's own rules (`rows`), and the
runner creates, updates or leaves each clause alone, batch by batch (`runner`), writing each
batch with one statement per table (`bulk`, `state`, `repository`). Agreement documents are
split into their articles first (`documents`); the themes suggested for their clauses are kept
for review (`suggestions`).
"""
