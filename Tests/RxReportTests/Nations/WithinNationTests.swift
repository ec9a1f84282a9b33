import Foundation
import RxAtlas
import RxData
import RxReport
import RxStats
import Testing

/// A period holding both nations' prescribing: every ranking, decile, funnel and national value
/// is computed within a nation, and the nation level has a row per nation.
@Suite struct WithinNationTests {
    static let measure = "prednisolone_items_per_1000"

    func run(_ f: TwoNationFixture, levels: [OrgLevel]) throws -> MeasureRun {
        let def = try #require(try MeasureLibrary.builtIn().first { $0.id == Self.measure })
        return try MeasureRun.run(store: f.store, period: TwoNationFixture.period, definitions: [def], levels: levels)
    }

    @Test func eachLevelHasATablePerNationAndTheNationLevelARowPerNation() throws {
        let f = try TwoNationFixture()
        let values = try run(f, levels: [.practice, .icb, .nation]).values
        #expect(values.map(\.nation) == Array(repeating: [TwoNationFixture.england, TwoNationFixture.scotland], count: 3).flatMap { $0 })
        let nations = values.filter { $0.level == .nation }
        #expect(nations.map(\.orgCodes) == [[TwoNationFixture.england], [TwoNationFixture.scotland]])
        // England: 315 items over 14,000 patients; Scotland: 3,350 over 10,500.
        #expect(abs(try #require(nations[0].value(unit: 0, month: 0)) - 315.0 / 14) < 1e-9)
        #expect(abs(try #require(nations[1].value(unit: 0, month: 0)) - 3350.0 / 10.5) < 1e-9)
        let practices = values.filter { $0.level == .practice }
        #expect(practices[0].orgCodes == ["P81001", "P81002", "P81003", "P81004"])
        #expect(practices[1].orgCodes.allSatisfy { !$0.hasPrefix("P") })
    }

    @Test func decilesAndPercentilesCompareANationsOwnPractices() throws {
        let f = try TwoNationFixture()
        let practices = try run(f, levels: [.practice]).values
        let england = practices[0], scotland = practices[1]
        #expect(england.column(england.value, month: 0) == TwoNationFixture.englishPerThousand)
        #expect(england.deciles()[0] == PercentileCont.deciles(TwoNationFixture.englishPerThousand))
        #expect(scotland.deciles()[0] == PercentileCont.deciles(TwoNationFixture.scottishPerThousand))
        // Scotland's lowest practice is at the bottom of Scotland, not above every English one.
        let p = scotland.percentiles()
        let lowest = try #require(scotland.unitIndex("10002"))
        #expect(p[scotland.index(unit: lowest, month: 0)] == 0)
        let highestEnglish = try #require(england.unitIndex("P81004"))
        #expect(england.percentiles()[england.index(unit: highestEnglish, month: 0)] == 100)

        // deciles.csv names each row's nation.
        let out = f.dir + "/measures"
        try MeasureOutput.write(practices, definitions: try MeasureLibrary.builtIn(), to: out)
        let deciles = try String(contentsOfFile: out + "/deciles.csv", encoding: .utf8).split(separator: "\n")
        #expect(deciles[0].hasPrefix("measure,level,nation,month,p10"))
        #expect(deciles.dropFirst().map { $0.split(separator: ",")[2] } == ["E92000001", "S92000003"])
    }

    @Test func atlasFunnelsAndSteroidOutliersUseTheNationsOwnRate() throws {
        let f = try TwoNationFixture()
        let measures = try run(f, levels: [.practice])
        let atlas = try AtlasRun(measures.values, definitions: measures.definitions, period: TwoNationFixture.period)
        #expect(atlas.results.map(\.nation) == [TwoNationFixture.england, TwoNationFixture.scotland])
        #expect(abs(try #require(atlas.results[0].summary?.pooled) - 315.0 / 14) < 1e-9)
        #expect(abs(try #require(atlas.results[1].summary?.pooled) - 3350.0 / 10.5) < 1e-9)
        #expect(abs(try #require(atlas.results[1].funnel?.summary.target) * 1000 - 3350.0 / 10.5) < 1e-6)

        let def = measures.definitions[0]
        var rows: [SteroidOutlierRow] = []
        for t in measures.values { rows += try SteroidOutlierAnalysis.run(t, definition: def, period: TwoNationFixture.period) }
        let periodRows = rows.filter(\.isPeriod)
        #expect(Set(periodRows.filter { $0.nation == TwoNationFixture.england }.map(\.national)).count == 1)
        #expect(abs(try #require(periodRows.first { $0.nation == TwoNationFixture.scotland }).national - 3350.0 / 10.5) < 1e-9)
        #expect(periodRows.allSatisfy { ($0.nation == TwoNationFixture.england) == $0.orgCode.hasPrefix("P") })
    }

