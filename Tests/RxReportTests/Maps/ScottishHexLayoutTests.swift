import Foundation
import Testing
import RxData
import RxReference
import RxAtlas
@testable import RxReport

/// The built-in hex layout of Scotland's 14 health boards.
@Suite struct ScottishHexLayoutTests {
    func neighbours(_ layout: HexLayout, _ a: String, _ b: String) -> Bool {
        guard let x = layout.cell(a), let y = layout.cell(b) else { return false }
        return HexLayout.neighbours(column: x.column, row: x.row).contains { $0.column == y.column && $0.row == y.row }
    }

    @Test func allFourteenBoardsOnceWithTheirNames() throws {
        let layout = try HexLayout.scotland()
        let boards = try #require(try ScottishGeography.reference().names[.icb])
        #expect(layout.cells.count == 14 && Set(layout.cells.map(\.code)) == Set(boards.keys))
        #expect(Set(layout.cells.map { "\($0.column),\($0.row)" }).count == 14, "no two boards in one cell")
        #expect(Set(layout.cells.map(\.label)).count == 14)
        #expect(layout.cell("S08000030")?.name == "NHS Tayside")
    }

    @Test func boardsThatShareABorderTouch() throws {
        let layout = try HexLayout.scotland()
        // Land borders the layout keeps (codes: 15 Ayrshire and Arran, 16 Borders, 17 Dumfries and
        // Galloway, 19 Forth Valley, 20 Grampian, 22 Highland, 24 Lothian, 29 Fife, 30 Tayside,
        // 31 Greater Glasgow and Clyde, 32 Lanarkshire).
        let pairs = [(22, 20), (22, 30), (22, 31), (20, 30), (30, 19), (30, 29), (29, 19), (19, 31), (19, 32), (19, 24),
                     (31, 15), (15, 32), (32, 24), (32, 17), (32, 16), (24, 16), (17, 16)]
        for (a, b) in pairs {
            #expect(neighbours(layout, "S080000\(a)", "S080000\(b)"), "S080000\(a) and S080000\(b) share a border")
        }
        // The islands sit off the mainland they are served from: Western Isles by Highland,
        // Orkney between Shetland and Grampian.
        #expect(neighbours(layout, "S08000028", "S08000022") && neighbours(layout, "S08000025", "S08000026")
                && neighbours(layout, "S08000025", "S08000020"))
    }

    @Test func roughlyGeographic() throws {
        let layout = try HexLayout.scotland()
        func row(_ code: String) -> Int { layout.cell(code)!.row }
        func x(_ code: String) -> Double { let c = layout.cell(code)!; return Double(c.column) + (c.row % 2 == 1 ? 0.5 : 0) }
        #expect(row("S08000026") < row("S08000025") && row("S08000025") < row("S08000022"), "Shetland, Orkney, then Highland")
        #expect(row("S08000016") == layout.cells.map(\.row).max(), "the Borders at the south")
        #expect(x("S08000028") < x("S08000022") && x("S08000031") < x("S08000029"), "the west to the left")
    }

    @Test func aScottishStoreGetsTheBoardMapWithoutEnglandsRegions() throws {
        var orgs = OrgDirectory()
        orgs.upsert(PracticeRecord(code: "10002", kind: .practice, parents: [.nation: "S92000003"]))
        let layout = try HexLayout.builtIn(for: orgs)
        #expect(layout.cells.count == 14)
        var english = orgs
        english.upsert(PracticeRecord(code: "A81001", kind: .practice, parents: [.nation: "E92000001"]))
        #expect(try HexLayout.builtIn(for: english).cells.count == 42)
        let values = Dictionary(uniqueKeysWithValues: layout.cells.enumerated().map { ($1.code, Double($0)) })
        let svg = HexMap(title: "t", subtitle: "Health boards", valueLabel: "%", layout: layout, values: values).svg()
        #expect(!svg.contains("NHS England regions") && !svg.contains("NHS regions"))
        #expect(svg.components(separatedBy: "class=\"hex\"").count - 1 == 14)
    }
}

/// The charts of a health-board result: the board hex map and a choropleth keyed by board code.
@Suite struct ScottishBoardChartsTests {
    @Test func boardResultsDrawTheHexMapAndTheChoropleth() throws {
        let layout = try HexLayout.scotland()
        let codes = layout.cells.map(\.code).sorted()
        let months = [YearMonth(year: 2024, month: 1)!]
        var num: [Double] = [], den: [Double] = []
        for (u, _) in codes.enumerated() { den.append(Double(400 + 50 * u)); num.append(Double(100 + 7 * u)) }
        let values = MeasureValues(measureID: "ics_share", level: .icb, orgCodes: codes, orgNames: codes.map { _ in nil }, months: months,
                                   numerator: num, denominator: den, value: zip(num, den).map { $0 / $1 * 100 },
                                   status: codes.map { _ in .defined })
        let r = try AtlasAnalysis.run(values, definition: ReportFixture.definition, period: months[0]...months[0])
        // Fourteen squares in degrees, one per board, keyed HBCode as PHS's boundary files are.
        let features = codes.enumerated().map { i, code -> String in
            let x = -6 + Double(i % 5) * 0.5, y = 55 + Double(i / 5) * 0.5
            return #"{"type":"Feature","properties":{"HBCode":"\#(code)","HBName":"Board \#(i)"},"geometry":{"type":"Polygon","coordinates":[[[\#(x),\#(y)],[\#(x + 0.4),\#(y)],[\#(x + 0.4),\#(y + 0.4)],[\#(x),\#(y + 0.4)],[\#(x),\#(y)]]]}}"#
        }
        let geo = try GeoFeatureCollection.parse(Data((#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").utf8),
                                                 file: "boards.geojson")
        let files = try AtlasCharts.render(r, definition: ReportFixture.definition, hexLayout: layout,
                                           boundaries: (geo, "HBCode", "HBName"), nationalLabel: "Scotland", levels: .scotland)
        let names = files.map(\.0)
        #expect(names.contains { $0.hasSuffix("-hexmap.svg") } && names.contains { $0.hasSuffix("-map.svg") })
        for (name, svg) in files where name.hasSuffix("map.svg") {
            #expect(svg.contains("Health boards, 2024-01") || svg.contains("Health board, 2024-01"), "\(name)")
            #expect(!svg.contains("ICB"))
        }
        #expect(files.first { $0.0.hasSuffix("-ranked.svg") }?.1.contains("Scotland") == true)
    }
}
