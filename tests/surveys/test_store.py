"""import_wave / list_waves / read_wave: real files in, Parquet + JSON out, all or nothing."""

from __future__ import annotations

import hashlib
import json
import os

import pandas as pd
import pytest

from observatoire.errors import InputError, NotFoundError
from observatoire.surveys import ValidationError, import_wave, list_waves, read_wave, store, write_codebook
from observatoire.workspace import Workspace


@pytest.fixture
def workspace(tmp_path):
    return Workspace.from_env(tmp_path / "ws").ensure()


def snapshot(directory) -> dict[str, str]:
    """Every file under ``directory`` with the sha256 of its bytes."""
    return {
        str(path.relative_to(directory)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".sav", ".parquet"])
def test_import_then_read_every_format(tmp_path, workspace, frame, codebook, regions, write_file, suffix):
    source = write_file(frame, tmp_path / f"impact_citoyens_2019{suffix}")
    wave = import_wave(source, codebook, workspace, "IMPACT-Citoyens", 2019, "Citoyens", territories=regions)
    assert (wave.study, wave.wave, wave.population, wave.n) == ("IMPACT-Citoyens", 2019, "citoyens", 4)
    assert wave.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert wave.source_file == source.name
    assert wave.synthetic is False
    assert wave.path == workspace.microdata_dir / "IMPACT-Citoyens" / "2019"
    data, stored_codebook, metadata = read_wave(workspace, "impact citoyens", 2019)
    assert stored_codebook == codebook
    assert metadata == wave
    assert data["poids"].tolist() == [1.25, 0.5, 1.0, 2.0]
    assert data["q1_emploi"].isna().tolist() == [False, True, False, False]
    assert data["region"].tolist() == ["84", "11", "93", "84"]
    on_disk = json.loads((wave.path / "metadata.json").read_text(encoding="utf-8"))
    assert on_disk["sha256"] == wave.sha256
    assert on_disk["imported_at"].endswith("+00:00")


def test_codebook_may_be_given_as_a_file_and_the_wave_marked_synthetic(
    tmp_path, workspace, frame, codebook, regions, write_file
):
    source = write_file(frame, tmp_path / "demo.parquet")
    codebook_file = write_codebook(codebook, tmp_path / "codebook.csv")
    wave = import_wave(
        source,
        codebook_file,
        workspace,
        "PHARE-Citoyens",
        2015,
        "citoyens",
        synthetic=True,
        territories=regions,
    )
    assert wave.synthetic
    assert read_wave(workspace, "PHARE-Citoyens", 2015)[2].synthetic


def test_failed_import_leaves_the_previous_wave_byte_identical(
    tmp_path, workspace, frame, codebook, regions, write_file
):
    good = write_file(frame, tmp_path / "v.csv")
    wave = import_wave(good, codebook, workspace, "IMPACT-Citoyens", 2019, "citoyens", territories=regions)
    before = snapshot(workspace.microdata_dir)
    frame.loc[0, "q1_emploi"] = 42
    bad = write_file(frame, tmp_path / "v2.csv")
    with pytest.raises(ValidationError):
        import_wave(
            bad, codebook, workspace, "IMPACT-Citoyens", 2019, "citoyens", territories=regions, replace=True
        )
    assert snapshot(workspace.microdata_dir) == before
    assert read_wave(workspace, "IMPACT-Citoyens", 2019)[2] == wave


def test_failure_while_writing_leaves_previous_wave_and_no_leftovers(
    tmp_path, workspace, frame, codebook, regions, write_file, monkeypatch
):
    source = write_file(frame, tmp_path / "v.csv")
    import_wave(source, codebook, workspace, "IMPACT-Citoyens", 2019, "citoyens", territories=regions)
    before = snapshot(workspace.microdata_dir)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "_write_text", disk_full)
    with pytest.raises(OSError, match="No space"):
        import_wave(
            source,
            codebook,
            workspace,
            "IMPACT-Citoyens",
            2019,
            "citoyens",
            territories=regions,
            replace=True,
        )
    assert snapshot(workspace.microdata_dir) == before
    assert [p.name for p in (workspace.microdata_dir / "IMPACT-Citoyens").iterdir()] == ["2019"]


