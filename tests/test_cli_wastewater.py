"""``python -m geo wastewater``: the per-unit table and the list of sites lacking treatment, from the store's register
(a seeded copy per test), after an import, from a file to try out, and from a bad file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from geo.cli import main
from geo.io.files import read_table
from geo.store import versions
from tests import data_facts

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.usefixtures("app_store")  # BGGM_DATABASE_URL: a seeded store, as `python -m geo db init` makes


def test_units_districts_writes_one_row_per_2019_district(build_dir, tmp_path, capsys):
    out = tmp_path / "huyen.csv"
    assert main(["wastewater", "--units", "districts_2019", "--out", str(out)]) == 0
    table = read_table(out, dtype={"code": "str"}).set_index("code")
    reg = data_facts.register()
    assert (
        len(table) == 10 and table["operating"].sum() == reg.operating and table["with_plant"].sum() == reg.with_plant
    )
    viet_yen = table.loc["222"]
    assert (viet_yen["name"], viet_yen["operating_kcn"], viet_yen["operating"], viet_yen["with_plant"]) == (
        "Việt Yên", 4, 7, 6,
    )  # fmt: skip
    assert viet_yen["share_pct"] == 85.7
    assert table.loc["213", ["operating", "with_plant", "not_compliant", "share_pct"]].tolist() == [7, 3, 4, 42.9]
    share = f"{reg.share_pct:.1f}".replace(".", ",")
    assert capsys.readouterr().out.strip() == (
        f"Đã ghi 10 dòng (đơn vị districts_2019) vào {out} từ kcn_ccn v1; "
        f"chỉ tiêu 7 toàn tỉnh: {reg.with_plant}/{reg.operating} KCN/CCN đang hoạt động có trạm XLNT ({share} %)"
    )


def test_units_communes_covers_all_58_communes_and_the_same_sites(build_dir, tmp_path):
    out = tmp_path / "xa.csv"
    assert main(["wastewater", "--units", "communes_2025", "--out", str(out)]) == 0
    table = read_table(out, dtype={"code": "str"})
    reg = data_facts.register()
    assert len(table) == 58 and table["sites"].sum() == reg.sites and table["operating"].sum() == reg.operating
    assert table["code"].str.len().eq(5).all()  # "07795", leading zero kept
    nenh = table.set_index("code").loc["07795"]  # Phường Nếnh: Quang Châu, Vân Trung, Việt Hàn, Hoàng Mai, MH02
    assert (nenh["sites"], nenh["operating"], nenh["with_plant"], nenh["no_data"]) == (5, 5, 4, 1)
    assert pd.isna(table.set_index("code").loc["07663", "share_pct"])  # Tuấn Đạo: no site


def test_lacking_lists_every_site_lacking_treatment_worst_first_with_reasons(build_dir, tmp_path, capsys):
    out = tmp_path / "thieu.csv"
    assert main(["--lang", "en", "wastewater", "--lacking", "--out", str(out)]) == 0
    table = read_table(out, dtype={"district_2019": "str", "commune_2025": "str"})
    counts = data_facts.register().compliance  # every site but the compliant ones, worst first
    assert len(table) == data_facts.register().lacking
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    order = ("not_compliant", "no_data", "pending")
    assert table["compliance"].tolist() == [c for c in order for _ in range(counts[c])]
    first = table.iloc[0]
    assert (first["id"], first["actual_flow_m3d"], first["district_name"]) == ("CCN-MH09", 400, "Lạng Giang")
    assert first["reasons_en"] == "operating without a centralised wastewater treatment plant"
    assert first["reasons_vi"] == "đang hoạt động nhưng chưa có trạm xử lý nước thải tập trung"
    tan_my = table.set_index("id").loc["CCN-04"]  # a real cluster, not among the 9 with a plant in 2020
    assert (tan_my["compliance"], tan_my["commune_name"]) == ("not_compliant", "Đa Mai")
    assert f"Wrote {len(table)} rows (sites lacking treatment)" in capsys.readouterr().out


def test_lacking_as_xlsx_opens_in_excel(build_dir, tmp_path):
    out = tmp_path / "thieu.xlsx"
    assert main(["wastewater", "--lacking", "--out", str(out)]) == 0
    sheet = load_workbook(out).active
    assert sheet.max_row == 1 + data_facts.register().lacking and sheet.cell(row=2, column=2).value == "CCN-MH09"


def test_a_bad_register_exits_2_naming_row_and_field(build_dir, tmp_path):
    table = read_table(ROOT / "data" / "monitoring" / "kcn_ccn.csv", dtype=str)
    table.loc[3, "status"] = "dang xay"
    table.loc[4, "actual_flow_m3d"] = "300 m3"
    bad = tmp_path / "kcn.csv"
    table.to_csv(bad, index=False)
    cmd = [
        sys.executable,
        "-m",
        "geo",
        "wastewater",
        "--lacking",
        "--register",
        str(bad),
        "--out",
        str(tmp_path / "o.csv"),
    ]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Tệp kcn.csv, dòng 5, cột status: cần một trong: operating, building, planned; nhận được 'dang xay'" in (
        result.stderr
    )
    assert "dòng 6, cột actual_flow_m3d: cần một số" in result.stderr
    assert not (tmp_path / "o.csv").exists()


def test_the_register_is_the_stores_current_rows_after_an_import(build_dir, app_store, tmp_path, capsys):
    rows = versions.current("kcn_ccn", url=app_store)
    assert "CCN-MH09" in set(rows["id"])  # the worst site lacking treatment in the shipped register
    versions.write("kcn_ccn", rows[rows["id"] != "CCN-MH09"], user="an", reason="CCN-MH09 đã giải thể",
                   base_version=1, mode="replace", url=app_store)  # fmt: skip
    out = tmp_path / "thieu.csv"
    assert main(["wastewater", "--lacking", "--out", str(out)]) == 0
    table = read_table(out)
    assert len(table) == data_facts.register().lacking - 1 and "CCN-MH09" not in set(table["id"])
    assert f"vào {out} từ kcn_ccn v2;" in capsys.readouterr().out


def test_a_register_file_to_try_out_is_read_instead_of_the_store(build_dir, tmp_path, monkeypatch, capsys):
    table = read_table(ROOT / "data" / "monitoring" / "kcn_ccn.csv", dtype=str)
    mine = tmp_path / "so_kcn_thu.csv"
    table[table["id"] != "CCN-MH09"].to_csv(mine, index=False)
    monkeypatch.setenv("BGGM_KCN_CCN", str(mine))
    assert main(["wastewater", "--lacking", "--out", str(tmp_path / "a.csv")]) == 0
    assert len(read_table(tmp_path / "a.csv")) == data_facts.register().lacking - 1
    assert "từ so_kcn_thu.csv;" in capsys.readouterr().out


def test_a_store_never_initialised_exits_2_with_the_command_that_seeds_it(build_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BGGM_DATABASE_URL", f"sqlite:///{tmp_path / 'trong.sqlite'}")
    assert main(["wastewater", "--lacking", "--out", str(tmp_path / "o.csv")]) == 2
    err = capsys.readouterr().err
    assert "trong.sqlite: cần bộ dữ liệu kcn_ccn trong kho; nhận được kho chưa có dữ liệu kcn_ccn" in err
    assert "Cách sửa: chạy: python -m geo db init" in err and not (tmp_path / "o.csv").exists()


def test_units_and_lacking_cannot_be_asked_together(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["wastewater", "--units", "districts_2019", "--lacking", "--out", "x.csv"])
    assert exit_.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
