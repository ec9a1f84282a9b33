/// How an input file is packed, judged from its name and confirmed from its first bytes.
public enum InputCompression: String, Sendable {
    /// Plain text, memory-mapped.
    case none
    /// A gzip stream (`.gz`).
    case gzip
    /// A zip archive (`.zip`); its single CSV member (or the one the caller names) is read.
    case zip

    /// Detects the packing from the file's leading magic bytes.
    static func detect(magic: [UInt8]) -> InputCompression {
        if magic.count >= 2 && magic[0] == 0x1F && magic[1] == 0x8B { return .gzip }
        // A zip starts with a local file header (PK 03 04), or, when it holds nothing, with the
        // end-of-central-directory record (PK 05 06).
        if magic.count >= 4 && magic[0] == 0x50 && magic[1] == 0x4B
            && ((magic[2] == 0x03 && magic[3] == 0x04) || (magic[2] == 0x05 && magic[3] == 0x06)) { return .zip }
        return .none
    }
}
