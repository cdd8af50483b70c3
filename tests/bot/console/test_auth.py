"""Signing in to the console: sessions, CSRF, throttling, timeouts, ending sessions."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, col, select

from bot.console.auth import token_hash
from bot.passwords import verify
from storage.console_tables import ConsoleSession, LoginAttempt
from storage.tables import Advisor
from tests.bot.console.world import HX, PASSWORD, PUBLIC, Browser, World


async def test_the_login_page_is_a_form_with_a_csrf_token_and_strict_headers(
    world: World,
) -> None:
    browser = world.client()
    response = await browser.get("/console/login")
    assert response.status_code == 200
    assert 'name="password"' in response.text
    assert browser.csrf
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["cache-control"] == "no-store"
    assert "<script>" not in response.text  # scripts come from files only


async def test_signing_in_sets_a_host_only_secure_cookie_and_stores_only_its_hash(
    world: World,
) -> None:
    browser = world.client()
    response = await browser.login("ann@north.nhs.uk")
    assert response.status_code == 204
    assert response.headers["hx-redirect"] == "/console/"
    cookie = next(
        c
        for c in response.headers.get_list("set-cookie")
        if c.startswith("__Host-quitbot_console=")
    )
    token = cookie.split(";")[0].split("=", 1)[1]
    assert len(token) >= 43  # 32 random bytes, base64
    lowered = cookie.lower()
    for attribute in ("httponly", "secure", "samesite=strict", "path=/"):
        assert attribute in lowered
    assert "domain=" not in lowered
    [row] = world.sessions("north_advisor")
    assert row.token_hash == token_hash(token)
    assert token not in row.token_hash
    assert [e.advisor_id for e in world.audit("login")] == [world.ids["north_advisor"]]
    assert (await browser.get("/console/")).status_code == 200


async def test_a_plain_http_deployment_uses_a_cookie_without_the_host_prefix(
    world: World,
) -> None:
    from bot.services import build_services
    from bot.settings import Settings

    settings = Settings.from_env(
        {"QUITBOT_PUBLIC_URL": "http://127.0.0.1:8000", "QUITBOT_SECRET_KEY": "k"}, dotenv=None
    )
    world.services = build_services(settings, engine=world.engine, clock=world.clock)
    browser = world.client()
    browser.http.base_url = "http://127.0.0.1:8000"  # type: ignore[assignment]
    await browser.get("/console/login")
    response = await browser.post(
        "/console/login",
        {"email": "ann@north.nhs.uk", "password": PASSWORD},
        headers={"hx-request": "true", "origin": "http://127.0.0.1:8000"},
    )
    assert response.status_code == 204
    cookie = next(c for c in response.headers.get_list("set-cookie") if "quitbot_console=" in c)
    assert cookie.startswith("quitbot_console=")
    assert "secure" not in cookie.lower()
    assert "samesite=strict" in cookie.lower()


async def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(world: World) -> None:
    wrong = await world.client().login("ann@north.nhs.uk", "not the right passphrase")
    unknown = await world.client().login("nobody@north.nhs.uk", "not the right passphrase")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.text == unknown.text
    assert "did not match" in wrong.text
    assert "hx-redirect" not in wrong.headers
    failed = world.audit("login_failed")
    assert [e.advisor_id for e in failed] == [world.ids["north_advisor"], None]
    assert world.sessions("north_advisor") == []


async def test_a_new_session_id_at_every_login_and_the_old_one_ends(world: World) -> None:
    first = world.client()
    await first.login("ann@north.nhs.uk")
    old_token = first.http.cookies.get("__Host-quitbot_console") or ""
    # The same browser signs in again (its login form loaded before the first sign-in).
    again = world.client()
    await again.get("/console/login")
    again.http.cookies.set("__Host-quitbot_console", old_token, domain="quitbot.example")
    assert (
        await again.post("/console/login", {"email": "ann@north.nhs.uk", "password": PASSWORD})
    ).status_code == 204
    assert again.http.cookies.get("__Host-quitbot_console") != old_token
    old, new = world.sessions("north_advisor")
    assert old.ended_at is not None
    assert old.end_reason == "login"
    assert new.ended_at is None


async def test_a_planted_cookie_is_never_adopted(world: World) -> None:
    browser = world.client()
    await browser.get("/console/login")
    browser.http.cookies.set("__Host-quitbot_console", "attacker-chosen", domain="quitbot.example")
    await browser.post("/console/login", {"email": "ann@north.nhs.uk", "password": PASSWORD})
    assert browser.http.cookies.get("__Host-quitbot_console") != "attacker-chosen"
    assert world.sessions("north_advisor")[0].token_hash != token_hash("attacker-chosen")


async def test_logout_ends_the_session_on_the_server(world: World, ann: Browser) -> None:
    token = ann.http.cookies.get("__Host-quitbot_console")
    response = await ann.post("/console/logout")
    assert response.status_code == 204
    assert response.headers["hx-redirect"] == "/console/login"
    [row] = world.sessions("north_advisor")
    assert row.end_reason == "logout"
    # The old cookie, replayed, signs nobody in.
    replay = world.client()
    replay.http.cookies.set("__Host-quitbot_console", token or "", domain="quitbot.example")
    again = await replay.get("/console/")
    assert again.status_code == 303
    assert again.headers["location"] == "/console/login"


async def test_thirty_idle_minutes_end_the_session(world: World, ann: Browser) -> None:
    world.clock.advance(timedelta(minutes=29))
    assert (await ann.get("/console/")).status_code == 200
    world.clock.advance(timedelta(minutes=29))  # active 29 minutes ago: still fine
    assert (await ann.get("/console/")).status_code == 200
    world.clock.advance(timedelta(minutes=30))
    response = await ann.get("/console/")
    assert response.status_code == 303
    assert world.sessions("north_advisor")[0].end_reason == "idle"


async def test_twelve_hours_end_the_session_however_active(world: World, ann: Browser) -> None:
    for _ in range(12 * 3 - 1):  # active every 20 minutes for 11 hours 40 minutes
        world.clock.advance(timedelta(minutes=20))
        assert (await ann.get("/console/")).status_code == 200
    world.clock.advance(timedelta(minutes=20))
    assert (await ann.get("/console/")).status_code == 303
    assert world.sessions("north_advisor")[0].end_reason == "expired"


async def test_signed_out_visitors_are_sent_to_the_login(world: World) -> None:
    browser = world.client()
    for path in ("/console/", f"/console/participants/{world.ids['north1']}", "/console/advisors"):
        response = await browser.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"] == "/console/login"
    assert (await browser.get("/console/stream")).status_code == 401
    htmx = await browser.post("/console/logout")
    assert htmx.status_code == 401
    assert htmx.headers["hx-redirect"] == "/console/login"


@pytest.mark.parametrize(
    ("headers", "drop_token"),
    [
        ({"origin": PUBLIC}, False),  # no HX-Request: a plain cross-site form
        ({"hx-request": "true", "origin": "https://evil.example"}, False),
        ({"hx-request": "true"}, False),  # no Origin, no Sec-Fetch-Site
        ({"hx-request": "true", "origin": PUBLIC, "sec-fetch-site": "cross-site"}, True),
        (HX, True),  # everything but the token
    ],
)
async def test_state_changes_without_every_csrf_defence_are_refused(
    world: World, ann: Browser, headers: dict[str, str], drop_token: bool
) -> None:
    if drop_token:
        ann.csrf = ""
    response = await ann.post("/console/logout", headers=headers)
    assert response.status_code == 403
    assert world.sessions("north_advisor")[0].ended_at is None  # still signed in
    assert world.audit("refused")[-1].advisor_id == world.ids["north_advisor"]
    login = await world.client().http.post(
        "/console/login",
        data={"email": "ann@north.nhs.uk", "password": PASSWORD},
        headers=headers,
    )
    assert login.status_code == 403
    assert len(world.sessions("north_advisor")) == 1


async def test_another_sessions_csrf_token_does_not_do(world: World, ann: Browser) -> None:
    other = await world.client(address="10.0.0.9").signed_in_as("lee@north.nhs.uk")
    ann.csrf = other.csrf
    assert (await ann.post("/console/logout")).status_code == 403


async def test_nothing_changes_state_on_get(world: World, ann: Browser) -> None:
    for path in (
        "/console/logout",
        "/console/sessions/end-others",
        f"/console/advisors/{world.ids['north_advisor']}/end-sessions",
    ):
        assert (await ann.get(path)).status_code == 405, path
    assert world.sessions("north_advisor")[0].ended_at is None


async def test_failed_logins_slow_down_the_account_with_growing_waits(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    browser = world.client()
    for _ in range(3):
        assert (await browser.login("ann@north.nhs.uk", "wrong wrong wrong")).status_code == 401
    with caplog.at_level(logging.WARNING, logger="bot.console.auth"):
        refused = await browser.login("ann@north.nhs.uk")  # even the right password waits
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == "1"
    assert "Too many tries" in refused.text
    assert "throttled" in caplog.text
    assert "ann@north" not in caplog.text  # the account is logged by a tag, not the email
    world.clock.advance(timedelta(seconds=1))
    assert (await browser.login("ann@north.nhs.uk", "wrong again")).status_code == 401
    assert (await browser.login("ann@north.nhs.uk")).headers["retry-after"] == "2"
    world.clock.advance(timedelta(seconds=2))
    assert (await browser.login("ann@north.nhs.uk")).status_code == 204
    # A success starts the count again.
    assert (await world.client().login("ann@north.nhs.uk", "wrong")).status_code == 401
    assert world.audit("login_throttled")


async def test_the_throttle_is_shared_by_every_process_through_the_database(
    world: World,
) -> None:
    first_process, second_process = world.client(), world.client()
    for _ in range(3):
        await first_process.login("ann@north.nhs.uk", "wrong wrong wrong")
    assert (await second_process.login("ann@north.nhs.uk")).status_code == 429
    with Session(world.engine) as session:
        attempts = list(session.exec(select(LoginAttempt)))
    assert len(attempts) == 3
    assert {a.address for a in attempts} == {"10.0.0.1"}


async def test_tries_sent_all_at_once_are_each_counted_before_the_next(world: World) -> None:
    """Twelve wrong passwords for one account in one burst: three are checked, the rest wait
    (each try is counted as it is let through, not after its password was checked)."""
    browsers = [world.client(address=f"10.0.1.{n}") for n in range(12)]
    for browser in browsers:
        await browser.get("/console/login")
    answers = await asyncio.gather(
        *(
            b.post("/console/login", {"email": "ann@north.nhs.uk", "password": f"wrong {n}"})
            for n, b in enumerate(browsers)
        )
    )
    assert sorted(a.status_code for a in answers) == [401] * 3 + [429] * 9
    with Session(world.engine) as session:
        assert len(list(session.exec(select(LoginAttempt)))) == 3


async def test_one_address_trying_many_accounts_is_slowed_down(world: World) -> None:
    browser = world.client(address="192.0.2.7")
    for n in range(20):
        assert (await browser.login(f"guess{n}@north.nhs.uk", "x" * 12)).status_code == 401
    assert (await browser.login("ann@north.nhs.uk")).status_code == 429
    # Another address is not held up.
    assert (await world.client(address="192.0.2.8").login("ann@north.nhs.uk")).status_code == 204


@pytest.mark.production_argon2
async def test_an_old_hash_is_upgraded_at_login(world: World) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    with Session(world.engine) as session:
        advisor = session.get(Advisor, world.ids["north_advisor"])
        assert advisor is not None
        advisor.password_hash = weak
        session.add(advisor)
        session.commit()
    assert (await world.client().login("ann@north.nhs.uk")).status_code == 204
    with Session(world.engine) as session:
        advisor = session.get(Advisor, world.ids["north_advisor"])
        assert advisor is not None
        assert advisor.password_hash != weak
        assert "m=65536" in advisor.password_hash
        assert verify(advisor.password_hash, PASSWORD)
    assert world.audit("login")[-1].detail == "password rehashed"


async def test_an_inactive_advisor_cannot_sign_in_and_their_sessions_end(
    world: World, ann: Browser
) -> None:
    with Session(world.engine) as session:
        advisor = session.get(Advisor, world.ids["north_advisor"])
        assert advisor is not None
        advisor.active = False
        session.add(advisor)
        session.commit()
    assert (await ann.get("/console/")).status_code == 303
    assert world.sessions("north_advisor")[0].end_reason == "inactive"
    assert (await world.client().login("ann@north.nhs.uk")).status_code == 401


async def test_a_lead_ends_an_advisors_sessions(world: World, ann: Browser, lee: Browser) -> None:
    page = await lee.get("/console/advisors")
    assert "ann@north.nhs.uk" in page.text
    assert "sam@south.nhs.uk" not in page.text
    response = await lee.post(f"/console/advisors/{world.ids['north_advisor']}/end-sessions")
    assert response.status_code == 200
    assert "Signed out of 1 session" in response.text
    assert (await ann.get("/console/")).status_code == 303
    assert world.sessions("north_advisor")[0].end_reason == "ended_by_lead"
    assert world.audit("end_sessions")[-1].advisor_id == world.ids["north_lead"]


async def test_a_lead_cannot_end_another_providers_sessions_nor_can_an_advisor(
    world: World, ann: Browser, lee: Browser, sam: Browser
) -> None:
    south = await lee.post(f"/console/advisors/{world.ids['south_advisor']}/end-sessions")
    assert south.status_code == 404
    assert "sam@south" not in south.text
    by_advisor = await ann.post(f"/console/advisors/{world.ids['north_lead']}/end-sessions")
    assert by_advisor.status_code == 404
    guessed = await lee.post("/console/advisors/99999999999/end-sessions")
    assert guessed.status_code == 404
    assert (await sam.get("/console/")).status_code == 200
    assert (await lee.get("/console/")).status_code == 200
    assert len(world.audit("denied")) == 3


async def test_an_advisor_signs_out_their_other_browsers(world: World, ann: Browser) -> None:
    phone = await world.client(address="10.0.0.8").signed_in_as("ann@north.nhs.uk")
    page = await ann.get("/console/advisors")
    assert page.text.count("Since ") == 2
    response = await ann.post("/console/sessions/end-others")
    assert "Signed out of 1 other session" in response.text
    assert (await phone.get("/console/")).status_code == 303
    assert (await ann.get("/console/")).status_code == 200


async def test_the_audit_log_cannot_be_changed_or_emptied(world: World, ann: Browser) -> None:
    assert world.audit()
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with Session(world.engine) as session, pytest.raises(DBAPIError):
            session.exec(text(statement))  # type: ignore[call-overload]
    assert all(e.action != "x" for e in world.audit())


async def test_sessions_rows_hold_no_usable_token(world: World, ann: Browser) -> None:
    with Session(world.engine) as session:
        rows = list(session.exec(select(ConsoleSession).where(col(ConsoleSession.id) > 0)))
    token = ann.http.cookies.get("__Host-quitbot_console") or ""
    assert token
    assert all(token not in (r.token_hash + r.address) for r in rows)


async def test_a_password_typed_into_the_email_box_is_never_kept(world: World) -> None:
    secret = "Hunter2-MySecretPassw0rd"
    browser = world.client()
    for _ in range(5):
        assert (await browser.login(secret, "x" * 12)).status_code in (401, 429)
    with Session(world.engine) as session:
        kept = [a.account for a in session.exec(select(LoginAttempt))]
        audit = list(session.exec(text("SELECT action, detail FROM audit_log")))
    assert kept and all(secret.lower() not in value for value in kept)
    assert "login_throttled" in {action for action, _ in audit}
    assert all(secret.lower() not in (detail or "") for _, detail in audit)
