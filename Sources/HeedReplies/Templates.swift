import Foundation
import HeedCore
import HeedUI
import UserFiles

/// Saved replies: every text file in the templates folder, by name.
public enum Templates {
    /// The most template files listed (the first by name).
    public static let maxFiles = 500
    /// The largest template file read.
    public static let maxBytes = 64 << 10

    /// The templates in `folder`, named without their extension and sorted by file name. A
    /// file heed will not read (over `maxBytes`, a FIFO or device, not UTF-8) is listed with
    /// its problem; past `maxFiles`, one last entry says how many more there are.
    public static func load(_ folder: String) -> [Template] {
        let (names, total) = UserFile.names(in: folder, limit: maxFiles)
        var templates = names.map { name -> Template in
            let title = (name as NSString).deletingPathExtension
            switch UserFile.read(folder + "/" + name, limit: maxBytes) {
            case .success(var text):
                if text.hasSuffix("\n") { text.removeLast() }
                return Template(name: title.isEmpty ? name : title, text: text)
            case .failure(let failure):
                return Template(name: title.isEmpty ? name : title, text: "", problem: "\(failure)")
            }
        }
        if total > names.count {
            templates.append(Template(name: "…", text: "", problem: "\((total - names.count).grouped) more files are not listed: heed lists the first \(maxFiles.grouped) by name"))
        }
        return templates
    }
}
