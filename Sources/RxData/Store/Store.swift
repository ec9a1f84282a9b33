import Foundation

/// A store directory: one snapshot per month plus dictionaries, organisations, list sizes and
/// the provenance of every ingest.
///
/// ```
/// DIR/store.json                 manifest (StoreManifest): versions, months, ingest log
/// DIR/months/YYYY-MM.rxsnap      one snapshot per month (SnapshotFormat)
/// DIR/presentations.csv          code,name — every presentation name seen
/// DIR/orgs/practices.csv         practice_code,name,kind,setting,postcode,pcn_code,sub_icb_code,
///                                icb_code,region_code,nation_code
/// DIR/orgs/names.csv             level,code,name
/// DIR/list_sizes/YYYY-MM.csv     practice_code,sex,age_band,patients (sex and age ALL: total)
/// ```
///
/// Every file is written through ``AtomicFile``, so a reader sees each file whole, old or new;
/// re-writing a month replaces only that month's snapshot. The `months/` directory is the
/// authority on which months exist (a snapshot is there whole or not at all); the manifest's
/// list mirrors it. One `Store` value may be shared by threads (manifest and CSV updates are
/// serialised); two processes must not write the same store at once.
public final class Store: @unchecked Sendable {
    /// The store directory.
    public let path: String
    /// The software version recorded in the manifest on writes (nil: keep the recorded one).
    public let softwareVersion: String?
    private let lock = NSLock()
    private var keeping = false
    private var kept: [YearMonth: Snapshot] = [:]

    private init(path: String, softwareVersion: String?) {
        self.path = path
        self.softwareVersion = softwareVersion
    }

    /// The manifest's path.
    public var manifestPath: String { path + "/store.json" }

    /// The snapshot path of a month.
    public func snapshotPath(_ month: YearMonth) -> String { path + "/months/\(month).\(SnapshotFormat.fileExtension)" }

    /// The list-size file of a month.
    public func listSizePath(_ month: YearMonth) -> String { path + "/list_sizes/\(month).csv" }

