"""Business rules of Kaika: pure Python, standard library only."""
