import Foundation
import Testing
@testable import RxData

/// A command's outputs are one set: incomplete until the record is written last.
@Suite struct OutputSetTests {
    let dir = TempDir()

    @Test func theRecordListsWhatTheRunWroteAndIsWrittenLast() throws {
        let out = dir.path("out")
        var set = try OutputSet.begin(directory: out, command: "measures")
        try AtomicFile.write("a,b\n1,2\n", to: out + "/values.csv")
        let db = dir.path("results.sqlite")
        try AtomicFile.write("not really sqlite", to: db)
        #expect(try OutputSet.check(directory: out) == nil, "no record while the run writes")
        let record = try set.commit(also: [db])
        #expect(record.files.map(\.path) == ["values.csv", URL(fileURLWithPath: db).standardizedFileURL.path])
        #expect(try OutputSet.check(directory: out) == record)

        // The next run removes the record first: killed part-way, the folder says it is incomplete
        // even though old and new files are each whole.
        set = try OutputSet.begin(directory: out, command: "measures")
        try AtomicFile.write("a,b\n3,4\n", to: out + "/values.csv")
        #expect(try OutputSet.check(directory: out) == nil)
        _ = set

        // A file changed after the commit is named.
        let again = try OutputSet.begin(directory: out, command: "measures")
        try AtomicFile.write("a,b\n5,6\n", to: out + "/values.csv")
        try again.commit(also: [db])
        try AtomicFile.write("changed", to: db)
        let error = #expect(throws: InputError.self) { _ = try OutputSet.check(directory: out) }
        #expect(error?.file.hasSuffix("results.sqlite") == true)
    }

    @Test func filesOfEarlierRunsAreNotClaimed() throws {
        let out = dir.path("out2")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try AtomicFile.write("old", to: out + "/savings.csv")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: out + "/savings.csv")
        let set = try OutputSet.begin(directory: out, command: "measures")
        try AtomicFile.write("new", to: out + "/values.csv")
        #expect(try set.commit().files.map(\.path) == ["values.csv"])
    }
}

extension OutputSetTests {
    @Test func aDatabaseInsideTheFolderIsListedOnce() throws {
        let out = dir.path("out3")
        let set = try OutputSet.begin(directory: out, command: "measures")
        try AtomicFile.write("db", to: out + "/r.sqlite")
        #expect(try set.commit(also: [out + "/r.sqlite"]).files.map(\.path) == ["r.sqlite"])
    }
}
