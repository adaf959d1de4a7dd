import Foundation
import HeedUI

/// Saved replies: every text file in the templates folder, by name.
public enum Templates {
    /// The templates in `folder`: regular text files of up to 64 KiB, named without their extension, sorted by file name.
    public static func load(_ folder: String) -> [Template] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name in
            let path = folder + "/" + name
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), attributes[.type] as? FileAttributeType == .typeRegular,
                  (attributes[.size] as? NSNumber)?.intValue ?? 0 <= 64 << 10,
                  let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else { return nil }
            if text.hasSuffix("\n") { text.removeLast() }
            let title = (name as NSString).deletingPathExtension
            return Template(name: title.isEmpty ? name : title, text: text)
        }
    }
}
