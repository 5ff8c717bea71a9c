"""E-mail of notices: one plain-text letter per notice to a person with an e-mail address, sent
with ``smtplib`` by one background thread (never in a request's thread, never in the event
loop), only when ``smtp_host`` is set. A failing server is logged; the notice stays in the
product and is tried again with the next notice (for two days)."""
from __future__ import annotations

import logging
import smtplib
import ssl
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from app.config import Settings, get_settings
from app.db import write_lock
from app.models import Community, Person, Plan
from app.models_review import Notice
from app.people import clock
from app.plan.content import Text

log = logging.getLogger(__name__)
notice_t = Notice.__table__
MAX_AGE = timedelta(days=2)  # an older notice is not e-mailed any more: it would be stale news
BATCH = 200
TIMEOUT = 20  # seconds for the SMTP server to answer

SUBJECTS = {
    "submitted": Text("Planas pateiktas peržiūrai", "A plan was submitted for review"),
    "returned": Text("Planas grąžintas taisyti", "A plan was returned for changes"),
    "approved": Text("Planas patvirtintas", "A plan was approved"),
    "reopened": Text("Planas vėl atvertas taisyti", "A plan was reopened for changes"),
    "comment": Text("Naujas komentaras plane", "A new comment on a plan"),
}
GREETING = Text("Sveiki, {name},", "Hello {name},")
OPEN = Text("Atverti:", "Open:")
ALL = Text("Visi jūsų pranešimai:", "All your notices:")
COMMUNITY = Text("Bendruomenė:", "Community:")
FOOTER = Text("Šį laišką automatiškai išsiuntė Plano vedlys. Atsakyti į jį nereikia.",
              "This message was sent automatically by Plano vedlys. There is no need to reply.")
BRAND = "Plano vedlys"


@dataclass(frozen=True)
class Outgoing:
    """A notice waiting to be e-mailed, with what the letter needs."""

    notice_id: int
    email: str
    name: str
    kind: str
    text: str
    link: str
    lang: str
    community: str


def pending(engine: Engine, limit: int = BATCH) -> list[Outgoing]:
    """Notices of the last two days not yet e-mailed, to people who have an e-mail address."""
    n, p = notice_t.c, Person.__table__.c
    query = (select(n.id, p.email, p.name, n.kind, n.text, n.link, Plan.__table__.c.lang,
                    Community.__table__.c.name.label("community"))
             .join(Person.__table__, p.id == n.person_id)
             .join(Plan.__table__, Plan.__table__.c.id == n.plan_id)
             .join(Community.__table__, Community.__table__.c.id == Plan.__table__.c.community_id)
             .where(n.emailed_at.is_(None), p.email.is_not(None), p.email != "",
                    n.created_at >= clock.now() - MAX_AGE)
             .order_by(n.id).limit(limit))
    with engine.connect() as conn:
        return [Outgoing(r.id, r.email, r.name, r.kind, r.text, r.link, r.lang, r.community)
                for r in conn.execute(query)]


def compose(item: Outgoing, settings: Settings) -> EmailMessage:
    """The letter: subject and plain-text body in the plan's language (Lithuanian by default),
    UTF-8, with the link to the place in the plan and to all the person's notices."""
    lang = item.lang if item.lang in ("lt", "en") else "lt"
    base = settings.public_url.rstrip("/")
    subject = SUBJECTS.get(item.kind, SUBJECTS["comment"]).get(lang)
    msg = EmailMessage()
    msg["Subject"] = f"{subject} – {BRAND}"
    msg["From"] = settings.smtp_from
    msg["To"] = formataddr((item.name, item.email))
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="plano-vedlys")
    msg["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a robot
    body = "\n".join([
        GREETING.get(lang).format(name=item.name), "",
        item.text, "",
        f"{COMMUNITY.get(lang)} {item.community}",
        f"{OPEN.get(lang)} {base}{item.link}", "",
        f"{ALL.get(lang)} {base}/pranesimai", "",
        "-- ", FOOTER.get(lang), ""])
    msg.set_content(body, charset="utf-8", cte="quoted-printable")
    return msg


def _claim(engine: Engine, notice_id: int) -> bool:
    """Take a notice for sending; another thread or app process that took it first wins, so
    a letter goes out once. Released again if sending fails."""
    with write_lock(engine), engine.begin() as conn:
        return conn.execute(update(notice_t).where(notice_t.c.id == notice_id, notice_t.c.emailed_at.is_(None))
                            .values(emailed_at=clock.now())).rowcount == 1


def _release(engine: Engine, notice_ids: list[int]) -> None:
    if notice_ids:
        with write_lock(engine), engine.begin() as conn:
            conn.execute(update(notice_t).where(notice_t.c.id.in_(notice_ids)).values(emailed_at=None))


# What one refused letter raises: the others in the batch still go.
ONE_LETTER = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError,
              smtplib.SMTPNotSupportedError, ValueError)


def send_pending(engine: Engine, settings: Settings | None = None) -> int:
    """Send every pending letter now and return how many went (``emailed_at`` set on those).
    Tests call this directly; the app runs it in the background (``schedule``). Never raises
    for a failing server: it logs, and the notices wait for the next try."""
    settings = settings or get_settings()
    if not settings.smtp_host:
        return 0
    claimed = [item for item in pending(engine) if _claim(engine, item.notice_id)]
    if not claimed:
        return 0
    sent: set[int] = set()
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=TIMEOUT) as smtp:
            if settings.smtp_starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
            for item in claimed:
                try:
                    smtp.send_message(compose(item, settings))
                except ONE_LETTER as exc:
                    log.warning("notice %s not e-mailed to person's address: %s", item.notice_id, exc)
                    continue
                sent.add(item.notice_id)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("e-mail of notices failed (%s:%s): %s", settings.smtp_host, settings.smtp_port, exc)
    finally:
        _release(engine, [item.notice_id for item in claimed if item.notice_id not in sent])
    return len(sent)


_executor: ThreadPoolExecutor | None = None
_queued: Future | None = None
_lock = threading.Lock()


def _run(engine: Engine, settings: Settings) -> int:
    try:
        return send_pending(engine, settings)
    except Exception:  # a background thread has nobody to tell: log it, keep the thread alive
        log.exception("e-mail of notices failed")
        return 0


def schedule(engine: Engine, settings: Settings | None = None) -> Future | None:
    """Send pending letters in the background thread (nothing without ``smtp_host``). A run
    already waiting to start will see the new notices too, so none is queued after it."""
    global _executor, _queued
    settings = settings or get_settings()
    if not settings.smtp_host:
        return None
    with _lock:
        if _queued is not None and not _queued.running() and not _queued.done():
            return _queued
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notice-mailer")
        _queued = _executor.submit(_run, engine, settings)
        return _queued


def wait_idle(timeout: float = 60) -> None:
    """Return when the background thread has sent what was scheduled (tests, shutdown)."""
    with _lock:
        last = _queued
    if last is not None:
        last.result(timeout=timeout)
