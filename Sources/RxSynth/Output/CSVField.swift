/// CSV quoting of one field.
public enum CSVField {
    /// The field as written: quoted with doubled quotes when it holds a comma, quote, CR or LF.
    public static func encode(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return bytes }
        var out: [UInt8] = [0x22]
        for b in bytes {
            if b == 0x22 { out.append(0x22) }
            out.append(b)
        }
        out.append(0x22)
        return out
    }

    /// The field as written, from ASCII/latin-1 text.
    public static func encode(_ text: String) -> [UInt8] { encode(NameForge.latin1(text)) }
}
