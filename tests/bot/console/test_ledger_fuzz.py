"""No input to the ledger, claims and report pages gets a 500, for a lead, a commissioner, a plain
advisor or nobody: odd ids, months, dates, providers, forms, headers and tokens, on both
databases; and whatever is asked, no claim is made for or decided on another's behalf."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from storage.ledger_tables import Claim
from tests.bot.console.ledger_world import LedgerWorld
from tests.bot.console.world import HX, PUBLIC

IDS = st.sampled_from(["1", "2", "3", "0", "4242", "99999999999", "-1", "x", "%00", "1.0"])
ODD = st.sampled_from(
    [
        "2026-12",
        "2026-13",
        "1999-01",
        "2999-12",
        "2026-12\n",
        "٢٠٢٦-١٢",
        "9999-12-31",
        "0001-01-01",
        "2026-12-01",
        "20261201",
        "",
        "x" * 300,
    ]
)
PATHS = st.one_of(
    st.builds(
        lambda prefix, tail: f"/console{prefix}{tail}",
        st.sampled_from(["", "/commissioner"]),
        st.sampled_from(
            ["/ledger", "/ledger/statement.csv", "/claims", "/report", "/report/view", "/"]
        ),
    ),
    st.builds(
        lambda prefix, cid, tail: f"/console{prefix}/claims/{cid}{tail}",
        st.sampled_from(["", "/commissioner"]),
        IDS,
        st.sampled_from(["", "/approve", "/reject", "/paid"]),
    ),
    st.sampled_from(
        [
            "/console/commissioner",
            "/console/commissioner/login",
            "/console/commissioner/logout",
        ]
    ),
)
QUERIES = st.fixed_dictionaries(
    {},
    optional={
        "month": ODD,
        "provider": st.one_of(IDS, ODD),
        "from": ODD,
        "to": ODD,
        "download": st.sampled_from(["1", "0", "x"]),
    },
)
FORMS = st.fixed_dictionaries(
    {},
    optional={
        "month": ODD,
        "note": st.one_of(st.text(max_size=30), ODD),
        "provider": IDS,
        "email": st.sampled_from(["cara@icb.nhs.uk", "lee@north.nhs.uk", "", "x" * 300]),
        "password": st.text(max_size=30),
    },
)


def test_no_ledger_input_gets_a_500(books: LedgerWorld) -> None:
    statuses: list[int] = []
    runner = asyncio.Runner()
    browsers = {}
    tokens = {}

    async def sign_in() -> None:
        for who, email in (("lead", "lee@north.nhs.uk"), ("advisor", "ann@north.nhs.uk")):
            browser = await books.world.client().signed_in_as(email)
            browsers[who], tokens[who] = browser, browser.csrf
        browsers["commissioner"] = await books.commissioner()
        tokens["commissioner"] = browsers["commissioner"].csrf
        browsers["nobody"] = books.world.client()
        tokens["nobody"] = "0" * 64

    runner.run(sign_in())

    @settings(
        derandomize=True,
        max_examples=300,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        who=st.sampled_from(["lead", "commissioner", "advisor", "nobody"]),
        method=st.sampled_from(["GET", "POST", "POST", "GET", "HEAD", "PUT"]),
        path=PATHS,
        form=FORMS,
        query=QUERIES,
        headers=st.sampled_from([HX, HX, {}, {"origin": PUBLIC}]),
        good_token=st.booleans(),
    )
    def each(
        who: str,
        method: str,
        path: str,
        form: dict[str, str],
        query: dict[str, str],
        headers: dict[str, str],
        good_token: bool,
    ) -> None:
        browser = browsers[who]
        data = {**form, "csrf": tokens[who] if good_token else "\u2028"}

        async def go() -> int:
            request = browser.http.build_request(
                method,
                path,
                params=query,
                data=data if method != "GET" else None,
                headers=headers,
            )
            return (await browser.http.send(request)).status_code

        status = runner.run(go())
        statuses.append(status)
        assert status < 500, (who, method, path, query, form, status)
        if who == "commissioner" and path == "/console/commissioner/logout" and status == 204:
            runner.run(sign_in())  # signed out: sign everyone in again

    try:
        each()
    finally:
        for browser in browsers.values():
            runner.run(browser.aclose())
        runner.close()
    reached = [s for s in statuses if s in (200, 204, 422)]
    assert len(reached) >= 20, sorted(statuses)
    assert 404 in statuses and 403 in statuses
    with Session(books.world.engine) as session:
        for claim in session.exec(select(Claim)):  # only Lee claims, and only for North
            assert (claim.provider_id, claim.submitted_by) == (
                books.ids["North"],
                "lee@north.nhs.uk",
            )
            assert claim.decided_by in (None, "cara@icb.nhs.uk")
