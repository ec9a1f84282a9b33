/// A sink that keeps everything in memory (for tests and small outputs).
public final class MemorySink: ByteSink {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether ``finish()`` has been called.
    public private(set) var isFinished = false

    /// An empty sink.
    public init() {}

    public func write(_ chunk: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: chunk) }
    public func finish() throws { isFinished = true }
}
