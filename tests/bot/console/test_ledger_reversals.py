"""Reversing a ledger row from the console, on SQLite and PostgreSQL: a lead corrects their own
provider's provisional rows until the month is claimed, a commissioner any row after that; a
reversal is a new row (the original never changes), audited, shown in the month it was made in
and in the claim's totals; another provider's row is Not found, and a forged form is refused."""

from __future__ import annotations

import csv
import io
import re

from sqlmodel import Session, col, select

from bot.ledger import statement
from storage import ledger
from storage.ledger_tables import LedgerEntry
from storage.tables import Provider
from tests.bot.console.ledger_world import MONTH, LedgerWorld
from tests.bot.console.world import HX, PUBLIC, Browser

JANUARY = "2027-01"


def _rows(books: LedgerWorld, provider: str) -> list[LedgerEntry]:
    with Session(books.world.engine) as session:
        return list(
            session.exec(
                select(LedgerEntry)
                .where(col(LedgerEntry.provider_id) == books.ids[provider])
                .order_by(col(LedgerEntry.id))
            )
        )


def _first_paying(books: LedgerWorld, provider: str) -> LedgerEntry:
    return next(r for r in _rows(books, provider) if r.amount_pence > 0 and r.entry == "claim")


def _total(books: LedgerWorld, provider: str, month: str) -> str:
    with Session(books.world.engine) as session:
        found = session.get(Provider, books.ids[provider])
        assert found is not None
        text = statement(session, found, month)
    return next(r for r in csv.DictReader(io.StringIO(text)) if r["entry"] == "total")[
        "amount_gbp"
    ]


async def test_a_lead_reverses_a_provisional_row_with_a_reason_as_a_new_row(
    books: LedgerWorld, lead: Browser
) -> None:
    before = _rows(books, "North")
    entry = _first_paying(books, "North")
    page = await lead.get(f"/console/ledger?month={MONTH}")
    assert f'hx-post="/console/ledger/entries/{entry.id}/reverse"' in page.text
    response = await lead.post(
        f"/console/ledger/entries/{entry.id}/reverse",
        {"reason": "  CO reading typed\nagainst the wrong person "},
    )
    assert response.status_code == 200, response.text
    assert response.headers["hx-refresh"] == "true"
    assert f"Row {entry.id} reversed" in response.text
    after = _rows(books, "North")
    # Nothing changed: one row more, the original as it was.
    assert [r.model_dump() for r in after[: len(before)]] == [r.model_dump() for r in before]
    [reversal] = after[len(before) :]
    assert (reversal.entry, reversal.reverses_id, reversal.amount_pence) == (
        "reversal",
        entry.id,
        -entry.amount_pence,
    )
    assert reversal.reason == "CO reading typed against the wrong person"
    assert reversal.made_by == "lee@north.nhs.uk"
    [audited] = books.world.audit("ledger_reverse")
    assert (audited.advisor_id, audited.provider_id) == (
        books.ids["north_lead"],
        books.ids["North"],
    )
    assert audited.detail == f"ok: row {entry.id} reversed by row {reversal.id}"
    # December shows the row reversed (its total unchanged: a closed month never changes);
    # January, the month it was made in, shows the reversal and takes the money off.
    december = await lead.get(f"/console/ledger?month={MONTH}")
    assert f'<tr class="claim reversed">\n      <td class="num">{entry.id}</td>' in december.text
    assert _total(books, "North", MONTH) == "900.00"
    january = await lead.get(f"/console/ledger?month={JANUARY}")
    assert f"reverses row {entry.id}: CO reading typed against the wrong person" in january.text
    amount = f"-{entry.amount_pence // 100}.00"
    assert _total(books, "North", JANUARY) == amount
    assert f'<strong id="ledger-total">-£{amount[1:]}</strong>' in january.text
    # No second reversal, and a reversal is not itself reversed.
    again = await lead.post(f"/console/ledger/entries/{entry.id}/reverse", {"reason": "twice"})
    assert again.status_code == 422
    assert "already reversed" in again.text
    undo = await lead.post(f"/console/ledger/entries/{reversal.id}/reverse", {"reason": "undo"})
    assert undo.status_code == 422
    assert "is a reversal itself" in undo.text
    assert len(_rows(books, "North")) == len(before) + 1


