#ifndef HEED_CNCURSES_H
#define HEED_CNCURSES_H
// The wide-character API is visible to Swift only when the header itself asks for it.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <stdio.h>
#include <stdint.h>

/// The terminal is usable for full-screen drawing: setupterm succeeds and `cup` exists.
/// Writes ncurses' reason into `reason` (size `len`) when it is not. Never exits.
int heed_term_usable(const char *term, int fd, char *reason, int len);

/// newterm on the given file descriptors; NULL when the terminal cannot be opened.
SCREEN *heed_newterm(const char *term, int out_fd, int in_fd);

WINDOW *heed_stdscr(void);
WINDOW *heed_curscr(void);
int heed_colors(void);
int heed_color_pairs(void);

unsigned int heed_attr_bold(void);
unsigned int heed_attr_reverse(void);
unsigned int heed_attr_underline(void);
unsigned int heed_attr_dim(void);
unsigned int heed_attr_italic(void);

/// Draws one cell: up to 5 scalars (a base and its combining marks) with attributes and pair.
int heed_put_cell(WINDOW *win, int y, int x, const wchar_t *text, unsigned int attrs, short pair);

/// Reads one key: returns ERR on timeout, KEY_CODE_YES with *out a KEY_* code, or OK with *out a character.
int heed_get_key(WINDOW *win, uint32_t *out);

void heed_set_escdelay(int ms);

/// Unblocks SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGTSTP, SIGCONT that a parent may have blocked.
void heed_unblock_signals(void);



/// A terminfo string capability with one parameter (setaf, setab) filled in; NULL on failure.
const char *heed_tparm1(const char *capability, int value);

/// Installs handlers for SIGTERM and SIGHUP that only set a flag the loop reads on its tick.
void heed_install_quit_signals(void);
/// The signal that asked heed to quit, or 0.
int heed_quit_signal(void);
#endif
