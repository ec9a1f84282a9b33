import Foundation

/// One write transaction on a store (``Store/write(wait:_:)``): everything an ingest changes —
/// snapshots, list sizes, organisations, presentation names, provenance — is staged under the
/// next generation's file names and committed in one step, by renaming a new manifest into place.
///
/// - Begin: take the writer lock (``StoreLock``), read the committed manifest from disk, and
///   sweep what earlier writes left behind: temporaries and files no manifest names (a write that
///   was killed), and the files the last commit retired.
/// - Stage: each write creates a new file (`months/2025-01.g8.rxsnap`, synced) and records it in
///   the staged manifest; no committed file is touched. ``view`` reads the staged state.
/// - Commit: write the staged manifest atomically; the replaced files are kept as `retired` for
///   readers of the previous manifest until the next write.
/// - Abort (an error, or the value released without commit): remove the staged files. The store
///   is byte for byte what it was, but for the lock file.
public final class StoreWrite {
    /// The store written.
    public let store: Store
    /// A read view of the staged state (what a commit would make the store).
    public let view: Store
    private var staged: StoreManifest
    /// The manifest committed when the write began (unchanged since: the lock is held).
    private let committed: StoreManifest
    private var written: [String] = []
    private var lock: StoreLock?
    private let generationTag: String

    init(_ store: Store, wait: TimeInterval?) throws {
        self.store = store
        lock = try StoreLock(store: store.path, wait: wait)
        let committed = try Store.readManifest(store.path)
        Self.sweep(store.path, keeping: committed)
        self.committed = committed
        staged = committed
        staged.generation = committed.generation + 1
        staged.formatVersion = StoreManifest.currentFormatVersion
        if let v = store.softwareVersion { staged.softwareVersion = v }
        generationTag = "g\(staged.generation)"
        view = Store(path: store.path, softwareVersion: store.softwareVersion, manifest: staged)
    }

    deinit { if lock != nil { abort() } }

    // MARK: Staging

    /// Stages the snapshot of `table.month` (replacing the month's committed one on commit).
    @discardableResult
    public func writeMonth(_ table: MonthTable, notes: [String: String] = [:]) throws -> SnapshotHeader {
        let relative = "months/\(table.month).\(generationTag).\(SnapshotFormat.fileExtension)"
        try ensureDirectory("months")
        let header = try SnapshotWriter.write(table, to: store.path + "/" + relative, notes: notes)
        let record = try stagedRecord(relative, month: table.month)
        staged.snapshots.removeAll { $0.month == table.month }
        staged.snapshots.append(record)
        staged.snapshots.sort { $0.month! < $1.month! }
        staged.months = staged.snapshots.compactMap(\.month)
        view.adopt(staged)
        return header
    }

    /// Stages one month's list sizes.
    public func writeListSizes(_ sizes: ListSizeMonth) throws {
        let relative = "list_sizes/\(sizes.month).\(generationTag).csv"
        try ensureDirectory("list_sizes")
        try AtomicFile.write(StoreListSizeFile.text(sizes), to: store.path + "/" + relative)
        let record = try stagedRecord(relative, month: sizes.month)
        staged.listSizes.removeAll { $0.month == sizes.month }
        staged.listSizes.append(record)
        staged.listSizes.sort { $0.month! < $1.month! }
        view.adopt(staged)
    }

    /// Stages the organisation directory (replacing the committed one).
    public func writeOrgs(_ directory: OrgDirectory) throws {
        try ensureDirectory("orgs")
        let (practices, names) = StoreOrgFiles.texts(directory)
        try writeSide(.practices, practices)
        try writeSide(.names, names)
    }

    /// Stages presentation names merged into those recorded; a new name for a code replaces the
    /// recorded one.
    public func mergePresentationNames(_ names: [BNFCode: String]) throws {
        guard !names.isEmpty else { return }
        var all = try view.readPresentationNames()
        for (code, name) in names { all[code] = name }
        let rows = all.keys.sorted().map { [$0.description, all[$0]!] }
        try writeSide(.presentations, StoreCSV.text(header: ["code", "name"], rows: rows))
    }

    /// Stages an ingest run's provenance entry.
    public func appendProvenance(_ entry: ProvenanceEntry) {
        staged.ingests.append(entry)
        view.adopt(staged)
    }

