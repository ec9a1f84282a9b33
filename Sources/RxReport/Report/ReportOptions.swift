import RxAtlas
import RxData

/// What the HTML report computes and how much of it it shows.
public struct ReportOptions: Sendable {
    /// The measures drawn in full (funnel, ranked chart, ICB map); the others are summarised in a
    /// table. Ids not in the library are ignored.
    public var keyMeasures: [String] = ["ics_high_dose", "prednisolone_items_per_1000", "saba_percent_of_saba_ics", "ppi_cost_per_1000"]
    /// The levels the measures and steroid outliers are computed at.
    public var levels: [OrgLevel] = [.practice, .pcn, .subICB, .icb]
    /// The levels of the chemical-share outliers.
    public var chemicalLevels: [OrgLevel] = [.practice, .icb]
    /// Rows a table holds at most; a longer table shows the first rows in its order and says how
    /// many more the CSV outputs hold.
    public var maximumTableRows = 200
    /// Rows a table shows per page.
    public var pageRows = 25
    /// Practices with a compact entry at most (the most often flagged first); every organisation
    /// is still in the search index.
    public var maximumPracticeEntries = 300
    /// The kernel options (list-size minimum for per-1,000 measures).
    public var kernelOptions = MeasureKernelOptions()
    /// The steroid outlier options.
    public var steroidOptions = SteroidOutlierOptions()
    /// The biosimilar options.
    public var biosimilarOptions = BiosimilarOptions()
    /// The chemical outlier options.
    public var chemicalOptions = ChemicalOutlierOptions()
    /// A boundary file and its key property for choropleth maps of ICB results.
    public var boundaries: (collection: GeoFeatureCollection, key: String, nameProperty: String?)? = nil
    /// The software version named in the methods section.
    public var softwareVersion = "unknown"
    /// The one nation to report (a GSS code or a name such as `Scotland`); nil reports every
    /// nation of the period, with a switch when there are several.
    public var nation: String? = nil

    /// The default options.
    public init() {}
}
