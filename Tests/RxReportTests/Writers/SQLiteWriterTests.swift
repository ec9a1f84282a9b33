import Foundation
import GRDB
import Testing
import RxAtlas
import RxData
@testable import RxReport

@Suite struct SQLiteWriterTests {
    /// The measure and Atlas tables of the fixture, with a cost measure so savings are included.
    func tables() throws -> [ResultTable] {
        let values = ReportFixture.values()
        var cost = ReportFixture.definition
        cost.id = "ics_cost"
        cost.isPercentage = false
        cost.isCostBased = true
        cost.numerator = .init(quantity: .actualCost, filter: nil)
        let costValues = MeasureValues(measureID: "ics_cost", level: .practice, orgCodes: values.orgCodes, orgNames: values.orgNames,
                                       months: values.months, numerator: values.numerator.map { $0 * 1.37 }, denominator: values.denominator,
                                       value: zip(values.numerator, values.denominator).map { $0 * 1.37 / $1 }, status: values.status)
        let run = try AtlasRun([values], definitions: [ReportFixture.definition],
                               period: ReportFixture.months[0]...ReportFixture.months[2])
        return MeasureOutput.tables([values, costValues], definitions: [ReportFixture.definition, cost])
            + AtlasOutput.tables(run).map { t in var t = t; t.name = "atlas_" + t.name; return t }
    }

