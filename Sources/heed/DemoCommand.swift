import ArgumentParser
import Foundation
import HeedOutbox
import HeedStore

/// `heed demo`: the queue on a throwaway store of sample mentions; nothing of the user's is touched.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Open the queue on a throwaway store filled with sample mentions.")

    func run() throws {
        var template = Array((NSTemporaryDirectory() + "/heed-demo-XXXXXX").utf8CString)
        guard let folder = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw HeedExit.failure("cannot create a temporary folder for the demo")
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try openStore(folder + "/demo.sqlite")
        let now = Date()
        _ = try store.importing(now: now) { sink in
            for mention in DemoData.mentions(now: now) { try sink.put(mention) }
        }
        try Screenful.run(store: store, outbox: Outbox(path: folder + "/outbox.jsonl"), label: "demo")
    }
}
