#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "cncurses.h"

int heed_term_usable(const char *term, int fd, char *reason, int len) {
    int err = 0;
    if (term == NULL || term[0] == '\0') {
        snprintf(reason, (size_t)len, "TERM is not set");
        return 0;
    }
    if (setupterm((char *)term, fd, &err) != OK) {
        if (err == 0) snprintf(reason, (size_t)len, "the terminal type '%s' is not known", term);
        else if (err == 1) snprintf(reason, (size_t)len, "the terminal type '%s' is a hardcopy terminal", term);
        else snprintf(reason, (size_t)len, "the terminfo database could not be found");
        return 0;
    }
    const char *cup = tigetstr("cup");
    int usable = !(cup == NULL || cup == (char *)-1);
    if (!usable) snprintf(reason, (size_t)len, "the terminal type '%s' cannot move the cursor", term);
    del_curterm(cur_term);
    cur_term = NULL;
    return usable;
}

SCREEN *heed_newterm(const char *term, int out_fd, int in_fd) {
    FILE *out = fdopen(dup(out_fd), "w");
    FILE *in = fdopen(dup(in_fd), "r");
    if (out == NULL || in == NULL) return NULL;
    return newterm(term, out, in);
}

WINDOW *heed_stdscr(void) { return stdscr; }
WINDOW *heed_curscr(void) { return curscr; }
int heed_colors(void) { return COLORS; }
int heed_color_pairs(void) { return COLOR_PAIRS; }

unsigned int heed_attr_bold(void) { return (unsigned int)WA_BOLD; }
unsigned int heed_attr_reverse(void) { return (unsigned int)WA_REVERSE; }
unsigned int heed_attr_underline(void) { return (unsigned int)WA_UNDERLINE; }
unsigned int heed_attr_dim(void) { return (unsigned int)WA_DIM; }
unsigned int heed_attr_italic(void) { return (unsigned int)WA_ITALIC; }

int heed_put_cell(WINDOW *win, int y, int x, const wchar_t *text, unsigned int attrs, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, (attr_t)attrs, pair, NULL) != OK) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

int heed_get_key(WINDOW *win, uint32_t *out) {
    wint_t ch = 0;
    int rc = wget_wch(win, &ch);
    *out = (uint32_t)ch;
    return rc;
}

void heed_set_escdelay(int ms) { set_escdelay(ms); }

void heed_unblock_signals(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGWINCH);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGTSTP);
    sigaddset(&set, SIGCONT);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

static volatile sig_atomic_t quit_signal = 0;

static void note_quit_signal(int signo) { quit_signal = signo; }

void heed_install_quit_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = note_quit_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
}

int heed_quit_signal(void) { return (int)quit_signal; }

const char *heed_tparm1(const char *capability, int value) {
    return tiparm(capability, value);
}
