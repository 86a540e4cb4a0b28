"""The choropleth spec builder: classes, labels, colours, text alternative, table."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd
import pytest

from observatoire.reference.boundaries import boundaries
from observatoire.reports.maps import (
    DIVERGING,
    INSET_ORDER,
    SEQUENTIAL,
    SUPPRESSED_COLOUR,
    choropleth,
    classify,
    frame_corners,
    gap_classes,
    inset_centres,
    overseas_insets,
    quantile_classes,
    territories_layer,
    upright,
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


def _regions_chart(frame, **options):
    """The régions' map of ``frame`` with gap classes (what most tests here look at)."""
    return choropleth(
        boundaries("region"),
        frame,
        title="Emploi",
        legend_title="Indice",
        level_label="régions",
        classes=gap_classes(),
        **options,
    )


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
    spec = territories_layer(chart.spec)
    assert spec["mark"]["type"] == "geoshape"
    features = {f["properties"]["code"]: f["properties"] for f in spec["data"]["values"]}
    assert len(features) == len(outlines["features"])
    assert features["93"]["href"] == "/territoire/region/93/"
    assert features["94"]["class"] == "base insuffisante"
    assert features["01"]["class"] == "pas de donnée"  # Guadeloupe: no row in the frame, drawn in its inset
    assert features["01"]["missing"] is True  # drawn with a dashed outline, not only a colour
    assert "href" not in features["01"]
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
    assert chart.spec["description"] == chart.alt
    alt.LayerChart.from_dict(chart.spec)  # raises on a spec Vega-Lite would reject
    assert list(chart.table.columns) == ["Code", "Territoire", "Indice", "Classe"]
    assert chart.table.loc[chart.table["Code"] == "94", "Indice"].item() == "base insuffisante"


def test_each_shape_is_described_and_the_legend_can_be_left_to_the_page(regions_frame):
    chart = _regions_chart(regions_frame, legend=False)
    drawn = territories_layer(chart.spec)
    assert drawn["encoding"]["color"]["legend"] is None
    assert drawn["encoding"]["description"] == {"field": "properties.aria"}
    features = {f["properties"]["code"]: f["properties"] for f in drawn["data"]["values"]}
    assert features["94"]["aria"] == "R94 : base insuffisante (classe base insuffisante)"
    assert features["11"]["aria"] == "R11 : 0,0 (classe de −0,5 à moins de 0,5)"


def test_a_value_is_classed_as_it_is_shown():
    classes = quantile_classes([4.7, 4.8, 4.95, 5.0, 5.1, 5.2, 5.4])
    assert 5.0 in classes.breaks
    shown_as_five = classes.of(4.99)  # displayed "5,0"
    assert classes.labels[shown_as_five].startswith(("de 5,0", "5,0"))
    assert classes.of(4.94) == shown_as_five - 1  # displayed "4,9": the class below


# --- overseas insets -----------------------------------------------------------------------------------


def _points(geometry: dict) -> np.ndarray:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return np.array([p for polygon in polygons for ring in polygon for p in ring], float)


def _in_box(points: np.ndarray, centre: tuple[float, float]) -> np.ndarray:
    """Each point's offset from the box centre in the box's own upright axes (degrees of latitude)."""
    return (points - np.array(centre)) @ np.linalg.inv(upright(*centre)).T


def _metropolitan_bounds(collection: dict) -> tuple[float, float, float, float]:
    points = np.vstack(
        [_points(f["geometry"]) for f in collection["features"] if "inset" not in f["properties"]]
    )
    (west, south), (east, north) = points.min(axis=0), points.max(axis=0)
    return west, south, east, north


def _overlap(first: np.ndarray, second: np.ndarray) -> bool:
    """Whether two convex quadrilaterals overlap (no separating axis among their edges' normals)."""
    for shape in (first, second):
        for edge in np.roll(shape, -1, axis=0) - shape:
            normal = np.array([-edge[1], edge[0]])
            a, b = first @ normal, second @ normal
            if a.max() < b.min() or b.max() < a.min():
                return False
    return True


