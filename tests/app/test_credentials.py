from __future__ import annotations

import logging
from pathlib import Path

import keyring.errors
from keyring.backends import chainer, fail, null

from app.credentials import CredentialStore
from tests.app.memory_keyring import MemoryKeyring


def test_secrets_round_trip_through_the_keyring(memory_keyring):
    store = CredentialStore(backend=memory_keyring)
    assert store.available
    assert store.unavailable_reason is None
    assert store.get("coinweight", "demo") is None

    assert store.set("coinweight", "demo", "s3cret")
    assert store.set("chp", "demo", "other")
    assert store.get("coinweight", "demo") == "s3cret"
    assert store.get("chp", "demo") == "other"
    assert memory_keyring.passwords == {
        ("Tessera", "coinweight:demo"): "s3cret",
        ("Tessera", "chp:demo"): "other",
    }

    assert store.delete("coinweight", "demo")
    assert not store.delete("coinweight", "demo")
    assert store.get("coinweight", "demo") is None


def _files_under(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_without_a_keyring_nothing_is_remembered_anywhere(tmp_path, monkeypatch, caplog):
    home = tmp_path / "home"
    home.mkdir()
    for var, sub in (("HOME", ""), ("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config")):
        monkeypatch.setenv(var, str(home / sub))
    store = CredentialStore(backend=fail.Keyring())

    assert not store.available
    assert "keyring" in store.unavailable_reason
    with caplog.at_level(logging.DEBUG):
        assert store.set("coinweight", "demo", "s3cret") is False
        assert store.get("coinweight", "demo") is None
        assert store.delete("coinweight", "demo") is False

    assert _files_under(home) == []
    assert "s3cret" not in caplog.text


def test_null_and_empty_chainer_backends_are_unavailable(monkeypatch):
    assert not CredentialStore(backend=null.Keyring()).available
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    assert not CredentialStore(backend=chainer.ChainerBackend()).available


class _BrokenKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise keyring.errors.PasswordSetError("locked")

    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("locked")


def test_a_failing_keyring_returns_false_and_never_logs_the_secret(caplog):
    store = CredentialStore(backend=_BrokenKeyring())
    with caplog.at_level(logging.WARNING):
        assert store.set("ramm", "trader", "hunter2") is False
        assert store.get("ramm", "trader") is None
    assert "ramm/trader" in caplog.text
    assert "hunter2" not in caplog.text
