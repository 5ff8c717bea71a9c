"""``python -m app create-admin``: the first administrator (asks for what the flags omit; the
password is typed twice and never echoed)."""
from __future__ import annotations

import argparse
import getpass

from app.cli import register


def _args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--email", help="e-mail address to sign in with")
    p.add_argument("--name", help="name shown to others")
    p.add_argument("--password", help="password (asked for when omitted; better not on a shared shell)")


def _run(args: argparse.Namespace) -> int:
    from app.db import get_engine
    from app.people.accounts import create_admin
    from app.people.errors import InvalidInput
    from app.web.messages import MESSAGES

    email = args.email or input("El. pašto adresas: ").strip()
    name = args.name or input("Vardas ir pavardė: ").strip() or email
    password = args.password
    if password is None:
        password = getpass.getpass("Slaptažodis (bent 10 ženklų): ")
        if getpass.getpass("Pakartokite slaptažodį: ") != password:
            print(MESSAGES["password_mismatch"])
            return 2
    try:
        create_admin(get_engine(), email, name[:120], password)
    except InvalidInput as exc:
        print(MESSAGES.get(exc.code, exc.code))
        return 2
    print(f"Administratorius sukurtas: {email.strip().lower()}. Prisijunkite adresu /prisijungti.")
    return 0


register("create-admin", "create the first administrator (or make an account one)", _args, _run)
