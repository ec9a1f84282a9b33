import Foundation
import GRDB
import RxData

/// `rxatlas dmd import`: a dm+d release (the NHSBSA XML files, with the supplementary release's
/// BNF file) into one SQLite database whose tables and columns are those OpenPrescribing's
/// queries name (``DMDNames``): `vtm`, `vmp`, `vmpp`, `amp`, `ampp`, `vpi`, `ing`, `ont`,
/// `dform`, `droute`, the lookups (`ontformroute`, `form`, `route`, `unitofmeasure`, …), and
/// each VMP's and AMP's `bnf_code` (the VMP's ATC code and DDD too) from the BNF file.
///
/// The database is written under a temporary name and renamed into place (``RxData/AtomicFile/replace(_:_:)``), so a failed import
/// leaves any earlier one as it was. Its `release` table records the files read (name, size,
/// XXH64), the rows per table and when it was imported.
public enum DMDImport {
    /// What an import read.
    public struct Summary: Sendable {
        /// Rows per table.
        public var rows: [String: Int]
        /// The files read, by kind.
        public var files: [String: String]
        /// VMPs and AMPs given a BNF code.
        public var vmpsWithBNF: Int, ampsWithBNF: Int
    }

    /// Imports the release found under `paths` into a new database at `output`.
    /// - Throws: ``DMDError`` naming the file (and line) at fault.
    @discardableResult
    /// - Parameter tables: tables to add beside the release, each a name and a CSV file whose
    ///   header names the columns (text): a table a definition's SQL reads that dm+d does not
    ///   hold, such as `vw_aware_abx_bnf_codes` (`bnf_code`, `aware`) for `aware_antibiotics`,
    ///   built from UKHSA's UK-AWaRe classification.
    public static func run(paths: [String], output: String, tables: [(name: String, file: String)] = [],
                           progress: ProgressReporter = .silent) throws -> Summary {
        let extra = try tables.map { try ExtraTable(name: $0.name, file: $0.file) }
        let release = try DMDReleaseFiles(paths: paths)
        defer { release.cleanUp() }
        var rows: [String: Int] = [:]
        do {
          return try AtomicFile.replace(output) { temporary -> Summary in
            let queue = try DatabaseQueue(path: temporary)
            try queue.write { db in
                var columns: [String: [String]] = [:]
                for (table, names) in DMDNames.knownColumns.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "CREATE TABLE \(table) (" + names.map { "\($0) \(DMDNames.type(of: $0))" }.joined(separator: ", ") + ")")
                    columns[table] = names
                }
                func insert(_ r: DMDXMLRecords.Record) throws {
                    let fields = r.fields.filter { !$0.value.isEmpty }
                    if columns[r.table] == nil {
                        let names = Self.unique(r.fields.map(\.column))
                        try db.execute(sql: "CREATE TABLE \(r.table) (" + names.map { "\($0) \(DMDNames.type(of: $0))" }.joined(separator: ", ") + ")")
                        columns[r.table] = names
                    }
                    for c in Self.unique(fields.map(\.column)) where !columns[r.table]!.contains(c) {
                        try db.execute(sql: "ALTER TABLE \(r.table) ADD COLUMN \(c) \(DMDNames.type(of: c))")
                        columns[r.table]!.append(c)
                    }
                    var seen = Set<String>(), names: [String] = [], values: [DatabaseValueConvertible?] = []
                    for f in fields where seen.insert(f.column).inserted {
                        names.append(f.column)
                        values.append(f.value)
                    }
                    let sql = "INSERT INTO \(r.table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
                    try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(values))
                    rows[r.table, default: 0] += 1
                }
                for kind in ["lookup", "ingredient", "vtm", "vmp", "vmpp", "amp", "ampp"] {
                    let file = release.files[kind]!
                    progress.message("dm+d: reading \((file as NSString).lastPathComponent)", level: .info)
                    _ = try DMDXMLRecords.read(file: file, insert)
                }
                // The BNF file's VMP and AMP records go to tables of their own, then onto the products.
                let bnf = release.files["bnf"]!
                _ = try DMDXMLRecords.read(file: bnf, table: { "bnf_" + $0 }, insert)
                try index(db, columns: columns)
                try addBNFCodes(db, columns: columns)
                try db.execute(sql: "CREATE TABLE release (key TEXT PRIMARY KEY, value TEXT)")
                for (kind, file) in release.files.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO release VALUES (?, ?)", arguments: ["file_\(kind)", try describe(file)])
                }
                for (table, n) in rows.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO release VALUES (?, ?)", arguments: ["rows_\(table)", String(n)])
                }
                for t in extra {
                    try t.create(in: db)
                    try db.execute(sql: "INSERT INTO release VALUES (?, ?)", arguments: ["table_\(t.name)", try describe(t.file)])
                    try db.execute(sql: "INSERT INTO release VALUES (?, ?)", arguments: ["rows_\(t.name)", String(t.rows.count)])
                    rows[t.name] = t.rows.count
                }
                try db.execute(sql: "INSERT INTO release VALUES ('imported_at', ?)", arguments: [ISO8601DateFormatter().string(from: Date())])
            }
            let vmps = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM vmp WHERE bnf_code IS NOT NULL") ?? 0 }
            let amps = try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM amp WHERE bnf_code IS NOT NULL") ?? 0 }
            try queue.close()
            return Summary(rows: rows, files: release.files.mapValues { ($0 as NSString).lastPathComponent }, vmpsWithBNF: vmps, ampsWithBNF: amps)
          }
        } catch {
            if let e = error as? DMDError { throw e }
            throw DMDError(file: output, reason: "the dm+d database could not be written: \(error)")
        }
    }

    /// A table from a CSV file, added beside the release (`--table NAME=FILE`).
    struct ExtraTable {
        let name: String, file: String
        let columns: [String]
        let rows: [[String]]

        /// Reads `file`. - Throws: ``DMDError`` for a name that is not a plain identifier or
        /// one of the release's tables, a missing file, a header without columns, or a row with
        /// another number of fields (naming its line).
        init(name: String, file: String) throws {
            func plain(_ s: String) -> Bool {
                guard let first = s.unicodeScalars.first, first == "_" || CharacterSet.letters.contains(first) else { return false }
                return s.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || CharacterSet.alphanumerics.contains($0)) }
            }
            guard plain(name) else { throw DMDError(file: file, reason: "table name '\(name)' is not a plain name (letters, digits, _)") }
            guard DMDNames.knownColumns[name] == nil, !["release", "presentation", "bnf", "normalised_prescribing"].contains(name) else {
                throw DMDError(file: file, reason: "table name '\(name)' is taken by the release or RxAtlas's own tables")
            }
            let records: [CSVRecord]
            do { records = try CSVRecordReader.read(path: file) } catch {
                throw DMDError(file: file, reason: "cannot be read as CSV: \(error)")
            }
            guard let header = records.first, !header.fields.isEmpty else { throw DMDError(file: file, reason: "is empty: a header naming the columns is needed") }
            columns = header.fields.map { CSVRecordReader.trim($0) }
            for (k, c) in columns.enumerated() where !plain(c) || columns[..<k].contains(c) {
                throw DMDError(file: file, line: header.line, reason: "column name '\(c)' is not a plain name (letters, digits, _) or is repeated")
            }
            var rows: [[String]] = []
            for r in records.dropFirst() where !r.isBlank {
                guard r.fields.count == columns.count else {
                    throw DMDError(file: file, line: r.line, reason: "has \(r.fields.count) fields where the header names \(columns.count)")
                }
                rows.append(r.fields.map { CSVRecordReader.trim($0) })
            }
            self.name = name
            self.file = file
            self.rows = rows
        }

        /// Creates and fills the table.
        func create(in db: Database) throws {
            try db.execute(sql: "CREATE TABLE \(name) (" + columns.map { "\($0) TEXT" }.joined(separator: ", ") + ")")
            let sql = "INSERT INTO \(name) VALUES (" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
            for r in rows { try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(r)) }
        }
    }

    /// The names in order, each once.
    static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// `vmp.bnf_code`, `vmp.atc`, `vmp.ddd`, `vmp.ddd_uom` and `amp.bnf_code` from the BNF file's
    /// tables (`bnf_vmp`, `bnf_amp`). The BNF file gives no pack codes: a VMPP takes its VMP's
    /// code and an AMPP its AMP's, as NHSBSA's mapping gives them for nearly every pack
    /// (OpenPrescribing's import logs the few that differ).
    static func addBNFCodes(_ db: Database, columns: [String: [String]]) throws {
        if let have = columns["bnf_vmp"] {
            try db.execute(sql: "CREATE INDEX bnf_vmp_id ON bnf_vmp (id)")
            for (to, from) in [("bnf_code", "bnf"), ("atc", "atc"), ("ddd", "ddd"), ("ddd_uom", "ddd_uom")] where have.contains(from) {
                try db.execute(sql: "UPDATE vmp SET \(to) = (SELECT b.\(from) FROM bnf_vmp b WHERE b.id = vmp.id)")
            }
        }
        if let have = columns["bnf_amp"], have.contains("bnf") {
            try db.execute(sql: "CREATE INDEX bnf_amp_id ON bnf_amp (id)")
            try db.execute(sql: "UPDATE amp SET bnf_code = (SELECT b.bnf FROM bnf_amp b WHERE b.id = amp.id)")
        }
        try db.execute(sql: "UPDATE vmpp SET bnf_code = (SELECT v.bnf_code FROM vmp v WHERE v.id = vmpp.vmp)")
        try db.execute(sql: "UPDATE ampp SET bnf_code = (SELECT a.bnf_code FROM amp a WHERE a.id = ampp.amp)")
    }

    /// Indexes on the columns OpenPrescribing's queries join and filter on.
    static func index(_ db: Database, columns: [String: [String]]) throws {
        for (table, column) in [("vmp", "id"), ("vmp", "vtm"), ("vmp", "bnf_code"), ("amp", "id"), ("amp", "vmp"), ("amp", "bnf_code"),
                                ("vpi", "vmp"), ("vpi", "ing"), ("ont", "vmp"), ("dform", "vmp"), ("droute", "vmp"), ("vmpp", "vmp"),
                                ("ampp", "vmpp"), ("ampp", "amp"), ("vtm", "id"), ("ing", "id")]
        where columns[table]?.contains(column) == true {
            try db.execute(sql: "CREATE INDEX \(table)_\(column) ON \(table) (\(column))")
        }
    }

    /// A file's name, size and XXH64.
    static func describe(_ file: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
        let hash = data.withUnsafeBytes { XXH64.hash($0) }
        return "\((file as NSString).lastPathComponent) \(data.count) bytes xxh64:\(String(hash, radix: 16))"
    }
}