    private func writeSide(_ role: StoreManifest.SideFile, _ text: String) throws {
        let relative = "\(role.rawValue).\(generationTag).csv"
        try AtomicFile.write(text, to: store.path + "/" + relative)
        staged.sideFiles[role.rawValue] = try stagedRecord(relative)
        view.adopt(staged)
    }

    /// The record of a file just staged (its size and checksum read back from disk).
    private func stagedRecord(_ relative: String, month: YearMonth? = nil) throws -> StoreFileRecord {
        if !written.contains(relative) { written.append(relative) }
        let (size, digest) = try FileDigest.xxh64(path: store.path + "/" + relative)
        return StoreFileRecord(path: relative, size: size, checksum: ProvenanceEntry.InputFile.checksumText(digest), month: month)
    }

    private func ensureDirectory(_ relative: String) throws {
        let p = store.path + "/" + relative
        do { try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true) } catch {
            throw StoreError(path: p, reason: "cannot create directory: \(error.localizedDescription)")
        }
    }

    // MARK: Commit and abort

    /// Commits the staged state: one atomic rename of the new manifest. Files the previous
    /// generation retired are removed; those this commit replaces are retired in turn.
    public func commit() throws {
        guard lock != nil else { throw StoreError(path: store.path, reason: "the write was already committed or abandoned") }
        // Checksums of files carried over from a version 1 store are computed now.
        for i in staged.snapshots.indices where staged.snapshots[i].checksum.isEmpty { staged.snapshots[i] = try carried(staged.snapshots[i]) }
        for i in staged.listSizes.indices where staged.listSizes[i].checksum.isEmpty { staged.listSizes[i] = try carried(staged.listSizes[i]) }
        for (k, r) in staged.sideFiles where r.checksum.isEmpty { staged.sideFiles[k] = try carried(r) }
        let live = staged.referencedPaths
        staged.retired = committed.referencedPaths.subtracting(live).sorted()
        try AtomicFile.write(try staged.encoded(), to: store.manifestPath)
        for relative in committed.retired where !live.contains(relative) {
            try? FileManager.default.removeItem(atPath: store.path + "/" + relative)
        }
        store.adopt(staged)
        view.adopt(staged)
        written = []
        lock?.release()
        lock = nil
    }

    private func carried(_ r: StoreFileRecord) throws -> StoreFileRecord {
        let (size, digest) = try FileDigest.xxh64(path: try store.checkedPath(r))
        return StoreFileRecord(path: r.path, size: size, checksum: ProvenanceEntry.InputFile.checksumText(digest), month: r.month)
    }

    /// Abandons the write: the staged files are removed and the committed store is untouched.
    public func abort() {
        for relative in written { try? FileManager.default.removeItem(atPath: store.path + "/" + relative) }
        written = []
        lock?.release()
        lock = nil
    }

    // MARK: Sweeping

    /// The regular files under a store's folders, relative to it.
    static func storeFiles(_ path: String) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for dir in ["", "months", "list_sizes", "orgs"] {
            let full = dir.isEmpty ? path : path + "/" + dir
            for name in (try? fm.contentsOfDirectory(atPath: full)) ?? [] {
                var isDir: ObjCBool = false
                let relative = dir.isEmpty ? name : dir + "/" + name
                if fm.fileExists(atPath: path + "/" + relative, isDirectory: &isDir), !isDir.boolValue { out.append(relative) }
            }
        }
        return out.sorted()
    }

    /// Whether a file is what an uncommitted write staged: a temporary, or a file named by a
    /// later generation than `generation`.
    static func isUncommittedStaging(_ relative: String, generation: Int) -> Bool {
        if relative.contains(".tmp-") { return true }
        let parts = relative.split(separator: "/").last!.split(separator: ".")
        guard let tag = parts.first(where: { $0.hasPrefix("g") && Int($0.dropFirst()) != nil }), let g = Int(tag.dropFirst()) else {
            return false
        }
        return g > generation
    }

    /// Removes what interrupted writes left: temporaries and files of generations no manifest
    /// committed. Files the committed manifest names or retired stay.
    static func sweep(_ path: String, keeping m: StoreManifest) {
        let keep = m.referencedPaths.union(m.retired)
        for relative in storeFiles(path) where !keep.contains(relative) && isUncommittedStaging(relative, generation: m.generation) {
            try? FileManager.default.removeItem(atPath: path + "/" + relative)
        }
    }
}
