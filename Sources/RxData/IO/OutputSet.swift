import Foundation

/// The outputs of one command committed as a set: a completion record,
/// `DIR/rxatlas-outputs.json`, is removed before the command writes anything and written last,
/// listing every file the command wrote (in its output folder and elsewhere, such as `--sqlite`
/// and `--json` files) with size and XXH64.
///
/// A folder with the record holds one command's complete outputs; a folder without it holds an
/// interrupted run's (each file is still whole, being written atomically, but old and new may
/// be mixed). ``check(directory:)`` tells which, and finds files changed since.
public struct OutputSet: Sendable {
    /// The record's file name.
    public static let recordName = "rxatlas-outputs.json"

    /// The output folder.
    public let directory: String
    /// The command that writes it.
    public let command: String
    private let started: Date

    /// One file of the set.
    public struct File: Sendable, Codable, Equatable {
        /// The path: relative to the folder for files in it, as given for others.
        public var path: String
        /// Size in bytes.
        public var size: Int64
        /// `xxh64:` and 16 hex digits.
        public var checksum: String
    }

    /// The completion record.
    public struct Record: Sendable, Codable, Equatable {
        /// The command that wrote the set.
        public var command: String
        /// When it finished (ISO 8601).
        public var finished: String
        /// Every file it wrote.
        public var files: [File]
    }

    /// Starts a set: creates the folder and removes an earlier completion record, so that from
    /// now until ``commit(also:)`` the folder is marked incomplete.
    public static func begin(directory: String, command: String) throws -> OutputSet {
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw AtomicFileError(path: directory, operation: "create directory", reason: error.localizedDescription)
        }
        let record = directory + "/" + recordName
        if FileManager.default.fileExists(atPath: record) {
            do { try FileManager.default.removeItem(atPath: record) } catch {
                throw AtomicFileError(path: record, operation: "remove", reason: error.localizedDescription)
            }
            AtomicFileWriter.syncDirectory(of: record)
        }
        // File times have a granularity: a second's margin keeps files written now in the set.
        return OutputSet(directory: directory, command: command, started: Date().addingTimeInterval(-1))
    }

    /// Commits the set: records every file of the folder written since ``begin(directory:command:)``
    /// and the files in `also`, then writes the record atomically.
    @discardableResult
    public func commit(also: [String] = []) throws -> Record {
        var files: [File] = []
        let fm = FileManager.default
        for name in ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).sorted() where name != Self.recordName && !name.contains(".tmp-") {
            let p = directory + "/" + name
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue,
                  let modified = (try? fm.attributesOfItem(atPath: p))?[.modificationDate] as? Date, modified >= started else { continue }
            files.append(try Self.describe(p, as: name))
        }
        let folder = URL(fileURLWithPath: directory).standardizedFileURL.path
        for p in also {
            let absolute = URL(fileURLWithPath: p).standardizedFileURL.path
            // A file written into the folder itself is already listed by its name.
            if URL(fileURLWithPath: absolute).deletingLastPathComponent().path == folder { continue }
            files.append(try Self.describe(absolute, as: absolute))
        }
        let record = Record(command: command, finished: ISO8601DateFormatter().string(from: Date()), files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(record), to: directory + "/" + Self.recordName)
        return record
    }

    /// The completion record of a folder, checked: nil when the folder holds an interrupted
    /// run's outputs (no record); an error naming the file when a recorded file is missing or
    /// changed.
    public static func check(directory: String) throws -> Record? {
        let p = directory + "/" + recordName
        guard FileManager.default.fileExists(atPath: p) else { return nil }
        let record: Record
        do { record = try JSONDecoder().decode(Record.self, from: Data(contentsOf: URL(fileURLWithPath: p))) } catch {
            throw InputError(file: p, reason: "is not an output record: \(error)")
        }
        for f in record.files {
            let path = f.path.hasPrefix("/") ? f.path : directory + "/" + f.path
            let now = try describe(path, as: f.path)
            guard now == f else {
                throw InputError(file: path, reason: "does not match the output record of \(record.command) (\(f.checksum), \(f.size) bytes): changed or mixed with another run's outputs")
            }
        }
        return record
    }

    private static func describe(_ path: String, as name: String) throws -> File {
        let (size, digest) = try FileDigest.xxh64(path: path)
        return File(path: name, size: size, checksum: ProvenanceEntry.InputFile.checksumText(digest))
    }
}
