"""Plano vedlys: community development plans with an advocacy part, written in three workshops."""
