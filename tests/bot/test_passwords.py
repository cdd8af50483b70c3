import pytest
from argon2 import PasswordHasher

from bot.passwords import hash_password, needs_rehash, verify, weakness

pytestmark = pytest.mark.production_argon2


def test_a_password_verifies_against_its_argon2id_hash_and_nothing_else() -> None:
    stored = hash_password("correct horse battery staple")
    assert stored.startswith("$argon2id$")
    assert stored != hash_password("correct horse battery staple")  # salted
    assert verify(stored, "correct horse battery staple")
    assert not verify(stored, "correct horse battery stapl")
    assert not verify("not a hash", "anything at all")


def test_a_hash_made_with_older_parameters_asks_to_be_rehashed() -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192).hash("correct horse battery staple")
    assert verify(weak, "correct horse battery staple")
    assert needs_rehash(weak)
    assert not needs_rehash(hash_password("correct horse battery staple"))


def test_short_common_and_repetitive_passwords_are_refused_with_a_reason() -> None:
    assert weakness("short") == "the password must be at least 12 characters"
    assert weakness("Password1234!") == "the password is too easy to guess"
    assert weakness("aaaaaaaaaaaaaaa") == "the password is too easy to guess"
    assert weakness("x" * 129) == "the password must be at most 128 characters"
    assert weakness("night shift tea at 4am") is None
