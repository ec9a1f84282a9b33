import Foundation
import Testing
@testable import RxData

/// Fixture files for the small-file reader tests: a private temporary folder per test, and the
/// shared reference data beside the project.
struct ReaderFixtures {
    /// The folder the fixtures are written to.
    let folder: URL

    init() {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("rxatlas-readers-\(UUID().uuidString)", isDirectory: true)
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Writes `text` as UTF-8 to `name` and returns the path.
    func file(_ name: String, _ text: String) -> String {
        file(name, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to `name` and returns the path.
    func file(_ name: String, bytes: [UInt8]) -> String {
        let path = folder.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// `../shared/data` (see ``SharedData``).
    static var sharedData: URL { SharedData.root }

    /// Whether the shared reference data is present.
    static var sharedDataPresent: Bool { SharedData.available }

    /// A file under `../shared/data`.
    static func shared(_ relative: String) -> String { SharedData.path(relative) }

    /// The message shown when the shared data is absent and a test is skipped.
    static let sharedDataMissing: Comment = "skipped: ../shared/data (the project's reference samples) is absent"
}

/// Runs `body` and returns the ``InputError`` it throws, or nil if it throws nothing or another error.
func readerError(_ body: () throws -> Void) -> InputError? {
    do { try body() } catch let error as InputError { return error } catch { return nil }
    return nil
}
