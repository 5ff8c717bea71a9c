"""Rate limits stop the guesser, not the person: failures count per (account, address) and per
address, with back-off that doubles; a right password from elsewhere always gets in; a room of
phones behind one address keeps joining when one of them mistypes; PIN guesses count per team
member and address; every wait is said precisely. Time is moved, never slept."""
from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from app.models_people import AuthAttempt
from app.people import joincodes
from app.people.ratelimit import LIMITS
from app.web.messages import wait_text
from tests.auth.test_join_codes import join
from tests.auth.test_sign_in import PASSWORD, sign_in
from tests.factories import add_role, make_person, make_plan

WAIT = re.compile(r"Palaukite (\d+ (?:min\.|s\.))")


@pytest.fixture
def staff(engine) -> int:  # noqa: ANN001
    person = make_person(engine, "Rūta Moderatorė", "ruta@example.lt", PASSWORD)
    add_role(engine, person, "admin")
    return person


def at(client, address: str, port: int = 50000):  # noqa: ANN001, ANN201
    """Another browser, from ``address``."""
    return type(client)(client.app, client=(address, port))


def same_page(text: str) -> str:
    """A page without what differs per browser or per typing: field values, CSRF tokens."""
    return re.sub(r'value="[^"]*"|[0-9a-f]{40}', "", text)


def wait_in(page: str) -> str:
    found = WAIT.search(page)
    assert found, "the refusal says how long to wait"
    return found.group(1)


def test_wait_is_said_in_seconds_or_whole_minutes() -> None:
    assert [wait_text(s) for s in (1, 40, 59, 60, 61, 120, 3600)] == \
        ["1 s.", "40 s.", "59 s.", "1 min.", "2 min.", "2 min.", "60 min."]


def test_back_off_doubles_from_one_minute_to_at_most_an_hour() -> None:
    limit = LIMITS["signin:pair"]
    waits = [limit.wait_after(n) for n in range(limit.free, limit.free + 10)]
    assert waits == [0, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]


def test_right_password_from_own_address_after_30_wrong_tries_elsewhere_signs_in(client, engine, staff,
                                                                                  frozen_clock) -> None:
    attacker = at(client, "203.0.113.9")
    answers = [sign_in(attacker, "ruta@example.lt", f"spėjimas {i}") for i in range(30)]
    assert [r.status_code for r in answers[:5]] == [401] * 5
    assert all(r.status_code == 429 for r in answers[5:])
    assert wait_in(answers[-1].text) == "1 min."
    # even the right password waits from the attacker's address: the pair is in back-off
    assert sign_in(attacker, "ruta@example.lt", PASSWORD).status_code == 429
    user = at(client, "198.51.100.7")
    assert sign_in(user, "ruta@example.lt", PASSWORD).status_code == 303


def test_back_off_grows_with_each_failure_and_lifts(client, engine, staff, frozen_clock) -> None:
    attacker = at(client, "203.0.113.9")
    for _ in range(5):
        assert sign_in(attacker, "ruta@example.lt", "blogai").status_code == 401
    waits = []
    for _ in range(3):
        r = sign_in(attacker, "ruta@example.lt", "blogai")
        assert r.status_code == 429 and "Per daug nesėkmingų bandymų." in r.text
        waits.append(wait_in(r.text))
        frozen_clock.advance(minutes=int(waits[-1].split()[0]), seconds=1)
    assert waits == ["1 min.", "2 min.", "4 min."]
    r = sign_in(attacker, "ruta@example.lt", "blogai")
    assert wait_in(r.text) == "8 min."
    frozen_clock.advance(minutes=7, seconds=40)
    assert wait_in(sign_in(attacker, "ruta@example.lt", PASSWORD).text) == "20 s."
    frozen_clock.advance(seconds=21)
    assert sign_in(attacker, "ruta@example.lt", PASSWORD).status_code == 303


def test_right_password_from_an_abusive_address_is_refused_with_the_wait(client, engine, staff,
                                                                         frozen_clock) -> None:
    bot = at(client, "203.0.113.50")
    free = LIMITS["signin:address"].free
    for i in range(free):  # many accounts, a few tries each: no pair is in back-off
        assert sign_in(bot, f"kitas{i}@example.lt", "blogai").status_code == 401
    assert sign_in(bot, "kitas@example.lt", "blogai").status_code == 429
    r = sign_in(bot, "ruta@example.lt", PASSWORD)
    assert r.status_code == 429 and wait_in(r.text) == "1 min."
    assert sign_in(at(client, "198.51.100.7"), "ruta@example.lt", PASSWORD).status_code == 303
    frozen_clock.advance(minutes=1, seconds=1)
    assert sign_in(bot, "ruta@example.lt", PASSWORD).status_code == 303


