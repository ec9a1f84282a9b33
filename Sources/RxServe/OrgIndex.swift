import Foundation
import RxAtlas
import RxData

/// The organisation directory arranged for the server's look-ups, built once when the store is
/// opened: each code's level and name, the search list in its answer order, and each
/// organisation's parents and children. A request then costs a look-up or one pass over the
/// search keys, not a pass over every practice with sorting.
struct OrgIndex: Sendable {
    /// The levels from the practice up.
    static let levels: [OrgLevel] = [.practice, .pcn, .subICB, .icb, .region, .nation]

    /// Each code's level and name (a practice's code is taken as the practice).
    private(set) var byCode: [String: (level: OrgLevel, name: String?)] = [:]
    /// Every organisation in search order (nations, regions, ICBs, sub-ICBs, PCNs, then
    /// practices, each by code), with its lower-case code and name to match.
    private(set) var searchList: [(summary: OrgSummary, code: String, name: String)] = []
    /// The search keys as bytes, `code\nname` per organisation, in ``searchList``'s order.
    private var keys: [[UInt8]] = []
    /// Each organisation's parents, from the level above it up.
    private(set) var parents: [String: [OrgSummary]] = [:]
    /// Each organisation's children, one level down, by code.
    private(set) var children: [String: [OrgSummary]] = [:]

    init(_ orgs: OrgDirectory) {
        let practices = orgs.practices.values.sorted { $0.code < $1.code }
        var areas: [OrgLevel: Set<String>] = [:]
        for p in practices {
            for (level, code) in p.parents { areas[level, default: []].insert(code) }
        }
        func summary(_ level: OrgLevel, _ code: String) -> OrgSummary {
            OrgSummary(level: MeasureOutput.levelName(level), code: code,
                       name: level == .practice ? orgs.practices[code]?.name : orgs.names[level]?[code])
        }
        for level in [OrgLevel.nation, .region, .icb, .subICB, .pcn] {
            for code in (areas[level] ?? []).sorted() {
                let s = summary(level, code)
                if byCode[code] == nil { byCode[code] = (level, s.name) }
                searchList.append((s, code.lowercased(), (s.name ?? "").lowercased()))
            }
        }
        for p in practices {
            byCode[p.code] = (.practice, p.name)
            searchList.append((summary(.practice, p.code), p.code.lowercased(), (p.name ?? "").lowercased()))
        }
        keys = searchList.map { Array(($0.code + "\n" + $0.name).utf8) }
        // Parents from the first member practice (by code); children one level down, in code order.
        var seen = Set<String>()
        for p in practices {
            for (at, level) in Self.levels.enumerated() {
                guard let code = level == .practice ? p.code : p.parents[level] else { continue }
                if parents[code] == nil {
                    parents[code] = Self.levels[(at + 1)...].compactMap { up in p.parents[up].map { summary(up, $0) } }
                }
                guard at > 0 else { continue }
                let below = Self.levels[at - 1]
                guard let child = below == .practice ? p.code : p.parents[below], seen.insert(code + "\u{1}" + child).inserted else { continue }
                children[code, default: []].append(summary(below, child))
            }
        }
    }

    /// Organisations whose code or name holds `text` (lower case), at most `limit`, in search order.
    func search(_ text: String, limit: Int = 50) -> [OrgSummary] {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, !needle.contains(UInt8(ascii: "\n")) else { return [] }
        var out: [OrgSummary] = []
        needle.withUnsafeBytes { n in
            for (i, key) in keys.enumerated() {
                guard key.withUnsafeBytes({ Self.contains($0, n) }) else { continue }
                out.append(searchList[i].summary)
                if out.count == limit { break }
            }
        }
        return out
    }

    /// Whether `haystack` holds the bytes of `needle` (not empty): each place where the first
    /// byte occurs (found with memchr) is compared whole.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Bool {
        guard let h = haystack.baseAddress, let n = needle.baseAddress, needle.count <= haystack.count else { return false }
        let first = Int32(needle[0]), last = haystack.count - needle.count
        var at = 0
        while at <= last, let p = memchr(h + at, first, last - at + 1) {
            let i = h.distance(to: UnsafeRawPointer(p))
            if memcmp(h + i, n, needle.count) == 0 { return true }
            at = i + 1
        }
        return false
    }
}