async def test_a_reversal_needs_a_reason_of_at_most_500_characters(
    books: LedgerWorld, lead: Browser
) -> None:
    entry = _first_paying(books, "North")
    await lead.get(f"/console/ledger?month={MONTH}")
    for reason in ("", "   \n ", "x" * 501):
        response = await lead.post(
            f"/console/ledger/entries/{entry.id}/reverse", {"reason": reason}
        )
        assert response.status_code == 422, reason
    assert not [r for r in _rows(books, "North") if r.entry == "reversal"]
    assert len(books.world.audit("ledger_reverse")) == 3  # each refusal audited


async def test_another_providers_row_is_not_found_whoever_guesses_it(
    books: LedgerWorld, lead: Browser, south_lead: Browser, advisor: Browser
) -> None:
    south_row = _first_paying(books, "South")
    north_row = _first_paying(books, "North")
    await lead.get(f"/console/ledger?month={MONTH}")
    for entry_id in (south_row.id, 999_999, 2**31, 10**30):
        response = await lead.post(
            f"/console/ledger/entries/{entry_id}/reverse", {"reason": "not mine"}
        )
        assert response.status_code == 404, entry_id
        assert "not mine" not in response.text
    # South's lead cannot reverse North's row either; a plain advisor reaches nothing.
    await south_lead.get(f"/console/ledger?month={MONTH}")
    response = await south_lead.post(
        f"/console/ledger/entries/{north_row.id}/reverse", {"reason": "theirs"}
    )
    assert response.status_code == 404
    await advisor.get("/console/")
    response = await advisor.post(
        f"/console/ledger/entries/{north_row.id}/reverse", {"reason": "why not"}
    )
    assert response.status_code == 404
    # A lead's session does not reach a commissioner's action.
    response = await lead.post(
        f"/console/commissioner/ledger/entries/{north_row.id}/reverse", {"reason": "x"}
    )
    assert response.status_code in (303, 401)
    assert not [r for r in _rows(books, "North") + _rows(books, "South") if r.entry == "reversal"]
    assert len(books.world.audit("denied")) >= 6
    assert not books.world.audit("ledger_reverse")


