"""Notices in the product: the header count (one query, none for anonymous pages), the list
at /pranesimai, the front pages, the plan page, marking read (only one's own)."""
from __future__ import annotations

from app.people import mailer, notices
from tests.factories import sign_in_client, statements_run
from tests.notices.conftest import free_port


def test_header_counts_unread_notices_in_text_with_one_query(client, engine, world) -> None:
    notices.notify(engine, world.a, "submitted", world.team)
    sign_in_client(client, engine, world.facilitator)
    with statements_run(engine, r" notice") as seen:
        page = client.get("/paskyra").text
    assert '<a class="notice-count has-unread" href="/pranesimai">Pranešimai (1)' in page
    assert len(seen) == 1
    notices.mark_all_read(engine, world.facilitator)
    assert "Pranešimai (0)" in client.get("/paskyra").text


def test_pages_for_anonymous_visitors_never_query_notices(client, engine, world) -> None:
    notices.notify(engine, world.a, "submitted", world.team)
    with statements_run(engine, r" notice") as seen:
        page = client.get("/prisijungti").text
    assert seen == [] and "Pranešimai" not in page


def test_notices_page_lists_unread_first_each_linking_to_its_place(client, engine, world) -> None:
    notices.notify(engine, world.a, "comment", world.facilitator, note="Senas", link=f"/plans/{world.a}/steps/vizija")
    notices.notify(engine, world.a, "returned", world.facilitator, note="Naujas")
    old = notices.unread(engine, world.team)[-1]
    notices.mark_read(engine, world.team, old.id)
    sign_in_client(client, engine, world.team)
    page = client.get("/pranesimai").text
    unread_at, read_at = page.index("Neperskaityti (1)"), page.index("Perskaityti</h2>")
    assert unread_at < page.index("taisyti: Naujas") < read_at < page.index(": Senas")
    assert f'<a href="/plans/{world.a}/steps/vizija">' in page
    assert page.count("Pažymėti perskaitytu<") == 1


def test_marking_one_read_and_someone_elses_is_not_found(client, engine, world) -> None:
    notices.notify(engine, world.a, "comment", world.facilitator)
    mine, theirs = notices.unread(engine, world.team)[0], notices.unread(engine, world.team2)[0]
    sign_in_client(client, engine, world.team)
    r = client.post(f"/pranesimai/{theirs.id}/perskaityta", data={"next": "/pranesimai"}, follow_redirects=False)
    assert r.status_code == 404
    assert notices.unread_count(engine, world.team2) == 1
    r = client.post(f"/pranesimai/{mine.id}/perskaityta", data={"next": "/pranesimai"}, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/pranesimai")
    assert notices.unread_count(engine, world.team) == 0
    assert client.post("/pranesimai/99999999999/perskaityta", follow_redirects=False).status_code in (400, 404)


def test_plan_page_shows_its_notices_and_marks_only_them_read(client, engine, world) -> None:
    from tests.factories import add_role

    add_role(engine, world.facilitator, "facilitator", plan_id=world.b)
    notices.notify(engine, world.a, "submitted", world.team)
    notices.notify(engine, world.b, "submitted", world.b_team)
    sign_in_client(client, engine, world.facilitator)
    page = client.get(f"/plans/{world.a}").text
    assert "Nauji pranešimai apie šį planą (1)" in page and "Jonas Jonaitis pateikė planą" in page
    assert "Kitas Narys" not in page
    r = client.post("/pranesimai/perskaityta", data={"plan": str(world.a), "next": f"/plans/{world.a}"},
                    follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, f"/plans/{world.a}")
    assert "Nauji pranešimai apie šį planą" not in client.get(f"/plans/{world.a}").text
    assert [n.plan_id for n in notices.unread(engine, world.facilitator)] == [world.b]


def test_front_pages_show_unread_notices(client, engine, world) -> None:
    notices.notify(engine, world.a, "returned", world.facilitator, note="Pataisykite viziją")
    notices.notify(engine, world.a, "comment", world.team, note="Ar gerai?")
    sign_in_client(client, engine, world.team)
    page = client.get("/").text
    assert "Nauji pranešimai (1)" in page and "taisyti: Pataisykite viziją" in page
    sign_in_client(client, engine, world.facilitator)
    page = client.get("/darbuotojai").text
    assert "Nauji pranešimai (1)" in page and "Jonas Jonaitis pakomentavo planą" in page
    client.post("/pranesimai/perskaityta", data={"next": "/darbuotojai"})
    assert "Nauji pranešimai" not in client.get("/darbuotojai").text


def test_mark_all_read_with_odd_input_is_never_an_error(client, engine, world) -> None:
    notices.notify(engine, world.a, "comment", world.facilitator)
    sign_in_client(client, engine, world.team)
    r = client.post("/pranesimai/perskaityta", data={"plan": "9" * 400, "next": "//evil.example"},
                    follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/")
    assert notices.unread_count(engine, world.team) == 1


def test_comment_with_a_failing_smtp_server_is_saved_and_the_team_told(client, engine, world, use_smtp) -> None:
    use_smtp(free_port())  # nothing listens there
    sign_in_client(client, engine, world.facilitator)
    r = client.post(f"/plans/{world.a}/komentarai", data={"vieta": "@A", "tekstas": "Patikslinkite pavadinimą"},
                    follow_redirects=False)
    mailer.wait_idle()
    assert r.status_code == 303
    assert notices.unread_count(engine, world.team) == 1
    assert "Patikslinkite pavadinimą" in notices.unread(engine, world.team)[0].text


def test_submitting_with_a_failing_smtp_server_succeeds_and_tells_the_facilitator(client, engine, world,
                                                                                   use_smtp) -> None:
    use_smtp(free_port())  # nothing listens there
    sign_in_client(client, engine, world.team)
    r = client.post(f"/plans/{world.a}/pateikti", data={"note": "Baigėme", "expected": "draft"},
                    follow_redirects=False)
    mailer.wait_idle()
    assert r.status_code == 303
    assert [n.text for n in notices.unread(engine, world.facilitator)] == \
        ["Jonas Jonaitis pateikė planą „Pašilės kaimo bendruomenė“ peržiūrai: Baigėme"]
    assert notices.unread_count(engine, world.team) == 0


def test_submitting_emails_the_facilitator_and_lag_staff(client, engine, world, use_smtp, smtp_server) -> None:
    port, server = smtp_server
    use_smtp(port)
    sign_in_client(client, engine, world.team)
    client.post(f"/plans/{world.a}/pateikti", data={"note": "", "expected": "draft"})
    mailer.wait_idle()
    names = sorted(msg["To"].addresses[0].display_name for _, msg in server.messages)
    assert names == ["Rūta Žilinskienė", "Vida VVG"]
