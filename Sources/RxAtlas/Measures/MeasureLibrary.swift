import Foundation
import RxData
import RxReference

/// Loads measure definitions from files and directories, and finds the built-in library.
///
/// Each `.json` file holds one measure, in RxAtlas's format (``RxAtlasMeasureFormat``, told by
/// its `numerator` object) or OpenPrescribing's (``OpenPrescribingMeasureFormat``, told by its
/// `numerator_type`); each `.yaml`/`.yml` file one in OpenPrescribing's second format
/// (``OpenPrescribingV2Format``). The format is detected per file.
public enum MeasureLibrary {
    /// The built-in library's place relative to a package or install root.
    public static let builtInRelativePath = "measures"

    /// Reads every definition under `paths` (files, or directories whose `*.json` and `*.yaml` files are
    /// read in name order, not recursing).
    /// - Returns: the definitions in the order read.
    /// - Throws: ``InputError`` naming the file (and field) at fault; two definitions with the
    ///   same id are an error naming both files.
    public static func load(paths: [String]) throws -> [MeasureDefinition] {
        var out: [MeasureDefinition] = []
        var seen: [String: String] = [:]
        for file in try files(paths) {
            let m = try read(file: file)
            if let first = seen[m.id] {
                throw InputError(file: file, field: "id",
                                 reason: "duplicate measure id '\(m.id)': also defined in \(first)")
            }
            seen[m.id] = file
            out.append(m)
        }
        return out
    }

    /// What ``loadRunnable(paths:)`` found: the definitions that run, and every other one with all
    /// its reasons.
    public struct Loaded: Sendable {
        /// The definitions RxAtlas runs, in the order read.
        public var definitions: [MeasureDefinition]
        /// The definitions it cannot run, in the order read.
        public var refused: [RefusedMeasure]
    }

    /// Reads every definition under `paths` that RxAtlas can run, and lists every other one with
    /// all its reasons instead of stopping at the first (`rxatlas measures --definitions DIR`).
    /// - Throws: ``InputError`` for a path that does not exist or cannot be listed, and for two
    ///   runnable definitions with the same id.
    /// - Parameter codeQueries: runs definitions' `*_bnf_codes_query` (a dm+d release; nil:
    ///   those definitions are refused).
    /// - Parameter firstFormat: files or directories of OpenPrescribing's first-format (JSON)
    ///   definitions, read for the second-format (YAML) ones whose code list is empty
    ///   (``OpenPrescribingV2Format/FirstFormatCodes``); they are not run themselves.
    public static func loadRunnable(paths: [String], codeQueries: (any BNFCodeQueryResolver)? = nil,
                                    firstFormat: [String] = []) throws -> Loaded {
        let companions = firstFormat.isEmpty ? nil
            : OpenPrescribingV2Format.FirstFormatCodes(try loadRunnable(paths: firstFormat, codeQueries: codeQueries))
        var out = Loaded(definitions: [], refused: [])
        var seen: [String: String] = [:]
        for file in try files(paths) {
            do {
                let m = try decodeFile(file, codeQueries: codeQueries, firstFormat: companions)
                if let first = seen[m.id] {
                    throw InputError(file: file, field: "id", reason: "duplicate measure id '\(m.id)': also defined in \(first)")
                }
                seen[m.id] = file
                out.definitions.append(m)
            } catch let r as RefusedMeasure {
                out.refused.append(r)
            } catch let e as InputError where !e.isUnreadable && e.field != "id" {
                out.refused.append(RefusedMeasure(file: file, errors: [e]))
            }
        }
        return out
    }

    /// Reads one definition file, detecting its format.
    /// - Throws: ``InputError`` naming the file and every field at fault.
    public static func read(file: String) throws -> MeasureDefinition {
        do { return try decodeFile(file) } catch let r as RefusedMeasure { throw r.inputError }
    }

    /// Reads one definition file; a definition RxAtlas cannot run throws ``RefusedMeasure``.
    static func decodeFile(_ file: String, codeQueries: (any BNFCodeQueryResolver)? = nil,
                           firstFormat: OpenPrescribingV2Format.FirstFormatCodes? = nil) throws -> MeasureDefinition {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw InputError(file: file, reason: "cannot be read: \(error.localizedDescription)", isUnreadable: true)
        }
        if OpenPrescribingV2Format.recognises(file: file) { return try OpenPrescribingV2Format.decode(data, file: file, codeQueries: codeQueries, firstFormat: firstFormat) }
        let object = try MeasureJSONObject.parse(data, file: file)
        if RxAtlasMeasureFormat.recognises(object) { return try RxAtlasMeasureFormat.decode(object) }
        if OpenPrescribingMeasureFormat.recognises(object) { return try OpenPrescribingMeasureFormat.decode(object, codeQueries: codeQueries) }
        throw InputError(file: file, field: "numerator",
                         reason: "not a measure definition: neither a 'numerator' object (RxAtlas format) nor 'numerator_type' (OpenPrescribing format)")
    }

    /// The built-in library (`Sources/RxReference/reference/measures`).
    /// - Parameter directory: an explicit directory to use instead of searching.
    /// - Throws: ``InputError`` when the directory cannot be found or a definition is bad.
    public static func builtIn(directory: String? = nil) throws -> [MeasureDefinition] {
        let dir = try builtInDirectory(explicit: directory)
        let measures = try load(paths: [dir])
        guard !measures.isEmpty else { throw InputError(file: dir, reason: "the built-in measure library is empty") }
        return measures
    }

    /// Finds the built-in library's directory: `explicit` when given; otherwise the bundled
    /// `measures` directory (``RxReference/ReferenceFiles``).
    /// - Throws: ``InputError`` saying where it looked.
    public static func builtInDirectory(explicit: String? = nil) throws -> String {
        let fm = FileManager.default
        func isDirectory(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
        if let explicit {
            guard isDirectory(explicit) else {
                throw InputError(file: explicit, reason: "the measure library directory does not exist")
            }
            return explicit
        }
        let found = try ReferenceFiles.locate(builtInRelativePath,
                                              hint: "pass the measure library's directory explicitly (--definitions DIR)")
        guard isDirectory(found) else { throw InputError(file: found, reason: "the built-in measure library is not a directory") }
        return found
    }

    /// The definition files named by `paths`, directories expanded to their `*.json` files.
    static func files(_ paths: [String]) throws -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw InputError(file: path, reason: "no such file or directory", isUnreadable: true)
            }
            if isDir.boolValue {
                let names: [String]
                do { names = try fm.contentsOfDirectory(atPath: path) } catch {
                    throw InputError(file: path, reason: "cannot list the directory: \(error.localizedDescription)", isUnreadable: true)
                }
                let json = names.filter { n in
                    !n.hasPrefix(".") && (n.lowercased().hasSuffix(".json") || OpenPrescribingV2Format.recognises(file: n))
                }.sorted()
                out += json.map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
            } else {
                out.append(path)
            }
        }
        return out
    }
}
