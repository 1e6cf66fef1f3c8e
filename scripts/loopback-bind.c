/* LD_PRELOAD shim for test servers that have no listen-address option (Orthanc binds every
 * interface): rewrites bind() of any AF_INET / AF_INET6 address to the loopback address, keeping
 * the port, so a test server is reachable from this machine only.
 *   AF_INET  -> 127.0.0.1
 *   AF_INET6 -> ::1 (and a v4-mapped address -> ::ffff:127.0.0.1)
 * At load it also clears the inherited signal mask: a server spawned from a libdispatch worker
 * thread (Swift Testing runs tests there) inherits that thread's mask with SIGTERM blocked, and
 * would then ignore a polite stop. When LOOPBACK_BIND_EXIT_WITH_PARENT=1, a watchdog thread ends
 * the process once its parent process has gone (a crashed or killed test run leaves no server behind).
 * Built by Tests/ArchiveTestSupport at run time:
 *   cc -shared -fPIC -O2 -o loopback-bind.so scripts/loopback-bind.c -ldl
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);

int bind(int fd, const struct sockaddr *address, socklen_t length) {
    static bind_fn real_bind = NULL;
    if (real_bind == NULL) {
        real_bind = (bind_fn)dlsym(RTLD_NEXT, "bind");
        if (real_bind == NULL) {
            errno = ENOSYS;
            return -1;
        }
    }
    if (address != NULL && address->sa_family == AF_INET && length >= (socklen_t)sizeof(struct sockaddr_in)) {
        struct sockaddr_in copy;
        memcpy(&copy, address, sizeof copy);
        copy.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return real_bind(fd, (const struct sockaddr *)&copy, sizeof copy);
    }
    if (address != NULL && address->sa_family == AF_INET6 && length >= (socklen_t)sizeof(struct sockaddr_in6)) {
        struct sockaddr_in6 copy;
        memcpy(&copy, address, sizeof copy);
        if (IN6_IS_ADDR_V4MAPPED(&copy.sin6_addr)) {
            static const unsigned char mapped_loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
            memcpy(&copy.sin6_addr, mapped_loopback, sizeof mapped_loopback);
        } else {
            copy.sin6_addr = in6addr_loopback;
        }
        copy.sin6_scope_id = 0;
        return real_bind(fd, (const struct sockaddr *)&copy, sizeof copy);
    }
    return real_bind(fd, address, length);
}

static pid_t original_parent;

static void *watch_parent(void *unused) {
    (void)unused;
    for (;;) {
        if (getppid() != original_parent) {
            _exit(70);
        }
        usleep(250 * 1000);
    }
    return NULL;
}

__attribute__((constructor)) static void start_parent_watchdog(void) {
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
    const char *flag = getenv("LOOPBACK_BIND_EXIT_WITH_PARENT");
    if (flag == NULL || strcmp(flag, "1") != 0) {
        return;
    }
    original_parent = getppid();
    if (original_parent <= 1) {
        return;
    }
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    /* Block every signal in the watchdog so signals keep going to the server's own threads. */
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    pthread_create(&thread, &attributes, watch_parent, NULL);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    pthread_attr_destroy(&attributes);
}
