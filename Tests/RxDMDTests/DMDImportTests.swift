import Foundation
import GRDB
import Testing
@testable import RxDMD

/// A temporary folder, removed at the end of the test.
final class TemporaryFolder: @unchecked Sendable {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-dmd-\(UUID().uuidString)").path
    init() throws { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

struct DMDImportTests {
    @Test func theReleaseBecomesOpenPrescribingsTablesAndColumns() throws {
        let dir = try TemporaryFolder()
        try DMDFixture.write(to: dir.path + "/release")
        let summary = try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/dmd.sqlite")
        #expect(summary.rows["vmp"] == DMDFixture.products.count && summary.rows["amp"] == DMDFixture.amps.count)
        #expect(summary.vmpsWithBNF == DMDFixture.products.filter { $0.bnf != nil }.count && summary.ampsWithBNF == DMDFixture.amps.count)
        let db = try DatabaseQueue(path: dir.path + "/dmd.sqlite")
        try db.read { db in
            // Identifiers are numbers (so `vtm = 775934002` matches), codes keep their letters and zeros.
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM vmp WHERE vtm = 775934002") == 2)
            #expect(try String.fetchOne(db, sql: "SELECT bnf_code FROM vmp WHERE id = 323509004") == "0501013B0AAABAB")
            #expect(try String.fetchOne(db, sql: "SELECT bnf_code FROM vmp WHERE id = 9357511000001107") == "20030200012")
            #expect(try String.fetchOne(db, sql: "SELECT atc FROM vmp WHERE id = 323509004") == "J01CA04")
            #expect(try Double.fetchOne(db, sql: "SELECT ddd FROM vmp WHERE id = 323509004") == 1.5)
            #expect(try String.fetchOne(db, sql: "SELECT bnf_code FROM amp WHERE id = 100003") == "0407020A0BGAADC")
            #expect(try String.fetchOne(db, sql: "SELECT descr FROM ontformroute WHERE cd = 3") == "pressurizedinhalation.inhalation")
            #expect(try String.fetchOne(db, sql: """
                SELECT f.descr FROM dform d JOIN form f ON d.form = f.cd WHERE d.vmp = 412150004
                """) == "Buccal tablet")
            #expect(try Int.fetchOne(db, sql: "SELECT ing FROM vpi WHERE vmp = 374733004") == 442509000)
            #expect(try Int.fetchOne(db, sql: "SELECT lic_auth FROM amp WHERE id = 100004") == 4)
            // A code's `cd` suffix is dropped, a product's own identifier is `id`, the others name their table.
            let vmpColumns = Set(try db.columns(in: "vmp").map(\.name))
            #expect(vmpColumns.isSuperset(of: ["id", "vtm", "nm", "basis", "pres_stat", "df_ind", "bnf_code"]))
            #expect(Set(try db.columns(in: "ampp").map(\.name)).isSuperset(of: ["id", "vmpp", "amp", "legal_cat", "disc"]))
            #expect(try String.fetchOne(db, sql: "SELECT value FROM release WHERE key = 'file_vmp'")?.hasPrefix("f_vmp2_3011225.xml ") == true)
        }
    }

    /// A table beside the release (`--table NAME=FILE`): OpenPrescribing's AWaRe view, which
    /// aware_antibiotics's query then reads; bad names and ragged rows are refused.
    @Test func aTableBesideTheRelease() throws {
        let dir = try TemporaryFolder()
        try DMDFixture.write(to: dir.path + "/release")
        let csv = dir.path + "/aware.csv"
        try "bnf_code,aware\n0501013B0AAABAB,Access\n0501120L0AAAFAF,Watch\n\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let summary = try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/dmd.sqlite",
                                        tables: [("vw_aware_abx_bnf_codes", csv)])
        #expect(summary.rows["vw_aware_abx_bnf_codes"] == 2)
        let db = try DMDDatabase(path: dir.path + "/dmd.sqlite", presentations: [])
        #expect(try db.codes(for: "SELECT DISTINCT bnf_code FROM {measures}.vw_aware_abx_bnf_codes WHERE aware IN ('Watch', 'Reserve')")
                == ["0501120L0AAAFAF"])
        // Without it, the query says where the table comes from.
        try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/plain.sqlite")
        let plain = try DMDDatabase(path: dir.path + "/plain.sqlite", presentations: [])
        #expect { try plain.codes(for: "SELECT bnf_code FROM {measures}.vw_aware_abx_bnf_codes") } throws: { "\($0)".contains("--table") }

        try "bnf_code,aware\n0501013B0AAABAB\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect { try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/x.sqlite", tables: [("aware", csv)]) }
            throws: { "\($0)".contains("aware.csv:2:") && "\($0)".contains("1 fields") }
        #expect(throws: DMDError.self) { try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/x.sqlite", tables: [("vmp", csv)]) }
        #expect(throws: DMDError.self) { try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/x.sqlite", tables: [("a b", csv)]) }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/x.sqlite"))
    }

    @Test func aReleaseInZipsIsReadAsAFolderIs() throws {
        let dir = try TemporaryFolder()
        try DMDFixture.write(to: dir.path + "/release")
        // The release zip, and the bonus zip holding the BNF file in a zip of its own.
        let bnf = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/release").first { $0.hasPrefix("f_bnf1_") })
        try FileManager.default.createDirectory(atPath: dir.path + "/bonus", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: dir.path + "/release/" + bnf, toPath: dir.path + "/bonus/" + bnf)
        for (zip, folder) in [("release.zip", "release"), ("bonus/week-BNF.zip", "bonus")] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.currentDirectoryURL = URL(fileURLWithPath: dir.path + "/" + folder)
            p.arguments = ["python3", "-c", "import sys, zipfile, os; z = zipfile.ZipFile(sys.argv[1], 'w'); [z.write(f) for f in sorted(os.listdir('.')) if f.endswith('.xml')]; z.close()",
                           dir.path + "/" + (zip == "release.zip" ? "release.zip" : "week-BNF.zip")]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        p.arguments = ["python3", "-c", "import zipfile; z = zipfile.ZipFile('bonus.zip', 'w'); z.write('week-BNF.zip', 'nhsbsa_dmdbonus/BNF/week-BNF.zip'); z.close()"]
        try p.run()
        p.waitUntilExit()
        let summary = try DMDImport.run(paths: [dir.path + "/release.zip", dir.path + "/bonus.zip"], output: dir.path + "/dmd.sqlite")
        #expect(summary.vmpsWithBNF == DMDFixture.products.filter { $0.bnf != nil }.count)
    }

    @Test func aBadReleaseIsRefusedNamingTheFileAndLeavesTheOldDatabase() throws {
        let dir = try TemporaryFolder()
        try DMDFixture.write(to: dir.path + "/release")
        let out = dir.path + "/dmd.sqlite"
        try DMDImport.run(paths: [dir.path + "/release"], output: out)
        let before = try Data(contentsOf: URL(fileURLWithPath: out))
        // Without the BNF file: refused, saying where the codes come from.
        let bnf = try #require(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/release").first { $0.hasPrefix("f_bnf1_") })
        try FileManager.default.moveItem(atPath: dir.path + "/release/" + bnf, toPath: dir.path + "/" + bnf)
        #expect { try DMDImport.run(paths: [dir.path + "/release"], output: out) } throws: { e in
            "\(e)".contains("f_bnf") && "\(e)".contains("supplementary")
        }
        try FileManager.default.moveItem(atPath: dir.path + "/" + bnf, toPath: dir.path + "/release/" + bnf)
        // A file cut short: the file and its line are named, and the old database stays.
        let vmp = dir.path + "/release/f_vmp2_3011225.xml"
        var text = try String(contentsOfFile: vmp, encoding: .utf8)
        text = String(text.prefix(text.count / 2))
        try text.write(toFile: vmp, atomically: true, encoding: .utf8)
        #expect { try DMDImport.run(paths: [dir.path + "/release"], output: out) } throws: { e in
            guard let e = e as? DMDError else { return false }
            return e.file == vmp && e.line != nil && e.reason.contains("XML")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }.isEmpty)
    }
}
