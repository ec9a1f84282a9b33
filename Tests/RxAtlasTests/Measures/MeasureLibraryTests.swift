import Foundation
import Testing
import RxData
@testable import RxAtlas

@Suite struct MeasureLibraryTests {
    @Test func loadsFilesAndDirectoriesDetectingTheFormat() throws {
        let s = try MeasureScratch()
        try s.write("ics.json", RxAtlasMeasureFormatTests.ics)
        try s.write("lpdoxazosin.json", OPFixtures.doxazosin)
        try s.write("notes.txt", "not a measure")
        let other = try MeasureScratch()
        let nsaids = try other.write("ktt13_nsaids_ibuprofen.json", OPFixtures.nsaids)
        let ms = try MeasureLibrary.load(paths: [s.dir, nsaids])
        #expect(ms.map(\.id) == ["ics_items_per_1000", "lpdoxazosin", "ktt13_nsaids_ibuprofen"])
    }

    @Test func duplicateIdsNameBothFiles() throws {
        let s = try MeasureScratch()
        let a = try s.write("a.json", RxAtlasMeasureFormatTests.ics)
        let b = try s.write("b.json", RxAtlasMeasureFormatTests.ics)
        let e = try #require(throws: InputError.self) { try MeasureLibrary.load(paths: [s.dir]) }
        #expect(e.file == b && e.field == "id")
        #expect(e.reason.contains(a) && e.reason.contains("ics_items_per_1000"))
    }

    @Test func customSQLInADirectoryIsRefusedByName() throws {
        let s = try MeasureScratch()
        try s.write("lpdoxazosin.json", OPFixtures.doxazosin)
        let bad = try s.write("icsdose.json", OPFixtures.icsdose)
        let e = try #require(throws: InputError.self) { try MeasureLibrary.load(paths: [s.dir]) }
        #expect(e.file == bad && e.field == "numerator_type")
    }

    @Test func unrecognisedFilesAndMissingPathsAreErrors() throws {
        let s = try MeasureScratch()
        let f = try s.write("x.json", "{\"id\": \"x\"}")
        let e = try #require(throws: InputError.self) { try MeasureLibrary.load(paths: [f]) }
        #expect(e.file == f && e.field == "numerator")
        let missing = s.dir + "/nope"
        let e2 = try #require(throws: InputError.self) { try MeasureLibrary.load(paths: [missing]) }
        #expect(e2.file == missing)
        let e3 = try #require(throws: InputError.self) { try MeasureLibrary.builtIn(directory: missing) }
        #expect(e3.file == missing)
    }

    @Test func explicitBuiltInDirectoryIsUsed() throws {
        let s = try MeasureScratch()
        try s.write("lpdoxazosin.json", OPFixtures.doxazosin)
        #expect(try MeasureLibrary.builtIn(directory: s.dir).map(\.id) == ["lpdoxazosin"])
    }

    @Test func aFolderRunsWhatItCanAndListsTheRestWithEveryReason() throws {
        let s = try MeasureScratch()
        try s.write("lpdoxazosin.json", OPFixtures.doxazosin)
        try s.write("icsdose.json", OPFixtures.icsdose)
        try s.write("saba.json", OPFixtures.saba)
        try s.write("broken.json", "{ not json")
        let loaded = try MeasureLibrary.loadRunnable(paths: [s.dir])
        #expect(loaded.definitions.map(\.id) == ["lpdoxazosin"])
        #expect(loaded.refused.map(\.id) == ["broken", "icsdose", "saba"])
        #expect(loaded.refused.allSatisfy { !$0.reasons.isEmpty })
        // The strict reader still stops at the first.
        #expect(throws: InputError.self) { try MeasureLibrary.load(paths: [s.dir]) }
    }

    /// OpenPrescribing's current library as published (80 JSON definitions), without a dm+d
    /// release: the 34 that need neither SQL nor dm+d run (cmpaperpt's list-size bands among
    /// them), and each of the other 46 is listed with all its reasons.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: BuiltInMeasureLibraryTests.shared
                                                      + "/reference/openprescribing-measures/v1-json"),
                   "needs ../shared/data/reference/openprescribing-measures"))
    func openPrescribingsLibraryRunsWhatNeedsNoSQL() throws {
        let dir = BuiltInMeasureLibraryTests.shared + "/reference/openprescribing-measures/v1-json"
        let loaded = try MeasureLibrary.loadRunnable(paths: [dir])
        #expect(loaded.definitions.count + loaded.refused.count == 80)
        #expect(loaded.definitions.count == 34 && loaded.definitions.contains { $0.id == "cmpaperpt" })
        let refused = Dictionary(uniqueKeysWithValues: loaded.refused.map { ($0.id, $0) })
        // vitamind is refused for its dm+d query alone, not for `numerator_where: 1 = 1`.
        #expect(refused["vitamind"]?.reasons.map(\.field) == ["numerator_bnf_codes_query"])
        // Both sides custom: both named.
        #expect(refused["icsdose"]?.reasons.map(\.field) == ["numerator_type", "denominator_type"])
        #expect(refused.values.allSatisfy { $0.reasons.allSatisfy { $0.field != nil } })
    }
}
