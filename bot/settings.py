"""Settings: the one place that reads the environment (and a `.env` file in the working folder)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from messages.render import LOCALES
from storage.db import PRIVATE_FILE, PRIVATE_FOLDER, make_private
from storage.providers import Allocation, BadAllocation, parse_allocation

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
DEFAULT_TWILIO_API = "https://api.twilio.com"
DEFAULT_TELEGRAM_API = "https://api.telegram.org"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
MAX_WORKERS = 4  # QUITBOT_WORKERS at most


class SettingsError(ValueError):
    """A setting has a value quitbot cannot use (the message says which and why)."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything quitbot is configured with. Build it with `Settings.from_env()`."""

    database_url: str = "sqlite:///./var/quitbot.db"
    public_url: str = DEFAULT_PUBLIC_URL
    timezone: str = "Europe/London"
    default_locale: str = "en_GB"
    secret_key: str = ""
    data_dir: Path = Path("var")
    twilio_account_sid: str | None = None
    twilio_auth_token: str | None = None
    twilio_from_number: str | None = None
    twilio_messaging_service_sid: str | None = None
    twilio_api_base: str = DEFAULT_TWILIO_API
    telegram_bot_token: str | None = None
    telegram_webhook_secret: str | None = None
    telegram_api_base: str = DEFAULT_TELEGRAM_API
    privacy_url: str = ""
    # Who holds the data, for the privacy notice: empty until the operator says (the notice
    # then says who to ask in words that stay true, and `serve` says to set them).
    operator_name: str = ""
    operator_contact: str = ""
    pack_price_pence: int = 1600
    twelve_week_window: tuple[int, int] = (81, 98)
    telegram_rate: float = 25.0
    sms_rate: float = 10.0
    daily_cap: int = 2
    night_sleep_until: time = time(14, 0)
    log_level: str = "INFO"
    web_new_chats_per_address: int = 20
    web_new_chats_per_minute: int = 120
    web_idle_hours: int = 24
    trusted_proxies: tuple[str, ...] = ()
    safety_net: bool = True  # the safety screen's example net beside its rules
    # `quitbot serve`'s worker processes (the journal, the outbox, the ticker); 0: one process.
    workers: int = 1
    allocation: Allocation = field(default_factory=Allocation)
    advisor_lease_minutes: int = 30
    production: bool = False
    # Each priority group's share of NHS staff who smoke, for the report's reach table.
    reach_reference: tuple[tuple[str, float], ...] = ()

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, dotenv: Path | None = Path(".env")
    ) -> Settings:
        """Read settings from `environ` (default: the process) over a `.env` file, if any."""
        values: dict[str, str] = {}
        if dotenv is not None and dotenv.is_file():
            values.update(read_dotenv(dotenv))
        values.update(os.environ if environ is None else environ)

        def get(name: str) -> str | None:
            value = values.get(name, "").strip()
            return value or None

        timezone = get("QUITBOT_TIMEZONE") or "Europe/London"
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise SettingsError(f"QUITBOT_TIMEZONE: unknown time zone {timezone!r}") from error
        locale = get("QUITBOT_DEFAULT_LOCALE") or "en_GB"
        if locale not in LOCALES:
            raise SettingsError(
                f"QUITBOT_DEFAULT_LOCALE: {locale!r} is not shipped "
                f"(use one of {', '.join(LOCALES)})"
            )
        public_url = (get("QUITBOT_PUBLIC_URL") or DEFAULT_PUBLIC_URL).rstrip("/")
        if not public_url.startswith(("http://", "https://")):
            raise SettingsError("QUITBOT_PUBLIC_URL must start with http:// or https://")
        data_dir = Path(get("QUITBOT_DATA_DIR") or "var")
        price = get("QUITBOT_PACK_PRICE") or "16.00"
        try:
            pack_price_pence = round(float(price.lstrip("£")) * 100)
        except ValueError:
            raise SettingsError(
                f"QUITBOT_PACK_PRICE: {price!r} is not a price in pounds"
            ) from None
        if not 0 < pack_price_pence < 100_000:
            raise SettingsError(f"QUITBOT_PACK_PRICE: {price!r} is not a sensible pack price")
        rates = {}
        for name, default in (("QUITBOT_TELEGRAM_RATE", "25"), ("QUITBOT_SMS_RATE", "10")):
            text = get(name) or default
            try:
                rates[name] = float(text)
            except ValueError:
                raise SettingsError(
                    f"{name}: {text!r} is not a number of messages a second"
                ) from None
            if not 0 < rates[name] <= 1000:
                raise SettingsError(f"{name}: {text!r} must be between 0 and 1000 a second")
        cap_text = get("QUITBOT_DAILY_CAP") or "2"
        if not _whole(cap_text) or not 1 <= int(cap_text) <= 6:
            raise SettingsError(
                f"QUITBOT_DAILY_CAP: {cap_text!r} must be a whole number of messages, 1 to 6"
            )
        sleep_text = get("QUITBOT_NIGHT_SLEEP_UNTIL") or "14:00"
        try:
            night_sleep_until = time.fromisoformat(sleep_text)
        except ValueError:
            raise SettingsError(
                f"QUITBOT_NIGHT_SLEEP_UNTIL: {sleep_text!r} is not a time of day, e.g. 14:00"
            ) from None
        if not time(10, 0) <= night_sleep_until <= time(18, 0):
            raise SettingsError(
                f"QUITBOT_NIGHT_SLEEP_UNTIL: {sleep_text!r} must be between 10:00 and 18:00"
            )
        log_level = (get("QUITBOT_LOG_LEVEL") or "INFO").upper()
        if log_level not in LOG_LEVELS:
            raise SettingsError(
                f"QUITBOT_LOG_LEVEL: {log_level!r} must be one of {', '.join(LOG_LEVELS)}"
            )
        window_text = get("QUITBOT_12_WEEK_WINDOW") or "81-98"
        try:
            first, last = (int(part) for part in window_text.split("-"))
        except ValueError:
            raise SettingsError(
                f"QUITBOT_12_WEEK_WINDOW: {window_text!r} is not FIRST-LAST days, e.g. 81-98"
            ) from None
        if not 43 <= first <= last <= 182:
            raise SettingsError(
                f"QUITBOT_12_WEEK_WINDOW: {window_text!r} must lie after day 42 and by day 182"
            )
        web = _web_limits(get)
        net_text = (get("QUITBOT_SAFETY_NET") or "on").lower()
        if net_text not in ("on", "off"):
            raise SettingsError(f"QUITBOT_SAFETY_NET: {net_text!r} must be on or off")
        try:
            allocation = parse_allocation(get("QUITBOT_ALLOCATION"))
        except BadAllocation as error:
            raise SettingsError(f"QUITBOT_ALLOCATION: {error}") from None
        lease_text = get("QUITBOT_ADVISOR_LEASE_MINUTES") or "30"
        if not _whole(lease_text) or not 5 <= int(lease_text) <= 24 * 60:
            raise SettingsError(
                f"QUITBOT_ADVISOR_LEASE_MINUTES: {lease_text!r} must be a whole number of "
                "minutes, 5 to 1440"
            )
        reach = _reach_reference(get("QUITBOT_REACH_REFERENCE") or "")
        workers_text = get("QUITBOT_WORKERS") or "1"
        if not _whole(workers_text) or not 0 <= int(workers_text) <= MAX_WORKERS:
            raise SettingsError(
                f"QUITBOT_WORKERS: {workers_text!r} must be a whole number from 0 "
                f"(everything in one process) to {MAX_WORKERS}"
            )
        environment = (get("QUITBOT_ENV") or "development").lower()
        if environment not in ("development", "production"):
            raise SettingsError(f"QUITBOT_ENV: {environment!r} must be development or production")
        return cls(
            database_url=_database_url(
                get("QUITBOT_DATABASE_URL")
                or f"sqlite:///{'' if data_dir.is_absolute() else './'}{data_dir}/quitbot.db"
            ),
            public_url=public_url,
            timezone=timezone,
            default_locale=locale,
            secret_key=get("QUITBOT_SECRET_KEY") or "",
            data_dir=data_dir,
            twilio_account_sid=get("TWILIO_ACCOUNT_SID"),
            twilio_auth_token=get("TWILIO_AUTH_TOKEN"),
            twilio_from_number=get("TWILIO_FROM_NUMBER"),
            twilio_messaging_service_sid=get("TWILIO_MESSAGING_SERVICE_SID"),
            twilio_api_base=(get("QUITBOT_TWILIO_API_BASE") or DEFAULT_TWILIO_API).rstrip("/"),
            telegram_bot_token=get("TELEGRAM_BOT_TOKEN"),
            telegram_webhook_secret=get("TELEGRAM_WEBHOOK_SECRET"),
            telegram_api_base=(get("QUITBOT_TELEGRAM_API_BASE") or DEFAULT_TELEGRAM_API).rstrip(
                "/"
            ),
            privacy_url=get("QUITBOT_PRIVACY_URL") or f"{public_url}/privacy",
            operator_name=_one_line("QUITBOT_OPERATOR_NAME", get("QUITBOT_OPERATOR_NAME")),
            operator_contact=_one_line(
                "QUITBOT_OPERATOR_CONTACT", get("QUITBOT_OPERATOR_CONTACT")
            ),
            pack_price_pence=pack_price_pence,
            twelve_week_window=(first, last),
            telegram_rate=rates["QUITBOT_TELEGRAM_RATE"],
            sms_rate=rates["QUITBOT_SMS_RATE"],
            daily_cap=int(cap_text),
            night_sleep_until=night_sleep_until,
            log_level=log_level,
            web_new_chats_per_address=web["QUITBOT_WEB_NEW_CHATS_PER_ADDRESS"],
            web_new_chats_per_minute=web["QUITBOT_WEB_NEW_CHATS_PER_MINUTE"],
            web_idle_hours=web["QUITBOT_WEB_IDLE_HOURS"],
            trusted_proxies=_proxies(get("QUITBOT_TRUSTED_PROXIES") or ""),
            safety_net=net_text == "on",
            workers=int(workers_text),
            allocation=allocation,
            advisor_lease_minutes=int(lease_text),
            production=environment == "production",
            reach_reference=reach,
        )

    @property
    def own_privacy_notice(self) -> bool:
        """Whether the privacy link is quitbot's own notice (/privacy), not the operator's."""
        return self.privacy_url == f"{self.public_url}/privacy"

    def twilio_status(self) -> tuple[bool, str]:
        """Whether SMS is on, and why (for the start-up banner)."""
        missing = _missing(
            TWILIO_ACCOUNT_SID=self.twilio_account_sid, TWILIO_AUTH_TOKEN=self.twilio_auth_token
        )
        if missing:
            return False, missing
        if not (self.twilio_from_number or self.twilio_messaging_service_sid):
            return False, "off: set TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID"
        return True, f"on: webhook {self.public_url}/webhooks/twilio/sms"

    def telegram_status(self) -> tuple[bool, str]:
        """Whether Telegram is on, and why (for the start-up banner)."""
        missing = _missing(
            TELEGRAM_BOT_TOKEN=self.telegram_bot_token,
            TELEGRAM_WEBHOOK_SECRET=self.telegram_webhook_secret,
        )
        if missing:
            return False, missing
        return True, f"on: webhook {self.public_url}/webhooks/telegram"

    def with_secret_key(self) -> Settings:
        """These settings with a secret key: the configured one, or one kept in the data folder.

        The data folder is created 0700 (or made 0700), and the key file is created 0600: it is
        never readable by anyone else, not even for a moment.
        """
        if self.secret_key:
            return self
        path = self.data_dir / "secret_key"
        private_folder(self.data_dir)
        key = _read_key(path)
        if not key:
            key = secrets.token_urlsafe(32)
            try:
                fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
            except FileExistsError:  # empty, or another process is writing it right now
                key = _read_key(path) or _rewrite_key(path, key)
            else:
                with os.fdopen(fd, "w") as file:
                    file.write(key + "\n")
        return _replace(self, secret_key=key)


