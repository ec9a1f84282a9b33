import RxAtlas
import RxData

/// The warnings a command owes its user about the definitions it loaded: every one that cannot
/// run, with all its reasons, and every note on one that runs (a side selecting nothing).
enum DefinitionWarnings {
    /// Prints them through `progress`; `outcome` says what happens to the refused ones.
    static func report(refused: [RefusedMeasure], running: [MeasureDefinition], outcome: String, progress: ProgressReporter) {
        if !refused.isEmpty {
            progress.message("\(refused.count) of \(refused.count + running.count) definitions cannot run \(outcome):", level: .warning)
            for r in refused {
                progress.message("  \(r.id): " + r.reasons.map { ($0.field.map { "\($0): " } ?? "") + $0.reason }.joined(separator: "; "),
                                 level: .warning)
            }
        }
        for d in running {
            for note in d.notes { progress.message("\(d.id): \(note)", level: .warning) }
        }
    }
}