    @Test func roundTripMatchesTheCSVs() throws {
        let dir = TempDir()
        let tables = try tables()
        #expect(tables.map(\.name) == ["values", "deciles", "savings", "savings_totals", "atlas_summary", "atlas_outliers", "atlas_trends"])
        let db = dir.path("results.sqlite")
        try SQLiteWriter.write(tables, to: db, source: "test", metadata: [("software", "rxatlas test")])
        for t in tables { try CSVWriter.write(t, to: dir.path(t.name + ".csv")) }

        let queue = try DatabaseQueue(path: db)
        try queue.read { db in
            for t in tables {
                let csv = try CSVRecordReader.read(path: dir.path(t.name + ".csv"))
                #expect(csv[0].fields == t.columnNames)
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(t.name)\" ORDER BY rowid")
                #expect(rows.count == csv.count - 1, "\(t.name)")
                #expect(rows.count > 0, "\(t.name)")
                for (row, record) in zip(rows, csv.dropFirst()) {
                    for (k, column) in t.columns.enumerated() {
                        let value: DatabaseValue = row[k]
                        let field = record.fields[k]
                        switch value.storage {
                        case .null: #expect(field.isEmpty, "\(t.name).\(column.name)")
                        case .string(let s): #expect(column.type == .text && s == field, "\(t.name).\(column.name)")
                        case .int64(let i):
                            if column.type == .boolean { #expect((i == 1 ? "true" : "false") == field) }
                            else { #expect(column.type == .integer && String(i) == field, "\(t.name).\(column.name)") }
                        case .double(let d):
                            // Reals agree with the CSV's 15 significant digits; pounds to the penny.
                            if column.type == .pounds { #expect(CSVWriter.pounds(d) == field, "\(t.name).\(column.name)") }
                            else {
                                #expect(column.type == .real && abs(Double(field)! - d) <= abs(d) * 1e-14,
                                        "\(t.name).\(column.name): \(d) vs \(field)")
                            }
                        case .blob: Issue.record("unexpected blob in \(t.name).\(column.name)")
                        }
                    }
                }
            }
            // SQL over the results: the practice with the highest period share is the planted one.
            let top = try String.fetchOne(db, sql: "SELECT org_code FROM atlas_outliers WHERE measure = 'ics_share' ORDER BY value DESC LIMIT 1")
            #expect(top == "P00008")
            let jan = try Double.fetchOne(db, sql: "SELECT SUM(numerator) FROM \"values\" WHERE measure = 'ics_share' AND month = '2025-01'")
            let v = ReportFixture.values()
            #expect(jan == v.orgCodes.indices.map { v.numerator[v.index(unit: $0, month: 0)] }.reduce(0, +))
            #expect(try String.fetchOne(db, sql: "SELECT value FROM metadata WHERE source = 'test' AND key = 'software'") == "rxatlas test")
        }
    }

    @Test func columnsAreTypedAndIndexed() throws {
        let dir = TempDir()
        let db = dir.path("r.sqlite")
        try SQLiteWriter.write(try tables(), to: db)
        let queue = try DatabaseQueue(path: db)
        try queue.read { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\"values\")").map { ($0["name"] as String, $0["type"] as String) }
            #expect(columns.first { $0.0 == "measure" }?.1 == "TEXT")
            #expect(columns.first { $0.0 == "numerator" }?.1 == "REAL")
            let summary = try Row.fetchAll(db, sql: "PRAGMA table_info(atlas_summary)").map { ($0["name"] as String, $0["type"] as String) }
            #expect(summary.first { $0.0 == "units" }?.1 == "INTEGER")
            let trend = try Row.fetchAll(db, sql: "PRAGMA table_info(atlas_trends)").map { ($0["name"] as String, $0["type"] as String) }
            #expect(trend.first { $0.0 == "worst_decile_every_month" }?.1 == "INTEGER")
            let indexed = try Row.fetchAll(db, sql: "PRAGMA index_list(\"values\")").map { $0["name"] as String }
            #expect(Set(indexed) == ["values_measure", "values_level", "values_org_code", "values_month"])
            let deciles = try Row.fetchAll(db, sql: "PRAGMA index_list(deciles)").map { $0["name"] as String }
            #expect(Set(deciles) == ["deciles_measure", "deciles_level", "deciles_month"])
            // The planner uses the index for a lookup by organisation.
            let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM \"values\" WHERE org_code = 'P00001'")
                .map { $0["detail"] as String }.joined()
            #expect(plan.contains("values_org_code"))
        }
    }

    @Test func aFailedWriteLeavesThePreviousDatabaseAndNoTemporaries() throws {
        let dir = TempDir()
        let db = dir.path("r.sqlite")
        let one = ResultTable(name: "t", columns: [ResultColumn("measure", .text)], rows: [[.text("a")]])
        try SQLiteWriter.write([one], to: db)
        #expect(throws: InputError.self) { try SQLiteWriter.write([one, one], to: db) }
        let queue = try DatabaseQueue(path: db)
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT measure FROM t") } == ["a"])
        try queue.close()
        // A table that SQLite refuses (two columns of one name) aborts the write: the old file
        // stays, and no temporary is left.
        let dup = ResultTable(name: "v", columns: [ResultColumn("x", .integer), ResultColumn("x", .integer)], rows: [[.integer(1), .integer(2)]])
        #expect(throws: (any Error).self) { try SQLiteWriter.write([dup], to: db) }
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path)
        #expect(names == ["r.sqlite"])
        let again = try DatabaseQueue(path: db)
        #expect(try again.read { try String.fetchAll($0, sql: "SELECT measure FROM t") } == ["a"])
    }

    @Test func severalCommandsGatherTheirTablesInOneDatabase() throws {
        let dir = TempDir()
        let db = dir.path("all.sqlite")
        let a = ResultTable(name: "values", columns: [ResultColumn("measure", .text)], rows: [[.text("one")]])
        let b = ResultTable(name: "summary", columns: [ResultColumn("measure", .text)], rows: [[.text("two")]])
        try SQLiteWriter.write([a], to: db, source: "measures", metadata: [("from", "2025-01")], mode: .replaceTables)
        try SQLiteWriter.write([b], to: db, source: "atlas", metadata: [("from", "2025-02")], mode: .replaceTables)
        // Re-running a command replaces its own tables and metadata only.
        let a2 = ResultTable(name: "values", columns: [ResultColumn("measure", .text)], rows: [[.text("three")], [.text("four")]])
        try SQLiteWriter.write([a2], to: db, source: "measures", metadata: [("from", "2025-03")], mode: .replaceTables)
        let queue = try DatabaseQueue(path: db)
        let (values, summary, metadata) = try queue.read { db in
            (try String.fetchAll(db, sql: "SELECT measure FROM \"values\""), try String.fetchAll(db, sql: "SELECT measure FROM summary"),
             try String.fetchAll(db, sql: "SELECT source || ':' || value FROM metadata ORDER BY source"))
        }
        #expect(values == ["three", "four"])
        #expect(summary == ["two"])
        #expect(metadata == ["atlas:2025-02", "measures:2025-03"])
        // replaceFile starts afresh.
        try queue.close()
        try SQLiteWriter.write([b], to: db)
        let fresh = try DatabaseQueue(path: db)
        #expect(try fresh.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") } == ["metadata", "summary"])
    }

    @Test func hostileNamesAreStoredVerbatim() throws {
        let dir = TempDir()
        let db = dir.path("h.sqlite")
        let t = ResultTable(name: "odd \"table\"", columns: [ResultColumn("org_name", .text)], rows: [[.text(ReportFixture.hostileName)], [.text("'; DROP TABLE x; --")]])
        try SQLiteWriter.write([t], to: db)
        let queue = try DatabaseQueue(path: db)
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT org_name FROM \"odd \"\"table\"\"\"") } == [ReportFixture.hostileName, "'; DROP TABLE x; --"])
    }
}