def private_folder(folder: Path) -> None:
    """`folder` exists and only its owner can enter it (0700)."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    make_private(folder, PRIVATE_FOLDER)


def _read_key(path: Path) -> str:
    """The key kept at `path` ("" if none), its file made 0600 if an older quitbot left it open."""
    if not path.is_file():
        return ""
    make_private(path, PRIVATE_FILE)
    return path.read_text().strip()


def _rewrite_key(path: Path, key: str) -> str:
    """Write `key` over an empty key file, taking it private first."""
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC)
    os.fchmod(fd, PRIVATE_FILE)
    with os.fdopen(fd, "w") as file:
        file.write(key + "\n")
    return key


_WEB_LIMITS = {
    # name: (default, least, most, what it counts)
    "QUITBOT_WEB_NEW_CHATS_PER_ADDRESS": (20, 1, 100_000, "new web chats a minute"),
    "QUITBOT_WEB_NEW_CHATS_PER_MINUTE": (120, 1, 1_000_000, "new web chats a minute"),
    "QUITBOT_WEB_IDLE_HOURS": (24, 1, 24 * 365, "hours"),
}


DATABASE_EXAMPLES = "e.g. sqlite:///./var/quitbot.db or postgresql+psycopg://user:pass@host/db"


def _database_url(text: str) -> str:
    """QUITBOT_DATABASE_URL, checked the way the engine will read it. A mistake is a settings
    mistake (exit 2), and its message never repeats the password."""
    name = "QUITBOT_DATABASE_URL"
    try:
        url = make_url(text)
        shown = url.render_as_string(hide_password=True)
        backend = url.get_backend_name()
    except (ArgumentError, ValueError):
        raise SettingsError(f"{name} is not a database URL ({DATABASE_EXAMPLES})") from None
    if backend == "postgres":
        raise SettingsError(
            f"{name}: write postgresql+psycopg:// rather than postgres:// ({shown})"
        )
    if backend not in ("sqlite", "postgresql"):
        raise SettingsError(
            f"{name}: quitbot runs on SQLite or PostgreSQL, not {backend!r} ({DATABASE_EXAMPLES})"
        )
    if backend == "sqlite" and url.database in (None, "", ":memory:"):
        raise SettingsError(
            f"{name}: an in-memory SQLite database keeps nothing: name a file "
            f"({DATABASE_EXAMPLES})"
        )
    try:
        url.get_dialect().import_dbapi()
    except (ArgumentError, ImportError):
        raise SettingsError(
            f"{name}: the database driver {url.get_driver_name()!r} is not installed "
            f"({DATABASE_EXAMPLES})"
        ) from None
    return text


def _one_line(name: str, text: str | None, most: int = 200) -> str:
    """A short line of plain text for a page (the operator's name or contact)."""
    if text is None:
        return ""
    if len(text) > most or any(ord(c) < 32 for c in text):
        raise SettingsError(f"{name}: must be one line of at most {most} characters")
    return text


def _whole(text: str) -> bool:
    """A whole number in ASCII digits: str.isdigit() alone also takes "²" and "①", which
    int() refuses (and "٣", which it reads as 3)."""
    return text.isascii() and text.isdigit()


def _web_limits(get: Callable[[str], str | None]) -> dict[str, int]:
    """The web chat limits, each a whole number within its bounds."""
    found = {}
    for name, (default, least, most, unit) in _WEB_LIMITS.items():
        text = get(name) or str(default)
        if not _whole(text) or not least <= int(text) <= most:
            raise SettingsError(
                f"{name}: {text!r} must be a whole number of {unit}, {least} to {most}"
            )
        found[name] = int(text)
    return found


def _proxies(text: str) -> tuple[str, ...]:
    """Comma-separated addresses or networks of trusted reverse proxies ("*" for any)."""
    found = tuple(part.strip() for part in text.split(",") if part.strip())
    for part in found:
        if part == "*":
            continue
        try:
            ipaddress.ip_network(part, strict=False)
        except ValueError:
            raise SettingsError(
                f"QUITBOT_TRUSTED_PROXIES: {part!r} is not an IP address or network"
            ) from None
    return found


def _missing(**values: str | None) -> str:
    """ "off: set A and B" for the settings that are empty, or "" when all are there."""
    names = [name for name, value in values.items() if not value]
    return f"off: set {' and '.join(names)}" if names else ""


def _replace(settings: Settings, **changes: object) -> Settings:
    from dataclasses import replace

    return replace(settings, **changes)  # type: ignore[arg-type]


def read_dotenv(path: Path) -> dict[str, str]:
    """KEY=value lines; blank lines, comments and `export ` prefixes are allowed."""
    values: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


REACH_GROUPS = ("imd_1_2", "routine_manual", "night_workers", "age_18_34", "men")


def _reach_reference(text: str) -> tuple[tuple[str, float], ...]:
    """QUITBOT_REACH_REFERENCE: "imd_1_2=0.28, night_workers=0.2" (shares, 0 to 1)."""
    found: list[tuple[str, float]] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        name = name.strip()
        if name not in REACH_GROUPS:
            raise SettingsError(
                f"QUITBOT_REACH_REFERENCE: unknown group {name!r} "
                f"(one of {', '.join(REACH_GROUPS)})"
            )
        try:
            share = float(value)
        except ValueError:
            share = -1.0
        if not 0 <= share <= 1:
            raise SettingsError(f"QUITBOT_REACH_REFERENCE: {part!r}: a share is 0 to 1, e.g. 0.28")
        found.append((name, share))
    return tuple(found)
