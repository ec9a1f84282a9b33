/// Turns field bytes into text: quotes unescaped, surrounding spaces trimmed, and decoded as
/// UTF-8 when the bytes are valid UTF-8, otherwise as latin-1 (the NHSBSA files' encoding).
/// ASCII, the overwhelming case, reads the same either way.
public enum FieldText {
    /// Decodes `p[0..<count]`; `escaped` says the field holds doubled quotes to collapse.
    public static func string(_ p: UnsafePointer<UInt8>, count: Int, escaped: Bool = false) -> String {
        var start = 0, end = count
        while start < end && p[start] == 0x20 { start += 1 }
        while end > start && p[end - 1] == 0x20 { end -= 1 }
        var bytes = Array(UnsafeBufferPointer(start: p + start, count: end - start))
        if escaped {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                out.append(bytes[i])
                if bytes[i] == 0x22 && i + 1 < bytes.count && bytes[i + 1] == 0x22 { i += 2 } else { i += 1 }
            }
            bytes = out
        }
        return decode(bytes)
    }

    /// Decodes bytes as UTF-8 if valid, else latin-1.
    public static func decode(_ bytes: [UInt8]) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) }))
    }
}