    /// Creates a new, empty store at `path` (creating the directory and its parents).
    /// - Throws: ``StoreError`` if `path` already holds a store or any other files.
    public static func create(at path: String, softwareVersion: String) throws -> Store {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw StoreError(path: path, reason: "exists and is not a directory") }
            if fm.fileExists(atPath: path + "/store.json") { throw StoreError(path: path, reason: "is already a store") }
            let contents = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            guard contents.isEmpty else {
                throw StoreError(path: path, reason: "is not empty and not a store; refusing to write into it")
            }
        }
        let store = Store(path: path, softwareVersion: softwareVersion)
        for dir in [path, path + "/months", path + "/orgs", path + "/list_sizes"] {
            do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw StoreError(path: dir, reason: "cannot create directory: \(error.localizedDescription)")
            }
        }
        try store.writeManifest(StoreManifest(softwareVersion: softwareVersion))
        return store
    }

    /// Opens an existing store.
    /// - Parameter softwareVersion: recorded in the manifest when this value writes; nil keeps
    ///   the version already recorded (for read-only use).
    /// - Throws: ``StoreError`` if `path` is missing, is not a store, or has an unsupported
    ///   store format version.
    public static func open(at path: String, softwareVersion: String? = nil) throws -> Store {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw StoreError(path: path, reason: "no such store directory")
        }
        guard isDir.boolValue else { throw StoreError(path: path, reason: "is a file, not a store directory") }
        let store = Store(path: path, softwareVersion: softwareVersion)
        guard FileManager.default.fileExists(atPath: store.manifestPath) else {
            throw StoreError(path: path, reason: "is not an RxAtlas store (no store.json)")
        }
        _ = try store.manifest()
        return store
    }

    /// Opens the store at `path`, creating it first when the directory is absent or empty.
    public static func openOrCreate(at path: String, softwareVersion: String) throws -> Store {
        if FileManager.default.fileExists(atPath: path + "/store.json") {
            return try open(at: path, softwareVersion: softwareVersion)
        }
        return try create(at: path, softwareVersion: softwareVersion)
    }

    // MARK: Manifest

    /// Reads the manifest.
    public func manifest() throws -> StoreManifest {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: manifestPath)) } catch {
            throw StoreError(path: manifestPath, reason: "cannot read: \(error.localizedDescription)")
        }
        let m: StoreManifest
        do { m = try StoreManifest.decode(data) } catch {
            throw StoreError(path: manifestPath, reason: "is not a valid store manifest: \(error)")
        }
        guard m.formatVersion == StoreManifest.currentFormatVersion else {
            throw StoreError(path: manifestPath, reason: "store format version \(m.formatVersion) is not supported (this build reads version \(StoreManifest.currentFormatVersion))")
        }
        return m
    }

    private func writeManifest(_ m: StoreManifest) throws {
        try AtomicFile.write(try m.encoded(), to: manifestPath)
    }

    /// Reads, changes and rewrites the manifest under the lock.
    private func updateManifest(_ change: (inout StoreManifest) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        var m = try manifest()
        try change(&m)
        if let softwareVersion { m.softwareVersion = softwareVersion }
        try writeManifest(m)
    }

    /// Appends an ingest run to the manifest's provenance log.
    public func appendProvenance(_ entry: ProvenanceEntry) throws {
        try updateManifest { $0.ingests.append(entry) }
    }

    // MARK: Months

    /// Writes (or atomically replaces) the snapshot of `table.month` and records the month in
    /// the manifest; returns the header written.
    @discardableResult
    public func writeMonth(_ table: MonthTable, notes: [String: String] = [:]) throws -> SnapshotHeader {
        let header = try SnapshotWriter.write(table, to: snapshotPath(table.month), notes: notes)
        lock.lock()
        kept[table.month] = nil
        lock.unlock()
        try updateManifest { m in
            if !m.months.contains(table.month) { m.months.append(table.month) }
            m.months.sort()
        }
        return header
    }

    /// The months with a snapshot, ascending.
    public func months() throws -> [YearMonth] {
        try monthFiles(in: path + "/months", extension: SnapshotFormat.fileExtension)
    }

    /// Maps and verifies one month's snapshot (once per month while ``keepsSnapshots`` is on).
    /// - Throws: ``StoreError`` when the month is absent or its snapshot is damaged.
    public func loadMonth(_ month: YearMonth) throws -> Snapshot {
        if let kept = keptSnapshot(month) { return kept }
        let p = snapshotPath(month)
        guard FileManager.default.fileExists(atPath: p) else {
            throw StoreError(path: p, reason: "the store has no snapshot for \(month)")
        }
        let snapshot = try Snapshot.open(p)
        lock.lock()
        defer { lock.unlock() }
        if keeping { kept[month] = kept[month] ?? snapshot }
        return kept[month] ?? snapshot
    }

    /// Whether ``loadMonth(_:)`` keeps each snapshot it opens and hands the same one out again,
    /// so that several analyses over one store in one process map and verify each month once
    /// (the HTML report does this). Off by default; turning it off forgets the kept snapshots.
    /// Snapshots are memory-mapped, so keeping them holds address space, not copies.
    public var keepsSnapshots: Bool {
        get { lock.lock(); defer { lock.unlock() }; return keeping }
        set { lock.lock(); defer { lock.unlock() }; keeping = newValue; if !newValue { kept = [:] } }
    }

    private func keptSnapshot(_ month: YearMonth) -> Snapshot? {
        lock.lock()
        defer { lock.unlock() }
        return kept[month]
    }

    /// Per-month counts and totals, read from the snapshot headers (instant); with `verify`,
    /// every snapshot is fully loaded and its checksums verified first.
    public func info(verify: Bool = false) throws -> StoreInfo {
        var out: [StoreInfo.Month] = []
        for m in try months() {
            let header = verify ? try loadMonth(m).header : try SnapshotHeader.read(snapshotPath(m))
            guard header.month == m else {
                throw StoreError(path: snapshotPath(m), reason: "holds \(header.month), not \(m)")
            }
            out.append(StoreInfo.Month(header))
        }
        return StoreInfo(months: out)
    }

    // MARK: Presentation names

    private var presentationNamesPath: String { path + "/presentations.csv" }

    /// Every presentation name recorded (empty when none yet).
    public func readPresentationNames() throws -> [BNFCode: String] {
        guard let text = try readText(presentationNamesPath) else { return [:] }
        var out: [BNFCode: String] = [:]
        for (i, r) in try StoreCSV.rows(text, columns: ["code", "name"], path: presentationNamesPath).enumerated() {
            guard let code = BNFCode(r[0]) else {
                throw StoreError(path: presentationNamesPath, reason: "record \(i + 2): not a BNF code: \(r[0])")
            }
            out[code] = r[1]
        }
        return out
    }

    /// Adds names to `presentations.csv`; a new name for a code replaces the recorded one.
    public func mergePresentationNames(_ names: [BNFCode: String]) throws {
        guard !names.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        var all = try readPresentationNames()
        for (code, name) in names { all[code] = name }
        let rows = all.keys.sorted().map { [$0.description, all[$0]!] }
        try AtomicFile.write(StoreCSV.text(header: ["code", "name"], rows: rows), to: presentationNamesPath)
    }

    // MARK: Organisations

    /// Reads the organisation directory (empty when none was written).
    public func readOrgs() throws -> OrgDirectory {
        try StoreOrgFiles.read(practices: path + "/orgs/practices.csv", names: path + "/orgs/names.csv")
    }

    /// Replaces the organisation directory.
    public func writeOrgs(_ directory: OrgDirectory) throws {
        try ensureDirectory(path + "/orgs")
        lock.lock()
        defer { lock.unlock() }
        try StoreOrgFiles.write(directory, practices: path + "/orgs/practices.csv", names: path + "/orgs/names.csv")
    }

    // MARK: List sizes

    /// The months with list sizes, ascending.
    public func listSizeMonths() throws -> [YearMonth] {
        try monthFiles(in: path + "/list_sizes", extension: "csv")
    }

    /// One month's list sizes, or nil when the store has none for it.
    public func readListSizes(_ month: YearMonth) throws -> ListSizeMonth? {
        guard let text = try readText(listSizePath(month)) else { return nil }
        return try StoreListSizeFile.parse(text, month: month, path: listSizePath(month))
    }

    /// One month's list totals per practice (no age bands), or nil when the store has none for
    /// it: a fast byte-level read for kernels (see ``readListSizes(_:)`` for the whole list).
    public func readListTotals(_ month: YearMonth) throws -> [String: Int64]? {
        let p = listSizePath(month)
        guard FileManager.default.fileExists(atPath: p) else { return nil }
        let file = try MappedFile(path: p)
        return try withExtendedLifetime(file) { try StoreListSizeFile.totals(file.bytes, path: p) }
    }

    /// Writes (or replaces) one month's list sizes.
    public func writeListSizes(_ sizes: ListSizeMonth) throws {
        try ensureDirectory(path + "/list_sizes")
        try AtomicFile.write(StoreListSizeFile.text(sizes), to: listSizePath(sizes.month))
    }

    // MARK: Helpers

    private func readText(_ p: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: p) else { return nil }
        do { return try String(contentsOfFile: p, encoding: .utf8) } catch {
            throw StoreError(path: p, reason: "cannot read as UTF-8 text: \(error.localizedDescription)")
        }
    }

    private func ensureDirectory(_ p: String) throws {
        do { try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true) } catch {
            throw StoreError(path: p, reason: "cannot create directory: \(error.localizedDescription)")
        }
    }

    /// Months named `YYYY-MM.<ext>` in a directory (temporaries and other files ignored).
    private func monthFiles(in dir: String, extension ext: String) throws -> [YearMonth] {
        guard FileManager.default.fileExists(atPath: dir) else { return [] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: dir) } catch {
            throw StoreError(path: dir, reason: "cannot list: \(error.localizedDescription)")
        }
        let suffix = "." + ext
        return names.compactMap { name -> YearMonth? in
            guard name.hasSuffix(suffix), name.count == 7 + suffix.count else { return nil }
            let stem = name.dropLast(suffix.count)
            guard stem.utf8.count == 7, stem.utf8[stem.utf8.index(stem.utf8.startIndex, offsetBy: 4)] == 0x2D else { return nil }
            return YearMonth(parsing: stem)
        }.sorted()
    }
}