def test_limits_live_in_the_database_not_in_one_process(client, engine, staff, frozen_clock) -> None:
    for _ in range(6):
        sign_in(client, "ruta@example.lt", "blogai")
    from starlette.testclient import TestClient

    from app.main import create_app

    with TestClient(create_app()) as other_process:  # a second app on the same database
        assert sign_in(other_process, "ruta@example.lt", PASSWORD).status_code == 429


def test_password_change_guesses_back_off_too(client, engine, staff, frozen_clock) -> None:
    from tests.factories import sign_in_client

    sign_in_client(client, engine, staff)
    for _ in range(5):
        r = client.post("/paskyra", data={"current": "blogai", "password": "naujas slaptažodis",
                                          "repeat": "naujas slaptažodis"})
        assert r.status_code == 422
    r = client.post("/paskyra", data={"current": "blogai", "password": "naujas slaptažodis",
                                      "repeat": "naujas slaptažodis"})
    assert r.status_code == 429 and wait_in(r.text) == "1 min."


@pytest.fixture
def plan(engine) -> int:  # noqa: ANN001
    return make_plan(engine)


def test_one_phone_mistyping_does_not_lock_out_the_room(client, engine, plan, frozen_clock) -> None:
    code = joincodes.create_code(engine, plan, None)
    phones = [at(client, "192.0.2.10", 40000 + i) for i in range(8)]  # one village Wi-Fi
    answers = [join(phones[0], "ABCD-EFGH", "Ona").status_code for _ in range(10)]
    assert answers[:5] == [401] * 5 and set(answers[5:]) == {429}
    r = join(phones[0], code.code, "Ona")  # that phone waits, the right code too
    assert r.status_code == 429 and wait_in(r.text) == "1 min."
    for i, phone in enumerate(phones[1:]):
        assert join(phone, joincodes.shown(code.code), f"Dalyvis {i}").status_code == 303


def test_guessing_codes_with_fresh_cookies_hits_the_address_limit(client, engine, plan, frozen_clock) -> None:
    code = joincodes.create_code(engine, plan, None)
    free = LIMITS["join:address"].free
    for i in range(free + 1):  # a new "device" each time: only the address adds up
        r = join(at(client, "203.0.113.77", 30000 + i), "ABCD-EFGH")
        assert r.status_code == (401 if i < free else 429)
    r = join(at(client, "203.0.113.77", 39999), code.code, "Ona")
    assert r.status_code == 429 and wait_in(r.text) == "1 min."
    assert join(at(client, "192.0.2.10"), code.code, "Ona").status_code == 303


def test_an_invalid_code_reads_the_same_whatever_name_and_pin(client, engine, plan) -> None:
    code = joincodes.create_code(engine, plan, None)
    assert join(client, code.code, "Ona", "2580").status_code == 303
    pages = []
    for name, pin in (("Ona", "1111"), ("Ona", ""), ("Nėra Tokio", "1111"), ("Nėra Tokio", "")):
        r = join(at(client, "198.51.100.1"), "ABCD-EFGH", name, pin)
        pages.append((r.status_code, same_page(r.text)))
    assert len(set(pages)) == 1 and pages[0][0] == 401
    with Session(engine) as db:  # no PIN guess was counted for Ona
        assert not db.exec(select(AuthAttempt).where(AuthAttempt.kind == "pin:pair")).all()


def test_pin_guesses_count_per_member_and_address(client, engine, plan, frozen_clock) -> None:
    code = joincodes.create_code(engine, plan, None, days=30)
    assert join(client, code.code, "Ona", "2580").status_code == 303
    guesser = "203.0.113.5"
    for i, pin in enumerate(("0000", "1111", "2222", "3333", "4444")):
        r = join(at(client, guesser, 20000 + i), code.code, "Ona", pin)
        assert r.status_code == 401 and "PIN kodas neteisingas." in r.text
    wrong = join(at(client, guesser, 20010), code.code, "Ona", "5555")
    frozen_clock.advance(seconds=20)
    right = join(at(client, guesser, 20011), code.code, "Ona", "2580")
    # in back-off the PIN is not checked: a right one reads as the wrong one did, but for the wait
    assert wrong.status_code == right.status_code == 429
    assert wait_in(wrong.text) == "1 min." and wait_in(right.text) == "40 s."
    assert same_page(WAIT.sub("", wrong.text)) == same_page(WAIT.sub("", right.text))
    assert join(at(client, "198.51.100.8"), code.code, "Ona", "2580").status_code == 303  # Ona, elsewhere
    frozen_clock.advance(seconds=41)
    assert join(at(client, guesser, 20012), code.code, "ona", "2580").status_code == 303


def test_name_taken_still_asks_for_the_pin(client, engine, plan) -> None:
    code = joincodes.create_code(engine, plan, None)
    assert join(client, code.code, "Ona", "2580").status_code == 303
    r = join(at(client, "198.51.100.9"), code.code, "Ona")
    assert r.status_code == 422 and "jau yra žmogus tokiu vardu" in r.text
