/* Baseline for starting in new namespaces: N times clone(CLONE_NEWNET|NEWUTS|NEWIPC[|NEWPID]) of a
   child that execs /bin/true, then waitpid; prints the total nanoseconds. Usage: ns_clone N [pid] */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int child(void *arg) {
    (void) arg;
    char *args[] = {"/bin/true", NULL};
    execv("/bin/true", args);
    _exit(127);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 100;
    int flags = CLONE_NEWNET | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
    if (argc > 2 && strcmp(argv[2], "pid") == 0) flags |= CLONE_NEWPID;
    size_t size = 64 * 1024;
    char *stack = malloc(size);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) {
        pid_t pid = clone(child, stack + size, flags, NULL);
        if (pid < 0) { perror("clone"); return 1; }
        int status;
        if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) { fprintf(stderr, "child failed\n"); return 1; }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%lld\n", (long long) (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
    return 0;
}
