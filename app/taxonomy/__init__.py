"""PSI's collective bargaining taxonomy: themes, sub-themes, data lifecycle phases, regions."""
