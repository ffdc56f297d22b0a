"""A mistyped date in the report and audit filters is shown back as text, never as markup."""
from __future__ import annotations

import pytest

PAYLOAD = '"><ScRiPt>alert(1)</sCrIpT>'


@pytest.mark.parametrize("field", ["since", "until"])
@pytest.mark.parametrize(("username", "path"), [("ha", "/reports/?by=district"), ("ha", "/admin/audit/?")])
def test_a_mistyped_date_is_escaped_where_it_is_shown_back(client, login, people, username, path, field):
    login(username)
    page = client.get(f"{path}&{field}={PAYLOAD}").get_data(as_text=True)
    assert "<ScRiPt>" not in page  # shown as &lt;ScRiPt&gt; or %3CScRiPt%3E in a link
    assert "&lt;ScRiPt&gt;" in page or field not in page
