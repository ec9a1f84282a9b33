import Foundation
import RxAtlas
import RxData
import RxReference

/// A hex-cartogram layout: one hexagon per area on a pointy-top grid in "odd-r" offset
/// coordinates (odd rows shifted half a hexagon right), row 0 at the north.
///
/// The built-in layout (`Sources/RxReference/reference/icb_hex_layout.csv`) places England's 42 ICBs roughly
/// where they lie, each NHS region's ICBs touching one another; codes are those of
/// `Sources/RxReference/reference/icbs.csv` (E54 footprint codes and ODS codes), whose names it takes.
public struct HexLayout: Sendable {
    /// One hexagon.
    public struct Cell: Sendable, Equatable {
        /// The ONS code (E54…).
        public var code: String
        /// The ODS code (Q…), as organisation files and the store use.
        public var odsCode: String
        /// A short label drawn in the hexagon.
        public var label: String
        /// The full name (from `icbs.csv`), or the label.
        public var name: String
        /// The region, for the region outlines.
        public var region: String
        /// Grid column and row.
        public var column: Int, row: Int
    }

    /// The hexagons.
    public var cells: [Cell]

    /// The built-in layout: its path inside the bundled reference directory.
    public static let builtInRelativePath = "icb_hex_layout.csv"

    /// The built-in ICB layout, with names from `icbs.csv` beside it.
    public static func builtIn() throws -> HexLayout {
        let path = try ReferenceFiles.locate(builtInRelativePath, hint: "pass a layout file")
        var layout = try read(path: path)
        let namesPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("icbs.csv").path
        if let records = try? CSVRecordReader.read(path: namesPath), let first = records.first {
            let header = CSVHeader(first)
            if let c = header.index(of: "icb_e54_code"), let n = header.index(of: "icb_footprint_name") {
                let names = Dictionary(records.dropFirst().map { ($0.trimmed(c), $0.trimmed(n)) }, uniquingKeysWith: { a, _ in a })
                for i in layout.cells.indices { layout.cells[i].name = names[layout.cells[i].code] ?? layout.cells[i].label }
            }
        }
        return layout
    }

    /// The built-in layout of Scotland's 14 health boards
    /// (`reference/scotland/health_board_hex_layout.csv`), named from the bundled board table.
    /// Roughly geographic: the island boards off the north and west, each board touching most of
    /// the boards it borders (not Highland–Forth Valley, Greater Glasgow and Clyde–Lanarkshire or
    /// Ayrshire and Arran–Dumfries and Galloway, which a hex grid of 14 cannot also fit).
    public static func scotland() throws -> HexLayout {
        var layout = try read(path: try ReferenceFiles.locate("scotland/health_board_hex_layout.csv", hint: "pass a layout file"))
        let names = try ScottishGeography.reference().names[.icb] ?? [:]
        for i in layout.cells.indices { layout.cells[i].name = names[layout.cells[i].code] ?? layout.cells[i].label }
        return layout
    }

    /// The built-in layout for data from the nations of `orgs`: Scotland's health boards when
    /// every prescriber is in Scotland, else England's ICBs.
    public static func builtIn(for orgs: OrgDirectory) throws -> HexLayout {
        orgs.nations == [PrescriberCode.scotlandCode] ? try scotland() : try builtIn()
    }

    /// Reads a layout CSV with columns `icb_e54_code, icb_ods_code, short_label, region_name,
    /// column, row`.
    /// - Throws: ``RxData/InputError`` naming the line and field at fault, or two areas in one cell.
    public static func read(path: String) throws -> HexLayout {
        let records = try CSVRecordReader.read(path: path)
        guard let first = records.first else { throw InputError(file: path, reason: "the layout is empty") }
        let header = CSVHeader(first)
        let names = ["icb_e54_code", "icb_ods_code", "short_label", "region_name", "column", "row"]
        let idx = try names.map { name in
            guard let i = header.index(of: name) else { throw InputError(file: path, line: 1, field: name, reason: "missing column") }
            return i
        }
        var cells: [Cell] = []
        var taken: [String: Int] = [:]
        for r in records.dropFirst() where !r.isBlank {
            guard let col = Int(r.trimmed(idx[4])) else { throw InputError(file: path, line: r.line, field: "column", reason: "not a whole number") }
            guard let row = Int(r.trimmed(idx[5])), row >= 0 else {
                throw InputError(file: path, line: r.line, field: "row", reason: "not a whole number ≥ 0")
            }
            if let other = taken["\(col),\(row)"] {
                throw InputError(file: path, line: r.line, field: "column", reason: "cell (\(col), \(row)) is already taken by line \(other)")
            }
            taken["\(col),\(row)"] = r.line
            cells.append(Cell(code: r.trimmed(idx[0]), odsCode: r.trimmed(idx[1]), label: r.trimmed(idx[2]), name: r.trimmed(idx[2]),
                              region: r.trimmed(idx[3]), column: col, row: row))
        }
        return HexLayout(cells: cells)
    }

    /// The centre of a cell for hexagons of circumradius `size` (x right, y down).
    public static func centre(column: Int, row: Int, size: Double) -> (x: Double, y: Double) {
        ((Double(column) + (row & 1 == 1 ? 0.5 : 0)) * 3.0.squareRoot() * size, Double(row) * 1.5 * size)
    }

    /// The six neighbours' (column, row) in edge order east, south-east, south-west, west,
    /// north-west, north-east (edge k lies between corners k and k + 1 of ``corners(x:y:size:)``).
    public static func neighbours(column c: Int, row r: Int) -> [(column: Int, row: Int)] {
        let odd = r & 1 == 1
        return [(c + 1, r), (odd ? c + 1 : c, r + 1), (odd ? c : c - 1, r + 1), (c - 1, r), (odd ? c : c - 1, r - 1), (odd ? c + 1 : c, r - 1)]
    }

    /// The six corners of a pointy-top hexagon, at −30°, 30°, 90°, … (y down).
    public static func corners(x: Double, y: Double, size: Double) -> [(x: Double, y: Double)] {
        (0..<6).map { k in
            let a = (Double(k) * 60 - 30) * Double.pi / 180
            return (x + size * cos(a), y + size * sin(a))
        }
    }

    /// The cell of an area by either code (E54 or ODS).
    public func cell(_ code: String) -> Cell? { cells.first { $0.code == code || $0.odsCode == code } }
}

