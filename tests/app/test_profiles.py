from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import profiles
from app.profiles import PROFILE_VERSION, Profile, ProfileStore, SavedLayout


def _profile(theme: str = "dark", **panels: dict) -> Profile:
    profile = Profile(theme=theme, panels=dict(panels))
    profile.layouts["default"] = SavedLayout(b"\x01geometry", b"\x00\xffstate")
    profile.hotkeys["window.lock_layout"] = "Ctrl+Alt+L"
    profile.link_groups["red"] = "binance:BTC-USDT"
    return profile


def _temp_files(store: ProfileStore) -> list[Path]:
    return [p for p in store.directory.iterdir() if p.name.endswith(".tmp")]


def test_a_saved_profile_loads_back_equal(tmp_path):
    store = ProfileStore(tmp_path, "alice")
    saved = _profile("light", journal={"level": 30})
    saved.layout_locked = True
    saved.confirm_orders["cancel"] = True
    store.save(saved)

    result = ProfileStore(tmp_path, "alice").load()

    assert result.source == "file"
    assert result.notices == []
    assert result.profile == saved
    data = json.loads(store.path.read_text(encoding="utf-8"))
    assert data["version"] == PROFILE_VERSION


def test_a_missing_profile_gives_defaults_without_a_notice(tmp_path):
    result = ProfileStore(tmp_path, "new").load()
    assert result.source == "new"
    assert result.notices == []
    assert result.profile == Profile()


def test_save_is_atomic_and_keeps_the_previous_good_copy(tmp_path):
    store = ProfileStore(tmp_path, "alice")
    store.save(_profile("dark"))
    first = store.path.read_bytes()
    store.save(_profile("light"))

    assert json.loads(store.path.read_text())["theme"] == "light"
    assert store.backup_path.read_bytes() == first
    assert _temp_files(store) == []


def test_an_interrupted_replace_leaves_the_old_profile_readable(tmp_path, monkeypatch):
    store = ProfileStore(tmp_path, "alice")
    store.save(_profile("dark"))
    before = store.path.read_bytes()

    def crash(src, dst):
        raise OSError(5, "simulated crash during rename")

    monkeypatch.setattr(profiles.os, "replace", crash)
    with pytest.raises(OSError):
        store.save(_profile("light"))
    monkeypatch.undo()

    assert store.path.read_bytes() == before
    assert _temp_files(store) == []
    assert ProfileStore(tmp_path, "alice").load().profile.theme == "dark"


def test_a_failing_fsync_leaves_the_old_profile_readable(tmp_path, monkeypatch):
    store = ProfileStore(tmp_path, "alice")
    store.save(_profile("dark"))
    before = store.path.read_bytes()

    def failing_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(profiles.os, "fsync", failing_fsync)
    with pytest.raises(OSError):
        store.save(_profile("light"))
    monkeypatch.undo()

    assert store.path.read_bytes() == before
    assert ProfileStore(tmp_path, "alice").load().profile.theme == "dark"


