"""Whole-number settings take ASCII digits only: "²" and "①" pass str.isdigit() but int()
refuses them, and "٣" or full-width digits would be read as numbers nobody wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError


@pytest.mark.parametrize(
    "name",
    ["QUITBOT_DAILY_CAP", "QUITBOT_ADVISOR_LEASE_MINUTES", "QUITBOT_WEB_IDLE_HOURS"],
)
@pytest.mark.parametrize("value", ["\u00b2", "\u2460", "\u0663", "\uff11\uff10"])
def test_a_number_setting_in_other_digits_is_a_clear_error(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value}, dotenv=None)


def test_ascii_digits_are_still_read() -> None:
    settings = Settings.from_env(
        {"QUITBOT_DAILY_CAP": "3", "QUITBOT_ADVISOR_LEASE_MINUTES": "45"}, dotenv=None
    )
    assert (settings.daily_cap, settings.advisor_lease_minutes) == (3, 45)


def test_an_absolute_data_folder_holds_the_database(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    settings = Settings.from_env({"QUITBOT_DATA_DIR": str(folder)}, dotenv=None)
    assert settings.database_url == f"sqlite:///{folder}/quitbot.db"
    assert Settings.from_env({}, dotenv=None).database_url == "sqlite:///./var/quitbot.db"
