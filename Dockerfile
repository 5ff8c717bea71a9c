# Plano vedlys: a slim image that applies migrations, then serves with uvicorn.
# DATABASE_URL selects the database (SQLite file under /app/data by default, or
# postgresql+psycopg://user:pass@host/db); SECRET_KEY must be set in production.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite:////app/data/plano.db HOST=0.0.0.0 PORT=8000

WORKDIR /app
RUN useradd --create-home --uid 10001 plano
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY plan_templates ./plan_templates
# editable: the app reads plan_templates/ and migrations/ beside its code
RUN pip install -e . && mkdir -p /app/data && chown -R plano:plano /app/data

USER plano
EXPOSE 8000
CMD ["sh", "-c", "python -m app migrate && exec python -m uvicorn app.asgi:app --host \"$HOST\" --port \"$PORT\" --proxy-headers"]
