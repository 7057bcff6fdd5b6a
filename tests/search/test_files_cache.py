"""The production page cache in files (one machine's web processes share it): it still keeps
to its size, but counts its folder now and then rather than on every store."""

from pathlib import Path

from localoffer import files_cache
from localoffer.files_cache import FilesCacheThatCullsNowAndThen


def test_the_files_cache_keeps_to_its_size_counting_now_and_then(tmp_path, monkeypatch):
    monkeypatch.setattr(files_cache, "CULL_EVERY_SETS", 10)
    cache = FilesCacheThatCullsNowAndThen(
        str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}}
    )
    counts = []
    listed = cache._list_cache_files

    def counting():
        counts.append(1)
        return listed()

    monkeypatch.setattr(cache, "_list_cache_files", counting)
    for n in range(200):
        cache.set(f"page-{n}", b"x" * 100, 600)
    assert len(counts) == 20  # once every ten stores, not 200 times
    assert len(list(Path(tmp_path).glob("*.djcache"))) <= 20 + 10
    assert cache.get("page-199") == b"x" * 100
