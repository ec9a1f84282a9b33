import Foundation
import Testing
import RxAtlas
import RxData
@testable import RxReport

@Suite struct JSONTableWriterTests {
    @Test func jsonParsesAndMatchesTheCSV() throws {
        let dir = TempDir()
        let tables = MeasureOutput.tables([ReportFixture.values()], definitions: [ReportFixture.definition])
        try JSONTableWriter.write(tables, to: dir.path("r.json"), metadata: [("software", "rxatlas <test>")])
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("r.json")))
        #expect(!String(decoding: data, as: UTF8.self).contains("<script"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((root["metadata"] as? [String: String])?["software"] == "rxatlas <test>")
        let parsed = try #require(root["tables"] as? [[String: Any]])
        #expect(parsed.map { $0["name"] as! String } == ["values", "deciles"])
        for (t, p) in zip(tables, parsed) {
            try CSVWriter.write(t, to: dir.path(t.name + ".csv"))
            let csv = try CSVRecordReader.read(path: dir.path(t.name + ".csv"))
            let columns = p["columns"] as! [[String: String]]
            #expect(columns.map { $0["name"]! } == t.columnNames)
            #expect(columns.map { $0["type"]! } == t.columns.map(\.type.rawValue))
            let rows = p["rows"] as! [[String: Any]]
            #expect(rows.count == csv.count - 1)
            for (row, record) in zip(rows, csv.dropFirst()) {
                for (k, c) in t.columns.enumerated() {
                    let v = row[c.name]
                    switch v {
                    case is NSNull: #expect(record.fields[k].isEmpty)
                    case let s as String: #expect(s == record.fields[k])
                    case let n as NSNumber:
                        // Foundation's JSON parser on Linux may be off by an ulp or two; the
                        // text written is exact (checked below).
                        let d = Double(record.fields[k])!
                        #expect(abs(n.doubleValue - d) <= 4 * d.ulp, "\(c.name)")
                    default: Issue.record("unexpected \(String(describing: v))")
                    }
                }
            }
        }
        // Numbers are spelled exactly as in the CSV (shortest round-trip form).
        let text = String(decoding: data, as: UTF8.self)
        let csv = try CSVRecordReader.read(path: dir.path("values.csv"))
        for record in csv.dropFirst().prefix(20) {
            #expect(text.contains("\"value\": \(record.fields[7]), \"percentile\": \(record.fields[8])"))
        }
        // The hostile name round-trips.
        let values = parsed[0]["rows"] as! [[String: Any]]
        #expect(values.contains { $0["org_name"] as? String == ReportFixture.hostileName })
    }

    @Test func stringEscaping() {
        #expect(JSONTableWriter.string("a\"b\\c\n<\u{01}") == "\"a\\\"b\\\\c\\n\\u003c\\u0001\"")
    }
}
