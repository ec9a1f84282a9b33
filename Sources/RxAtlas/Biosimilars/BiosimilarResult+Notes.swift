extension BiosimilarResult {
    /// Why an organisation's row for a molecule shows no target-uptake saving, in plain words, or
    /// nil when it shows one.
    ///
    /// The national reasons come from the molecule's equivalence groups (``BiosimilarGroupPrice/note``:
    /// no biosimilar prescribed, none catalogued, no originator, or no cheaper biosimilar); failing
    /// those, the row's own uptake already meets the target, or it prescribed no originator.
    public func noSavingReason(_ row: BiosimilarOpportunity) -> String? {
        guard !(row.targetUptake > 0) else { return nil }
        var notes: [String] = []
        for g in prices where g.molecule == row.molecule && !g.note.isEmpty && !notes.contains(g.note) { notes.append(g.note) }
        if !notes.isEmpty { return notes.joined(separator: "; ") }
        if !(row.originatorQuantity > 0) { return "no originator prescribed: nothing to switch" }
        if row.uptake >= options.targetUptake { return "uptake already at or above the target" }
        return "no originator prescribing above the best-value price"
    }
}
