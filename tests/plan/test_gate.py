"""Leaving a session past its R1 gate: the reason gets the text check (no control characters,
at most MAX_REASON characters, never silently cut) and is written under the write lock."""
import pytest

from app.models import GateOverride
from app.plan.answers import Editor
from app.plan.errors import Refused, ValidationFailed
from app.plan.services import MAX_REASON, gate_overrides, get_plan, leave_session
from tests.factories import make_plan


@pytest.mark.parametrize("reason, message", [
    ("Duomenis atsiųs\x00 seniūnija", "valdymo simbolių"),
    ("Duomenis atsiųs\x85 seniūnija", "valdymo simbolių"),
    ("Duomenis atsiųs \ufffd seniūnija", "nepavyko perskaityti"),
    ("ą" * (MAX_REASON + 1), f"ne daugiau kaip {MAX_REASON} simbolių (dabar {MAX_REASON + 1})"),
])
def test_gate_reason_refused_with_a_message_not_cut(engine, reason: str, message: str) -> None:
    ctx = get_plan(engine, make_plan(engine))
    with pytest.raises(Refused) as err:
        leave_session(engine, ctx, 1, reason, Editor())
    assert message in err.value.message.lt and "„Priežastis“" in err.value.message.lt
    assert gate_overrides(engine, ctx.plan.id) == []


def test_gate_reason_is_recorded_whole(engine) -> None:
    ctx = get_plan(engine, make_plan(engine))
    with pytest.raises(ValidationFailed):
        leave_session(engine, ctx, 1, "   ", Editor())
    reason = "Duomenis atsiųs seniūnija.\r\nAntra eilutė " + "ą" * (MAX_REASON - 60)
    leave_session(engine, ctx, 1, reason, Editor())
    [override] = gate_overrides(engine, ctx.plan.id)
    assert isinstance(override, GateOverride) and override.reason == reason.replace("\r\n", "\n")
