// ncursesw with wide characters; macros are wrapped as inline functions for Swift, plus the
// signal handlers that give the terminal back when the program is killed or crashes.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline WINDOW *mt_stdscr(void) { return stdscr; }
static inline int mt_lines(void) { return LINES; }
static inline int mt_cols(void) { return COLS; }
static inline int mt_colors(void) { return COLORS; }
static inline int mt_color_pairs(void) { return COLOR_PAIRS; }
static inline int mt_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int mt_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline FILE *mt_stdout(void) { return stdout; }
static inline FILE *mt_stdin(void) { return stdin; }
static inline const char *mt_codeset(void) { return nl_langinfo(CODESET); }
/// The C library's column width of a character in the current (thread) locale; tests compare
/// TUI's own width table with it. Declared here because <wchar.h> hides it without _XOPEN_SOURCE.
extern int wcwidth(wchar_t);
static inline int mt_wcwidth(wchar_t c) { return wcwidth(c); }

static inline attr_t mt_a_normal(void) { return A_NORMAL; }
static inline attr_t mt_a_bold(void) { return A_BOLD; }
static inline attr_t mt_a_dim(void) { return A_DIM; }
static inline attr_t mt_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mt_a_reverse(void) { return A_REVERSE; }
static inline attr_t mt_a_invis(void) { return A_INVIS; }

/// One cell: the wide characters `wch` (0-terminated, at most CCHARW_MAX) with attributes and
/// an extended colour pair passed through setcchar's opts pointer, so pairs above 32767 work.
static inline int mt_put_cell(WINDOW *w, int y, int x, const wchar_t *wch, attr_t attrs, int pair) {
    cchar_t c;
    if (setcchar(&c, wch, attrs, 0, &pair) != OK) return ERR;
    return mvwadd_wch(w, y, x, &c);
}

static inline int mt_key_code_yes(void) { return KEY_CODE_YES; }
static inline int mt_key_f0(void) { return KEY_F0; }

static inline mmask_t mt_button_pressed(int b) { return NCURSES_MOUSE_MASK(b, NCURSES_BUTTON_PRESSED); }
static inline mmask_t mt_button_released(int b) { return NCURSES_MOUSE_MASK(b, NCURSES_BUTTON_RELEASED); }
static inline mmask_t mt_button_clicked(int b) { return NCURSES_MOUSE_MASK(b, NCURSES_BUTTON_CLICKED); }
static inline mmask_t mt_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t mt_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t mt_button_shift(void) { return BUTTON_SHIFT; }
static inline mmask_t mt_button_ctrl(void) { return BUTTON_CTRL; }
static inline mmask_t mt_button_alt(void) { return BUTTON_ALT; }

// Giving the terminal back on fatal signals. The handler undoes curses (endwin: tty modes,
// alternate screen) and the modes we set by hand (mouse motion, synchronized output, hidden
// cursor), then puts back whatever handled the signal before (the default, or Swift's crash
// reporter) and raises it again, so the process still dies the way it would have. State lives
// in function-local statics (Swift emits those with the inline function; file-scope statics
// in a header it does not), one copy per object file: call these from one Swift file only.
static inline struct sigaction *mt_previous_actions(void) {
    static struct sigaction actions[65];
    return actions;
}
static inline volatile sig_atomic_t *mt_restore_armed(void) {
    static volatile sig_atomic_t armed = 0;
    return &armed;
}
static inline const int *mt_restore_signals(int *count) {
    static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    *count = (int)(sizeof signals / sizeof signals[0]);
    return signals;
}

static inline void mt_restore_terminal_now(void) {
    static const char reset[] = "\033[?1002l\033[?1003l\033[?1006l\033[?1000l\033[?2026l\033[0m\033[?25h";
    if (!*mt_restore_armed()) return;
    *mt_restore_armed() = 0;
    endwin();
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
}

static inline void mt_signal_restore(int sig) {
    mt_restore_terminal_now();
    if (sig > 0 && sig < 65) sigaction(sig, &mt_previous_actions()[sig], NULL);
    raise(sig);
}

static inline void mt_atexit_restore(void) { mt_restore_terminal_now(); }

/// Installs the handlers (before newterm, so curses keeps its hands off SIGINT/SIGTERM).
static inline void mt_install_signal_restore(void) {
    static int atexit_registered = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = mt_signal_restore;
    sigemptyset(&sa.sa_mask);
    int count = 0;
    const int *signals = mt_restore_signals(&count);
    for (int i = 0; i < count; i++) sigaction(signals[i], &sa, &mt_previous_actions()[signals[i]]);
    if (!atexit_registered) { atexit(mt_atexit_restore); atexit_registered = 1; }
    *mt_restore_armed() = 1;
    // A parent may have started us with these blocked (threads of libdispatch block almost
    // everything, and children inherit the mask): then no resize would ever arrive and a
    // SIGTERM would wait forever. We handle them, so let them in.
    sigset_t wanted;
    sigemptyset(&wanted);
    for (int i = 0; i < count; i++) sigaddset(&wanted, signals[i]);
    sigaddset(&wanted, SIGWINCH);
    sigaddset(&wanted, SIGCONT);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
}

/// After a normal shutdown: the previous handlers come back and nothing is left armed.
static inline void mt_uninstall_signal_restore(void) {
    *mt_restore_armed() = 0;
    int count = 0;
    const int *signals = mt_restore_signals(&count);
    for (int i = 0; i < count; i++) sigaction(signals[i], &mt_previous_actions()[signals[i]], NULL);
}
