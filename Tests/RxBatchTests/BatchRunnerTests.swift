import Foundation
import RxAtlas
import RxBatch
import RxData
import RxReport
import Testing

@Suite(.serialized) struct BatchRunnerTests {
    /// Two charts windows and one atlas job over a 15-month store.
    static func config(_ f: BatchFixture, minListSize: Int = 1000, extra: String = "") -> String {
        """
        output = "out"
        max_parallel = 2

        [stores]
        main = "\(f.store)"

        [[analysis]]
        name = "maps"
        kind = "charts"
        store = "main"
        measures = ["ics_high_dose"]
        levels = ["icb"]
        period = { from = "2024-02", window = 12, step = 2 }

        [[analysis]]
        name = "atlas"
        kind = "atlas"
        store = "main"
        measures = ["ics_high_dose"]
        levels = ["icb", "practice"]
        min_list_size = \(minListSize)
        period = { from = "2024-01", to = "2024-12" }
        \(extra)
        """
    }

    func run(_ f: BatchFixture, _ text: String, force: Bool = false) throws -> BatchManifest {
        let path = try f.config(text)
        return try BatchRunner(config: try BatchConfig.read(path: path), configPath: path, softwareVersion: "test", force: force).run()
    }

    func status(_ m: BatchManifest) -> [String: BatchJobRecord.Status] {
        Dictionary(uniqueKeysWithValues: m.jobs.map { ($0.id, $0.status) })
    }

