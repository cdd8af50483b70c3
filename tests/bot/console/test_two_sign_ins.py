"""The advisors' and the commissioners' sign-in pages each have a pre-login cookie of their own:
opening one in a tab does not spoil the form open in the other, and a token from one page never
signs anyone in on the other."""

from __future__ import annotations

import re

from tests.bot.console.ledger_world import LedgerWorld
from tests.bot.console.world import HX, PASSWORD, Browser

ADVISOR = ("/console/login", "lee@north.nhs.uk")
COMMISSIONER = ("/console/commissioner/login", "cara@icb.nhs.uk")


async def _form(browser: Browser, path: str) -> str:
    """Open a sign-in page (as a tab would) and keep its form's token."""
    page = await browser.http.get(path)
    assert page.status_code == 200
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found is not None
    return found.group(1)


async def _sign_in(browser: Browser, page: tuple[str, str], token: str) -> int:
    path, email = page
    response = await browser.http.post(
        path, data={"csrf": token, "email": email, "password": PASSWORD}, headers=HX
    )
    return response.status_code


async def test_both_sign_in_pages_open_in_two_tabs_both_work_in_either_order(
    books: LedgerWorld,
) -> None:
    for first, second in ((ADVISOR, COMMISSIONER), (COMMISSIONER, ADVISOR)):
        browser = books.world.client(address="10.0.0.20")
        first_token = await _form(browser, first[0])  # tab 1
        second_token = await _form(browser, second[0])  # tab 2, opened after
        assert await _sign_in(browser, first, first_token) == 204  # tab 1 still works
        assert await _sign_in(browser, second, second_token) == 204  # and so does tab 2
        assert (await browser.http.get("/console/claims")).status_code == 200
        assert (await browser.http.get("/console/commissioner/claims")).status_code == 200
        await browser.aclose()
    assert not books.world.audit("refused")


async def test_a_token_from_one_sign_in_page_never_passes_on_the_other(
    books: LedgerWorld,
) -> None:
    browser = books.world.client(address="10.0.0.21")
    advisor_token = await _form(browser, ADVISOR[0])
    commissioner_token = await _form(browser, COMMISSIONER[0])
    assert advisor_token != commissioner_token
    assert await _sign_in(browser, COMMISSIONER, advisor_token) == 403
    assert await _sign_in(browser, ADVISOR, commissioner_token) == 403
    assert len(books.world.audit("refused")) == 2
    # Neither signed in; both forms still work afterwards.
    assert (await browser.http.get("/console/commissioner/")).status_code == 303
    assert await _sign_in(browser, COMMISSIONER, commissioner_token) == 204
    assert await _sign_in(browser, ADVISOR, advisor_token) == 204
    # Each cookie was used up by its own sign-in, and only that one.
    assert not browser.http.cookies.get("quitbot_console_login")
    assert not browser.http.cookies.get("quitbot_commissioner_login")
    await browser.aclose()
