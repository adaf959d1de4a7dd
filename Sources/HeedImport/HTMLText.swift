import CHTML
import Foundation

/// Turns the HTML platforms send as text (Mastodon, YouTube `textDisplay`, WordPress, Hacker
/// News, Blogger, Flickr) into plain text with libxml2's HTML parser: paragraphs and line breaks
/// kept, entities decoded, whitespace collapsed as a browser would, links readable.
public enum HTMLText {
    public static func plain(_ html: String) -> String {
        guard html.contains("<") || html.contains("&") else { return html }
        var bytes = Array(html.utf8)
        bytes.append(0)
        guard let result = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                heed_html_to_text($0, buffer.count - 1)
            }
        }) else { return html }
        defer { free(result) }
        return String(cString: result)
    }
}