async def test_once_a_month_is_claimed_only_a_commissioner_reverses_and_the_claim_says_so(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    entry = _first_paying(books, "North")
    await lead.get("/console/claims")
    submitted = await lead.post("/console/claims", {"month": MONTH})
    assert submitted.status_code == 200, submitted.text
    found = re.fullmatch(r"/console/claims/(\d+)", submitted.headers["hx-redirect"])
    assert found is not None
    claim_id = int(found.group(1))
    page = await lead.get(f"/console/ledger?month={MONTH}")
    assert "/reverse" not in page.text  # no form the lead could use
    refused = await lead.post(f"/console/ledger/entries/{entry.id}/reverse", {"reason": "oops"})
    assert refused.status_code == 422
    assert f"is in claim {claim_id} (submitted): only a commissioner" in refused.text
    # The commissioner approves it, then reverses an approved row (a clawback).
    await cara.get(f"/console/commissioner/claims/{claim_id}")
    approved = await cara.post(f"/console/commissioner/claims/{claim_id}/approve", {})
    assert approved.status_code == 200, approved.text
    refused = await lead.post(f"/console/ledger/entries/{entry.id}/reverse", {"reason": "oops"})
    assert refused.status_code == 422
    assert "is approved: only a commissioner" in refused.text
    page = await cara.get(
        f"/console/commissioner/ledger?provider={books.ids['North']}&month={MONTH}"
    )
    assert f'hx-post="/console/commissioner/ledger/entries/{entry.id}/reverse"' in page.text
    done = await cara.post(
        f"/console/commissioner/ledger/entries/{entry.id}/reverse",
        {"reason": "the reading was not this person's"},
    )
    assert done.status_code == 200, done.text
    [reversal] = [r for r in _rows(books, "North") if r.entry == "reversal"]
    assert reversal.made_by == "cara@icb.nhs.uk"
    *refusals, audited = books.world.audit("ledger_reverse")
    assert [r.detail.split(":")[0] for r in refusals] == ["refused", "refused"]
    assert audited.commissioner_id is not None and audited.advisor_id is None
    assert audited.provider_id == books.ids["North"]
    # The claim shows what was reversed since and what it comes to now.
    for browser, base in ((cara, "/console/commissioner"), (lead, "/console")):
        claim = await browser.get(f"{base}/claims/{claim_id}")
        amount = entry.amount_pence // 100
        assert (
            f'<dd id="claim-reversed">1 row, -£{amount}.00 (in the months the reversals were '
            f"made): net £{900 - amount}.00</dd>"
        ) in claim.text
    with Session(books.world.engine) as session:
        assert ledger.statuses(session=session, entry_ids=[entry.id]) == {entry.id: "reversed"}


async def test_a_forged_reversal_is_refused_and_changes_nothing(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    entry = _first_paying(books, "North")
    await lead.get(f"/console/ledger?month={MONTH}")
    await cara.get(f"/console/commissioner/ledger?provider={books.ids['North']}&month={MONTH}")
    cases = [
        (lead, f"/console/ledger/entries/{entry.id}/reverse"),
        (cara, f"/console/commissioner/ledger/entries/{entry.id}/reverse"),
    ]
    for browser, path in cases:
        token = browser.csrf
        for headers, csrf in (
            (HX, ""),  # no token
            (HX, "0" * 64),  # a wrong one
            ({"origin": PUBLIC}, token),  # no HX-Request
            ({"hx-request": "true", "origin": "https://evil.example"}, token),
            ({"hx-request": "true"}, token),  # no Origin, no Sec-Fetch-Site
        ):
            browser.csrf = csrf
            response = await browser.post(path, {"reason": "forged"}, headers=headers)
            assert response.status_code == 403, (path, headers, csrf)
        browser.csrf = token
    # The lead's token does not work in the commissioner's session, nor the other way round.
    lead_token, cara_token = lead.csrf, cara.csrf
    lead.csrf, cara.csrf = cara_token, lead_token
    for browser, path in cases:
        response = await browser.post(path, {"reason": "swapped"})
        assert response.status_code == 403
    assert not [r for r in _rows(books, "North") if r.entry == "reversal"]
    assert len(books.world.audit("refused")) == 12
    assert not books.world.audit("ledger_reverse")


async def test_a_reason_a_spreadsheet_would_run_is_quoted_in_the_csv_and_shown_as_typed(
    books: LedgerWorld, lead: Browser
) -> None:
    entry = _first_paying(books, "North")
    await lead.get(f"/console/ledger?month={MONTH}")
    reason = '=HYPERLINK("https://evil.example","duplicate")'
    response = await lead.post(f"/console/ledger/entries/{entry.id}/reverse", {"reason": reason})
    assert response.status_code == 200, response.text
    download = await lead.get(f"/console/ledger/statement.csv?month={JANUARY}")
    [reversal] = [
        r for r in csv.DictReader(io.StringIO(download.text)) if r["entry"] == "reversal"
    ]
    assert reversal["reason"] == "'" + reason  # text in a spreadsheet, not a formula
    assert reversal["amount_gbp"] == f"-{entry.amount_pence // 100}.00"  # still a number
    page = await lead.get(f"/console/ledger?month={JANUARY}")
    assert f"reverses row {entry.id}: =HYPERLINK(&#34;https://evil.example&#34;" in page.text
