import Foundation

/// A store directory: one snapshot per month plus dictionaries, organisations, list sizes and
/// the provenance of every ingest, all named by the manifest.
///
/// ```
/// DIR/store.json                      manifest (StoreManifest): versions, generation, every file
///                                     with its checksum, the ingest log
/// DIR/store.lock                      the writer lock (StoreLock)
/// DIR/months/YYYY-MM.gN.rxsnap        one snapshot per month (SnapshotFormat)
/// DIR/presentations.gN.csv            code,name — every presentation name seen
/// DIR/orgs/practices.gN.csv           practice_code,name,kind,setting,postcode,pcn_code,sub_icb_code,
///                                     icb_code,region_code,nation_code
/// DIR/orgs/names.gN.csv               level,code,name
/// DIR/list_sizes/YYYY-MM.gN.csv       practice_code,sex,age_band,patients (sex and age ALL: total)
/// ```
///
/// `gN` is the generation that wrote the file. **The manifest is the authority**: a value reads
/// the manifest once when opened and every read goes through it — a month the manifest does not
/// list does not exist, a file it lists must be there with its recorded size, a snapshot must
/// hold the month it is listed under, and the text files must match their checksums. Files the
/// manifest does not name are ignored by readers and swept by the next writer.
///
/// **Writes are transactions** (``write(wait:_:)``, ``StoreWrite``): under the writer lock, new
/// files are written beside the old ones under the next generation's names, then a new manifest
/// is renamed into place. A failed or killed write leaves the old manifest, and so the old store,
/// byte for byte. The single-step writers (``writeMonth(_:notes:)`` and the others) are each one
/// such transaction.
public final class Store: @unchecked Sendable {
    /// The store directory.
    public let path: String
    /// The software version recorded in the manifest on writes (nil: keep the recorded one).
    public let softwareVersion: String?
    private let lock = NSLock()
    private var keeping = false
    private var kept: [YearMonth: Snapshot] = [:]
    private var keptListTotals: [YearMonth: [String: Int64]] = [:]
    private var current: StoreManifest

    init(path: String, softwareVersion: String?, manifest: StoreManifest) {
        self.path = path
        self.softwareVersion = softwareVersion
        self.current = manifest
    }

    /// The manifest's path.
    public var manifestPath: String { path + "/store.json" }

    /// The snapshot path of a month: the file the manifest names, or where a new one would go.
    public func snapshotPath(_ month: YearMonth) -> String {
        path + "/" + (currentManifest.snapshot(month)?.path ?? "months/\(month).\(SnapshotFormat.fileExtension)")
    }

