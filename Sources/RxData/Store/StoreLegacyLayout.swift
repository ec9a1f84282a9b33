import Foundation

/// Version 1 stores: files at fixed names (`months/YYYY-MM.rxsnap`, `list_sizes/YYYY-MM.csv`,
/// `orgs/practices.csv`, `orgs/names.csv`, `presentations.csv`) and a manifest without file
/// records. They are read as the version 2 manifest of those files, with unknown checksums; the
/// next write computes the checksums and commits a version 2 manifest.
enum StoreLegacyLayout {
    /// The version 2 manifest of a version 1 store.
    static func manifest(upgrading old: StoreManifest, store path: String) throws -> StoreManifest {
        var m = old
        func record(_ relative: String, month: YearMonth? = nil) -> StoreFileRecord? {
            var st = stat()
            guard stat(path + "/" + relative, &st) == 0 else { return nil }
            return StoreFileRecord(path: relative, size: Int64(st.st_size), checksum: "", month: month)
        }
        m.snapshots = old.months.compactMap { record("months/\($0).\(SnapshotFormat.fileExtension)", month: $0) }
        guard m.snapshots.count == old.months.count else {
            let missing = old.months.filter { mo in !m.snapshots.contains { $0.month == mo } }
            throw StoreError(path: path + "/store.json", reason: "lists \(missing.map(\.description).joined(separator: ", ")) but the store has no snapshot for it")
        }
        let listNames = (try? FileManager.default.contentsOfDirectory(atPath: path + "/list_sizes")) ?? []
        m.listSizes = listNames.compactMap { name -> StoreFileRecord? in
            guard name.hasSuffix(".csv"), name.count == 11, let month = YearMonth(parsing: String(name.prefix(7))) else { return nil }
            return record("list_sizes/" + name, month: month)
        }.sorted { $0.month! < $1.month! }
        for role in StoreManifest.SideFile.allCases {
            if let r = record(role.rawValue + ".csv") { m.sideFiles[role.rawValue] = r }
        }
        m.formatVersion = StoreManifest.currentFormatVersion
        return m
    }
}
