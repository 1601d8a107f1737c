"""Languages, locales, gettext catalogs and translated names (Babel, CLDR)."""