@pytest.mark.parametrize("level", ["region", "departement"])
def test_each_overseas_territory_is_drawn_inside_its_own_box(level):
    collection = overseas_insets(boundaries(level))
    centres = inset_centres()
    moved = [
        f for f in collection["features"] if "inset" in f["properties"] and "frame" not in f["properties"]
    ]
    assert sorted(f["properties"]["inset"] for f in moved) == sorted(INSET_ORDER)
    for feature in moved:
        offsets = _in_box(_points(feature["geometry"]), centres[feature["properties"]["inset"]])
        assert np.abs(offsets).max() <= 0.7 + 1e-3  # half of INSET_HEIGHT
        assert np.abs(offsets).max() >= 0.5  # fills its box: small islands stay visible
        # Rounded like the packaged outlines.
        assert all(round(v, 3) == v for v in _points(feature["geometry"]).ravel())
    names = {f["properties"]["inset"]: f["properties"]["name"] for f in moved}
    assert [names[code] for code in INSET_ORDER] == [
        "Guadeloupe",
        "Martinique",
        "Guyane",
        "La Réunion",
        "Mayotte",
    ]


def test_insets_keep_the_shape_of_their_territory():
    """Guyane is taller than wide on the ground; its inset too, by the same ratio (cos(latitude))."""
    source = next(f for f in boundaries("region")["features"] if f["properties"]["code"] == "03")
    inset = next(
        f for f in overseas_insets(boundaries("region"))["features"] if f["properties"]["code"] == "03"
    )
    before = _points(source["geometry"])
    before = before * np.array([math.cos(math.radians(before[:, 1].mean())), 1.0])
    after = _in_box(_points(inset["geometry"]), inset_centres()["03"])
    ratio = np.ptp(before, axis=0)
    ratio_after = np.ptp(after, axis=0)
    assert ratio[0] / ratio[1] == pytest.approx(ratio_after[0] / ratio_after[1], rel=0.02)


def test_boxes_overlap_neither_each_other_nor_metropolitan_france():
    collection = overseas_insets(boundaries("region"))
    west, south, east, north = _metropolitan_bounds(collection)
    mainland = np.array([[west, south], [east, south], [east, north], [west, north]])
    boxes = [frame_corners(centre) for centre in inset_centres().values()]
    for i, box in enumerate(boxes):
        assert not _overlap(box, mainland)
        assert box[:, 0].max() < west  # all in the sea west of Ouessant
        assert south < box[:, 1].min()  # beside the mainland, not above or below it
        assert box[:, 1].max() < north
        for other in boxes[i + 1 :]:
            assert not _overlap(box, other)


def test_metropolitan_features_are_unchanged_and_the_source_is_not_modified():
    source = boundaries("departement")
    kept = boundaries("departement")
    collection = overseas_insets(source)
    assert source == kept
    metropolitan = [f for f in collection["features"] if "inset" not in f["properties"]]
    assert metropolitan == [f for f in kept["features"] if len(f["properties"]["code"]) == 2]


def test_each_box_has_a_frame_marked_as_such_and_left_out_of_the_territories():
    collection = overseas_insets(boundaries("region"))
    frames = [f for f in collection["features"] if f["properties"].get("frame") is True]
    assert [f["properties"]["inset"] for f in frames] == list(INSET_ORDER)
    for frame in frames:
        assert "code" not in frame["properties"]  # not a territory: no link, no table row
        ring = np.array(frame["geometry"]["coordinates"])
        assert frame["geometry"]["type"] == "LineString"
        assert (ring[0] == ring[-1]).all()
        offsets = _in_box(ring, inset_centres()[frame["properties"]["inset"]])
        assert np.abs(offsets).max() == pytest.approx(0.7, abs=2e-3)
    # No overseas outline, no frame.
    metropolitan = boundaries("region")
    metropolitan["features"] = [f for f in metropolitan["features"] if f["properties"]["code"] > "10"]
    assert not [f for f in overseas_insets(metropolitan)["features"] if f["properties"].get("frame")]


def test_the_map_draws_the_frames_apart_from_the_territories(regions_frame):
    chart = _regions_chart(regions_frame)
    frames, territories = chart.spec["layer"]
    assert territories is territories_layer(chart.spec)
    assert len(frames["data"]["values"]) == len(INSET_ORDER)
    assert frames["mark"]["filled"] is False  # an outline: it neither hides nor catches a territory
    assert frames["mark"]["aria"] is False  # screen readers skip it
    assert "encoding" not in frames  # no tooltip, no link
    assert not [f for f in territories["data"]["values"] if f["properties"].get("frame")]
    assert len(territories["data"]["values"]) == 18  # 13 metropolitan régions + 5 overseas
    # The text alternative counts territories with a figure: the frames are none of them.
    assert f"{regions_frame['value'].notna().sum()} territoires avec un chiffre publié" in chart.alt
