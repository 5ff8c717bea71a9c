"""Settings: the one reader of the environment. ``make run`` works with no configuration."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parents[1]
PLACEHOLDER_SECRET = "dev-only-not-secret"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    database_url: str = f"sqlite:///{ROOT / 'data' / 'plano.db'}"
    secret_key: str = PLACEHOLDER_SECRET
    environment: str = "development"  # "production" refuses the placeholder secret key
    secure_cookies: bool = False
    port: int = 8000
    host: str = "127.0.0.1"
    default_lang: str = "lt"
    # Debounce of autosave while typing, in milliseconds (the page reads it).
    autosave_delay_ms: int = 800
    # How often a step page asks for others' changes (live refresh), in seconds.
    live_refresh_seconds: int = 5
    # argon2 cost of passwords and PINs: "standard" (~0.1 s a hash) or "fast" (tests only)
    password_hashing: str = "standard"
    # E-mail of notices (app.people.mailer): no SMTP host, no e-mail (notices stay in the product).
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_from: str = "Plano vedlys <plano-vedlys@localhost>"
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = False
    # Where people open the product: the links in e-mails start with it.
    public_url: str = "http://127.0.0.1:8000"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def check(self) -> None:
        """Refuse to run production with the placeholder secret."""
        if self.environment == "production" and self.secret_key in ("", PLACEHOLDER_SECRET):
            raise RuntimeError("SECRET_KEY must be set to a real secret in production")
        if self.environment == "production" and self.password_hashing != "standard":
            raise RuntimeError("PASSWORD_HASHING=fast is for tests only")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
