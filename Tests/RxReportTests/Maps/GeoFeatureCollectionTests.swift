import Foundation
import Testing
import RxData
@testable import RxReport

@Suite struct GeoFeatureCollectionTests {
    /// A square with a square hole, in grid metres, marked EPSG:27700.
    static let gridSquare = """
    {"type": "FeatureCollection",
     "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
     "features": [
      {"type": "Feature", "properties": {"CODE": "A1", "NAME": "<script>x</script> & co", "N": 3},
       "geometry": {"type": "Polygon", "coordinates": [
         [[400000, 200000], [410000, 200000], [410000, 210000], [400000, 210000], [400000, 200000]],
         [[402000, 202000], [402000, 208000], [408000, 208000], [408000, 202000], [402000, 202000]]]}},
      {"type": "Feature", "properties": {"CODE": "B2", "NAME": "Two parts", "N": 4.5},
       "geometry": {"type": "MultiPolygon", "coordinates": [
         [[[420000, 200000], [425000, 200000], [425000, 205000], [420000, 200000]]],
         [[[430000, 200000], [435000, 200000], [435000, 205000], [430000, 200000]]]]}},
      {"type": "Feature", "properties": {"CODE": "C3", "NAME": "No shape"}, "geometry": null}
     ]}
    """

    @Test func gridCoordinatesAreUsedAsTheyAre() throws {
        let c = try GeoFeatureCollection.parse(Data(Self.gridSquare.utf8), file: "t.geojson")
        #expect(c.sourceCRS == .britishNationalGrid)
        #expect(c.features.count == 3)
        #expect(c.features[0].polygons.count == 1 && c.features[0].polygons[0].count == 2)  // outer ring and hole
        #expect(c.features[0].polygons[0][0][1] == GridPoint(x: 410000, y: 200000))
        #expect(c.features[1].polygons.count == 2)
        #expect(c.features[2].polygons.isEmpty)
        #expect(try c.keys("CODE") == ["A1", "B2", "C3"])
        #expect(c.features[0].properties["N"] == "3" && c.features[1].properties["N"] == "4.5")
    }

    @Test func degreesAreDetectedWithoutACRSMemberAndProjected() throws {
        let json = """
        {"type": "Feature", "properties": {"id": "x"}, "geometry": {"type": "Polygon", "coordinates":
         [[[-2, 49], [-1.9, 49], [-1.9, 49.1], [-2, 49]]]}}
        """
        let c = try GeoFeatureCollection.parse(Data(json.utf8), file: "d.geojson")
        #expect(c.sourceCRS == .wgs84)
        let first = c.features[0].polygons[0][0][0]
        let expected = BritishNationalGrid.project(longitude: -2, latitude: 49)
        #expect(first == GridPoint(x: expected.easting, y: expected.northing))
        // Near the grid's true origin (the datum shift moves it by some tens of metres).
        #expect(abs(first.x - 400_000) < 200 && abs(first.y + 100_000) < 200)
    }

    @Test func gridCoordinatesWithoutACRSMemberAreDetected() throws {
        let json = Self.gridSquare.replacingOccurrences(of: "\"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::27700\"}},", with: "")
        #expect(!json.contains("27700"))
        #expect(try GeoFeatureCollection.parse(Data(json.utf8), file: "g.geojson").sourceCRS == .britishNationalGrid)
    }

    @Test func badInputNamesTheMemberAtFault() throws {
        let point = """
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [0, 51]}}]}
        """
        #expect { try GeoFeatureCollection.parse(Data(point.utf8), file: "p.geojson") } throws: { e in
            let e = e as! InputError
            return e.file == "p.geojson" && e.field == "features[0].geometry.type" && e.reason.contains("Point")
        }
        let badPosition = """
        {"type": "Polygon", "coordinates": [[[0, 51], ["a", 51], [1, 52]]]}
        """
        #expect { try GeoFeatureCollection.parse(Data(badPosition.utf8), file: "b.geojson") } throws: { e in
            (e as! InputError).field == "geometry.coordinates[0][1]"
        }
        let c = try GeoFeatureCollection.parse(Data(Self.gridSquare.utf8), file: "t.geojson")
        #expect { try c.keys("STP21CD") } throws: { e in
            let e = e as! InputError
            return e.field == "STP21CD" && e.reason.contains("CODE")
        }
        let mixed = """
        {"type": "Polygon", "coordinates": [[[0, 51], [5000000, 51], [1, 52]]]}
        """
        #expect(throws: InputError.self) { try GeoFeatureCollection.parse(Data(mixed.utf8), file: "m.geojson") }
        #expect(throws: InputError.self) { try GeoFeatureCollection.parse(Data("{".utf8), file: "j.geojson") }
    }
}
