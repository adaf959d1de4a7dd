/// Traps (which libFuzzer reports as a crash, keeping the input) when a promise breaks.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError(message()) }
}

/// The input as text, the way heed reads a file it was given: UTF-8, invalid bytes replaced.
public func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
    String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
}

/// The input cut into `count` texts at NUL bytes (missing parts are empty).
public func parts(_ data: UnsafePointer<UInt8>?, _ size: Int, count: Int) -> [String] {
    var pieces = text(data, size).split(separator: "\0", maxSplits: count - 1, omittingEmptySubsequences: false).map(String.init)
    while pieces.count < count { pieces.append("") }
    return pieces
}
