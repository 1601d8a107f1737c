"""Languages, locales and translated names (Babel, CLDR)."""
