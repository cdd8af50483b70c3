"""`quitbot commissioner end-sessions --email` and `quitbot commissioner disable --email`:
sign a commissioner out everywhere from the shell, or stop them signing in at all."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from storage.console_tables import CommissionerSession
from storage.ledger_tables import Commissioner
from tests.bot.console.ledger_world import LedgerWorld
from tests.bot.console.world import PASSWORD, Browser
from tests.live import quitbot


def _run(db_url: str, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return quitbot(*args, cwd=tmp_path, env={"QUITBOT_DATABASE_URL": db_url})


def _sessions(books: LedgerWorld) -> list[CommissionerSession]:
    with Session(books.world.engine) as session:
        return list(session.exec(select(CommissionerSession).order_by(CommissionerSession.id)))


async def test_end_sessions_signs_the_commissioner_out_everywhere_and_no_one_else(
    books: LedgerWorld, cara: Browser, lead: Browser, db_url: str, tmp_path: Path
) -> None:
    second = await books.commissioner()  # another browser of hers
    assert (await cara.get("/console/commissioner/")).status_code == 200
    result = _run(db_url, tmp_path, "commissioner", "end-sessions", "--email", "CARA@icb.nhs.uk")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ended 2 console sessions of CARA@icb.nhs.uk"
    for browser in (cara, second):
        response = await browser.get("/console/commissioner/")
        assert response.status_code == 303
        assert response.headers["location"] == "/console/commissioner/login"
    assert (await lead.get("/console/claims")).status_code == 200  # nobody else is touched
    assert {s.end_reason for s in _sessions(books)} == {"ended_by_cli"}
    audited = books.world.audit("end_sessions")[-1]
    assert (audited.address, audited.commissioner_id) == (
        "command line",
        _sessions(books)[0].commissioner_id,
    )
    # She can sign in again: ending sessions is not disabling.
    again = await books.commissioner()
    assert (await again.get("/console/commissioner/")).status_code == 200
    nothing = _run(db_url, tmp_path, "commissioner", "end-sessions", "--email", "cara@icb.nhs.uk")
    assert nothing.stdout.strip() == "ended 1 console session of cara@icb.nhs.uk"
    await second.aclose()
    await again.aclose()


async def test_disable_ends_her_sessions_and_she_cannot_sign_in_again(
    books: LedgerWorld, cara: Browser, db_url: str, tmp_path: Path
) -> None:
    result = _run(db_url, tmp_path, "commissioner", "disable", "--email", "cara@icb.nhs.uk")
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip() == "cara@icb.nhs.uk can no longer sign in; 1 console session ended"
    )
    assert (await cara.get("/console/commissioner/")).status_code == 303
    [ended] = _sessions(books)
    assert ended.end_reason == "disabled"
    with Session(books.world.engine) as session:
        [who] = session.exec(select(Commissioner))
        assert who.active is False
    assert books.world.audit("commissioner_disable")[-1].address == "command line"
    browser = books.world.client(address="10.0.0.10")
    await browser.get("/console/commissioner/login")
    refused = await browser.post(
        "/console/commissioner/login", {"email": "cara@icb.nhs.uk", "password": PASSWORD}
    )
    assert refused.status_code == 401
    assert len(_sessions(books)) == 1
    await browser.aclose()


def test_an_unknown_or_missing_email_is_one_line_and_exit_2(
    books: LedgerWorld, db_url: str, tmp_path: Path
) -> None:
    for task in ("end-sessions", "disable"):
        result = _run(db_url, tmp_path, "commissioner", task, "--email", "lee@north.nhs.uk")
        assert result.returncode == 2
        # An advisor's email is not a commissioner's: nothing of Lee's is touched.
        assert result.stderr.strip() == "quitbot: no commissioner has the email 'lee@north.nhs.uk'"
        missing = _run(db_url, tmp_path, "commissioner", task)
        assert missing.returncode == 2
        assert len(missing.stderr.strip().splitlines()) == 1
        assert "--email" in missing.stderr
    with Session(books.world.engine) as session:
        assert all(c.active for c in session.exec(select(Commissioner)))
