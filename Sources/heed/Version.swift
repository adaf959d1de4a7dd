/// heed's version, as `heed --version` prints it.
enum Version {
    static let current = "0.1.0"
}
