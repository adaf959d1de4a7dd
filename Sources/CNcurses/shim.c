#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
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
static volatile sig_atomic_t stop_asked = 0;
static volatile sig_atomic_t continued = 0;
/* Whether heed_install_signals caught SIGTSTP (it leaves a SIGTSTP ignored at start alone). */
static int catching_stop = 0;

/* Only notes the signal: the loop acts on it between frames (ncurses is not signal-safe). */
static void note_signal(int signo) {
    if (signo == SIGTSTP) stop_asked = 1;
    else if (signo == SIGCONT) continued = 1;
    else if (quit_signal == 0) quit_signal = signo;
}

/* Catches `signo` with note_signal unless it was ignored when heed started (nohup, `&`). */
static int catch_unless_ignored(int signo) {
    struct sigaction old;
    if (sigaction(signo, NULL, &old) == 0 && old.sa_handler == SIG_IGN) return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = note_signal;
    sigemptyset(&action.sa_mask);
    return sigaction(signo, &action, NULL) == 0;
}

void heed_install_signals(void) {
    catch_unless_ignored(SIGTERM);
    catch_unless_ignored(SIGHUP);
    catch_unless_ignored(SIGINT);
    catching_stop = catch_unless_ignored(SIGTSTP);
    catch_unless_ignored(SIGCONT);
}

int heed_quit_signal(void) { return (int)quit_signal; }

int heed_take_stop(void) {
    int asked = stop_asked;
    stop_asked = 0;
    return asked;
}

int heed_ask_stop(void) {
    if (!catching_stop) return 0;
    stop_asked = 1;
    return 1;
}

int heed_take_continued(void) {
    int came = continued;
    continued = 0;
    return came;
}

void heed_stop_default(int on) {
    if (!catching_stop) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on ? SIG_DFL : note_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTSTP, &action, NULL);
}

static struct sigaction saved_interrupt, saved_quit;
static int interrupts_ignored = 0;

void heed_ignore_interrupts(int on) {
    if (on && !interrupts_ignored) {
        struct sigaction ignore;
        memset(&ignore, 0, sizeof ignore);
        ignore.sa_handler = SIG_IGN;
        sigemptyset(&ignore.sa_mask);
        sigaction(SIGINT, &ignore, &saved_interrupt);
        sigaction(SIGQUIT, &ignore, &saved_quit);
        interrupts_ignored = 1;
    } else if (!on && interrupts_ignored) {
        sigaction(SIGINT, &saved_interrupt, NULL);
        sigaction(SIGQUIT, &saved_quit, NULL);
        interrupts_ignored = 0;
    }
}

void heed_stop_self(void) {
    if (!catching_stop) return;
    heed_stop_default(1);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    /* To this thread: the default action stops the process before raise returns (the kernel
       drops it when no shell is left to continue an orphaned process group). */
    raise(SIGTSTP);
    heed_stop_default(0);
    stop_asked = 0;
    continued = 0;
}

int heed_hung_up(int fd) {
    struct pollfd probe = {.fd = fd, .events = POLLIN, .revents = 0};
    if (poll(&probe, 1, 0) < 0) return 0;
    return (probe.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

int heed_sync_size(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return 0;
    if (size.ws_row == LINES && size.ws_col == COLS) return 0;
    return resizeterm(size.ws_row, size.ws_col) == OK;
}

const char *heed_tparm1(const char *capability, int value) {
    return tiparm(capability, value);
}

int heed_mouse(int on) {
    mmask_t wanted = on ? (BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED) : 0;
    mouseinterval(0);
    return mousemask(wanted, NULL) != 0 || !on;
}

int heed_get_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return -1;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 4;
    if (event.bstate & BUTTON5_PRESSED) return 5;
    return 0;
}
