"""The export pages need a signed-in person: here the client is a coordinator, who may view
and download every plan (app/plan/permissions.py)."""
from __future__ import annotations

import pytest

from tests.factories import login_as


@pytest.fixture
def client(client, engine):  # noqa: ANN001, ANN201
    login_as(client, "coordinator", engine=engine)
    return client
