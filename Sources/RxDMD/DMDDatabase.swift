import Foundation
import GRDB
import RxAtlas
import RxData

/// A dm+d release imported with ``DMDImport``, opened to run OpenPrescribing's
/// `*_bnf_codes_query` SQL (``RxAtlas/BNFCodeQueryResolver``): an in-memory connection with the
/// release attached as `dmd` (so `dmd.vmp` resolves), RxAtlas's versions of OpenPrescribing's
/// views (``DMDViews``) and the presentation tables filled from `presentations`. Each query is
/// translated (``BigQueryTranslation``) and run once; its codes are kept for the life of the
/// database, one release's.
public final class DMDDatabase: BNFCodeQueryResolver, @unchecked Sendable {
    /// The release's database file.
    public let path: String
    /// `dm+d <file name> (imported <date>)`.
    public let source: String
    private let queue: DatabaseQueue
    private let lock = NSLock()
    private var cache: [String: [String]] = [:]

    /// Opens the release at `path`.
    /// - Parameter presentations: BNF presentation codes and names (the store's), for the
    ///   queries that read OpenPrescribing's presentation table.
    /// - Throws: ``DMDError`` when the file is missing or is not a release `rxatlas dmd import` wrote.
    public init(path: String, presentations: [(code: String, name: String?)] = []) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DMDError(file: path, reason: "does not exist: import a dm+d release with `rxatlas dmd import RELEASE --out \(path)`")
        }
        self.path = path
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA case_sensitive_like = ON")
        }
        do {
            queue = try DatabaseQueue(configuration: config)
            let imported = try queue.write { db -> String in
                try db.execute(sql: "ATTACH DATABASE ? AS dmd", arguments: [path])
                guard try db.tableExists("release", in: "dmd") else {
                    throw DMDError(file: path, reason: "is not a dm+d database written by `rxatlas dmd import` (it has no release table)")
                }
                for sql in DMDViews.tables + DMDViews.sql { try db.execute(sql: sql) }
                for p in presentations {
                    try db.execute(sql: "INSERT OR IGNORE INTO presentation VALUES (?, ?)", arguments: [p.code, p.name])
                    try db.execute(sql: "INSERT OR IGNORE INTO bnf VALUES (?, ?, ?, ?)",
                                   arguments: [p.code, p.name, String(p.code.prefix(9)), String(p.code.prefix(11))])
                }
                let file = try String.fetchOne(db, sql: "SELECT value FROM dmd.release WHERE key = 'file_vmp'")?.split(separator: " ").first
                let when = try String.fetchOne(db, sql: "SELECT value FROM dmd.release WHERE key = 'imported_at'") ?? "?"
                return "dm+d \(file.map(String.init) ?? (path as NSString).lastPathComponent) (imported \(when.prefix(10)))"
            }
            source = imported
        } catch let e as DMDError {
            throw e
        } catch {
            throw DMDError(file: path, reason: "cannot be opened as a dm+d database: \(error)")
        }
    }

    /// Opens the release at `path` beside a store: the store's presentation codes and names fill
    /// the presentation tables OpenPrescribing's queries read.
    public convenience init(path: String, store: Store) throws {
        let names = try store.readPresentationNames()
        try self.init(path: path, presentations: names.map { (code: $0.key.description, name: Optional($0.value)) }.sorted { $0.code < $1.code })
    }

    /// The codes `sql` selects: its first column, each value as text, in the order given.
    /// - Throws: ``DMDError`` saying why it cannot run (a placeholder, a table or view the
    ///   release and RxAtlas's views do not have).
    public func codes(for sql: String) throws -> [String] {
        if let hit = lock.withLock({ cache[sql] }) { return hit }
        let translated = try BigQueryTranslation.sqlite(sql)
        let codes: [String]
        do {
            codes = try queue.read { db in
                try Row.fetchAll(db, sql: translated).compactMap { row -> String? in
                    guard row.count > 0 else { return nil }
                    let v = row[0] as DatabaseValue
                    switch v.storage {
                    case .string(let s): return s
                    case .int64(let i): return String(i)
                    case .double(let d): return String(d)
                    default: return nil
                    }
                }
            }
        } catch let e as DatabaseError {
            throw DMDError(reason: e.message ?? "\(e)")
        }
        lock.withLock { cache[sql] = codes }
        return codes
    }
}
