"""LINK: one person, many channels. Makes the one-time codes, and reads a code sent from
another phone or app, joining that address to the person before anything else reads it.

- LINK (CYSYLLTU) on a channel the person uses: the flow asks for a code (`IssueLinkCode`);
  `Linker.issue` makes one (six characters, `flows.link.ALPHABET`), keeps only its keyed
  hash (HMAC-SHA256 with the service's secret key) for `CODE_MINUTES`, and the reply tells it.
- A code sent from a new address (or one that only ever said hello and never consented) joins
  that address to the person, once: one registration, one transcript, and the bot answers
  wherever they last wrote. They are told on both channels.
- A wrong code, a spent one or one that ran out gets a clear reply and registers nobody: the
  address is kept as a stranger's (so the reply has somewhere to go), which a right code
  later folds in, and "hi" starts a registration as usual. `MAX_FAILURES` wrong codes from an
  address lock it for `LOCK_MINUTES`, right code or not.
- An address with a record of its own (it said yes to consent, or has a safety event, a
  request for a person, ...) is never merged: a live code sent from it is refused with a
  reply that offers a person, and an ordinary message that merely looks like a code (when no
  such code was made) goes to the flows as usual.

The code is never written to the log. The message that carried it is in the transcript, as
every message is, and is worthless once used or after `CODE_MINUTES`.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from flows import Channel, Param, Reply
from flows.link import (
    ALPHABET,
    CODE_LENGTH,
    CODE_MINUTES,
    LOCK_MINUTES,
    MAX_FAILURES,
    code_in,
    well_formed,
)
from messages import catalog as m
from messages.catalog import Message
from messages.render import Renderer
from storage import conversations, links, outbox, transcript

log = logging.getLogger(__name__)

CHANNEL_NAMES: dict[str, Message] = {
    Channel.SMS.value: m.CHANNEL_SMS,
    Channel.TELEGRAM.value: m.CHANNEL_TELEGRAM,
    Channel.WEB.value: m.CHANNEL_WEB,
    Channel.LOCAL.value: m.CHANNEL_LOCAL,
}


@dataclass(frozen=True, slots=True)
class Linked:
    """What became of a message that was a code: whose it now is, and how many replies."""

    participant_id: int
    queued: int


@dataclass(frozen=True, slots=True)
class Inbound:
    """The message, as the receive path has it."""

    channel: str
    address: str
    text: str
    has_media: bool
    provider_id: str | None


class Linker:
    """Makes codes and joins addresses (in the caller's transaction)."""

    def __init__(self, *, renderer: Renderer, key: str) -> None:
        self._renderer = renderer
        self._key = key.encode()

    def code_hash(self, code: str) -> str:
        """The keyed hash a code is kept as."""
        return hmac.new(self._key, f"link:{code}".encode(), hashlib.sha256).hexdigest()

    def issue(
        self, *, session: Session, participant_id: int, channel: str, now: datetime
    ) -> Reply:
        """A new code for the person (their older unused one stops working), and the reply
        that tells it to them."""
        expires_at = now + timedelta(minutes=CODE_MINUTES)
        while True:
            code = _new_code()
            try:
                with session.begin_nested():
                    links.issue(
                        session=session,
                        participant_id=participant_id,
                        code_hash=self.code_hash(code),
                        channel=channel,
                        expires_at=expires_at,
                        now=now,
                    )
            except IntegrityError:  # the same code was made before and is still kept
                continue
            log.info("LINK code made for participant %d", participant_id)
            return Reply(m.LINK_CODE, {"code": code, "minutes": CODE_MINUTES}, always=True)

    def receive(
        self,
        *,
        session: Session,
        message: Inbound,
        participant_id: int | None,
        now: datetime,
        stranger: Callable[[], int],
    ) -> Linked | None:
        """Take a message that is a code (None: it is not one, let the flows read it).
        `participant_id`: whose the address is now, if anyone's; `stranger()` makes the
        address a stranger's when a reply must go to it and it has no one yet."""
        code = code_in(message.text)
        if code is None:
            return None
        found = links.find(session=session, code_hash=self.code_hash(code))
        if participant_id is not None and not links.unregistered(
            session=session, participant_id=participant_id
        ):
            if found is None:
                return None  # a postcode or a word that looks like a code: no code was made
            if found.participant_id == participant_id:
                return self._answer(session, participant_id, message, m.LINK_ALREADY, now)
            self._failed(session, message, now)
            log.info("LINK code refused: participant %d has a record of its own", participant_id)
            return self._answer(session, participant_id, message, m.LINK_REGISTERED, now)
        if links.locked(
            session=session, channel=message.channel, address=message.address, now=now
        ):
            return self._answer(session, participant_id or stranger(), message, m.LINK_LOCKED, now)
        if found is None:
            locked = self._failed(session, message, now)
            said = m.LINK_LOCKED if locked else m.LINK_WRONG
            return self._answer(session, participant_id or stranger(), message, said, now)
        if found.used:
            return self._answer(session, participant_id or stranger(), message, m.LINK_USED, now)
        if found.expires_at <= now:
            said = m.LINK_EXPIRED
            return self._answer(session, participant_id or stranger(), message, said, now)
        if not links.use(session=session, code_id=found.id, channel=message.channel, now=now):
            # used a moment ago from elsewhere: single-use
            return self._answer(session, participant_id or stranger(), message, m.LINK_USED, now)
        return self._join(session, found.participant_id, participant_id, message, now)

    def _join(
        self,
        session: Session,
        person: int,
        stranger: int | None,
        message: Inbound,
        now: datetime,
    ) -> Linked:
        before = transcript.last_addresses(session=session, participant_ids=[person]).get(person)
        links.join(
            session=session,
            participant_id=person,
            channel=message.channel,
            address=message.address,
            now=now,
            stranger=stranger,
        )
        links.forget_failures(session=session, channel=message.channel, address=message.address)
        log.info("LINK: a %s address joined participant %d", message.channel, person)
        self._record(session, person, message, now)
        locale = self._locale(session, person)
        queued = self._say(
            session, person, message.channel, message.address, locale, now, m.LINK_JOINED_HERE
        )
        if before is not None and before != (message.channel, message.address):
            name = CHANNEL_NAMES.get(message.channel, m.CHANNEL_WEB)
            queued += self._say(
                session, person, *before, locale, now, m.LINK_JOINED_THERE, {"channel": name}
            )
        return Linked(person, queued)

    def _failed(self, session: Session, message: Inbound, now: datetime) -> bool:
        locked = links.failed(
            session=session,
            channel=message.channel,
            address=message.address,
            now=now,
            window=timedelta(minutes=LOCK_MINUTES),
            max_failures=MAX_FAILURES,
            lock=timedelta(minutes=LOCK_MINUTES),
        )
        if locked:
            log.warning("LINK: too many wrong codes from one %s address; locked", message.channel)
        return locked

    def _answer(
        self, session: Session, participant_id: int, message: Inbound, said: Message, now: datetime
    ) -> Linked:
        self._record(session, participant_id, message, now)
        locale = self._locale(session, participant_id)
        params = {"minutes": CODE_MINUTES}
        queued = self._say(
            session, participant_id, message.channel, message.address, locale, now, said, params
        )
        return Linked(participant_id, queued)

    @staticmethod
    def _record(session: Session, participant_id: int, message: Inbound, now: datetime) -> None:
        transcript.record_inbound(
            session=session,
            participant_id=participant_id,
            channel=message.channel,
            address=message.address,
            body=message.text,
            has_media=message.has_media,
            provider_id=message.provider_id,
            now=now,
        )

    @staticmethod
    def _locale(session: Session, participant_id: int) -> str:
        loaded = conversations.load(session=session, participant_id=participant_id)
        return "en_GB" if loaded is None else loaded[0].locale

    def _say(
        self,
        session: Session,
        participant_id: int,
        channel: str,
        address: str,
        locale: str,
        now: datetime,
        said: Message,
        params: Mapping[str, Param] | None = None,
    ) -> int:
        body = self._renderer.render(said, params or {}, locale=locale)
        outbox.enqueue(
            session=session,
            participant_id=participant_id,
            channel=channel,
            address=address,
            body=body,
            locale=locale,
            sent_by="bot",
            message_key=said.key,
            now=now,
            priority=0,
            always_send=True,  # about where they are reached: told even while a person holds it
        )
        return 1


def _new_code() -> str:
    """Six characters from the alphabet, with a letter and a digit (see flows/link.py)."""
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
        if well_formed(code):
            return code
