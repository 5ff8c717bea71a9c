"""Who is told of what on a plan, the one-line text they read, the unread count, and marking
read (only one's own)."""
from __future__ import annotations

import pytest
from sqlmodel import Session, select

from app.models_review import Notice
from app.people import notices
from app.plan.errors import NotFound
from tests.factories import answer


def told(engine, plan_id: int, kind: str) -> set[int]:  # noqa: ANN001
    with Session(engine) as db:
        return {n.person_id for n in db.exec(select(Notice).where(Notice.plan_id == plan_id, Notice.kind == kind))}


def test_submitted_tells_facilitators_and_lag_staff_not_the_team_nor_the_actor(engine, world) -> None:
    assert notices.notify(engine, world.a, "submitted", world.team) == 2
    assert told(engine, world.a, "submitted") == {world.facilitator, world.lag_staff}


@pytest.mark.parametrize("kind", ["returned", "approved", "reopened"])
def test_decisions_tell_team_and_facilitators_never_the_actor(engine, world, kind: str) -> None:
    assert notices.notify(engine, world.a, kind, world.facilitator, note="Trūksta poreikių") == 2
    assert told(engine, world.a, kind) == {world.team, world.team2}


def test_decision_by_lag_staff_tells_the_facilitator_too(engine, world) -> None:
    notices.notify(engine, world.a, "approved", world.lag_staff)
    assert told(engine, world.a, "approved") == {world.team, world.team2, world.facilitator}


def test_comment_tells_everyone_on_the_plan_except_its_author(engine, world) -> None:
    assert notices.notify(engine, world.a, "comment", world.team, note="Ar tikrai?") == 2
    assert told(engine, world.a, "comment") == {world.team2, world.facilitator}


def test_member_of_another_plan_or_lag_is_never_told(engine, world) -> None:
    for kind in notices.KINDS:
        notices.notify(engine, world.a, kind, world.admin)
    everyone = set().union(*(told(engine, world.a, kind) for kind in notices.KINDS))
    assert everyone == {world.team, world.team2, world.facilitator, world.lag_staff}
    assert not {world.b_team, world.b_facilitator, world.b_lag_staff, world.admin} & everyone
    assert told(engine, world.b, "submitted") == set()


def test_unknown_kind_is_refused(engine, world) -> None:
    with pytest.raises(ValueError):
        notices.notify(engine, world.a, "deleted", world.team)


def test_text_names_who_did_what_to_which_plan_with_the_note(engine, world) -> None:
    answer(engine, world.a, "plan_title", "Pašilės ateitis")
    notices.notify(engine, world.a, "returned", world.facilitator, note="Trūksta\nposėdžio datos")
    [item] = notices.unread(engine, world.team)
    assert item.text == "Rūta Žilinskienė grąžino planą „Pašilės ateitis“ taisyti: Trūksta posėdžio datos"
    assert item.link == f"/plans/{world.a}"


def test_text_without_a_title_uses_the_community_and_stays_within_500(engine, world) -> None:
    notices.notify(engine, world.a, "comment", world.facilitator, note="ž" * 2000)
    [item] = notices.unread(engine, world.team)
    assert item.text.startswith("Rūta Žilinskienė pakomentavo planą „Pašilės kaimo bendruomenė“: žž")
    assert len(item.text) == 500 and item.text.endswith("…")


def test_link_outside_the_product_becomes_the_plan_page(engine, world) -> None:
    notices.notify(engine, world.a, "comment", world.facilitator, link="//evil.example/x")
    notices.notify(engine, world.a, "comment", world.facilitator, link=f"/plans/{world.a}/steps/vizija#c-vision")
    links = [n.link for n in notices.unread(engine, world.team)]
    assert links == [f"/plans/{world.a}/steps/vizija#c-vision", f"/plans/{world.a}"]


def test_unread_count_and_marking_one_read(engine, world) -> None:
    notices.notify(engine, world.a, "comment", world.facilitator, note="Pirmas")
    notices.notify(engine, world.a, "returned", world.facilitator, note="Antras")
    assert notices.unread_count(engine, world.team) == 2
    newest, oldest = notices.unread(engine, world.team)
    assert newest.kind == "returned" and oldest.kind == "comment"
    notices.mark_read(engine, world.team, oldest.id)
    assert notices.unread_count(engine, world.team) == 1
    assert [n.kind for n in notices.recent(engine, world.team)] == ["returned", "comment"]
    assert notices.unread_count(engine, world.team2) == 2  # the same news for another person stays unread


def test_someone_elses_notice_cannot_be_marked_read(engine, world) -> None:
    notices.notify(engine, world.a, "comment", world.facilitator)
    [mine] = notices.unread(engine, world.team)
    with pytest.raises(NotFound):
        notices.mark_read(engine, world.team2, mine.id)
    with pytest.raises(NotFound):
        notices.mark_read(engine, world.team, mine.id + 1000)
    assert notices.unread_count(engine, world.team) == 1


def test_marking_a_plans_notices_read_leaves_other_plans_and_people(engine, world) -> None:
    from tests.factories import add_role

    add_role(engine, world.facilitator, "facilitator", plan_id=world.b)
    notices.notify(engine, world.a, "submitted", world.team)
    notices.notify(engine, world.b, "submitted", world.b_team)
    assert notices.unread_count(engine, world.facilitator) == 2
    assert notices.mark_all_read(engine, world.facilitator, world.a) == 1
    assert [n.plan_id for n in notices.unread(engine, world.facilitator)] == [world.b]
    assert notices.plan_unread(engine, world.lag_staff, world.a)  # the LAG staff's copy stays
    assert notices.mark_all_read(engine, world.facilitator) == 1
    assert notices.unread_count(engine, world.facilitator) == 0
