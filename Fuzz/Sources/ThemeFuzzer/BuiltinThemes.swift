/// No shipped themes in the fuzzer: what it builds comes from its input alone (the shipped
/// theme files are among its seeds).
enum BuiltinThemes {
    static let files: [(name: String, text: String)] = []
}
