import FuzzSupport
import HeedUI

/// libFuzzer's entry: one input is a template, an author handle and a name, cut at NULs.
/// Filling never crashes, never fills a value again (the result is what one left-to-right
/// pass gives), and never grows past `Template.maxFilled`.
@_cdecl("LLVMFuzzerTestOneInput")
public func templateFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = parts(data, size, count: 3)
    let values = ["{author}": input[1], "{name}": input[2], "{platform}": "mastodon"]
    let filled = Template.fill(input[0], values)
    require(filled.utf8.count <= Template.maxFilled, "filled to \(filled.utf8.count) bytes")
    var expected = ""
    var rest = Substring(input[0])
    while !rest.isEmpty, expected.utf8.count < Template.maxFilled {
        if let key = values.keys.first(where: { rest.hasPrefix($0) }) {
            expected += String(values[key]!.prefix(Template.maxValue))
            rest = rest.dropFirst(key.count)
        } else {
            expected.append(rest.removeFirst())
        }
    }
    if expected.utf8.count <= Template.maxFilled { require(filled == expected, "filled \(filled.debugDescription), one pass gives \(expected.debugDescription)") }
    return 0
}
