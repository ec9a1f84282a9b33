/// Makes up names, addresses and postcodes for synthetic organisations from small word pools.
/// Output is latin-1 bytes (the published files' encoding); about one practice name in forty
/// carries an accented letter, and some contain commas, as real names do.
struct NameForge {
    private var rng: Xoshiro256StarStar

    init(seed: UInt64) { rng = Xoshiro256StarStar(keys: seed, 0x4E41_4D45) }

    static let places = ["ASHFORD", "BARTON", "BRAMLEY", "BROOKSIDE", "CASTLEFORD", "CHAPELTOWN", "CLAYTON",
        "DENHOLME", "EASTFIELD", "ELMWOOD", "FAIRFIELD", "FERNDALE", "GREENHILL", "HALTON", "HAWTHORN",
        "HIGHFIELD", "HOLMEWOOD", "KINGSWAY", "LANGLEY", "LEYBURN", "MARSDEN", "MEADOWBANK", "MILLBROOK",
        "NEWLANDS", "NORTHGATE", "OAKLANDS", "ORCHARD", "PARKSIDE", "QUEENSBURY", "REDHILL", "RIVERSIDE",
        "ROSEHILL", "SANDFORD", "SHIREBROOK", "SOUTHBANK", "STANTON", "THORNBURY", "UPLANDS", "VALLEY",
        "WATERSIDE", "WESTBURY", "WHITLEY", "WILLOWBROOK", "WOODHOUSE", "YARWOOD"]
    static let surnames = ["AHMED", "BAKER", "BROWN", "CHAUDHRY", "CLARKE", "DAVIES", "EVANS", "GREEN",
        "HALL", "HUGHES", "JACKSON", "JONES", "KHAN", "LEWIS", "MARTIN", "MORGAN", "PATEL", "PRICE",
        "ROBERTS", "SHAH", "SINGH", "SMITH", "TAYLOR", "THOMAS", "TURNER", "WALKER", "WHITE", "WILSON", "WRIGHT"]
    static let accentedSurnames = ["BRONTË", "RENÉE", "JOSÉ", "MÜLLER", "FRANÇOIS", "CLÉMENT", "SØRENSEN", "NUÑEZ"]
    static let streets = ["HIGH STREET", "STATION ROAD", "CHURCH LANE", "MILL LANE", "PARK ROAD", "VICTORIA ROAD",
        "GREEN LANE", "MANOR ROAD", "CHURCH STREET", "THE AVENUE", "QUEEN STREET", "NEW ROAD", "KING STREET"]
    static let practiceSuffixes = ["SURGERY", "MEDICAL CENTRE", "MEDICAL PRACTICE", "HEALTH CENTRE",
        "FAMILY PRACTICE", "GROUP PRACTICE"]
    static let postcodeAreas = ["B", "BD", "BL", "BN", "BS", "CB", "CV", "DE", "DN", "EX", "GL", "HD", "HU",
        "IP", "L", "LE", "LN", "LS", "M", "ME", "NE", "NG", "NR", "OX", "PL", "PO", "RG", "S", "SO", "ST",
        "TA", "TN", "WF", "WR", "WV", "YO", "CM", "CH", "GU", "HP", "LU", "MK"]

    private mutating func pick(_ pool: [String]) -> String { pool[Int(rng.next() % UInt64(pool.count))] }

    /// Latin-1 bytes of `text` (characters outside latin-1 become `?`).
    static func latin1(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : 0x3F }
    }

    mutating func place() -> String { pick(Self.places) }

    mutating func practiceName() -> [UInt8] {
        let surname = rng.uniform() < 0.05 ? pick(Self.accentedSurnames) : pick(Self.surnames)
        switch rng.next() % 6 {
        case 0: return Self.latin1("\(pick(Self.places)) \(pick(Self.practiceSuffixes))")
        case 1: return Self.latin1("DR \(surname) & PARTNERS")
        case 2: return Self.latin1("\(surname), \(pick(Self.surnames)) & \(pick(Self.surnames))")
        case 3: return Self.latin1("THE \(pick(Self.places)) \(pick(Self.practiceSuffixes))")
        case 4: return Self.latin1("\(surname) \(pick(Self.practiceSuffixes))")
        default: return Self.latin1("\(pick(Self.places)) & \(pick(Self.places)) \(pick(Self.practiceSuffixes))")
        }
    }

    mutating func address(town: String) -> [[UInt8]] {
        let number = 1 + Int(rng.next() % 180)
        return [Self.latin1("\(number) \(pick(Self.streets))"), Self.latin1(pick(Self.places)),
                Self.latin1(town), rng.uniform() < 0.5 ? Self.latin1(pick(Self.places) + "SHIRE") : []]
    }

    mutating func postcode(area: String) -> String {
        let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
        let district = 1 + Int(rng.next() % 28)
        let sector = Int(rng.next() % 10)
        let a = letters[Int(rng.next() % UInt64(letters.count))]
        let b = letters[Int(rng.next() % UInt64(letters.count))]
        return "\(area)\(district) \(sector)\(a)\(b)"
    }
}
