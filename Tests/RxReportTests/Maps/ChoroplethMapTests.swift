import Foundation
import Testing
import RxData
@testable import RxReport

@Suite struct ChoroplethMapTests {
    @Test func holesAreSubpathsFilledEvenOddAndNamesEscaped() throws {
        let c = try GeoFeatureCollection.parse(Data(GeoFeatureCollectionTests.gridSquare.utf8), file: "t.geojson")
        let map = try ChoroplethMap(title: "Test", valueLabel: "%", boundaries: c, key: "CODE", nameProperty: "NAME",
                                    values: ["A1": 10, "B2": 20, "Z9": 5])
        #expect(map.unmatchedKeys == ["Z9"])
        let text = map.svg()
        #expect(!text.contains("<script"))
        let svg = try ParsedSVG(text)
        let areas = try svg.elements("path", class: "area")
        // C3 has no geometry and draws nothing; A1 and B2 are drawn with their values.
        #expect(areas.map { $0.attr("data-key")! } == ["A1", "B2"])
        let a1 = areas[0]
        #expect(a1.attr("fill-rule") == "evenodd")
        #expect(a1.attr("d")!.filter { $0 == "M" }.count == 2)   // the outer ring and the hole
        #expect(areas[1].attr("d")!.filter { $0 == "M" }.count == 2)   // two parts
        #expect(a1.tooltip?.hasPrefix("<script>x</script> & co (A1)") == true)
        // North up and equal scales: the 10 km square is as tall as it is wide.
        let xs = a1.attr("d")!.split(whereSeparator: { "MLZ".contains($0) }).map { $0.split(separator: " ").map { Double($0)! } }
        let w = xs.map { $0[0] }.max()! - xs.map { $0[0] }.min()!, h = xs.map { $0[1] }.max()! - xs.map { $0[1] }.min()!
        #expect(abs(w - h) < 0.05)
    }

    /// Every ONS boundary feature is drawn, matched by its code, in its quintile class.
    @Test func everyONSBoundaryFeatureIsDrawn() throws {
        let files = [("geo/simplified_STPs_April_2021_EN_BFC_42_ICB_footprints.geojson", "STP21CD", 42),
                     ("geo/simplified_NHSER_Regions_April_2021_EN_BFC.geojson", "nhser20cd", 7)]
        for (file, key, expected) in files {
            guard SharedData.exists(file) else {
                print("skipped: ../shared/data/\(file) is absent")
                continue
            }
            let c = try GeoFeatureCollection.read(path: SharedData.path(file))
            #expect(c.sourceCRS == .wgs84)
            let codes = try c.keys(key)
            #expect(codes.count == expected && Set(codes).count == expected)
            var values: [String: Double] = [:]
            for (i, code) in codes.enumerated() where i != 0 { values[code] = Double(i) }  // the first has no value
            let map = try ChoroplethMap(title: "Test", valueLabel: "items", boundaries: c, key: key, values: values)
            let svg = try ParsedSVG(map.svg())
            let areas = try svg.elements("path", class: "area")
            #expect(areas.count == expected)
            #expect(Set(areas.map { $0.attr("data-key")! }) == Set(codes))
            #expect(try svg.elements("path", class: "no-value").count == 1)
            let q = try #require(map.classes)
            for a in areas where a.attr("data-value") != nil {
                #expect(Int(a.attr("data-quintile")!)! == q.classify(Double(a.attr("data-value")!)!)! + 1)
            }
            // The projected map fits the canvas.
            for a in areas {
                let numbers = a.attr("d")!.split(whereSeparator: { "MLZ ".contains($0) }).map { Double($0)! }
                #expect(numbers.allSatisfy { $0 >= 0 && $0 <= 720 })
            }
        }
        if SharedData.exists("geo/england-boundary.geojson") {
            let england = try GeoFeatureCollection.read(path: SharedData.path("geo/england-boundary.geojson"))
            #expect(england.features.count == 1 && england.features[0].polygons.count > 1)
            // England spans about 85–656 km E and 7–657 km N on the grid.
            let pts = england.features[0].polygons.joined().joined()
            #expect(abs(pts.map(\.x).min()! - 85_000) < 10_000 && abs(pts.map(\.x).max()! - 656_000) < 10_000)
            #expect(abs(pts.map(\.y).min()! - 7_000) < 10_000 && abs(pts.map(\.y).max()! - 657_000) < 10_000)
        } else {
            print("skipped: ../shared/data/geo/england-boundary.geojson is absent")
        }
    }

    /// The same boundaries given in grid metres (EPSG:27700) are used as they are: written out
    /// projected, read back, they give the same shapes and the same map.
    @Test func boundariesInGridMetresGiveTheSameMap() throws {
        let file = "geo/simplified_NHSER_Regions_April_2021_EN_BFC.geojson"
        guard SharedData.exists(file) else {
            print("skipped: ../shared/data/\(file) is absent")
            return
        }
        let wgs = try GeoFeatureCollection.read(path: SharedData.path(file))
        var features: [[String: Any]] = []
        for f in wgs.features {
            let coordinates = f.polygons.map { $0.map { $0.map { [$0.x, $0.y] } } }
            features.append(["type": "Feature", "properties": f.properties,
                             "geometry": ["type": "MultiPolygon", "coordinates": coordinates]])
        }
        for withCRS in [true, false] {
            var object: [String: Any] = ["type": "FeatureCollection", "features": features]
            if withCRS { object["crs"] = ["type": "name", "properties": ["name": "urn:ogc:def:crs:EPSG::27700"]] }
            let data = try JSONSerialization.data(withJSONObject: object)
            let grid = try GeoFeatureCollection.parse(data, file: "regions-27700.geojson")
            #expect(grid.sourceCRS == .britishNationalGrid)
            #expect(grid.features.count == 7)
            for (a, b) in zip(wgs.features, grid.features) {
                let pa = Array(a.polygons.joined().joined()), pb = Array(b.polygons.joined().joined())
                #expect(pa.count == pb.count)
                #expect(zip(pa, pb).allSatisfy { abs($0.x - $1.x) < 1e-6 && abs($0.y - $1.y) < 1e-6 })
            }
            let values = Dictionary(uniqueKeysWithValues: try wgs.keys("nhser20cd").enumerated().map { ($1, Double($0)) })
            let m1 = try ChoroplethMap(title: "R", valueLabel: "v", boundaries: wgs, key: "nhser20cd", values: values).svg()
            let m2 = try ChoroplethMap(title: "R", valueLabel: "v", boundaries: grid, key: "nhser20cd", values: values).svg()
            func areas(_ svg: String) throws -> [String] { try ParsedSVG(svg).elements("path", class: "area").map { $0.attr("d")! } }
            #expect(try areas(m1) == areas(m2))
        }
    }

    @Test func aWrongKeyIsNamed() throws {
        let c = try GeoFeatureCollection.parse(Data(GeoFeatureCollectionTests.gridSquare.utf8), file: "t.geojson")
        #expect { try ChoroplethMap(title: "T", valueLabel: "v", boundaries: c, key: "ICB", values: [:]) } throws: { e in
            (e as! InputError).field == "ICB"
        }
    }
}
