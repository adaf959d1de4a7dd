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

/// Catches SIGTERM, SIGHUP, SIGINT, SIGTSTP and SIGCONT with a handler that only notes them
/// for the loop (a signal ignored when heed started stays ignored). Called before newterm, so
/// ncurses installs none of its own for them.
void heed_install_signals(void);
/// The first signal that asked heed to quit (SIGTERM, SIGHUP, SIGINT), or 0.
int heed_quit_signal(void);
/// 1 once when SIGTSTP came since the last call, else 0.
int heed_take_stop(void);
/// Ctrl-Z typed in raw mode: asks for the stop SIGTSTP would ask for; 0 when SIGTSTP was ignored at start.
int heed_ask_stop(void);
/// 1 once when SIGCONT came since the last call, else 0.
int heed_take_continued(void);
/// While a child owns the terminal (on 1), SIGTSTP stops heed as it stops any job; off (0) again after.
void heed_stop_default(int on);
/// While a child owns the terminal (on 1), SIGINT and SIGQUIT are ignored by heed, as system(3)
/// does: Ctrl-C and Ctrl-\ typed there are the child's alone. Off (0) puts back what was before.
void heed_ignore_interrupts(int on);
/// Stops the process as SIGTSTP's default action does and returns once it is continued.
void heed_stop_self(void);
/// Whether the terminal on `fd` has hung up (closed under the program), without reading.
int heed_hung_up(int fd);
/// Tells ncurses the size the terminal on `fd` has now (a resize while stopped sends no
/// SIGWINCH); 1 when it changed, and KEY_RESIZE is then queued.
int heed_sync_size(int fd);
/// Asks for the mouse (on 1: first-button presses and the wheel, reported at once) or stops
/// asking (0); 1 when the terminal can report it.
int heed_mouse(int on);
/// The mouse event KEY_MOUSE announced: its cell and kind (1 first button pressed, 4 wheel up,
/// 5 wheel down, 0 anything else); -1 when there was none to read.
int heed_get_mouse(int *x, int *y);
#endif