    /// The list-size file of a month: the file the manifest names, or where a new one would go.
    public func listSizePath(_ month: YearMonth) -> String {
        path + "/" + (currentManifest.listSize(month)?.path ?? "list_sizes/\(month).csv")
    }

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
        for dir in [path, path + "/months", path + "/orgs", path + "/list_sizes"] {
            do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw StoreError(path: dir, reason: "cannot create directory: \(error.localizedDescription)")
            }
        }
        let lock = try StoreLock(store: path)
        defer { lock.release() }
        let manifest = StoreManifest(softwareVersion: softwareVersion)
        try AtomicFile.write(try manifest.encoded(), to: path + "/store.json")
        return Store(path: path, softwareVersion: softwareVersion, manifest: manifest)
    }

    /// Opens an existing store, reading its manifest once: this value sees that generation.
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
        guard FileManager.default.fileExists(atPath: path + "/store.json") else {
            throw StoreError(path: path, reason: "is not an RxAtlas store (no store.json)")
        }
        return Store(path: path, softwareVersion: softwareVersion, manifest: try readManifest(path))
    }

    /// Opens the store at `path`, creating it first when the directory is absent or empty.
    public static func openOrCreate(at path: String, softwareVersion: String) throws -> Store {
        if FileManager.default.fileExists(atPath: path + "/store.json") {
            return try open(at: path, softwareVersion: softwareVersion)
        }
        return try create(at: path, softwareVersion: softwareVersion)
    }

    // MARK: Manifest

    /// The manifest this value reads through (the generation current when it was opened or last
    /// wrote).
    public func manifest() throws -> StoreManifest { currentManifest }

    var currentManifest: StoreManifest {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Reads the manifest on disk again, so that this value sees the latest committed generation.
    public func reload() throws {
        let m = try Self.readManifest(path)
        lock.lock()
        current = m
        kept = [:]
        keptListTotals = [:]
        lock.unlock()
    }

    /// Adopts the manifest a write of this store committed.
    func adopt(_ m: StoreManifest) {
        lock.lock()
        let old = current
        kept = kept.filter { m.snapshot($0.key)?.path == old.snapshot($0.key)?.path }
        keptListTotals = keptListTotals.filter { m.listSize($0.key)?.path == old.listSize($0.key)?.path }
        current = m
        lock.unlock()
    }

    /// Reads and checks the manifest of the store at `path`. A version 1 manifest (files at fixed
    /// names, no checksums) is read as the version 2 manifest of those files.
    static func readManifest(_ path: String) throws -> StoreManifest {
        let manifestPath = path + "/store.json"
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: manifestPath)) } catch {
            throw StoreError(path: manifestPath, reason: "cannot read: \(error.localizedDescription)")
        }
        var m: StoreManifest
        do { m = try StoreManifest.decode(data) } catch {
            throw StoreError(path: manifestPath, reason: "is not a valid store manifest: \(error)")
        }
        switch m.formatVersion {
        case StoreManifest.currentFormatVersion:
            guard m.months == m.snapshots.compactMap(\.month) else {
                throw StoreError(path: manifestPath, reason: "lists months that do not match its snapshot records")
            }
        case 1:
            m = try StoreLegacyLayout.manifest(upgrading: m, store: path)
        default:
            throw StoreError(path: manifestPath, reason: "store format version \(m.formatVersion) is not supported (this build reads versions 1 and \(StoreManifest.currentFormatVersion))")
        }
        return m
    }

    /// Appends an ingest run to the manifest's provenance log.
    public func appendProvenance(_ entry: ProvenanceEntry) throws {
        try write { $0.appendProvenance(entry) }
    }

    /// Runs `body` as one write transaction (``StoreWrite``): under the writer lock, waiting up to
    /// `wait` seconds for another writer; committed when `body` returns, abandoned (the store
    /// unchanged) when it throws.
    public func write<R>(wait: TimeInterval? = nil, _ body: (StoreWrite) throws -> R) throws -> R {
        let w = try StoreWrite(self, wait: wait)
        do {
            let r = try body(w)
            try w.commit()
            return r
        } catch {
            w.abort()
            throw error
        }
    }

    // MARK: Months

    /// Writes (or replaces) the snapshot of `table.month` as one transaction; returns the header.
    @discardableResult
    public func writeMonth(_ table: MonthTable, notes: [String: String] = [:]) throws -> SnapshotHeader {
        try write { try $0.writeMonth(table, notes: notes) }
    }

    /// The months with a snapshot, ascending (from the manifest).
    public func months() throws -> [YearMonth] { currentManifest.months }

    /// Maps and verifies one month's snapshot (once per month while ``keepsSnapshots`` is on).
    /// - Throws: ``StoreError`` when the manifest lists no such month, when its file is missing or
    ///   of another size than recorded, when it is damaged, or when it holds another month.
    public func loadMonth(_ month: YearMonth) throws -> Snapshot {
        if let kept = keptSnapshot(month) { return kept }
        guard let record = currentManifest.snapshot(month) else {
            throw StoreError(path: path, reason: "the store has no snapshot for \(month)")
        }
        let p = try checkedPath(record)
        let snapshot = try Snapshot.open(p)
        guard snapshot.header.month == month else {
            throw StoreError(path: p, reason: "holds \(snapshot.header.month), but the manifest lists it as \(month): the file was replaced outside rxatlas")
        }
        lock.lock()
        defer { lock.unlock() }
        if keeping { kept[month] = kept[month] ?? snapshot }
        return kept[month] ?? snapshot
    }

    /// Whether ``loadMonth(_:)`` keeps each snapshot it opens and hands the same one out again,
    /// so that several analyses over one store in one process map and verify each month once
    /// (the HTML report does this); ``readListTotals(_:)`` keeps what it reads likewise. Off by
    /// default; turning it off forgets what was kept.
    /// Snapshots are memory-mapped, so keeping them holds address space, not copies.
    public var keepsSnapshots: Bool {
        get { lock.lock(); defer { lock.unlock() }; return keeping }
        set { lock.lock(); defer { lock.unlock() }; keeping = newValue; if !newValue { kept = [:]; keptListTotals = [:] } }
    }

    private func keptSnapshot(_ month: YearMonth) -> Snapshot? {
        lock.lock()
        defer { lock.unlock() }
        return kept[month]
    }

    /// Per-month counts and totals, read from the snapshot headers (instant). With `verify`, every
    /// file the manifest names is checked against its recorded checksum, every snapshot is fully
    /// loaded and its own checksums verified, and a file in the store's folders that the manifest
    /// does not name is an error.
    public func info(verify: Bool = false) throws -> StoreInfo {
        let m = currentManifest
        if verify { try StoreVerification.verify(self, manifest: m) }
        var out: [StoreInfo.Month] = []
        for record in m.snapshots {
            guard let month = record.month else { continue }
            let p = try checkedPath(record)
            let header = verify ? try loadMonth(month).header : try SnapshotHeader.read(p)
            guard header.month == month else {
                throw StoreError(path: p, reason: "holds \(header.month), but the manifest lists it as \(month): the file was replaced outside rxatlas")
            }
            out.append(StoreInfo.Month(header))
        }
        return StoreInfo(months: out)
    }

    // MARK: Presentation names

    /// Every presentation name recorded (empty when none yet).
    public func readPresentationNames() throws -> [BNFCode: String] {
        guard let (text, p) = try readSide(.presentations) else { return [:] }
        var out: [BNFCode: String] = [:]
        for (i, r) in try StoreCSV.rows(text, columns: ["code", "name"], path: p).enumerated() {
            guard let code = BNFCode(r[0]) else {
                throw StoreError(path: p, reason: "record \(i + 2): not a BNF code: \(r[0])")
            }
            out[code] = r[1]
        }
        return out
    }

    /// Adds names to `presentations.csv` as one transaction; a new name for a code replaces the
    /// recorded one.
    public func mergePresentationNames(_ names: [BNFCode: String]) throws {
        guard !names.isEmpty else { return }
        try write { try $0.mergePresentationNames(names) }
    }

    // MARK: Organisations

    /// Reads the organisation directory (empty when none was written).
    public func readOrgs() throws -> OrgDirectory {
        let practices = try readSide(.practices), names = try readSide(.names)
        return try StoreOrgFiles.read(practices: practices, names: names)
    }

    /// Replaces the organisation directory as one transaction.
    public func writeOrgs(_ directory: OrgDirectory) throws {
        try write { try $0.writeOrgs(directory) }
    }

    // MARK: List sizes

    /// The months with list sizes, ascending (from the manifest).
    public func listSizeMonths() throws -> [YearMonth] { currentManifest.listSizes.compactMap(\.month) }

    /// One month's list sizes, or nil when the store has none for it.
    public func readListSizes(_ month: YearMonth) throws -> ListSizeMonth? {
        guard let record = currentManifest.listSize(month) else { return nil }
        let (text, p) = try readText(record)
        return try StoreListSizeFile.parse(text, month: month, path: p)
    }

    /// One month's list totals per practice (no age bands), or nil when the store has none for
    /// it: a fast byte-level read for kernels (see ``readListSizes(_:)`` for the whole list).
    public func readListTotals(_ month: YearMonth) throws -> [String: Int64]? {
        guard let record = currentManifest.listSize(month) else { return nil }
        if let kept = lock.withLock({ keeping ? keptListTotals[month] : nil }) { return kept }
        let p = try checkedPath(record)
        let file = try MappedFile(path: p)
        let totals = try withExtendedLifetime(file) {
            try Self.checkDigest(record, file.bytes, path: p)
            return try StoreListSizeFile.totals(file.bytes, path: p)
        }
        lock.withLock { if keeping { keptListTotals[month] = totals } }
        return totals
    }

    /// Writes (or replaces) one month's list sizes as one transaction.
    public func writeListSizes(_ sizes: ListSizeMonth) throws {
        try write { try $0.writeListSizes(sizes) }
    }

    // MARK: Reading through the manifest

    /// The absolute path of a recorded file, checked to exist with its recorded size.
    func checkedPath(_ record: StoreFileRecord) throws -> String {
        let p = path + "/" + record.path
        var st = stat()
        guard stat(p, &st) == 0 else {
            throw StoreError(path: p, reason: "is listed in store.json but missing: the store was changed outside rxatlas")
        }
        guard Int64(st.st_size) == record.size else {
            throw StoreError(path: p, reason: "is \(st.st_size) bytes where store.json records \(record.size): the file was changed outside rxatlas")
        }
        return p
    }

    /// Throws when `bytes` do not match the record's checksum (unknown for a version 1 file).
    static func checkDigest(_ record: StoreFileRecord, _ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard !record.checksum.isEmpty else { return }
        let got = ProvenanceEntry.InputFile.checksumText(XXH64.hash(bytes))
        guard got == record.checksum else {
            throw StoreError(path: path, reason: "checksum \(got) does not match store.json's \(record.checksum): the file was changed or damaged")
        }
    }

    /// A recorded text file's contents, checked against its checksum.
    func readText(_ record: StoreFileRecord) throws -> (String, String) {
        let p = try checkedPath(record)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: p)) } catch {
            throw StoreError(path: p, reason: "cannot read: \(error.localizedDescription)")
        }
        try data.withUnsafeBytes { try Self.checkDigest(record, $0, path: p) }
        guard let text = String(data: data, encoding: .utf8) else { throw StoreError(path: p, reason: "is not UTF-8 text") }
        return (text, p)
    }

    /// A side file's contents and path, or nil when the manifest names none.
    func readSide(_ role: StoreManifest.SideFile) throws -> (String, String)? {
        guard let record = currentManifest.side(role) else { return nil }
        return try readText(record)
    }
}
