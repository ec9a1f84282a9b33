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
}
