import Foundation
import RxData
import ZIPFoundation

/// The XML files of a dm+d release, found among the paths a user gives: the release's folder or
/// zip (`f_lookup2_…`, `f_ingredient2_…`, `f_vtm2_…`, `f_vmp2_…`, `f_vmpp2_…`, `f_amp2_…`,
/// `f_ampp2_…`, and `f_gtin2_…`, which is not needed) and the supplementary ("bonus") release's
/// BNF file (`f_bnf1_…`, in its zip's own `…BNF.zip`), which maps VMPs and AMPs to BNF codes.
/// Zips are unpacked into a temporary folder, nested zips included.
struct DMDReleaseFiles {
    /// The release files by kind (`vmp`, `amp`, …, `bnf`).
    var files: [String: String] = [:]
    /// Where zips were unpacked (removed by ``cleanUp()``).
    private var scratch: String?

    /// The kinds a release must have.
    static let required = ["lookup", "ingredient", "vtm", "vmp", "vmpp", "amp", "ampp", "bnf"]

    /// Finds the files under `paths` (folders searched recursively, zips unpacked).
    /// - Throws: ``DMDError`` for a missing path, two files of one kind, or a kind missing.
    init(paths: [String]) throws {
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DMDError(file: path, reason: "does not exist")
            }
            if isDirectory.boolValue {
                try addFolder(path)
            } else if path.lowercased().hasSuffix(".zip") {
                try addZip(path)
            } else {
                try add(path)
            }
        }
        let missing = Self.required.filter { files[$0] == nil }
        guard missing.isEmpty else {
            let bonus = missing == ["bnf"]
                ? "the BNF codes come from the supplementary release (the dm+d 'bonus' zip, its BNF file f_bnf1_…xml); give it too"
                : "a dm+d release has f_\(missing[0])\(missing[0] == "bnf" ? "1" : "2")_….xml; give the release's folder or zip"
            throw DMDError(file: paths.joined(separator: " "), reason: "holds no " + missing.map { "f_\($0)" }.joined(separator: ", ") + " file: " + bonus)
        }
    }

    /// Removes the unpacked zips.
    func cleanUp() {
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }

    /// The kind of a release file by its name (`f_vmp2_3011225.xml` is `vmp`), or nil.
    static func kind(of name: String) -> String? {
        let n = name.lowercased()
        guard n.hasPrefix("f_"), n.hasSuffix(".xml") else { return nil }
        for kind in ["lookup", "ingredient", "vtm", "vmpp", "vmp", "ampp", "amp", "gtin"] where n.hasPrefix("f_\(kind)2_") { return kind }
        return n.hasPrefix("f_bnf1_") ? "bnf" : nil
    }

    private mutating func add(_ path: String) throws {
        guard let kind = Self.kind(of: (path as NSString).lastPathComponent) else { return }
        if let other = files[kind], other != path {
            throw DMDError(file: path, reason: "is a second f_\(kind) file (also \(other)); give one release")
        }
        files[kind] = path
    }

    private mutating func addFolder(_ folder: String) throws {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { throw DMDError(file: folder, reason: "cannot be listed") }
        var found: [String] = []
        while let relative = walker.nextObject() as? String { found.append(relative) }
        for relative in found.sorted() {
            let path = folder + "/" + relative
            if relative.lowercased().hasSuffix(".zip") { try addZip(path) } else { try add(path) }
        }
    }

    private mutating func addZip(_ zip: String) throws {
        if scratch == nil {
            scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-dmd-\(UUID().uuidString)").path
        }
        let into = scratch! + "/" + String(XXH64.hash(Array(zip.utf8)), radix: 16)
        do {
            try FileManager.default.createDirectory(atPath: into, withIntermediateDirectories: true)
            let archive = try Archive(url: URL(fileURLWithPath: zip), accessMode: .read)
            for entry in archive where entry.type == .file {
                let name = (entry.path as NSString).lastPathComponent
                guard Self.kind(of: name) != nil || name.lowercased().hasSuffix(".zip") else { continue }
                let target = into + "/" + name
                _ = try archive.extract(entry, to: URL(fileURLWithPath: target))
                if name.lowercased().hasSuffix(".zip") { try addZip(target) } else { try add(target) }
            }
        } catch let e as DMDError {
            throw e
        } catch {
            throw DMDError(file: zip, reason: "cannot be unpacked: \(error)")
        }
    }
}
