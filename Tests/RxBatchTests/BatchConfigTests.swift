import Foundation
import RxBatch
import RxData
import Testing

@Suite struct BatchConfigTests {
    static let valid = """
    output = "out"
    max_parallel = 3
    memory_limit = "512MiB"

    [stores]
    england = "/data/store"

    [[analysis]]
    name = "icb-maps"
    kind = "charts"
    store = "england"
    measures = ["ics_high_dose"]
    levels = ["icb"]
    period = { from = "2020-01", to = "2024-12", window = 12 }

    [[analysis]]
    name = "steroids"
    kind = "steroids"
    store = "england"
    levels = ["practice", "sub-icb"]
    persistence = "3/6"
    overdispersion = "multiplicative"

    [[analysis]]
    name = "measures"
    kind = "measures"
    store = "england"
    outputs = ["sqlite", "json"]
    min_list_size = 500
    """

    func parse(_ text: String) throws -> BatchConfig { try BatchConfig.parse(text, file: "batch.toml", baseDirectory: "/work/cfg") }

    /// The error a config gives, as (key, reason).
    func error(_ text: String) -> BatchConfigError? {
        do { _ = try parse(text); return nil } catch let e as BatchConfigError { return e } catch { return nil }
    }

    @Test func parsesEverySection() throws {
        let c = try parse(Self.valid)
        #expect(c.output == "/work/cfg/out")
        #expect(c.maxParallel == 3)
        #expect(c.memoryLimit == Int64(536_870_912))
        #expect(c.stores == ["england": "/data/store"])
        #expect(c.analyses.map(\.name) == ["icb-maps", "steroids", "measures"])
        let maps = c.analyses[0]
        #expect(maps.kind == .charts)
        #expect(maps.definitions.map(\.id) == ["ics_high_dose"])
        #expect(maps.levels == [.icb])
        #expect(maps.period == BatchPeriod(from: YearMonth(year: 2020, month: 1), to: YearMonth(year: 2024, month: 12), window: 12))
        #expect(maps.outputs == [.csv])
        let steroids = c.analyses[1]
        #expect(steroids.levels == [.practice, .subICB])
        #expect(steroids.persistence == (3, 6))
        #expect(steroids.overdispersion == .multiplicative)
        let measures = c.analyses[2]
        #expect(measures.outputs == [.csv, .sqlite, .json])
        #expect(measures.minListSize == 500)
        #expect(measures.levels == OrgLevel.allCases)
        #expect(measures.definitions.count > 10)
    }

    @Test func memorySizes() throws {
        let base = "output = \"o\"\n[stores]\ns = \"st\"\n[[analysis]]\nname = \"a\"\nkind = \"outliers\"\nstore = \"s\"\n"
        #expect(try parse("memory_limit = \"4GB\"\n" + base).memoryLimit == 4_000_000_000)
        #expect(try parse("memory_limit = 1000\n" + base).memoryLimit == 1000)
        #expect(try parse(base).memoryLimit == nil)
        #expect(error("memory_limit = \"lots\"\n" + base)?.key == "memory_limit")
    }

