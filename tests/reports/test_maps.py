"""The choropleth spec builder: classes, labels, colours, text alternative, table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from observatoire.reference.boundaries import boundaries
from observatoire.reports.maps import (
    DIVERGING,
    SEQUENTIAL,
    SUPPRESSED_COLOUR,
    choropleth,
    classify,
    gap_classes,
    quantile_classes,
)


def test_quantile_classes_split_the_values_evenly_and_use_the_whole_palette():
    classes = quantile_classes([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0])
    assert classes.breaks == (2.8, 4.6, 6.4, 8.2)
    assert classes.labels[0] == "moins de 2,8"
    assert classes.labels[2] == "de 4,6 à moins de 6,4"
    assert classes.labels[-1] == "8,2 et plus"
    assert classes.colours == SEQUENTIAL
    # Classed as shown (one decimal): 6.34 reads "6,3" (class 2), 6.39 reads "6,4" (class 3)
    assert [classes.of(v) for v in (1.0, 2.8, 6.34, 6.39, 10.0)] == [0, 1, 2, 3, 4]


def test_quantile_classes_merge_equal_breaks_and_keep_the_palette_ends():
    classes = quantile_classes([5.0, 5.0, 5.0, 5.0, 9.0, math.nan])
    assert len(classes.labels) == len(classes.colours) == 2
    assert classes.colours == (SEQUENTIAL[0], SEQUENTIAL[-1])
    assert classes.of(5.0) == 0
    assert classes.of(9.0) == 1


def test_a_single_value_makes_one_class():
    classes = quantile_classes([4.2])
    assert classes.breaks == ()
    assert classes.labels == ("tous les territoires",)


def test_gap_classes_are_fixed_and_diverging():
    classes = gap_classes()
    assert classes.colours == DIVERGING
    assert [classes.of(v) for v in (-3.0, -1.0, 0.0, 0.5, 2.5)] == [0, 1, 2, 3, 4]


def test_suppressed_and_missing_territories_have_their_own_labelled_class():
    frame = pd.DataFrame(
        {"value": [3.0, None, None], "suppressed": [False, True, False], "code": ["a", "b", "c"]}
    )
    labels = classify(frame, quantile_classes([1.0, 3.0, 5.0]))
    assert list(labels[1:]) == ["base insuffisante", "pas de donnée"]
    assert labels[0] not in {"base insuffisante", "pas de donnée"}


@pytest.fixture
def regions_frame() -> pd.DataFrame:
    outlines = boundaries("region")
    codes = [f["properties"]["code"] for f in outlines["features"] if f["properties"]["code"] >= "11"]
    values = [float(i) for i in range(len(codes))]
    frame = pd.DataFrame({"code": codes, "name": [f"R{c}" for c in codes], "value": values})
    frame["suppressed"] = frame["code"] == "94"
    frame.loc[frame["suppressed"], "value"] = None
    frame["href"] = [f"/territoire/region/{c}/" for c in codes]
    return frame


def test_choropleth_spec_links_every_territory_and_labels_every_colour(regions_frame):
    outlines = boundaries("region")
    chart = choropleth(
        outlines,
        regions_frame,
        title="Emploi",
        legend_title="Indice",
        level_label="régions",
        classes=quantile_classes(list(regions_frame["value"].dropna())),
    )
    spec = chart.spec
    assert spec["mark"]["type"] == "geoshape"
    features = {f["properties"]["code"]: f["properties"] for f in spec["data"]["values"]}
    assert len(features) == len(outlines["features"])
    assert features["93"]["href"] == "/territoire/region/93/"
    assert features["94"]["class"] == "base insuffisante"
    assert features["01"]["class"] == "pas de donnée"  # Guadeloupe: no row in the frame
    assert features["01"]["missing"] is True  # drawn with a dashed outline, not only a colour
    assert features["94"]["missing"] is False
    assert spec["encoding"]["strokeDash"]["condition"]["test"] == "datum.properties.missing"
    scale = spec["encoding"]["color"]["scale"]
    assert len(scale["domain"]) == len(scale["range"])
    assert scale["range"][scale["domain"].index("base insuffisante")] == SUPPRESSED_COLOUR
    assert {p["class"] for p in features.values()} <= set(scale["domain"])
    # The text alternative names the extremes and the suppressed territory.
    assert "R93" in chart.alt  # the highest value (last code, 94 suppressed)
    assert "R11" in chart.alt
    assert "base insuffisante" in chart.alt
    assert spec["description"] == chart.alt
    assert list(chart.table.columns) == ["Code", "Territoire", "Indice", "Classe"]
    assert chart.table.loc[chart.table["Code"] == "94", "Indice"].item() == "base insuffisante"


def test_each_shape_is_described_and_the_legend_can_be_left_to_the_page(regions_frame):
    chart = choropleth(
        boundaries("region"),
        regions_frame,
        title="Emploi",
        legend_title="Indice",
        level_label="régions",
        classes=gap_classes(),
        legend=False,
    )
    assert chart.spec["encoding"]["color"]["legend"] is None
    assert chart.spec["encoding"]["description"] == {"field": "properties.aria"}
    features = {f["properties"]["code"]: f["properties"] for f in chart.spec["data"]["values"]}
    assert features["94"]["aria"] == "R94 : base insuffisante (classe base insuffisante)"
    assert features["11"]["aria"] == "R11 : 0,0 (classe de −0,5 à moins de 0,5)"


def test_a_value_is_classed_as_it_is_shown():
    classes = quantile_classes([4.7, 4.8, 4.95, 5.0, 5.1, 5.2, 5.4])
    assert 5.0 in classes.breaks
    shown_as_five = classes.of(4.99)  # displayed "5,0"
    assert classes.labels[shown_as_five].startswith(("de 5,0", "5,0"))
    assert classes.of(4.94) == shown_as_five - 1  # displayed "4,9": the class below
