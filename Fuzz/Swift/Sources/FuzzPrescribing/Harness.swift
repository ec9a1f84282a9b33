import Foundation
import RxData

/// The whole CSV path on one input: layout detection from the header, line splitting, decimal
/// parsing, code checks and month assembly, with bad lines set aside (so that reading goes on
/// past them), on one and on two threads, which must agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPrescribing(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let path = "/dev/shm/rxatlas-fuzz-csv-\(getpid()).csv"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size)) else { return 0 }
    let quarantine = ErrorPolicy.quarantine(path: "/dev/null")
    let one = try? PrescribingReader(errorPolicy: quarantine, threads: 1, chunkSize: 512).read(path: path)
    let two = try? PrescribingReader(errorPolicy: quarantine, threads: 2, chunkSize: 97).read(path: path)
    if let one, let two {
        precondition(one.months == two.months, "threads and chunk sizes changed the months")
        precondition(one.summary.linesRead == two.summary.linesRead, "threads and chunk sizes changed the line count")
    } else {
        precondition(one == nil && two == nil, "one reading failed and the other did not")
    }
    return 0
}
