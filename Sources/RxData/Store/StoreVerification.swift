import Foundation

/// `store info --verify`: every file the manifest names is there, with its recorded size and
/// checksum, and every file in the store's folders is one the manifest names (or one the last
/// write retired, or the lock). Files staged by a write that never committed are left for the
/// next writer to sweep.
enum StoreVerification {
    static func verify(_ store: Store, manifest m: StoreManifest) throws {
        for record in m.snapshots + m.listSizes + m.sideFiles.values.sorted(by: { $0.path < $1.path }) {
            let p = try store.checkedPath(record)
            guard !record.checksum.isEmpty else { continue }
            let (_, digest) = try FileDigest.xxh64(path: p)
            let got = ProvenanceEntry.InputFile.checksumText(digest)
            guard got == record.checksum else {
                throw StoreError(path: p, reason: "checksum \(got) does not match store.json's \(record.checksum): the file was changed or damaged")
            }
        }
        let known = m.referencedPaths.union(m.retired).union(["store.json", "store.lock"])
        // Staged files of a write that never committed (a later generation, or a temporary) are the
        // next writer's to sweep, not damage.
        for relative in StoreWrite.storeFiles(store.path)
        where !known.contains(relative) && !StoreWrite.isUncommittedStaging(relative, generation: m.generation) {
            throw StoreError(path: store.path + "/" + relative,
                             reason: "is not named by store.json: left by an interrupted write or put there by hand; the next write removes it")
        }
    }
}
