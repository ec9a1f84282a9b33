/// What a generation run wrote.
public struct SynthSummary: Sendable {
    /// One generated month.
    public struct Month: Sendable {
        /// The month.
        public var month: String
        /// EPD rows written (excluding the header).
        public var rows: Int
        /// Uncompressed EPD bytes.
        public var bytes: Int
        /// The EPD file written.
        public var path: String
    }
    /// Months in order.
    public var months: [Month] = []
    /// All files written.
    public var files: [String] = []
    /// Wall-clock seconds spent generating EPD files.
    public var epdSeconds: Double = 0
    /// Uncompressed EPD bytes over all months.
    public var epdBytes: Int { months.reduce(0) { $0 + $1.bytes } }
    /// EPD rows over all months.
    public var epdRows: Int { months.reduce(0) { $0 + $1.rows } }
}