    @Test(arguments: [
        ("outptu = \"x\"", "outptu", "unknown key"),
        ("name = \"a\"", "output", "missing"),
        ("analysis.kind = \"heatmap\"", "analysis[0].kind", "unknown analysis 'heatmap'"),
        ("analysis.measures = [\"ics_high_dose\", \"no_such_measure\"]", "analysis[0].measures[1]", "unknown measure id 'no_such_measure'"),
        ("analysis.period = { from = \"2020-13\" }", "analysis[0].period.from", "not a month"),
        ("analysis.period = { from = \"2020-01\", windw = 12 }", "analysis[0].period.windw", "unknown key"),
        ("analysis.period = { window = 0 }", "analysis[0].period.window", "at least 1"),
        ("analysis.levels = [\"icb\", \"county\"]", "analysis[0].levels[1]", "unknown level 'county'"),
        ("analysis.store = \"wales\"", "analysis[0].store", "no store named 'wales'"),
        ("analysis.outputs = [\"parquet\"]", "analysis[0].outputs[0]", "unknown output"),
        ("analysis.max_parallel = 2", "analysis[0].max_parallel", "unknown key"),
        ("max_parallel = 0", "max_parallel", "at least 1"),
        ("max_parallel = \"two\"", "max_parallel", "expected an integer"),
    ])
    func errorsNameTheKey(edit: String, key: String, reason: String) throws {
        var top = ["output = \"out\""]
        var analysis = ["name = \"a\"", "kind = \"atlas\"", "store = \"england\""]
        if edit.hasPrefix("analysis.") {
            let line = String(edit.dropFirst("analysis.".count))
            let k = line.prefix(while: { $0 != " " })
            analysis.removeAll { $0.hasPrefix(k + " ") }
            analysis.append(line)
        } else if edit.hasPrefix("name") {
            top = []
        } else {
            top.append(edit)
        }
        let text = top.joined(separator: "\n") + "\n[stores]\nengland = \"s\"\n[[analysis]]\n" + analysis.joined(separator: "\n") + "\n"
        let e = try #require(error(text))
        #expect(e.key == key)
        #expect(e.reason.contains(reason), "\(e.reason)")
        #expect(e.description.hasPrefix("batch.toml: \(key): "))
    }

    @Test func kindSpecificKeysAndOutputs() {
        let base = "output = \"o\"\n[stores]\ns = \"st\"\n[[analysis]]\nname = \"a\"\nstore = \"s\"\n"
        #expect(error(base + "kind = \"steroids\"\nlevels = [\"region\"]")?.key == "analysis[0].levels[0]")
        #expect(error(base + "kind = \"charts\"\noutputs = [\"sqlite\"]")?.key == "analysis[0].outputs[0]")
        #expect(error(base + "kind = \"outliers\"\nmeasures = [\"x\"]")?.key == "analysis[0].measures")
        #expect(error(base + "kind = \"biosimilars\"\ntarget_uptake = 1.5")?.key == "analysis[0].target_uptake")
        #expect(error(base + "kind = \"steroids\"\npersistence = \"7/6\"")?.key == "analysis[0].persistence")
        #expect(error(base + "kind = \"charts\"\nboundaries = \"b.geojson\"")?.key == "analysis[0].boundary_key")
        #expect(error(base + "kind = \"outliers\"\n[[analysis]]\nname = \"a\"\nstore = \"s\"\nkind = \"atlas\"")?.key == "analysis[1].name")
        #expect(error("output = \"o\"\n[stores]\ns = \"st\"\n")?.key == "analysis")
    }

    @Test func syntaxErrorsGiveTheLine() throws {
        let e = try #require(error("output = \"o\"\n\n[stores\n"))
        #expect(e.key.hasPrefix("line 3"))
    }

    /// The example config `make demo` runs, and the one in docs/BATCH.md, parse.
    @Test func exampleConfigsParse() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let demo = try BatchConfig.read(path: root.appendingPathComponent("docs/examples/batch-demo.toml").path)
        #expect(demo.analyses.map(\.kind) == [.charts, .atlas, .outliers])
        #expect(demo.stores["demo"] == root.appendingPathComponent("docs/examples/store").standardizedFileURL.path)
        let doc = try String(contentsOf: root.appendingPathComponent("docs/BATCH.md"), encoding: .utf8)
        let start = try #require(doc.range(of: "```toml\n"))
        let end = try #require(doc.range(of: "```", range: start.upperBound..<doc.endIndex))
        let config = try parse(String(doc[start.upperBound..<end.lowerBound]))
        #expect(config.analyses.map(\.name) == ["icb-maps", "atlas-2024", "steroids"])
        #expect(config.memoryLimit == 4_000_000_000)
    }
}
