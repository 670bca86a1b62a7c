#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H

// libedit's native API (histedit.h) plus the few things Swift cannot do
// directly: call C variadic functions (el_set, el_get, history, ioctl), touch
// C globals (stdin, stdout, stderr) under Swift 6 strict concurrency, and
// install an async-signal-safe SIGINT handler.
//
// Everything here is `static inline`: each Swift object file that uses a
// function gets its own copy. The signal state below therefore lives in
// function-local statics that must only be reached from ONE Swift file
// (stable-repl's InterruptMonitor.swift).

#include <stdio.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <histedit.h>
#include <editline/readline.h>

// MARK: - EditLine

typedef char *(*ce_prompt_fn)(EditLine *);
typedef unsigned char (*ce_command_fn)(EditLine *, int);
typedef int (*ce_getc_fn)(EditLine *, wchar_t *);

/// el_init on the process's standard streams.
static inline EditLine *ce_el_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}

static inline int ce_el_set_prompt_esc(EditLine *el, ce_prompt_fn fn, char escape) {
    return el_set(el, EL_PROMPT_ESC, fn, escape);
}

static inline int ce_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int ce_el_set_signal(EditLine *el, int on) {
    return el_set(el, EL_SIGNAL, on);
}

static inline int ce_el_set_history(EditLine *el, History *h) {
    return el_set(el, EL_HIST, history, h);
}

static inline int ce_el_set_clientdata(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *ce_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static inline int ce_el_add_function(EditLine *el, const char *name, const char *help, ce_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/// Replaces libedit's character reader (EL_GETCFN).
static inline int ce_el_set_getc(EditLine *el, ce_getc_fn fn) {
    return el_set(el, EL_GETCFN, fn);
}

static inline int ce_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

/// Writes text on libedit's output stream (used to list completions).
static inline void ce_el_print(const char *text) {
    fputs(text, stdout);
    fflush(stdout);
}

// MARK: - History

static inline int ce_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int ce_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

static inline int ce_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

static inline int ce_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

static inline int ce_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

/// Moves to the oldest (`H_LAST`) or a newer (`H_PREV`) entry and returns its
/// text, or NULL at the end. (libedit numbers newest first.)
static inline const char *ce_history_step(History *h, int op) {
    HistEvent ev;
    if (history(h, &ev, op) == -1) return NULL;
    return ev.str;
}

// MARK: - Terminal

/// The terminal's number of rows, or 0 when `fd` is not a terminal.
static inline int ce_terminal_rows(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_row;
}

/// The terminal's number of columns, or 0 when `fd` is not a terminal.
static inline int ce_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

// MARK: - SIGINT (reach only from InterruptMonitor.swift, see above)

static inline volatile sig_atomic_t *ce__sigint_wakeup_fd(void) {
    static volatile sig_atomic_t fd = -1;
    return &fd;
}

/// The handler: async-signal-safe (one write(2) to a non-blocking pipe).
static inline void ce__on_sigint(int signo) {
    (void)signo;
    int saved = errno;
    int fd = (int)*ce__sigint_wakeup_fd();
    if (fd >= 0) {
        char byte = 1;
        ssize_t ignored = write(fd, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

/// Installs the SIGINT handler without SA_RESTART, so blocking calls fail with
/// EINTR. Each signal writes one byte to `wakeup_fd` (the write end of a
/// non-blocking pipe).
static inline int ce_install_sigint_handler(int wakeup_fd) {
    *ce__sigint_wakeup_fd() = wakeup_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = ce__on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(SIGINT, &action, NULL);
}

#endif
