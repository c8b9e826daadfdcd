import hashlib

import pytest

from geo.boundaries import sources
from geo.errors import FetchError


def _registry(tmp_path, content: bytes, digest: str | None = None):
    mirror = tmp_path / "mirror"
    (mirror / "repo").mkdir(parents=True)
    (mirror / "repo" / "f.json").write_bytes(content)
    src = sources.Source(
        key="repo/f.json", url="https://example.invalid/repo/abc/f.json", repo="o/repo", commit="abc", path="f.json",
        mirror_path="repo/f.json", sha256=digest or hashlib.sha256(content).hexdigest(), licence="MIT",
        attribution="someone",
    )  # fmt: skip
    return mirror, {"repo/f.json": src}


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("BGGM_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def test_fetch_copies_from_the_mirror_and_checks_sha256(env, monkeypatch):
    mirror, registry = _registry(env, b'{"a": 1}')
    monkeypatch.setenv("BGGM_DATA_MIRROR", str(mirror))
    path = sources.fetch("repo/f.json", registry=registry)
    assert path.read_bytes() == b'{"a": 1}'
    # a verified file in the cache is not fetched again, even with the mirror gone
    monkeypatch.setenv("BGGM_DATA_MIRROR", str(env / "gone"))
    assert sources.fetch("repo/f.json", registry=registry) == path


def test_a_changed_upstream_file_is_refused(env, monkeypatch):
    mirror, registry = _registry(env, b"tampered", digest="0" * 64)
    monkeypatch.setenv("BGGM_DATA_MIRROR", str(mirror))
    with pytest.raises(FetchError) as err:
        sources.fetch("repo/f.json", registry=registry)
    assert err.value.problems[0].field == "sha256"
    assert not (env / "cache" / "repo__f.json").exists()


def test_no_network_and_no_mirror_says_to_set_the_mirror(env, monkeypatch):
    _, registry = _registry(env, b"x")
    monkeypatch.setenv("BGGM_DATA_MIRROR", str(env / "missing-mirror"))
    with pytest.raises(FetchError, match="BGGM_DATA_MIRROR"):
        sources.fetch("repo/f.json", registry=registry)


def test_the_shipped_registry_pins_every_file_at_a_commit_with_licence():
    registry = sources.load_registry()
    assert len(registry) == 102  # 2 dvhcvn files, the province and its 99 wards
    for src in registry.values():
        assert src.commit in src.url and len(src.commit) == 40
        assert len(src.sha256) == 64 and src.licence and src.attribution
