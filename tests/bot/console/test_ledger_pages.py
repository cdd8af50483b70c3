"""The ledger, claims and reports in the console, on SQLite and PostgreSQL: a lead sees their own
provider's ledger (the statement's very rows and totals), claims and report, and nothing of
another provider's however the ids are guessed; a commissioner sees every provider's, decides
claims (never one they submitted) and records them paid; a plain advisor sees none of it; every
view and action is audited and every state change needs the CSRF defences."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from sqlmodel import Session, col, select

from bot.ledger import statement
from bot.reports import build
from storage import ledger
from storage.console_tables import AuditEntry, CommissionerSession
from storage.ledger_tables import Claim, Commissioner
from storage.tables import Provider
from tests.bot.console.ledger_world import MONTH, LedgerWorld
from tests.bot.console.world import HX, PASSWORD, PUBLIC, Browser


def _audit(books: LedgerWorld, action: str) -> list[AuditEntry]:
    return books.world.audit(action)


def _claims(books: LedgerWorld) -> list[Claim]:
    with Session(books.world.engine) as session:
        return list(session.exec(select(Claim).order_by(col(Claim.id))))


def _statement(books: LedgerWorld, provider: str, month: str = MONTH) -> str:
    with Session(books.world.engine) as session:
        found = session.get(Provider, books.ids[provider])
        assert found is not None
        return statement(session, found, month)


def _total(text: str) -> dict[str, str]:
    return next(row for row in csv.DictReader(io.StringIO(text)) if row["entry"] == "total")


async def _submit(lead: Browser, month: str = MONTH) -> int:
    await lead.get("/console/claims")
    response = await lead.post("/console/claims", {"month": month})
    assert response.status_code == 200, response.text
    found = re.fullmatch(r"/console/claims/(\d+)", response.headers["hx-redirect"])
    assert found is not None
    return int(found.group(1))


# --- a lead's ledger ------------------------------------------------------------------------


async def test_a_lead_sees_their_providers_month_with_the_statements_rows_and_totals(
    books: LedgerWorld, lead: Browser
) -> None:
    page = await lead.get(f"/console/ledger?month={MONTH}")
    assert page.status_code == 200
    text = _statement(books, "North")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["entry"] in ("claim", "reversal")]
    total = _total(text)
    # 5 people × (£20 engaged by the reading + £40 self-reported + £120 CO-verified)
    assert total["amount_gbp"] == "900.00"
    assert f'<strong id="ledger-total">£{total["amount_gbp"]}</strong>' in page.text
    assert f"{len(rows)} ledger rows" in page.text
    for row in rows:
        assert f'title="{row["pseudonym"]}"' in page.text
    for subtotal in (r for r in csv.DictReader(io.StringIO(text)) if r["entry"] == "subtotal"):
        assert f"£{subtotal['amount_gbp']}</td></tr>" in page.text
    assert "provisional" in page.text
    # Nobody of South's appears, and no names at all: pseudonyms only.
    for name in books.pseudonyms("South") - books.pseudonyms("North"):
        assert name not in page.text
    # The CSV download is the statement `quitbot ledger export` writes.
    download = await lead.get(f"/console/ledger/statement.csv?month={MONTH}")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert "attachment" in download.headers["content-disposition"]
    assert download.text == text
    [viewed] = _audit(books, "view_ledger")
    assert (viewed.advisor_id, viewed.provider_id, viewed.detail) == (
        books.ids["north_lead"],
        books.ids["North"],
        MONTH,
    )
    [downloaded] = _audit(books, "download_statement")
    assert downloaded.provider_id == books.ids["North"]


async def test_a_month_shows_each_rows_status_provisional_approved_paid_and_reversed(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    with Session(books.world.engine, expire_on_commit=False) as session:
        first = session.exec(
            select(ledger.LedgerEntry)
            .where(
                col(ledger.LedgerEntry.provider_id) == books.ids["North"],
                col(ledger.LedgerEntry.amount_pence) > 0,
            )
            .order_by(col(ledger.LedgerEntry.id))
        ).first()
        assert first is not None and first.id is not None
        reversal = ledger.reverse(
            session=session,
            entry_id=first.id,
            reason="reading typed against the wrong person",
            made_by="cara@icb.nhs.uk",
            now=books.world.clock.now(),
        )
        session.commit()
    page = await lead.get("/console/ledger?month=2027-01")  # the reversal was recorded in January
    assert "reverses row" in page.text
    assert "reading typed against the wrong person" in page.text
    assert f"-£{first.amount_pence // 100}.00" in page.text  # money as people write it
    assert "£-" not in page.text
    december = await lead.get(f"/console/ledger?month={MONTH}")
    assert f'<tr class="claim reversed">\n      <td class="num">{first.id}</td>' in december.text
    claim_id = await _submit(lead)
    await cara.get(f"/console/commissioner/claims/{claim_id}")
    assert (await cara.post(f"/console/commissioner/claims/{claim_id}/approve")).status_code == 200
    approved = await lead.get(f"/console/ledger?month={MONTH}")
    assert "approved" in approved.text and "1 reversed" in approved.text
    await cara.get(f"/console/commissioner/claims/{claim_id}")
    assert (await cara.post(f"/console/commissioner/claims/{claim_id}/paid")).status_code == 200
    paid = await lead.get(f"/console/ledger?month={MONTH}")
    text = _statement(books, "North")
    statuses = [r["status"] for r in csv.DictReader(io.StringIO(text)) if r["entry"] == "claim"]
    assert sorted(set(statuses)) == ["paid", "reversed"]
    assert f"{statuses.count('paid')} paid" in paid.text
    assert reversal.id is not None


async def test_a_month_that_is_not_a_month_shows_this_month_and_says_so(lead: Browser) -> None:
    page = await lead.get("/console/ledger?month=2026-13")
    assert page.status_code == 200
    assert "is not a month like 2027-01. Showing January 2027 instead." in page.text
    assert "January 2027" in page.text
    bad = await lead.get("/console/ledger/statement.csv?month=<script>")
    assert bad.status_code == 400
    assert "<script>" not in bad.text


async def test_months_and_days_outside_the_ledgers_years_are_refused_not_crashed(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    north = books.ids["North"]
    for month in ("1999-12", "3000-01", f"{MONTH}\n", "2026-1"):
        for browser, path in (
            (lead, "/console/ledger/statement.csv"),
            (cara, "/console/commissioner/ledger/statement.csv"),
        ):
            query = {"month": month, "provider": str(north)}
            response = await browser.http.get(path, params=query)
            assert response.status_code == 400, (path, month)
        page = await lead.get("/console/ledger", params={"month": month})
        assert page.status_code == 200
        if month in ("1999-12", "3000-01"):  # a month, but not one the ledger keeps: say so
            assert (
                f"There is no ledger for {month}: it keeps months from 2000-01 to 2999-12. "
                "Showing January 2027 instead."
            ) in page.text
        else:
            assert "is not a month like 2027-01. Showing January 2027 instead." in page.text
        if month.strip() != MONTH:  # the form's month is read without surrounding spaces
            await lead.get("/console/claims")
            refused = await lead.post("/console/claims", {"month": month})
            assert refused.status_code == 422
            assert "Give a month like 2026-11." in refused.text
    for query in (
        {"to": "9999-12-31"},
        {"from": "0001-01-01", "to": "0001-01-02"},
        {"from": "2020-01-01", "to": "2026-12-31"},  # more than five years
        {"from": "yesterday"},
    ):
        for browser, path in (
            (lead, "/console/report/view"),
            (cara, "/console/commissioner/report/view"),
        ):
            response = await browser.http.get(path, params=query)
            assert response.status_code == 400, (path, query)
    assert _claims(books) == []  # nothing was claimed by any of it


# --- isolation ------------------------------------------------------------------------------


async def test_a_lead_never_sees_another_providers_rows_whatever_ids_they_guess(
    books: LedgerWorld, lead: Browser, south_lead: Browser
) -> None:
    south_claim = await _submit(south_lead)
    south = books.ids["South"]
    south_only = books.pseudonyms("South") - books.pseudonyms("North")
    guesses = [
        f"/console/ledger?provider={south}&month={MONTH}",
        f"/console/ledger?provider=99999999999&month={MONTH}",
        f"/console/ledger?provider=x&month={MONTH}",
        f"/console/ledger/statement.csv?provider={south}&month={MONTH}",
        f"/console/claims/{south_claim}",
        "/console/claims/99999999999",
        f"/console/report/view?provider={south}",
        f"/console/commissioner/ledger?provider={south}&month={MONTH}",
        f"/console/commissioner/claims/{south_claim}",
    ]
    for path in guesses:
        response = await lead.get(path)
        assert response.status_code in (303, 404), path
        if response.status_code == 303:  # a lead is no commissioner: sign in as one
            assert response.headers["location"] == "/console/commissioner/login"
        for name in south_only:
            assert name not in response.text, path
        assert "South" not in response.text, path
    denied = _audit(books, "denied")
    assert len(denied) == 7
    assert {d.advisor_id for d in denied} == {books.ids["north_lead"]}
    # Their claims list is their own; a provider in the form is not read.
    listed = await lead.get("/console/claims")
    assert f'href="/console/claims/{south_claim}"' not in listed.text
    await lead.get("/console/claims")
    response = await lead.post("/console/claims", {"month": MONTH, "provider": str(south)})
    assert response.status_code == 200
    claims = _claims(books)
    assert [(c.provider_id, c.submitted_by) for c in claims] == [
        (south, "sue@south.nhs.uk"),
        (books.ids["North"], "lee@north.nhs.uk"),
    ]
    # Nor can they decide anything, here or as a commissioner.
    for verb in ("approve", "reject", "paid"):
        response = await lead.post(
            f"/console/commissioner/claims/{south_claim}/{verb}", {"note": "fine"}
        )
        assert response.status_code == 401
        assert response.headers["hx-redirect"] == "/console/commissioner/login"
    assert _claims(books)[0].status == "submitted"


async def test_a_plain_advisor_sees_none_of_it(books: LedgerWorld, advisor: Browser) -> None:
    base = await advisor.get("/console/")
    assert 'href="/console/ledger"' not in base.text
    for path in (
        f"/console/ledger?month={MONTH}",
        f"/console/ledger/statement.csv?month={MONTH}",
        "/console/claims",
        "/console/claims/1",
        "/console/report",
        "/console/report/view",
    ):
        response = await advisor.get(path)
        assert response.status_code == 404, path
        assert "£" not in response.text
        for name in books.pseudonyms("North"):
            assert name not in response.text
    response = await advisor.post("/console/claims", {"month": MONTH})
    assert response.status_code == 404
    assert _claims(books) == []
    assert len(_audit(books, "denied")) == 7
    # An advisor's session is no commissioner's.
    response = await advisor.get("/console/commissioner/")
    assert (response.status_code, response.headers["location"]) == (
        303,
        "/console/commissioner/login",
    )


async def test_a_commissioner_never_reaches_a_transcript_or_a_name(
    books: LedgerWorld, cara: Browser
) -> None:
    for path in (
        "/console/",
        f"/console/participants/{books.ids['north1']}",
        f"/console/participants/{books.ids['north1']}/stream",
        "/console/canned",
        "/console/advisors",
    ):
        response = await cara.get(path)
        assert response.status_code in (303, 401), path
        assert "ADVISOR" not in response.text
    response = await cara.post(f"/console/participants/{books.ids['north1']}/take-over")
    assert response.status_code == 401


# --- claims: submitted by a lead, decided by a commissioner ------------------------------------


async def test_a_lead_submits_a_month_and_a_commissioner_sees_its_flags_and_approves_it(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    claim_id = await _submit(lead)
    [claim] = _claims(books)
    assert (claim.id, claim.provider_id, claim.month, claim.status, claim.submitted_by) == (
        claim_id,
        books.ids["North"],
        MONTH,
        "submitted",
        "lee@north.nhs.uk",
    )
    assert claim.total_pence == 90000
    kinds = {f["kind"] for f in claim.flags}
    assert {"same_co_value", "reading_burst", "claimed_by_two_providers"} <= kinds
    [submitted] = _audit(books, "claim_submit")
    assert submitted.advisor_id == books.ids["north_lead"]
    assert submitted.detail == f"ok: claim {claim_id} {MONTH}"
    # The lead sees their claim and its flags, but not which other provider claims the person.
    own = await lead.get(f"/console/claims/{claim_id}")
    assert own.status_code == 200
    assert "The same CO value many times" in own.text
    assert "is also claimed by another provider" in own.text
    assert books.shared in own.text
    assert "South" not in own.text
    assert "Approve" not in own.text
    # A month cannot be claimed twice, nor one that has not ended.
    again = await lead.post("/console/claims", {"month": MONTH})
    assert again.status_code == 422
    assert "already claimed" in again.text
    early = await lead.post("/console/claims", {"month": "2027-01"})
    assert early.status_code == 422
    assert "has not ended yet" in early.text
    assert len(_claims(books)) == 1
    # The commissioner sees every provider's claims, then this one with the evidence.
    listed = await cara.get("/console/commissioner/")
    assert listed.status_code == 200
    assert f'href="/console/commissioner/claims/{claim_id}"' in listed.text
    page = await cara.get(f"/console/commissioner/claims/{claim_id}")
    assert page.status_code == 200
    assert "Many CO readings by one advisor in a short time" in page.text
    assert f"advisor {books.ids['north_advisor']}" in page.text
    assert books.shared in page.text
    assert "Also claimed by</dt><dd>South" in page.text
    same = next(f for f in claim.flags if f["kind"] == "same_co_value")
    assert ", ".join(str(i) for i in same["evidence"]["record_ids"]) in page.text
    assert "5 of 5 CO readings were exactly 3 ppm" in page.text
    viewed = _audit(books, "view_claim")
    assert [v.commissioner_id for v in viewed] == [
        None,
        books.world.audit("login")[-1].commissioner_id,
    ]
    assert viewed[-1].provider_id == books.ids["North"]
    response = await cara.post(f"/console/commissioner/claims/{claim_id}/approve", {"note": "ok"})
    assert response.status_code == 200, response.text
    assert response.headers["hx-refresh"] == "true"
    [claim] = _claims(books)
    assert (claim.status, claim.decided_by, claim.decision_note) == (
        "approved",
        "cara@icb.nhs.uk",
        "ok",
    )
    with Session(books.world.engine) as session:
        rows, status = ledger.month_rows(
            session=session, provider_id=books.ids["North"], month=MONTH
        )
    assert {status[r.id] for r in rows} == {"approved"}
    [approved] = _audit(books, "claim_approve")
    assert approved.commissioner_id is not None
    assert approved.advisor_id is None
    assert (approved.provider_id, approved.detail) == (books.ids["North"], f"ok: claim {claim_id}")
    # Decided once.
    again = await cara.post(f"/console/commissioner/claims/{claim_id}/reject", {"note": "no"})
    assert again.status_code == 422
    assert "already approved" in again.text


async def test_a_rejection_needs_a_reason(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    claim_id = await _submit(lead)
    await cara.get(f"/console/commissioner/claims/{claim_id}")
    response = await cara.post(f"/console/commissioner/claims/{claim_id}/reject", {"note": "  "})
    assert response.status_code == 422
    assert "Say why the claim is rejected." in response.text
    assert _claims(books)[0].status == "submitted"
    response = await cara.post(
        f"/console/commissioner/claims/{claim_id}/reject",
        {"note": "CO readings all 3 ppm within 20 minutes: send the device log"},
    )
    assert response.status_code == 200
    [claim] = _claims(books)
    assert claim.status == "rejected"
    assert claim.decision_note.startswith("CO readings all 3 ppm")
    page = await lead.get(f"/console/claims/{claim_id}")
    assert "Why rejected" in page.text and "send the device log" in page.text
    assert [a.detail for a in _audit(books, "claim_reject")] == [
        "refused: Say why the claim is rejected.",
        f"ok: claim {claim_id}",
    ]
    missing = await cara.post("/console/commissioner/claims/4242/approve")
    assert missing.status_code == 404


async def test_nobody_decides_a_claim_they_submitted(books: LedgerWorld, lead: Browser) -> None:
    """Segregation of duties: the lead's email is also a commissioner's (quitbot commissioner
    add refuses an advisor's email, but an advisor may be added later with a commissioner's)."""
    with Session(books.world.engine) as session:
        lead_hash = session.exec(
            select(Commissioner.password_hash).where(col(Commissioner.email) == "cara@icb.nhs.uk")
        ).one()
        session.add(
            Commissioner(
                email="lee@north.nhs.uk",
                password_hash=lead_hash,
                created_at=books.world.clock.now(),
            )
        )
        session.commit()
    claim_id = await _submit(lead)
    same = await books.commissioner("lee@north.nhs.uk")
    page = await same.get(f"/console/commissioner/claims/{claim_id}")
    assert "You submitted this claim: another commissioner must decide it." in page.text
    assert "Approve" not in page.text
    for verb in ("approve", "reject"):
        response = await same.post(
            f"/console/commissioner/claims/{claim_id}/{verb}", {"note": "looks fine to me"}
        )
        assert response.status_code == 422
        assert "cannot decide it" in response.text
    assert _claims(books)[0].status == "submitted"
    assert [a.detail for a in _audit(books, "claim_approve")] == [
        "refused: the person who submitted a claim cannot decide it"
    ]
    other = await books.commissioner()
    await other.get(f"/console/commissioner/claims/{claim_id}")
    assert (
        await other.post(f"/console/commissioner/claims/{claim_id}/approve")
    ).status_code == 200
    assert _claims(books)[0].decided_by == "cara@icb.nhs.uk"
    await same.aclose()
    await other.aclose()


# --- a commissioner's ledger --------------------------------------------------------------------


async def test_a_commissioner_sees_every_providers_ledger(
    books: LedgerWorld, cara: Browser
) -> None:
    overview = await cara.get(f"/console/commissioner/ledger?month={MONTH}")
    assert overview.status_code == 200
    for name in ("North", "South"):
        assert f"£{_total(_statement(books, name))['amount_gbp']}" in overview.text
        assert f'?provider={books.ids[name]}&amp;month={MONTH}">{name}</a>' in overview.text
    south = await cara.get(
        f"/console/commissioner/ledger?provider={books.ids['South']}&month={MONTH}"
    )
    assert south.status_code == 200
    for name in books.pseudonyms("South"):
        assert f'title="{name}"' in south.text
    download = await cara.get(
        f"/console/commissioner/ledger/statement.csv?provider={books.ids['South']}&month={MONTH}"
    )
    assert download.text == _statement(books, "South")
    missing = await cara.get(f"/console/commissioner/ledger?provider=4242&month={MONTH}")
    assert missing.status_code == 404
    views = _audit(books, "view_ledger")
    assert [(v.provider_id, v.detail) for v in views] == [
        (None, f"{MONTH} all"),
        (books.ids["South"], MONTH),
    ]
    assert all(v.commissioner_id is not None and v.advisor_id is None for v in views)


# --- reports --------------------------------------------------------------------------------


def _report(books: LedgerWorld, tmp_path: Path, provider: str | None, name: str) -> str:
    from datetime import date, datetime, time
    from zoneinfo import ZoneInfo

    from bot.ledger_commands import definition

    zone = ZoneInfo("Europe/London")
    settings = books.world.services.settings
    build(
        engine=books.world.engine,
        start=datetime.combine(date(2026, 11, 1), time(), zone),
        end=datetime.combine(date(2027, 1, 1), time(), zone),
        now=books.world.clock.now(),
        definition=definition(settings),
        out=tmp_path,
        provider_id=books.ids[provider] if provider else None,
        reference=dict(settings.reach_reference),
        title=f"quitbot outcome and equity report: {name}",
    )
    return _undated((tmp_path / "report.html").read_text(encoding="utf-8"))


def _undated(page: str) -> str:
    """A report without what matplotlib makes afresh for each drawing: the moment in each SVG
    and its random clip-path ids."""
    page = re.sub(r"<dc:date>[^<]*</dc:date>", "", page)
    return re.sub(r"\b([mp])[0-9a-f]{10}\b", r"\1", page)


async def test_a_lead_opens_the_report_for_their_provider_and_a_commissioner_for_all(
    books: LedgerWorld, lead: Browser, cara: Browser, tmp_path: Path
) -> None:
    form = await lead.get("/console/report")
    assert form.status_code == 200
    assert 'name="provider"' not in form.text
    period = "from=2026-11-01&to=2026-12-31"
    mine = await lead.get(f"/console/report/view?{period}")
    assert mine.status_code == 200
    assert _undated(mine.text) == _report(books, tmp_path / "north", "North", "North")
    assert "Small-number disclosure control" in mine.text
    assert "South" not in mine.text
    policy = mine.headers["content-security-policy"]
    assert "sandbox" in policy and "script-src" not in policy
    assert mine.headers["cache-control"] == "no-store"
    everyone = await cara.get(f"/console/commissioner/report/view?{period}")
    assert _undated(everyone.text) == _report(books, tmp_path / "all", None, "every provider")
    one = await cara.get(
        f"/console/commissioner/report/view?{period}&provider={books.ids['South']}"
    )
    assert _undated(one.text) == _report(books, tmp_path / "south", "South", "South")
    # Small numbers never leak: South's two quitters are a "*".
    for provider in ("North", "South"):  # 5 and 2 quitters: both shown as *, never the count
        assert f"<tr><td>{provider}</td><td>*</td><td>*</td><td>*</td><td></td></tr>" in (
            everyone.text
        )
    download = await lead.get(f"/console/report/view?{period}&download=1")
    assert "attachment" in download.headers["content-disposition"]
    bad = await lead.get("/console/report/view?from=2027-01-01&to=2026-01-01")
    assert bad.status_code == 400
    reports = _audit(books, "view_report")
    assert [(r.provider_id, r.detail) for r in reports] == [
        (books.ids["North"], "2026-11-01 to 2026-12-31"),
        (None, "2026-11-01 to 2026-12-31 all"),
        (books.ids["South"], "2026-11-01 to 2026-12-31"),
        (books.ids["North"], "2026-11-01 to 2026-12-31"),
    ]


# --- commissioners signing in; the CSRF defences ---------------------------------------------


async def test_a_commissioner_signs_in_to_a_session_of_their_own_and_out_again(
    books: LedgerWorld,
) -> None:
    browser = books.world.client(address="10.0.0.8")
    await browser.get("/console/commissioner/login")
    wrong = await browser.post(
        "/console/commissioner/login", {"email": "cara@icb.nhs.uk", "password": "not it at all"}
    )
    unknown = await browser.post(
        "/console/commissioner/login", {"email": "nobody@icb.nhs.uk", "password": PASSWORD}
    )
    advisor = await browser.post(
        "/console/commissioner/login", {"email": "lee@north.nhs.uk", "password": PASSWORD}
    )
    assert wrong.status_code == unknown.status_code == advisor.status_code == 401
    assert wrong.text == unknown.text == advisor.text
    ok = await browser.post(
        "/console/commissioner/login", {"email": "cara@icb.nhs.uk", "password": PASSWORD}
    )
    assert ok.status_code == 204
    cookie = ok.headers["set-cookie"]
    assert cookie.startswith("__Host-quitbot_commissioner=")
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=strict" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    with Session(books.world.engine) as session:
        [row] = session.exec(select(CommissionerSession))
    assert token not in row.token_hash and len(row.token_hash) == 64
    page = await browser.get("/console/commissioner/")
    assert "cara@icb.nhs.uk · commissioner" in page.text
    out = await browser.post("/console/commissioner/logout")
    assert out.status_code == 204
    browser.http.cookies.set("__Host-quitbot_commissioner", token, domain="quitbot.example")
    again = await browser.get("/console/commissioner/")
    assert again.status_code == 303
    logins = [
        (a.action, a.commissioner_id is not None)
        for a in books.world.audit()
        if a.action in ("login", "login_failed", "logout")
    ]
    assert logins == [
        ("login_failed", True),
        ("login_failed", False),
        ("login_failed", False),
        ("login", True),
        ("logout", True),
    ]
    await browser.aclose()


async def test_an_inactive_commissioners_session_ends(books: LedgerWorld, cara: Browser) -> None:
    with Session(books.world.engine) as session:
        who = session.exec(select(Commissioner)).one()
        who.active = False
        session.add(who)
        session.commit()
    response = await cara.get("/console/commissioner/")
    assert response.status_code == 303
    with Session(books.world.engine) as session:
        [row] = session.exec(select(CommissionerSession))
    assert row.end_reason == "inactive"


async def test_every_state_change_needs_every_csrf_defence(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    claim_id = await _submit(lead)
    await cara.get(f"/console/commissioner/claims/{claim_id}")
    await lead.get("/console/claims")
    cases = [
        (lead, "/console/claims", {"month": "2026-11"}),
        (cara, f"/console/commissioner/claims/{claim_id}/approve", {}),
        (cara, f"/console/commissioner/claims/{claim_id}/reject", {"note": "no"}),
        (cara, f"/console/commissioner/claims/{claim_id}/paid", {}),
        (cara, "/console/commissioner/logout", {}),
    ]
    for browser, path, form in cases:
        token = browser.csrf
        for headers, csrf in (
            (HX, ""),  # no token
            (HX, "0" * 64),  # a wrong one
            ({"origin": PUBLIC}, token),  # no HX-Request
            ({"hx-request": "true", "origin": "https://evil.example"}, token),
            ({"hx-request": "true"}, token),  # no Origin, no Sec-Fetch-Site
        ):
            browser.csrf = csrf
            response = await browser.post(path, form, headers=headers)
            assert response.status_code == 403, (path, headers, csrf)
        browser.csrf = token
    assert len(_claims(books)) == 1
    assert _claims(books)[0].status == "submitted"
    refused = _audit(books, "refused")
    assert len(refused) == 25
    assert all(r.advisor_id or r.commissioner_id for r in refused)
    # Still signed in: the logout was refused too.
    assert (await cara.get("/console/commissioner/")).status_code == 200
    for path in ("/console/claims", f"/console/commissioner/claims/{claim_id}/approve"):
        assert (await cara.http.get(path + "?month=2026-11")).status_code in (303, 405)
    assert (await lead.http.get("/console/claims?month=2026-11")).status_code == 200
    assert len(_claims(books)) == 1


async def test_a_claim_is_recorded_as_paid_once_and_the_button_goes(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    claim_id = await _submit(lead)
    await cara.get(f"/console/commissioner/claims/{claim_id}")
    assert (await cara.post(f"/console/commissioner/claims/{claim_id}/approve")).status_code == 200
    page = await cara.get(f"/console/commissioner/claims/{claim_id}")
    assert "Record it as paid" in page.text
    first = await cara.post(f"/console/commissioner/claims/{claim_id}/paid")
    assert first.status_code == 200, first.text
    page = await cara.get(f"/console/commissioner/claims/{claim_id}")
    assert '<dd id="claim-status">paid</dd>' in page.text
    assert "Record it as paid" not in page.text
    assert "by cara@icb.nhs.uk" in page.text.split('id="claim-paid"')[1].split("</dd>")[0]
    again = await cara.post(f"/console/commissioner/claims/{claim_id}/paid")
    assert again.status_code == 422
    assert "already recorded as paid" in again.text
    [claim] = _claims(books)
    assert (claim.status, claim.paid_by) == ("paid", "cara@icb.nhs.uk")
    listed = await lead.get("/console/claims")
    assert "<td>paid</td>" in listed.text


async def test_a_rejected_month_is_submitted_again_and_the_rejection_stays_visible(
    books: LedgerWorld, lead: Browser, cara: Browser
) -> None:
    claim_id = await _submit(lead)
    opened = await cara.get(f"/console/commissioner/claims/{claim_id}")
    token = re.search(r'name="submitted" value="([^"]+)"', opened.text)
    assert token is not None
    response = await cara.post(
        f"/console/commissioner/claims/{claim_id}/reject",
        {"note": "CO readings all 3 ppm: send the device log", "submitted": token.group(1)},
    )
    assert response.status_code == 200
    page = await lead.get(f"/console/claims/{claim_id}")
    assert "Submit December 2026 again" in page.text
    books.world.clock.advance(timedelta(minutes=5))
    again = await lead.post("/console/claims", {"month": MONTH})
    assert again.status_code == 200, again.text
    assert f"Claim {claim_id} for December 2026 submitted again" in again.text
    [claim] = _claims(books)
    assert (claim.status, claim.decided_by, claim.decision_note) == ("submitted", None, "")
    page = await cara.get(f"/console/commissioner/claims/{claim_id}")
    assert "Rejected before (1)" in page.text
    assert "CO readings all 3 ppm: send the device log" in page.text
    assert "Approve" in page.text  # the new submission is decided afresh
    # A decision made on the page as it was before the new submission is refused.
    stale = await cara.post(
        f"/console/commissioner/claims/{claim_id}/approve", {"submitted": token.group(1)}
    )
    assert stale.status_code == 422
    assert "submitted again since this page was opened" in stale.text
    # Still one live claim for the month.
    twice = await lead.post("/console/claims", {"month": MONTH})
    assert twice.status_code == 422 and "already claimed" in twice.text
    assert len(_claims(books)) == 1
