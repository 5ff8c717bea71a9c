"""People and access, as a domain (no HTTP): accounts and passwords, server-side sessions,
join codes, memberships, rate limits and the audit log. The web layer (``app/web/auth.py``)
turns requests into calls here; the permission table is ``app/plan/permissions.py``."""