def test_a_truncated_temp_file_from_a_killed_write_is_ignored_and_removed(tmp_path):
    store = ProfileStore(tmp_path, "alice")
    store.save(_profile("dark"))
    full = json.dumps(_profile("light").to_json()).encode()
    leftover = store.directory / ".profile.json.k1ll3d.tmp"
    leftover.write_bytes(full[: len(full) // 2])  # the process died mid-write, before the rename

    result = ProfileStore(tmp_path, "alice").load()

    assert result.source == "file"
    assert result.profile.theme == "dark"
    assert not leftover.exists()


def test_a_corrupt_profile_is_moved_aside_and_defaults_are_used_with_a_notice(tmp_path):
    store = ProfileStore(tmp_path, "alice")
    store.directory.mkdir(parents=True)
    store.path.write_bytes(b"\x00\x01 this is not json")

    result = ProfileStore(tmp_path, "alice").load()

    assert result.source == "defaults"
    assert result.profile == Profile()
    assert result.notices and "damaged" in result.notices[0]
    aside = list(store.directory.glob("profile.json.corrupt-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == b"\x00\x01 this is not json"
    assert not store.path.exists()
    assert aside[0].name in result.notices[0]


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000, b'{"theme": ' * 100_000])
def test_a_profile_nested_too_deep_is_moved_aside_like_any_corrupt_file(tmp_path, body):
    store = ProfileStore(tmp_path, "alice")
    store.directory.mkdir(parents=True)
    store.path.write_bytes(body)

    result = ProfileStore(tmp_path, "alice").load()

    assert result.source == "defaults"
    assert result.profile == Profile()
    assert result.notices and "damaged" in result.notices[0]
    assert [p.read_bytes() for p in store.directory.glob("profile.json.corrupt-*")] == [body]
    assert not store.path.exists()


def test_the_backup_is_used_when_the_main_file_is_truncated(tmp_path):
    store = ProfileStore(tmp_path, "alice")
    store.save(_profile("light", journal={"filter": "x"}))
    store.save(_profile("dark"))  # the light one is now the .bak
    text = store.path.read_bytes()
    store.path.write_bytes(text[: len(text) // 3])

    result = ProfileStore(tmp_path, "alice").load()

    assert result.source == "backup"
    assert result.profile.theme == "light"
    assert result.profile.panels == {"journal": {"filter": "x"}}
    assert len(result.notices) == 2
    assert list(store.directory.glob("profile.json.corrupt-*"))


def test_a_saved_profile_after_recovery_keeps_working(tmp_path):
    store = ProfileStore(tmp_path, "alice")
    store.directory.mkdir(parents=True)
    store.path.write_text("{", encoding="utf-8")
    recovered = ProfileStore(tmp_path, "alice")
    profile = recovered.load().profile
    profile.theme = "light"
    recovered.save(profile)
    assert ProfileStore(tmp_path, "alice").load().profile.theme == "light"


@pytest.mark.parametrize(
    "patch",
    [
        {"theme": 5},
        {"layouts": {"x": {"geometry": "not base64!", "state": ""}}},
        {"panels": {"journal": "not an object"}},
        {"layout_locked": "yes"},
        {"version": "1"},
    ],
)
def test_wrong_types_count_as_corrupt(tmp_path, patch):
    store = ProfileStore(tmp_path, "alice")
    store.save(_profile())
    data = json.loads(store.path.read_text())
    data.update(patch)
    store.path.write_text(json.dumps(data))
    store.backup_path.unlink(missing_ok=True)

    result = ProfileStore(tmp_path, "alice").load()

    assert result.source == "defaults"
    assert result.notices


def test_a_profile_from_a_newer_version_loads_and_keeps_unknown_settings(tmp_path):
    store = ProfileStore(tmp_path, "alice")
    store.directory.mkdir(parents=True)
    data = Profile(theme="light").to_json()
    data.update(version=PROFILE_VERSION + 1, future_setting={"a": 1})
    store.path.write_text(json.dumps(data))

    result = store.load()
    assert result.newer_version
    assert result.profile.theme == "light"
    assert result.notices
    store.save(result.profile)
    assert json.loads(store.path.read_text())["future_setting"] == {"a": 1}


@pytest.mark.parametrize("name", ["", "../etc", "a/b", ".hidden", "x" * 65, "имя"])
def test_unsafe_profile_names_are_refused(tmp_path, name):
    with pytest.raises(ValueError):
        ProfileStore(tmp_path, name)


def test_saving_an_unchanged_profile_does_not_rewrite_the_backup(tmp_path):
    store = ProfileStore(tmp_path, "alice")
    store.save(_profile("dark"))
    store.save(_profile("light"))
    backup = store.backup_path.read_bytes()
    store.save(_profile("light"))
    assert store.backup_path.read_bytes() == backup
