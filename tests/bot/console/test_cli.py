"""`quitbot advisor end-sessions --email`: sign an advisor out everywhere from the shell."""

from __future__ import annotations

from pathlib import Path

from tests.bot.console.world import Browser, World
from tests.live import quitbot


async def test_end_sessions_signs_the_advisor_out_everywhere(
    world: World, ann: Browser, lee: Browser, db_url: str, tmp_path: Path
) -> None:
    result = quitbot(
        "advisor",
        "end-sessions",
        "--email",
        "ANN@north.nhs.uk",
        cwd=tmp_path,
        env={"QUITBOT_DATABASE_URL": db_url},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ended 1 console session of ANN@north.nhs.uk"
    assert (await ann.get("/console/")).status_code == 303
    assert (await lee.get("/console/")).status_code == 200  # nobody else is touched
    assert world.sessions("north_advisor")[0].end_reason == "ended_by_cli"
    assert world.audit("end_sessions")[-1].address == "command line"


def test_end_sessions_for_an_unknown_email_is_one_line_and_exit_2(
    world: World, db_url: str, tmp_path: Path
) -> None:
    result = quitbot(
        "advisor",
        "end-sessions",
        "--email",
        "nobody@north.nhs.uk",
        cwd=tmp_path,
        env={"QUITBOT_DATABASE_URL": db_url},
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "quitbot: no advisor has the email 'nobody@north.nhs.uk'"