def test_reimport_replaces_the_wave_whole(tmp_path, workspace, frame, codebook, regions, write_file):
    import_wave(
        write_file(frame, tmp_path / "v.csv"), codebook, workspace, "S", 2019, "citoyens", territories=regions
    )
    smaller = write_file(frame.iloc[:2], tmp_path / "v.parquet")
    wave = import_wave(smaller, codebook, workspace, "S", 2019, "citoyens", territories=regions, replace=True)
    assert wave.n == 2
    assert wave.source_file == "v.parquet"
    assert (wave.replaced.source_file, wave.replaced.n) == ("v.csv", 4)  # what it replaced, said
    assert len(read_wave(workspace, "S", 2019)[0]) == 2
    assert sorted(p.name for p in (workspace.microdata_dir / "S").iterdir()) == ["2019"]


def test_crash_between_the_two_renames_is_recovered(
    tmp_path, workspace, frame, codebook, regions, write_file
):
    source = write_file(frame, tmp_path / "v.csv")
    wave = import_wave(source, codebook, workspace, "S", 2019, "citoyens", territories=regions)
    before = snapshot(wave.path)
    aside = wave.path.parent / ".2019.old-abc123"
    os.replace(wave.path, aside)  # the old wave moved aside, then the process died
    # readers still find the previous wave, without renaming anything
    assert snapshot(read_wave(workspace, "S", 2019)[2].path) == before
    assert [(w.study, w.wave) for w in list_waves(workspace)] == [("S", 2019)]
    assert aside.is_dir()
    # the next import puts it back first, then replaces it
    stale = wave.path.parent / ".2019.new-killed"
    stale.mkdir()
    os.utime(stale, (0, 0))
    import_wave(source, codebook, workspace, "S", 2019, "citoyens", territories=regions, replace=True)
    assert [p.name for p in wave.path.parent.iterdir()] == ["2019"]


def test_list_waves(tmp_path, workspace, frame, codebook, regions, write_file):
    assert list_waves(workspace) == []
    source = write_file(frame, tmp_path / "v.csv")
    for study, year in [("IMPACT-Citoyens", 2019), ("PHARE-Entreprises", 2015), ("IMPACT-Citoyens", 2016)]:
        import_wave(source, codebook, workspace, study, year, "citoyens", territories=regions)
    assert [(w.study, w.wave) for w in list_waves(workspace)] == [
        ("IMPACT-Citoyens", 2016),
        ("IMPACT-Citoyens", 2019),
        ("PHARE-Entreprises", 2015),
    ]


def test_read_missing_wave_lists_what_exists(tmp_path, workspace, frame, codebook, regions, write_file):
    import_wave(
        write_file(frame, tmp_path / "v.csv"), codebook, workspace, "S", 2019, "citoyens", territories=regions
    )
    with pytest.raises(NotFoundError) as caught:
        read_wave(workspace, "S", 2020)
    assert "S 2019" in str(caught.value)


@pytest.mark.parametrize(
    ("study", "wave", "population", "words"),
    [
        ("../evil", 2019, "citoyens", "nom d'étude"),
        (".cache", 2019, "citoyens", "nom d'étude"),
        ("S", 19, "citoyens", "année"),
        ("S", "deux mille", "citoyens", "année"),
        ("S", 2019, "martiens", "martiens"),
    ],
)
def test_bad_study_wave_or_population(
    tmp_path, workspace, frame, codebook, write_file, study, wave, population, words
):
    source = write_file(frame, tmp_path / "v.csv")
    with pytest.raises((InputError, NotFoundError), match=words):
        import_wave(source, codebook, workspace, study, wave, population)
    assert not any(workspace.microdata_dir.iterdir())


def test_missing_source_file(tmp_path, workspace, codebook):
    with pytest.raises(InputError, match="introuvable"):
        import_wave(tmp_path / "absent.sav", codebook, workspace, "S", 2019, "citoyens")


def test_stored_parquet_is_plain_data(tmp_path, workspace, frame, codebook, regions, write_file):
    wave = import_wave(
        write_file(frame, tmp_path / "v.sav"), codebook, workspace, "S", 2019, "citoyens", territories=regions
    )
    assert pd.read_parquet(wave.path / "data.parquet").columns.tolist() == codebook.names
