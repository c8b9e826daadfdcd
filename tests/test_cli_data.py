import pytest

from geo.cli import main


def test_data_check_passes_on_the_built_layers(build_dir, capsys):
    assert main(["data", "check"]) == 0
    out = capsys.readouterr().out
    assert "districts_2019: 10 đơn vị" in out and "Kiểm tra đạt." in out


def test_data_build_twice_does_nothing_the_second_time(build_dir, capsys):
    assert main(["data", "build"]) == 0
    assert "Không có gì thay đổi." in capsys.readouterr().out


def test_fetch_failure_exits_2_with_a_clear_message_in_the_chosen_language(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BGGM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BGGM_DATA_MIRROR", str(tmp_path / "no-mirror"))
    assert main(["--lang", "en", "data", "fetch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Could not fetch source data") and "BGGM_DATA_MIRROR" in err


def test_check_failure_names_the_layer(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BGGM_BUILD_DIR", str(tmp_path))
    assert main(["data", "check"]) == 2
    assert "province_2019.parquet" in capsys.readouterr().err


def test_unknown_command_is_an_argparse_error():
    with pytest.raises(SystemExit) as exc:
        main(["nope"])
    assert exc.value.code == 2
