import RxAtlas
import RxData
import RxStats

/// One `[[analysis]]` entry of a batch config: what to run on which store, over which period(s),
/// with which options and outputs. A windowed period expands into one job per window.
public struct BatchAnalysis: Sendable {
    /// The extra result files an analysis can write besides its CSVs or SVGs.
    public enum Output: String, Sendable, CaseIterable {
        /// The analysis' CSV tables (or, for charts, its SVG files): always written.
        case csv
        /// All result tables in `results.sqlite` in the job's directory (measures and atlas).
        case sqlite
        /// All result tables in `results.json` in the job's directory (measures and atlas).
        case json
    }

    /// The name, unique in the config: the job directory under the batch output.
    public var name: String
    /// The analysis.
    public var kind: BatchAnalysisKind
    /// The store's name in `[stores]`.
    public var storeName: String
    /// The store directory.
    public var storePath: String
    /// The measure definitions selected (measures, atlas, charts).
    public var definitions: [MeasureDefinition] = []
    /// The definition files given, if any (empty: the built-in library).
    public var definitionFiles: [String] = []
    /// The levels.
    public var levels: [OrgLevel]
    /// The period.
    public var period: BatchPeriod
    /// Extra outputs.
    public var outputs: Set<Output>
    /// Smallest list size for per-1,000 measures.
    public var minListSize: Int64 = 1000
    /// Chemical outliers listed per organisation in each direction.
    public var top: Int = 5
    /// Biosimilar catalogue file (nil: built-in).
    public var catalogue: String?
    /// Biosimilar molecules (empty: all).
    public var molecules: [String] = []
    /// Biosimilar cost basis (nil: the best the data have, BiosimilarCostBasis.best).
    public var costBasis: BiosimilarCostBasis? = nil
    /// Biosimilar target uptake (0–1).
    public var targetUptake: Double = 0.9
    /// Steroid funnel overdispersion method.
    public var overdispersion: OverdispersionMethod = .additive
    /// Steroid small-number rule (items).
    public var minItems: Double = 20
    /// Steroid persistence K of N months.
    public var persistence: (count: Int, months: Int) = (6, 12)
    /// Choropleth boundary file, key property and name property (charts).
    public var boundaries: String?
    /// The boundary property holding area codes.
    public var boundaryKey: String?
    /// The boundary property holding area names.
    public var boundaryName: String?

    /// The analysis' settings as sorted `key=value` lines: part of each job's config checksum,
    /// so a changed setting re-runs the job.
    public var parameterLines: [String] {
        var p: [String: String] = [
            "name": name, "kind": kind.rawValue, "store": storePath,
            "levels": levels.map(MeasureOutput.levelName).joined(separator: " "),
            "outputs": outputs.map(\.rawValue).sorted().joined(separator: " "),
        ]
        switch kind {
        case .measures, .atlas, .charts:
            p["measures"] = definitions.map(\.id).joined(separator: " ")
            p["definitions"] = definitionFiles.joined(separator: " ")
            p["min_list_size"] = String(minListSize)
            if kind == .charts {
                p["boundaries"] = boundaries ?? ""
                p["boundary_key"] = boundaryKey ?? ""
                p["boundary_name"] = boundaryName ?? ""
            }
        case .biosimilars:
            p["catalogue"] = catalogue ?? ""
            p["molecules"] = molecules.joined(separator: " ")
            p["cost_basis"] = costBasis?.rawValue ?? "best"
            p["target_uptake"] = String(targetUptake)
        case .steroids:
            p["overdispersion"] = overdispersion.rawValue
            p["min_items"] = String(minItems)
            p["min_list_size"] = String(minListSize)
            p["persistence"] = "\(persistence.count)/\(persistence.months)"
        case .outliers:
            p["top"] = String(top)
        case .report:
            p["min_list_size"] = String(minListSize)
            p["boundaries"] = boundaries ?? ""
            p["boundary_key"] = boundaryKey ?? ""
            p["boundary_name"] = boundaryName ?? ""
        }
        return p.keys.sorted().map { "\($0)=\(p[$0]!)" }
    }
}
