#ifndef HEED_CHTML_H
#define HEED_CHTML_H
#include <stddef.h>

/// Plain text of an HTML fragment, by libxml2's HTML parser: paragraphs and line breaks kept,
/// entities decoded, whitespace collapsed, a link's address after its text when the text does
/// not already say it. Returns a malloc'd UTF-8 string (free it), or NULL when parsing failed.
char *heed_html_to_text(const char *html, size_t length);

#endif
