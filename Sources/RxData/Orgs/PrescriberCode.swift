/// What kind of prescriber a prescribing row's practice code names.
public enum PrescriberKind: String, Sendable, Codable, CaseIterable {
    /// A GP practice code (standard or not: see ``OrgDirectory/isStandardPractice(_:)``).
    case practice
    /// Unidentified prescribing (EPD `PRACTICE_CODE` `-` or `UNIDENTIFIED` = `Y`), kept as its own
    /// bucket per area and never merged into a practice.
    case unidentified
    /// A non-practice dispenser or prescriber (Scotland's GPPractice 99996 community pharmacy,
    /// 99997 unallocated, 99998 hospital, 99999 dental).
    case nonPractice = "non_practice"
}

/// Conventions for prescriber codes in the store.
public enum PrescriberCode {
    /// The bucket code for unidentified prescribing within an area: `-` followed by `@` and the
    /// area's code (e.g. `-@11M00`), or `-` alone when the row names no area.
    public static func unidentified(area: String?) -> String {
        guard let area, !area.isEmpty else { return "-" }
        return "-@" + area
    }

    /// Whether bytes from a prescribing row can be a prescriber code: 2 to 10 ASCII letters and
    /// digits (England's ODS codes such as `A81001`, Scotland's five-digit codes such as
    /// `10002`). Anything else — a byte-order mark or other stray byte inside the field, a space,
    /// a literal `-@…` — is refused, so that it can neither create a phantom practice nor join
    /// another code or an unidentified bucket. Unidentified prescribing is recognised only by the
    /// layout's own rule (`-` or `UNIDENTIFIED` = `Y`), never from a code's spelling.
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard (2...10).contains(bytes.count) else { return false }
        return bytes.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }
    }

    /// ``isValid(_:)`` for a string.
    public static func isValid(_ code: String) -> Bool {
        var c = code
        return c.withUTF8 { isValid($0) }
    }

    /// Scotland's GSS code, the nation of Public Health Scotland's data.
    public static let scotlandCode = "S92000003"

    /// The kind a stored practice code denotes.
    public static func kind(of code: String) -> PrescriberKind {
        if code.hasPrefix("-") { return .unidentified }
        if let label = scottishNonPracticeLabel(code) { _ = label; return .nonPractice }
        return .practice
    }

    /// Whether bytes are one of Scotland's non-practice GPPractice codes, 99996 to 99999.
    public static func isScottishNonPractice(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 5 && bytes[0] == 0x39 && bytes[1] == 0x39 && bytes[2] == 0x39 && bytes[3] == 0x39
            && bytes[4] >= 0x36 && bytes[4] <= 0x39
    }

    /// Scotland's non-practice GPPractice codes and what they mean, also as a board's bucket
    /// (`99996@S08000015`, as ingest stores them); nil for any other code.
    public static func scottishNonPracticeLabel(_ code: String) -> String? {
        switch code.prefix(while: { $0 != "@" }) {
        case "99996": "community pharmacy"
        case "99997": "unallocated"
        case "99998": "hospital"
        case "99999": "dental"
        default: nil
        }
    }
}
