"""Language analysis shared by every search backend and the lexicon: folding and tokens
(analyzer), stop words, Snowball stemming, the query's language and its syntax (query)."""
