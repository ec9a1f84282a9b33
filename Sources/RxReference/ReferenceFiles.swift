import Foundation
import RxData

/// The reference tables RxAtlas ships with (ICB footprints and hex layout, the built-in measure
/// library, the ICS dose tables, the biosimilar catalogue and the generator's catalogue), bundled
/// as this module's SwiftPM resource (`reference/`, found through `Bundle.module`), so they are
/// found the same way from a checkout, a test run, an installed binary (`make install` puts the
/// resource bundle beside it) or another package that depends on RxAtlas.
public enum ReferenceFiles {
    /// The bundled `reference` directory.
    public static var directory: String {
        Bundle.module.url(forResource: "reference", withExtension: nil)?.path
            ?? Bundle.module.bundleURL.appendingPathComponent("reference").path
    }

    /// The path of a bundled file or directory, `relativePath` inside ``directory``
    /// (`biosimilars.csv`, `measures`, `ics/ics_dose_rules.csv`).
    /// - Throws: ``RxData/InputError`` naming the path when the bundle lacks it, with `hint`
    ///   saying what to pass instead.
    public static func locate(_ relativePath: String, hint: String) throws -> String {
        let path = directory + "/" + relativePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, reason: "the bundled reference file is missing (an incomplete installation?); \(hint)")
        }
        return path
    }

    /// The text of a bundled table, decoded as ISO 8859-1 (the NHSBSA's encoding, which the
    /// tables keep; ASCII files read the same either way).
    public static func text(_ relativePath: String) throws -> String {
        let path = try locate(relativePath, hint: "reinstall rxatlas with `make install`")
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let text = String(data: data, encoding: .isoLatin1) else {
            throw InputError(file: path, reason: "is not ISO 8859-1 text")
        }
        return text
    }
}
