def test_the_web_reads_the_published_demo_build(published):
    info = published.current_build()
    assert info is not None
    assert info.source == "synthétique"
    emploi = published.query(
        study="IMPACT-Citoyens", wave=2019, item="emploi", territory="FR", statistic="mean", group="ensemble"
    )
    assert len(emploi) == 1
    assert abs(emploi["estimate"].iloc[0] - 6.4) <= 0.05