    @Test func biosimilarPricesAndSavingsAreEachNationsOwn() throws {
        let f = try TwoNationFixture()
        let result = try #require(try BiosimilarAnalysis.run(store: f.store, period: TwoNationFixture.period,
                                                             catalogue: try BiosimilarCatalogue.builtIn()))
        // The merged month publishes no actual cost (Scotland has none), so both are on NIC.
        #expect(result.costBasis == .nic)
        let glargine = result.prices.filter { $0.group == "insulin glargine 100 units/ml" }
        #expect(glargine.map(\.nation) == [TwoNationFixture.england, TwoNationFixture.scotland])
        #expect(abs(glargine[0].bestValueUnitCost - 8.0 / 300) < 1e-12)
        #expect(abs(glargine[1].bestValueUnitCost - 6.0 / 300) < 1e-12)
        let nations = result.opportunities.filter { $0.level == .nation && $0.molecule == "insulin glargine" }
        #expect(nations.map(\.orgCode) == [TwoNationFixture.england, TwoNationFixture.scotland])
        // Full switch: 10 Lantus cartridges at £10 against £8 (England) and £6 (Scotland).
        #expect(abs(nations[0].fullSwitch - 20) < 1e-9 && abs(nations[1].fullSwitch - 40) < 1e-9)
        #expect(result.opportunities.count == result.timeCourse.count)
        #expect(zip(result.opportunities, result.timeCourse).allSatisfy { $0.orgCode == $1.orgCode && $0.level == $1.level })
    }

    @Test func chemicalSharesAreScoredWithinANation() throws {
        let f = try TwoNationFixture()
        let run = try ChemicalOutlierAnalysis.run(store: f.store, months: TwoNationFixture.period, levels: [.practice],
                                                  options: ChemicalOutlierOptions())
        let levels = ChemicalOutlierAnalysis.levels(run.items, level: .practice)
        #expect(levels.map(\.nation) == [TwoNationFixture.england, TwoNationFixture.scotland])
        #expect(levels[0].orgCodes == ["P81001", "P81002", "P81003", "P81004"])
        #expect(levels[1].orgCodes == ["10002", "10017", "10030", "10045"])
        #expect(run.rows.allSatisfy { ($0.nation == TwoNationFixture.england) == $0.orgCode.hasPrefix("P") })
    }

    @Test func theMixedMonthPublishesOnlyWhatEveryFileHas() throws {
        let f = try TwoNationFixture()
        let coverage = try Coverage.compute(store: f.store, period: TwoNationFixture.period)
        #expect(coverage.monthsWithoutActualCost == [TwoNationFixture.january])
        #expect(coverage.warnings().contains { $0.contains("within each nation") })
    }

    @Test func theReportSwitchesBetweenNationsOrCoversOne() throws {
        let f = try TwoNationFixture()
        let data = try ReportData.compute(store: f.store, period: TwoNationFixture.period)
        #expect(data.nations == [TwoNationFixture.england, TwoNationFixture.scotland])
        let both = try HTMLReport(data).html()
        #expect(both.contains("<nav class=\"nation-switch\""))
        #expect(both.contains("<div id=\"report-view\" data-nation=\"E92000001\"><header class=\"top\"><h1>Prescribing variation, England,"))
        #expect(both.contains("<template data-nation=\"S92000003\"><header class=\"top\"><h1>Prescribing variation, Scotland,"))
        // Each view's ids are its own: one live org-index, one waiting in the template.
        #expect(both.components(separatedBy: "id=\"org-index\"").count == 3)

        var options = ReportOptions()
        options.nation = "scotland"
        let scotland = try HTMLReport(data, options: options).html()
        #expect(!scotland.contains("<nav class=\"nation-switch\"") && !scotland.contains("P81001"))
        #expect(scotland.contains("health board") && scotland.contains("10002"))
        options.nation = "Wales"
        #expect(throws: InputError.self) { try HTMLReport(data, options: options).html() }
    }

    @Test func chartsOfTwoNationsAreDrawnApart() throws {
        let f = try TwoNationFixture()
        let measures = try run(f, levels: [.practice])
        let files = try AtlasCharts.render(measures.values, definitions: measures.definitions, period: TwoNationFixture.period,
                                           orgs: try f.store.readOrgs()).map(\.0)
        #expect(files.contains("\(Self.measure)-practice-england-funnel.svg"))
        #expect(files.contains("\(Self.measure)-practice-scotland-ranked.svg"))
        #expect(Set(files).count == files.count)
    }
}
