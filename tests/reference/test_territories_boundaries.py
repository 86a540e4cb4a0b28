"""Map outlines: valid GeoJSON that shapely reads, every région and département, small enough to serve."""

import json

import pytest
import shapely

from observatoire.errors import InputError
from observatoire.reference import territories as ter
from observatoire.reference.boundaries import FILES, boundaries, boundaries_path

OVERSEAS_REGIONS = {"01", "02", "03", "04", "06"}


@pytest.fixture(scope="module", params=sorted(FILES))
def level(request):
    return request.param


def _geometries(collection):
    return {
        f["properties"]["code"]: shapely.from_geojson(json.dumps(f["geometry"]))
        for f in collection["features"]
    }


def test_feature_collection_with_code_name_level(level):
    collection = boundaries(level)
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        properties = feature["properties"]
        assert properties["level"] == level
        assert properties["name"] == ter.territory(properties["code"], level).name


def test_every_geometry_is_a_valid_polygon_in_france(level):
    """Valid after simplification and snapping, and where France is."""
    for code, geometry in _geometries(boundaries(level)).items():
        assert geometry.geom_type in ("Polygon", "MultiPolygon"), code
        assert geometry.is_valid, (code, shapely.is_valid_reason(geometry))
        assert geometry.area > 0, code
        if len(code) == 2 and code not in OVERSEAS_REGIONS:  # metropolitan: inside France's bounding box
            assert shapely.box(-5.3, 41.3, 9.6, 51.1).contains(geometry), code


def test_metropolitan_outlines_are_all_there():
    assert set(_geometries(boundaries("region"))) >= {r.code for r in ter.regions()}
    assert set(_geometries(boundaries("departement"))) >= {d.code for d in ter.departements()}
    assert {f["properties"]["code"] for f in boundaries("departement")["features"]} == {
        d.code for d in ter.departements(metropolitan_only=False)
    }


def test_each_region_is_the_union_of_its_departements():
    regions = _geometries(boundaries("region"))
    departements = _geometries(boundaries("departement"))
    for region in ter.regions():
        union = shapely.union_all([departements[d.code] for d in ter.departements(region.code)])
        # the build snaps the région union to the coordinate grid: slivers of a few grid cells at most
        assert union.symmetric_difference(regions[region.code]).area < 1e-5 * regions[region.code].area


def test_neighbours_touch_without_overlapping():
    departements = _geometries(boundaries("departement"))
    bouches_du_rhone, var = departements["13"], departements["83"]
    assert bouches_du_rhone.intersects(var)
    assert bouches_du_rhone.intersection(var).area < 1e-9
    marseille_area = (5.2, 43.2, 5.6, 43.4)  # Marseille lies in the Bouches-du-Rhône outline
    assert bouches_du_rhone.intersects(shapely.box(*marseille_area))


def test_files_are_small_enough_to_serve(level):
    path = boundaries_path(level)
    assert path.is_file()
    assert len(path.read_bytes()) < 1_000_000


def test_boundaries_returns_a_fresh_copy():
    first = boundaries("region")
    first["features"].clear()
    assert boundaries("region")["features"]


def test_unknown_level_is_a_french_input_error():
    with pytest.raises(InputError, match="pas de contours pour le niveau « commune »"):
        boundaries("commune")
