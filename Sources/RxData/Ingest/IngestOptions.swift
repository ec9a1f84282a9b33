/// What one `ingest` run reads and how.
public struct IngestOptions: Sendable {
    /// Prescribing files and PDPI ADDR/CHEM companions, in order.
    public var files: [String]
    /// List-size files.
    public var listSizes: [String]
    /// The month for list-size files that carry no date (and whose name gives none).
    public var listSizeMonth: YearMonth?
    /// An org mapping CSV, applied over what the prescribing files say.
    public var orgMapping: String?
    /// A BNF code mapping CSV, applied before summing.
    public var codeMapping: String?
    /// What to do with bad lines.
    public var errorPolicy: ErrorPolicy
    /// Worker threads.
    public var threads: Int
    /// The software version recorded in the store's provenance log.
    public var softwareVersion: String
    /// Seconds to wait for another writer of the store (nil: fail at once).
    public var wait: Double? = nil
    /// Accept a month that holds a tiny share of a file's rows (see ``StoreIngest``).
    public var allowPartialMonths = false
    /// Replace stored months with far less data (under half their rows or prescribers).
    public var replace = false
    /// Official area names and code histories applied to the directory before it is stored
    /// (the CLI passes the bundled Scottish health boards and HSCPs); nil applies none.
    public var areaReference: AreaReference? = nil

    /// Creates options.
    public init(files: [String], listSizes: [String] = [], listSizeMonth: YearMonth? = nil, orgMapping: String? = nil,
                codeMapping: String? = nil, errorPolicy: ErrorPolicy = .fail, threads: Int = ProcessInfoThreads.active,
                softwareVersion: String) {
        self.files = files
        self.listSizes = listSizes
        self.listSizeMonth = listSizeMonth
        self.orgMapping = orgMapping
        self.codeMapping = codeMapping
        self.errorPolicy = errorPolicy
        self.threads = threads
        self.softwareVersion = softwareVersion
    }
}
