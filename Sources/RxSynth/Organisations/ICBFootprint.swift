/// One of the 42 ICB footprints with its region, from the bundled `icbs.csv` (ONS, OGL v3).
struct ICBFootprint: Sendable {
    var onsCode: String
    var footprintName: String
    var odsCode: String
    var regionONSCode: String
    var regionName: String
    var regionODSCode: String

    /// The 42 footprints of the bundled table.
    static let all: [ICBFootprint] = {
        ReferenceTable.records("icbs.csv").dropFirst().map(\.fields).map {
            ICBFootprint(onsCode: $0[0], footprintName: $0[1], odsCode: $0[2], regionONSCode: $0[3],
                         regionName: $0[4], regionODSCode: $0[5])
        }
    }()

    /// The footprint's name as an ICB name, in upper case without partnership suffixes
    /// (`GREATER MANCHESTER`).
    var shortName: String {
        var name = footprintName.uppercased().replacingOccurrences(of: ",", with: "")
        for suffix in [" HEALTH AND SOCIAL CARE PARTNERSHIP", " (HEALTH AND CARE PARTNERSHIP)",
                       " HEALTH AND CARE PARTNERSHIP", " PARTNERS IN HEALTH AND CARE", " HEALTH AND CARE ICS",
                       " HEALTH AND CARE"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
        }
        for prefix in ["OUR HEALTHIER ", "JOINED UP CARE ", "HEALTHIER "] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
        }
        return name
    }
}

import Foundation
