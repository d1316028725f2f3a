#ifndef BYDELSMOR_NCURSES_SHIM_H
#define BYDELSMOR_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <poll.h>
#include <ncursesw/curses.h>

/* Swift cannot see stdscr, LINES, COLS or the attribute macros: small wrappers. */
static inline WINDOW *bm_stdscr(void) { return stdscr; }
static inline int bm_lines(void) { return LINES; }
static inline int bm_cols(void) { return COLS; }
static inline attr_t bm_a_bold(void) { return A_BOLD; }
static inline attr_t bm_a_reverse(void) { return A_REVERSE; }
static inline attr_t bm_a_underline(void) { return A_UNDERLINE; }
static inline attr_t bm_a_dim(void) { return A_DIM; }
static inline attr_t bm_a_normal(void) { return A_NORMAL; }
static inline int bm_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int bm_key_code_yes(void) { return KEY_CODE_YES; }

/* Bracketed paste: the terminal wraps pasted text in ESC [200~ … ESC [201~, which ncurses then
   reports as these two key codes, so a paste can never be read as keys. */
enum { BM_PASTE_BEGIN = 0x7F00, BM_PASTE_END = 0x7F01 };
static inline void bm_bracketed_paste(int on) {
    if (on) {
        define_key("\033[200~", BM_PASTE_BEGIN);
        define_key("\033[201~", BM_PASTE_END);
    }
    fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
    fflush(stdout);
}
static inline int bm_paste_begin(void) { return BM_PASTE_BEGIN; }
static inline int bm_paste_end(void) { return BM_PASTE_END; }

/* Signals: the handler only records the signal; the main loop ends and restores the terminal.
   On a crash the terminal is restored before the default action runs. */
static volatile sig_atomic_t bm_signal_seen = 0;
static void bm_on_stop_signal(int sig) { bm_signal_seen = sig; }
static void bm_on_crash(int sig) {
    endwin();
    signal(sig, SIG_DFL);
    raise(sig);
}
static inline void bm_install_signal_handlers(int kiosk) {
    /* A parent may have blocked or ignored these; a full-screen program needs them. */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGWINCH); sigaddset(&wanted, SIGTERM); sigaddset(&wanted, SIGHUP);
    sigaddset(&wanted, SIGINT); sigaddset(&wanted, SIGQUIT);
    sigprocmask(SIG_UNBLOCK, &wanted, 0);
    signal(SIGWINCH, SIG_DFL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = bm_on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, 0);
    sigaction(SIGHUP, &sa, 0);
    /* A closed pipe or a file grown past its limit is an error returned by write(), not a death. */
    signal(SIGPIPE, SIG_IGN);
    signal(SIGXFSZ, SIG_IGN);
    /* Out of CPU time: the loop ends and the terminal is restored before the hard limit. */
    sigaction(SIGXCPU, &sa, 0);
    if (kiosk) {
        /* The shared terminal: only an administrator's SIGTERM/SIGHUP (or the exit sequence) ends it;
           a stray signal whose default is to end a process is ignored. */
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
        signal(SIGTSTP, SIG_IGN);
        signal(SIGUSR1, SIG_IGN);
        signal(SIGUSR2, SIG_IGN);
        signal(SIGALRM, SIG_IGN);
        signal(SIGVTALRM, SIG_IGN);
        signal(SIGPROF, SIG_IGN);
    } else {
        /* Every signal that would end the program ends it through the loop: terminal restored. */
        sigaction(SIGINT, &sa, 0);
        sigaction(SIGQUIT, &sa, 0);
        sigaction(SIGUSR1, &sa, 0);
        sigaction(SIGUSR2, &sa, 0);
        sigaction(SIGALRM, &sa, 0);
        sigaction(SIGVTALRM, &sa, 0);
        sigaction(SIGPROF, &sa, 0);
    }
    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    crash.sa_handler = bm_on_crash;
    sigemptyset(&crash.sa_mask);
    sigaction(SIGSEGV, &crash, 0);
    sigaction(SIGBUS, &crash, 0);
    sigaction(SIGILL, &crash, 0);
    sigaction(SIGTRAP, &crash, 0);
    sigaction(SIGABRT, &crash, 0);
    sigaction(SIGFPE, &crash, 0);
    sigaction(SIGSYS, &crash, 0);
}
static inline int bm_signal(void) { return bm_signal_seen; }

/* From <term.h>, declared alone (the header's macros would reach Swift): whether the terminal
   type is one terminfo knows, asked without letting ncurses print and exit as initscr does. */
extern int setupterm(const char *term, int fildes, int *errret);
static inline int bm_terminal_known(void) { int err = 0; return setupterm(NULL, 1, &err) == 0 && err == 1; }

/* The locale the environment names; when it is not installed (da_DK.UTF-8 over ssh), C.UTF-8.
   Returns 1 when it fell back. */
static inline int bm_set_locale(void) {
    if (setlocale(LC_ALL, "") != NULL) return 0;
    if (setlocale(LC_ALL, "C.UTF-8") != NULL || setlocale(LC_ALL, "C.utf8") != NULL) return 1;
    return 0;
}

static inline int bm_locale_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* True when the terminal has gone away (the pty hung up): reading would fail at once, forever. */
static inline int bm_input_gone(void) {
    struct pollfd p = { 0, POLLIN, 0 };
    if (poll(&p, 1, 0) < 0) return 0;
    return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static inline int bm_put(int y, int x, const wchar_t *s, int n) { return mvaddnwstr(y, x, s, n); }
#endif
