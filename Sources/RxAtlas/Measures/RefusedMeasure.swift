import Foundation
import RxData

/// A measure definition RxAtlas cannot run, with every reason it cannot (each field at fault),
/// not only the first.
public struct RefusedMeasure: Error, Sendable, Equatable, CustomStringConvertible {
    /// One reason: the field at fault (nil for the file as a whole) and what is wrong with it.
    public struct Reason: Sendable, Equatable {
        /// The field, e.g. `numerator_bnf_codes_query`.
        public var field: String?
        /// What is wrong, in plain words.
        public var reason: String
    }

    /// The definition's file.
    public var file: String
    /// The measure id the file would have had (its name's stem).
    public var id: String
    /// Every reason, in the file's order of sides and fields.
    public var reasons: [Reason]

    /// A refusal from the input errors found in `file`.
    public init(file: String, errors: [InputError]) {
        self.file = file
        id = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        reasons = errors.map { Reason(field: $0.field, reason: $0.reason) }
    }

    /// The refusal as one input error: the first field, every reason in the text (exit status 4).
    public var inputError: InputError {
        InputError(file: file, field: reasons.first?.field,
                   reason: reasons.count == 1 ? reasons[0].reason
                       : reasons.map { ($0.field.map { "\($0): " } ?? "") + $0.reason }.joined(separator: "; "))
    }

    public var description: String { inputError.description }
}