    @Test func runsThenSkipsUnchangedJobs() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        let first = try run(f, Self.config(f))
        #expect(first.jobs.map(\.id) == ["maps/2024-02_2025-01", "maps/2024-04_2025-03", "atlas/2024-01_2024-12"])
        #expect(first.jobs.allSatisfy { $0.status == .ok })
        let second = try run(f, Self.config(f))
        #expect(second.jobs.allSatisfy { $0.status == .skipped })
        #expect(second.jobs.map(\.outputs) == first.jobs.map(\.outputs))
        // --force runs everything again, to the same bytes.
        let forced = try run(f, Self.config(f), force: true)
        #expect(forced.jobs.allSatisfy { $0.status == .ok })
        #expect(forced.jobs.map(\.outputs) == first.jobs.map(\.outputs))
    }

    @Test func rerunsWhatChanged() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        _ = try run(f, Self.config(f))
        // A setting of one analysis: only its job re-runs.
        let changedConfig = try run(f, Self.config(f, minListSize: 500))
        #expect(status(changedConfig) == ["maps/2024-02_2025-01": .skipped, "maps/2024-04_2025-03": .skipped, "atlas/2024-01_2024-12": .ok])
        // One month's data (2025-02, offset 13): only the window containing it re-runs.
        let feb = try Store.open(at: f.store).snapshotPath(YearMonth(year: 2025, month: 2)!)
        let before = try SnapshotHeader.read(feb)
        try f.replaceMonth(offset: 13)
        let newFeb = try Store.open(at: f.store).snapshotPath(YearMonth(year: 2025, month: 2)!)
        #expect(newFeb != feb, "a replaced month is a new file of a new generation")
        #expect(try SnapshotHeader.read(newFeb).totals != before.totals, "the replaced month's snapshot changed")
        let changedInput = try run(f, Self.config(f, minListSize: 500))
        #expect(status(changedInput) == ["maps/2024-02_2025-01": .skipped, "maps/2024-04_2025-03": .ok, "atlas/2024-01_2024-12": .skipped])
        #expect(changedInput.jobs[1].inputChecksum != changedConfig.jobs[1].inputChecksum)
        // An output removed (a job stopped part-way leaves no directory): that job re-runs.
        try FileManager.default.removeItem(atPath: f.root + "/out/maps/2024-02_2025-01")
        let resumed = try run(f, Self.config(f, minListSize: 500))
        #expect(status(resumed) == ["maps/2024-02_2025-01": .ok, "maps/2024-04_2025-03": .skipped, "atlas/2024-01_2024-12": .skipped])
        // An output edited by hand: its checksum no longer matches, so the job re-runs.
        let svg = f.root + "/out/" + resumed.jobs[0].outputs[0].path
        try "<svg/>".write(toFile: svg, atomically: true, encoding: .utf8)
        #expect(status(try run(f, Self.config(f, minListSize: 500)))["maps/2024-02_2025-01"] == .ok)
    }

    /// A run stopped while one job was running leaves that job recorded as not finished (the
    /// manifest is written before any job starts) and its partial directory; the next run
    /// re-runs that job only and clears the partial directory.
    @Test func resumesAfterAJobWasKilled() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        let out = f.root + "/out"
        let first = try run(f, Self.config(f))
        var stopped = first
        stopped.jobs[1].status = .failed
        stopped.jobs[1].error = "did not finish"
        stopped.finished = nil
        try stopped.write(directory: out)
        let partial = out + "/maps/.2024-04_2025-03.partial-99999"
        try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        try "half".write(toFile: partial + "/ics_high_dose-icb-funnel.svg", atomically: true, encoding: .utf8)
        let resumed = try run(f, Self.config(f))
        #expect(status(resumed) == ["maps/2024-02_2025-01": .skipped, "maps/2024-04_2025-03": .ok, "atlas/2024-01_2024-12": .skipped])
        #expect(resumed.jobs[1].outputs == first.jobs[1].outputs)
        #expect(!FileManager.default.fileExists(atPath: partial))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/maps").sorted() == ["2024-02_2025-01", "2024-04_2025-03"])
    }

    @Test func aFailedJobDoesNotStopTheOthers() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        // A missing store fails its analysis at planning; a missing boundary file fails each of its jobs at run time.
        let text = Self.config(f).replacingOccurrences(of: "[stores]\n", with: "[stores]\nghost = \"\(f.root)/no-store\"\n") + """

        [[analysis]]
        name = "broken-map"
        kind = "charts"
        store = "main"
        levels = ["icb"]
        measures = ["ics_high_dose"]
        boundaries = "no-such.geojson"
        boundary_key = "CODE"

        [[analysis]]
        name = "ghost"
        kind = "outliers"
        store = "ghost"
        """
        let m = try run(f, text)
        let s = status(m)
        #expect(s["ghost"] == .failed)
        #expect(s["broken-map/2024-04_2025-03"] == .failed)
        #expect(s["maps/2024-02_2025-01"] == .ok && s["maps/2024-04_2025-03"] == .ok && s["atlas/2024-01_2024-12"] == .ok)
        #expect(m.failedJobs.count == 2)
        #expect(m.failedJobs.allSatisfy { !($0.error ?? "").isEmpty })
        #expect(m.jobs.first { $0.id == "broken-map/2024-04_2025-03" }?.error?.contains("no-such.geojson") == true)
        #expect(!FileManager.default.fileExists(atPath: f.root + "/out/broken-map/2024-04_2025-03"))
        // The failed job is tried again next time; the others are skipped.
        let again = status(try run(f, text))
        #expect(again["broken-map/2024-04_2025-03"] == .failed && again["maps/2024-02_2025-01"] == .skipped)
    }

    @Test func manifestRecordsInputsOutputsChecksumsAndTimings() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        let m = try run(f, Self.config(f))
        let onDisk = try #require(try BatchManifest.read(directory: f.root + "/out"))
        #expect(onDisk.jobs.map(\.id) == m.jobs.map(\.id))
        #expect(onDisk.finished != nil && onDisk.softwareVersion == "test")
        let store = try Store.open(at: f.store)
        for job in m.jobs {
            let from = YearMonth(parsing: job.from)!, to = YearMonth(parsing: job.to)!
            let months = try store.months().filter { (from...to).contains($0) }
            // Every month of the period, under its logical name: its snapshot (with the header's
            // checksum and size) and list sizes.
            for month in months {
                let snap = try #require(job.inputs.first { $0.path == f.store + "/months/\(month)" })
                #expect(snap.size == Int64(try SnapshotHeader.read(store.snapshotPath(month)).fileLength))
                #expect(job.inputs.contains { $0.path == f.store + "/list_sizes/\(month)" })
            }
            // …and no other month's snapshot.
            #expect(Set(job.inputs.map(\.path).filter { $0.contains("/months/") }) == Set(months.map { f.store + "/months/\($0)" }))
            #expect(job.memoryEstimate == months.reduce(0) { $0 + Int64(try! SnapshotHeader.read(store.snapshotPath($1)).fileLength) })
            #expect(job.seconds >= 0)
            #expect(job.inputChecksum.hasPrefix("xxh64:") && job.configChecksum.hasPrefix("xxh64:"))
            #expect(!job.outputs.isEmpty)
            for o in job.outputs {
                let data = try Data(contentsOf: URL(fileURLWithPath: f.root + "/out/" + o.path))
                #expect(Int64(data.count) == o.size)
                #expect(o.checksum == ProvenanceEntry.InputFile.checksumText(XXH64.hash([UInt8](data))))
            }
        }
        let atlas = try #require(m.jobs.first { $0.kind == "atlas" })
        #expect(Set(atlas.outputs.map { ($0.path as NSString).lastPathComponent }) == ["summary.csv", "outliers.csv", "trends.csv", "coverage.csv"])
    }

    @Test func storesFromInputFilesAreIngestedOnceAndAgainWhenAFileChanges() throws {
        let f = try BatchFixture(months: 3)
        defer { f.remove() }
        let text = """
        output = "out"

        [stores.fresh]
        path = "built"
        inputs = ["synth/epd_*.csv"]
        list_sizes = ["synth/list_sizes_*.csv"]
        orgs = "synth/\(f.dataset.orgsFileName)"

        [[analysis]]
        name = "atlas"
        kind = "atlas"
        store = "fresh"
        measures = ["ics_high_dose"]
        levels = ["icb"]
        """
        let first = try run(f, text)
        #expect(first.jobs.map(\.status) == [.ok])
        // The built store holds what the fixture's own ingest of the same files holds.
        let built = try Store.open(at: f.root + "/built"), reference = try Store.open(at: f.store)
        #expect(try built.months() == reference.months())
        for m in try reference.months() {
            #expect(try built.loadMonth(m).decode() == reference.loadMonth(m).decode())
        }
        let ingests = try built.manifest().ingests.count
        // Unchanged inputs: no second ingest, and the job is skipped.
        #expect(try run(f, text).jobs.map(\.status) == [.skipped])
        try built.reload()
        #expect(try built.manifest().ingests.count == ingests)
        // A changed input file is ingested again and the job re-runs.
        let epd = f.synth + "/" + f.dataset.epdFileName(2)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: epd)))
        let cut = bytes.lastIndex(of: 0x0A, before: bytes.count - 1)!
        bytes.removeSubrange((cut + 1)...)
        try Data(bytes).write(to: URL(fileURLWithPath: epd))
        #expect(try run(f, text).jobs.map(\.status) == [.ok])
        try built.reload()
        #expect(try built.manifest().ingests.count == ingests + 1)
        // A pattern that matches nothing is a config error naming the key.
        let bad = text.replacingOccurrences(of: "synth/epd_*.csv", with: "synth/nothing_*.csv")
        let error = #expect(throws: BatchConfigError.self) { try BatchConfig.read(path: try f.config(bad, name: "bad.toml")) }
        #expect(error.map { "\($0)".contains("stores.fresh.inputs[0]") } == true)
    }

    @Test func jobsWriteTheirCoverageAndTheManifestKeepsItsWarnings() throws {
        // One list-size extract (January) for eight months: with the default carry of 3, May to
        // August have no list size.
        let f = try BatchFixture(months: 8, listSizeMonths: 1)
        defer { f.remove() }
        let m = try run(f, """
            output = "out"

            [stores]
            main = "\(f.store)"

            [[analysis]]
            name = "per1000"
            kind = "atlas"
            store = "main"
            measures = ["prednisolone_items_per_1000"]
            levels = ["icb"]
            period = { from = "2024-01", to = "2024-08" }

            [[analysis]]
            name = "share"
            kind = "atlas"
            store = "main"
            measures = ["ics_high_dose"]
            levels = ["icb"]
            period = { from = "2024-01", to = "2024-08" }
            """)
        let per1000 = try #require(m.jobs.first { $0.analysis == "per1000" })
        let share = try #require(m.jobs.first { $0.analysis == "share" })
        #expect(per1000.status == .ok && share.status == .ok)
        #expect(per1000.warnings?.contains { $0.contains("no list sizes for 2024-05, 2024-06, 2024-07, 2024-08") } == true,
                "\(per1000.warnings ?? [])")
        #expect(share.warnings == nil, "a proportion does not depend on list sizes")
        let coverage = try String(contentsOfFile: f.root + "/out/" + per1000.id + "/coverage.csv", encoding: .utf8)
        #expect(coverage.split(separator: "\n").count == 9, "a header and one row per month")
        #expect(coverage.contains("2024-03,") && coverage.contains("carried from 2024-01") && coverage.contains("missing"))
        #expect(per1000.outputs.contains { $0.path.hasSuffix("/coverage.csv") })
    }

    @Test func reportJobsWriteTheHTMLReportPerWindow() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        let text = """
        output = "out"

        [stores]
        main = "\(f.store)"

        [[analysis]]
        name = "reports"
        kind = "report"
        store = "main"
        levels = ["practice", "icb"]
        period = { from = "2024-01", to = "2024-12", window = 6, step = 6 }
        """
        let m = try run(f, text)
        #expect(m.jobs.map(\.id) == ["reports/2024-01_2024-06", "reports/2024-07_2024-12"])
        #expect(m.jobs.allSatisfy { $0.status == .ok })
        for job in m.jobs {
            let html = try String(contentsOfFile: f.root + "/out/" + job.outputs[0].path, encoding: .utf8)
            #expect(job.outputs.map { ($0.path as NSString).lastPathComponent } == ["report.html"])
            #expect(html.contains("id=\"measures\"") && html.contains(job.from) && !html.contains("http://"))
        }
        #expect(try run(f, text).jobs.allSatisfy { $0.status == .skipped })
    }

    /// The charts of a window, from the kernel run once over all windows, are byte-identical to
    /// `rxatlas charts` over that window alone (kernel over the window's months only).
    @Test func sharedKernelChartsEqualPerWindowCharts() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        let m = try run(f, Self.config(f))
        let store = try Store.open(at: f.store)
        let defs = try MeasureLibrary.builtIn().filter { $0.id == "ics_high_dose" }
        for job in m.jobs where job.kind == "charts" {
            let period = YearMonth(parsing: job.from)!...YearMonth(parsing: job.to)!
            let values = try MeasureKernel().compute(store: store, measures: defs, months: period, levels: [.icb])
            let direct = try AtlasCharts.render(values, definitions: defs, period: period, hexLayout: try HexLayout.builtIn())
            #expect(direct.count + 1 == job.outputs.count, "the charts and coverage.csv")
            for (name, svg) in direct {
                let written = try String(contentsOfFile: f.root + "/out/" + job.id + "/" + name, encoding: .utf8)
                #expect(written == svg, "\(job.id)/\(name)")
            }
        }
    }

    @Test func memoryLimitBelowOneJobStillRunsEveryJob() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        let text = Self.config(f).replacingOccurrences(of: "max_parallel = 2", with: "max_parallel = 4\nmemory_limit = 1")
        let m = try run(f, text)
        #expect(m.jobs.allSatisfy { $0.status == .ok })
    }

    /// `rxatlas batch` exits with status 3 when a job failed, 2 for a bad config key, 0 otherwise.
    @Test(.enabled(if: CLIBinary.path != nil, "the rxatlas executable was not found beside the test bundle"))
    func exitStatus() throws {
        let f = try BatchFixture()
        defer { f.remove() }
        let good = try f.config(Self.config(f), name: "good.toml")
        #expect(try CLIBinary.run(["batch", good, "--quiet"]) == 0)
        let bad = try f.config(Self.config(f).replacingOccurrences(of: "kind = \"atlas\"", with: "kind = \"atlass\""), name: "bad.toml")
        #expect(try CLIBinary.run(["batch", bad, "--quiet"]) == 2)
        let failing = try f.config(Self.config(f).replacingOccurrences(of: "levels = [\"icb\"]\n", with: "levels = [\"icb\"]\nboundaries = \"x.geojson\"\nboundary_key = \"K\"\n"),
                                   name: "failing.toml")
        #expect(try CLIBinary.run(["batch", failing, "--quiet"]) == 3)
        // --quiet/--verbose are taken before the subcommand too, nested ones included.
        #expect(try CLIBinary.run(["--quiet", "batch", good]) == 0)
        #expect(try CLIBinary.run(["--verbose", "store", "info", "--store", f.store]) == 0)
        #expect(try CLIBinary.run(["--quiet"]) == 2)
    }
}

/// The built `rxatlas` executable beside the test bundle, when present.
enum CLIBinary {
    static let path: String? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let p = dir.appendingPathComponent("rxatlas").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    static func run(_ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }
}

extension Array where Element == UInt8 {
    /// The last index of `byte` before `end`.
    func lastIndex(of byte: UInt8, before end: Int) -> Int? {
        var i = end - 1
        while i >= 0 { if self[i] == byte { return i }; i -= 1 }
        return nil
    }
}
