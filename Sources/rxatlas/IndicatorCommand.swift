import ArgumentParser
import Foundation
import RxData
import RxStats

/// `rxatlas indicator`: intervals, funnel limits, z-scores, flags and overdispersion for any
/// indicator table.
struct IndicatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: "Intervals, funnel limits and outlier flags for any table of units.",
        discussion: """
        Reads a CSV with a unit, a numerator and a denominator per row (for --type ratio the \
        denominator is the expected count) and writes one row per unit: value, 95% and 99.8% \
        intervals, funnel limits at the unit's denominator, z-score and flag \
        (high998, high95, none, low95, low998). Bad rows stop the run with the line named, and no \
        output is written.

        Examples:
          rxatlas indicator --input indicator.csv --type proportion \\
              --multiplier 100 --out funnel.csv
          rxatlas indicator --input admissions.csv --type ratio \\
              --limits spiegelhalter --overdispersion additive
        """
    )

    @OptionGroup var log: LogOptions

    @Option(help: "The indicator table (CSV, .gz or .zip).")
    var input: String

    @Option(help: "proportion, rate or ratio.")
    var type: String

    @Option(help: "Unit column.") var unit = "unit"
    @Option(help: "Numerator column.") var numerator = "numerator"
    @Option(help: "Denominator column (expected count for a ratio).") var denominator = "denominator"

    @Option(parsing: .unconditional, help: "Multiplies values and limits (100 for %, 1000 per 1,000).")
    var multiplier: Double = 1

    @Option(parsing: .unconditional, help: "Comparator before the multiplier (default: pooled Σnum/Σden; 1 for a ratio).")
    var target: Double?

    @Option(help: "phe or spiegelhalter.")
    var limits: String = "spiegelhalter"

    @Option(help: "none, multiplicative or additive (Spiegelhalter limits; default additive).")
    var overdispersion: String?

    @Option(parsing: .unconditional, help: "Winsorisation fraction at each end before estimating phi.")
    var trim: Double = 0.1

    @Option(help: "Write target, n, phi, tau2 and adjusted as JSON here.")
    var summary: String?

    @Option(help: "Write funnel limits over a range of denominators here, for plotting.")
    var curve: String?

    @Option(name: .customLong("curve-points"), parsing: .unconditional, help: "Points in the curve file.")
    var curvePoints: Int = 100

    @Option(help: "Output CSV (default: standard output).")
    var out: String?

    func run() throws {
        guard let kind = IndicatorType(rawValue: type) else { throw ValidationError("--type must be proportion, rate or ratio") }
        guard let style = FunnelStyle(rawValue: limits) else { throw ValidationError("--limits must be phe or spiegelhalter") }
        guard let od = OverdispersionMethod(rawValue: overdispersion ?? "additive") else {
            throw ValidationError("--overdispersion must be none, multiplicative or additive")
        }
        guard (0..<0.5).contains(trim) else { throw ValidationError("--trim must be at least 0 and below 0.5") }
        if style == .phe, let given = overdispersion, given != "none" {
            throw ValidationError("--overdispersion applies to --limits spiegelhalter; PHE limits are not adjusted")
        }
        if style == .phe, kind == .ratio, let target, target != 1 {
            throw ValidationError("PHE ratio limits are drawn around 1; use --limits spiegelhalter for another target")
        }
        let table = try IndicatorTable.read(
            path: input, unit: unit, numerator: numerator, denominator: denominator,
            rules: .init(numeratorWithinDenominator: kind == .proportion, positiveDenominator: true))
        let options = IndicatorOptions(type: kind, multiplier: multiplier, target: target, limits: style,
                                       overdispersion: style == .phe ? .none : od, trim: trim)
        let result = try IndicatorAnalysis.run(numerators: table.numerators, denominators: table.denominators, options: options)

        func na(_ v: Double) -> String { CSVWriter.number(v, missing: "NA") }
        let header = ["unit", "numerator", "denominator", "value", "lower95", "upper95", "lower998", "upper998", "method",
                      "funnel_lower95", "funnel_upper95", "funnel_lower998", "funnel_upper998", "z", "flag"]
        let row: (Int) -> [String] = { i in
            [table.units[i], na(table.numerators[i]), na(table.denominators[i]),
             na(result.value[i]), na(result.lower95[i]), na(result.upper95[i]),
             na(result.lower998[i]), na(result.upper998[i]), result.method[i]?.shortName ?? "NA",
             na(result.funnel.lower95[i]), na(result.funnel.upper95[i]),
             na(result.funnel.lower998[i]), na(result.funnel.upper998[i]),
             na(result.funnel.z[i]), result.funnel.flags[i].rawValue]
        }
        if let out {
            try CSVWriter.write(path: out, header: header, count: table.units.count, row: row)
        } else {
            var text = CSVWriter.line(header)
            for i in 0..<table.units.count { text += CSVWriter.line(row(i)) }
            print(text, terminator: "")
        }
        if let summary {
            let s = result.summary
            let json: [String: Any] = ["target": s.target * multiplier, "n": s.n, "phi": s.phi, "tau2": s.tau2,
                                       "adjusted": s.adjusted, "method": s.method.rawValue, "limits": style.rawValue,
                                       "type": kind.rawValue, "multiplier": multiplier]
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            try AtomicFile.write(data, to: summary)
        }
        if let curve {
            let lo = table.denominators.min()!, hi = table.denominators.max()!
            let points = IndicatorAnalysis.curve(range: lo...hi, points: curvePoints, target: result.summary.target,
                                                 summary: result.summary, options: options)
            try CSVWriter.write(path: curve, header: ["denominator", "lower95", "upper95", "lower998", "upper998", "target"],
                                count: points.count) { k in
                let p = points[k]
                return [na(p.denominator), na(p.limits.lower95), na(p.limits.upper95),
                        na(p.limits.lower998), na(p.limits.upper998), na(p.target)]
            }
        }
    }
}
