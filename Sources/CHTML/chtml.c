#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include "chtml.h"

typedef struct {
    char *text;
    size_t length, capacity;
    int pending_space;
    int preformatted;
} Writer;

static void append(Writer *w, const char *bytes, size_t n) {
    if (w->length + n + 1 > w->capacity) {
        size_t capacity = w->capacity ? w->capacity * 2 : 256;
        while (capacity < w->length + n + 1) capacity *= 2;
        char *grown = realloc(w->text, capacity);
        if (!grown) return;
        w->text = grown;
        w->capacity = capacity;
    }
    memcpy(w->text + w->length, bytes, n);
    w->length += n;
    w->text[w->length] = 0;
}

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/// Adds text, collapsing runs of whitespace into one space (kept as is inside <pre>).
static void add_text(Writer *w, const char *s) {
    if (w->preformatted) {
        append(w, s, strlen(s));
        w->pending_space = 0;
        return;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (is_space(*p)) {
            w->pending_space = 1;
            continue;
        }
        /* U+00A0 (no-break space) counts as a space too. */
        if (p[0] == 0xC2 && p[1] == 0xA0) {
            w->pending_space = 1;
            p++;
            continue;
        }
        if (w->pending_space && w->length > 0) {
            char last = w->text[w->length - 1];
            if (last != '\n' && last != ' ') append(w, " ", 1);
        }
        w->pending_space = 0;
        append(w, (const char *)p, 1);
    }
}

static void newline(Writer *w, int count) {
    w->pending_space = 0;
    if (w->length == 0) return;
    while (w->length > 0 && w->text[w->length - 1] == ' ') w->text[--w->length] = 0;
    int have = 0;
    for (size_t i = w->length; i > 0 && w->text[i - 1] == '\n'; i--) have++;
    for (; have < count; have++) append(w, "\n", 1);
}

/// Lowercased URL without scheme, "www." and trailing slashes or ellipses, for comparing.
static char *bare(const char *url) {
    const char *s = url;
    while (*s && is_space((unsigned char)*s)) s++;
    if (strncasecmp(s, "https://", 8) == 0) s += 8;
    else if (strncasecmp(s, "http://", 7) == 0) s += 7;
    if (strncasecmp(s, "www.", 4) == 0) s += 4;
    char *copy = strdup(s);
    if (!copy) return NULL;
    for (char *c = copy; *c; c++) *c = (char)tolower((unsigned char)*c);
    size_t n = strlen(copy);
    for (;;) {
        while (n > 0 && (copy[n - 1] == '/' || is_space((unsigned char)copy[n - 1]))) copy[--n] = 0;
        if (n >= 3 && strcmp(copy + n - 3, "\xE2\x80\xA6") == 0) { n -= 3; copy[n] = 0; continue; }
        if (n >= 3 && strcmp(copy + n - 3, "...") == 0) { n -= 3; copy[n] = 0; continue; }
        break;
    }
    return copy;
}

/// Whether a link's address adds anything to its text.
static int worth_showing(const char *href, const char *label) {
    while (*label && is_space((unsigned char)*label)) label++;
    if (*label == 0) return 0;
    if (*label == '@' || *label == '#') return 0;
    if (strncasecmp(href, "http://", 7) != 0 && strncasecmp(href, "https://", 8) != 0) return 0;
    char *a = bare(href), *b = bare(label);
    int show = 1;
    if (a && b) {
        size_t la = strlen(a), lb = strlen(b);
        if ((la >= lb && strncmp(a, b, lb) == 0) || (lb >= la && strncmp(b, a, la) == 0)) show = 0;
    }
    free(a);
    free(b);
    return show;
}

static void walk(Writer *w, xmlNodePtr node);

static void children(Writer *w, xmlNodePtr node) {
    for (xmlNodePtr child = node->children; child; child = child->next) walk(w, child);
}

static int named(const char *name, const char *const *list) {
    for (; *list; list++) if (strcasecmp(name, *list) == 0) return 1;
    return 0;
}

static void element(Writer *w, xmlNodePtr node) {
    static const char *const skipped[] = {"script", "style", "head", "title", NULL};
    static const char *const paragraphs[] = {"p", "blockquote", "pre", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", NULL};
    static const char *const lines[] = {"div", "li", "tr", "dt", "dd", NULL};
    const char *name = (const char *)node->name;
    if (named(name, skipped)) return;
    if (strcasecmp(name, "br") == 0) { newline(w, 1); return; }
    if (named(name, paragraphs)) {
        int pre = strcasecmp(name, "pre") == 0;
        newline(w, 2);
        w->preformatted += pre;
        children(w, node);
        w->preformatted -= pre;
        newline(w, 2);
        return;
    }
    if (named(name, lines)) {
        newline(w, 1);
        if (strcasecmp(name, "li") == 0) add_text(w, "\xE2\x80\xA2 ");
        children(w, node);
        newline(w, 1);
        return;
    }
    if (strcasecmp(name, "a") == 0) {
        size_t start = w->length;
        children(w, node);
        xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
        if (href) {
            char *label = strndup(w->text ? w->text + start : "", w->length - start);
            if (label && worth_showing((const char *)href, label)) {
                add_text(w, " (");
                append(w, (const char *)href, strlen((const char *)href));
                add_text(w, ")");
            }
            free(label);
            xmlFree(href);
        }
        return;
    }
    if (strcasecmp(name, "img") == 0) {
        xmlChar *alt = xmlGetProp(node, (const xmlChar *)"alt");
        if (alt) { add_text(w, (const char *)alt); xmlFree(alt); }
        return;
    }
    children(w, node);
}

static void walk(Writer *w, xmlNodePtr node) {
    switch (node->type) {
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (node->content) add_text(w, (const char *)node->content);
        break;
    case XML_ELEMENT_NODE:
        element(w, node);
        break;
    default:
        break;
    }
}

char *heed_html_to_text(const char *html, size_t length) {
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED;
    htmlDocPtr doc = htmlReadMemory(html, (int)length, NULL, "UTF-8", options);
    if (!doc) return NULL;
    Writer w = {0};
    for (xmlNodePtr node = doc->children; node; node = node->next) walk(&w, node);
    xmlFreeDoc(doc);
    if (!w.text) return strdup("");
    /* Trim trailing spaces on each line and surrounding blank space. */
    size_t out = 0;
    for (size_t i = 0; i < w.length; i++) {
        if (w.text[i] == '\n') while (out > 0 && w.text[out - 1] == ' ') out--;
        w.text[out++] = w.text[i];
    }
    while (out > 0 && is_space((unsigned char)w.text[out - 1])) out--;
    w.text[out] = 0;
    size_t lead = 0;
    while (lead < out && is_space((unsigned char)w.text[lead])) lead++;
    if (lead) memmove(w.text, w.text + lead, out - lead + 1);
    return w.text;
}
