import Foundation
import Testing
import RxData
@testable import RxReport

@Suite struct HexLayoutTests {
    /// The ICB codes of `Sources/RxReference/reference/icbs.csv`: E54 → ODS.
    func referenceICBs() throws -> [String: String] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/RxReference/reference/icbs.csv").path
        let records = try CSVRecordReader.read(path: path)
        let h = CSVHeader(records[0])
        return Dictionary(uniqueKeysWithValues: records.dropFirst().map { ($0.trimmed(h.index(of: "icb_e54_code")!), $0.trimmed(h.index(of: "icb_ods_code")!)) })
    }

    @Test func allFortyTwoICBsExactlyOnce() throws {
        let layout = try HexLayout.builtIn()
        let reference = try referenceICBs()
        #expect(reference.count == 42)
        #expect(layout.cells.count == 42)
        #expect(Set(layout.cells.map(\.code)) == Set(reference.keys))
        for cell in layout.cells { #expect(reference[cell.code] == cell.odsCode, "\(cell.code)") }
        #expect(Set(layout.cells.map(\.label)).count == 42)
        #expect(Set(layout.cells.map(\.region)).count == 7)
        // Names come from icbs.csv.
        #expect(layout.cell("QA0")?.name == "Greater Manchester Health and Social Care Partnership")
    }

    @Test func noTwoHexagonsOverlap() throws {
        let layout = try HexLayout.builtIn()
        #expect(Set(layout.cells.map { "\($0.column),\($0.row)" }).count == 42)
        let size = 10.0
        let centres = layout.cells.map { HexLayout.centre(column: $0.column, row: $0.row, size: size) }
        // Pointy-top hexagons of circumradius s overlap only when centres are closer than √3·s.
        for i in centres.indices {
            for j in centres.indices where j > i {
                let d = ((centres[i].x - centres[j].x) * (centres[i].x - centres[j].x) + (centres[i].y - centres[j].y) * (centres[i].y - centres[j].y)).squareRoot()
                #expect(d >= 3.0.squareRoot() * size - 1e-9)
            }
        }
    }

    @Test func neighboursShareAnEdge() {
        // Every listed neighbour's centre is exactly √3·s away, and edge k faces it.
        for row in 0...3 {
            let c = HexLayout.centre(column: 2, row: row, size: 1)
            let corners = HexLayout.corners(x: c.x, y: c.y, size: 1)
            for (k, n) in HexLayout.neighbours(column: 2, row: row).enumerated() {
                let d = HexLayout.centre(column: n.column, row: n.row, size: 1)
                #expect(abs(((d.x - c.x) * (d.x - c.x) + (d.y - c.y) * (d.y - c.y)).squareRoot() - 3.0.squareRoot()) < 1e-12)
                let mid = ((corners[k].x + corners[(k + 1) % 6].x) / 2, (corners[k].y + corners[(k + 1) % 6].y) / 2)
                #expect(abs(mid.0 - (c.x + d.x) / 2) < 1e-12 && abs(mid.1 - (c.y + d.y) / 2) < 1e-12)
            }
        }
    }

    @Test func eachRegionIsOneConnectedGroup() throws {
        let layout = try HexLayout.builtIn()
        let at = Dictionary(uniqueKeysWithValues: layout.cells.map { ("\($0.column),\($0.row)", $0) })
        for region in Set(layout.cells.map(\.region)) {
            let cells = layout.cells.filter { $0.region == region }
            var seen: Set<String> = ["\(cells[0].column),\(cells[0].row)"]
            var stack = [cells[0]]
            while let c = stack.popLast() {
                for n in HexLayout.neighbours(column: c.column, row: c.row) {
                    let key = "\(n.column),\(n.row)"
                    if let m = at[key], m.region == region, seen.insert(key).inserted { stack.append(m) }
                }
            }
            #expect(seen.count == cells.count, "\(region)")
        }
    }

    @Test func roughlyGeographic() throws {
        // Northern ICBs above southern ones, western left of eastern.
        let l = try HexLayout.builtIn()
        #expect(l.cell("QD7")!.row < l.cell("QA0")!.row && l.cell("QA0")!.row < l.cell("QB0")!.row)
        #expect(l.cell("QB0")!.row < l.cell("QC1")!.row && l.cell("QC1")!.row < l.cell("QC7")!.row)
        #expect(l.cell("QC7")!.column < l.cell("QC5")!.column && l.cell("QA1")!.column < l.cell("QD8")!.column)
    }

    @Test func theMapDrawsEveryICBByEitherCode() throws {
        let layout = try HexLayout.builtIn()
        var values: [String: Double] = [:]
        for (i, cell) in layout.cells.enumerated() where i != 5 { values[i % 2 == 0 ? cell.code : cell.odsCode] = Double(i) }
        let svg = try ParsedSVG(HexMap(title: "ICBs & <regions>", valueLabel: "%", layout: layout, values: values).svg())
        let hexes = try svg.elements("path", class: "hex")
        #expect(hexes.count == 42)
        #expect(try svg.elements("path", class: "no-value").count == 1)
        #expect(Set(hexes.map { $0.attr("data-ods")! }) == Set(layout.cells.map(\.odsCode)))
        #expect(try svg.elements("path", class: "region-outlines").count == 1)
        #expect(svg.root.attr("aria-label") == "ICBs & <regions>")
    }

    @Test func aLayoutWithTwoAreasInOneCellIsRefused() throws {
        let dir = TempDir()
        let path = dir.path("layout.csv")
        try "icb_e54_code,icb_ods_code,short_label,region_name,column,row\nE1,Q1,A,R,0,0\nE2,Q2,B,R,0,0\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try HexLayout.read(path: path) } throws: { e in
            let e = e as! InputError
            return e.line == 3 && e.reason.contains("line 2")
        }
    }
}
