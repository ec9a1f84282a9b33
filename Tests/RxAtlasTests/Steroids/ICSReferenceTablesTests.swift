import Foundation
import Testing
import RxData
@testable import RxAtlas

/// The ICS reference tables load with a source on every row; a bad row is refused by file,
/// line and field.
@Suite struct ICSReferenceTablesTests {
    @Test func builtInTablesHaveASourcePerRow() throws {
        let t = try ICSReferenceTables.builtIn()
        #expect(t.rules.count >= 90 && t.bands.count == 7 && t.thresholds.count == 9)
        #expect(t.rules.allSatisfy { !$0.source.isEmpty } && t.bands.allSatisfy { !$0.source.isEmpty })
        #expect(t.thresholds.allSatisfy { !$0.source.isEmpty })
        // Every inhaler rule has a band and a threshold.
        for r in t.rules where r.device != .nebuliser {
            #expect(t.band(for: r) != nil && t.threshold(for: r) != nil, "\(r.key)")
        }
    }

    @Test func badRowsAreRefusedByFileLineAndField() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-ics-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let builtIn = try MeasureLibrary.builtInDirectory()
        let source = URL(fileURLWithPath: builtIn).deletingLastPathComponent().appendingPathComponent("ics")
        try FileManager.default.copyItem(at: source, to: dir)
        let rules = dir.appendingPathComponent("ics_dose_rules.csv").path
        var text = try String(contentsOfFile: rules, encoding: .utf8)
        text += "0302000K0,,,ZZ,inhaler,budesonide,,none,200,4,x,y\n"
        try text.write(toFile: rules, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n").count
        #expect(throws: InputError(file: rules, line: lines, field: "device", reason: "'inhaler' is not pMDI, DPI or nebuliser")) {
            try ICSReferenceTables.load(directory: dir.path)
        }
    }
}
