/* Baseline for starting in existing namespaces: N times fork a child that setns()es into the net,
   uts and ipc namespaces of PID and execs /bin/true, then waitpid; prints the total nanoseconds.
   Usage: ns_enter N PID */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: ns_enter N PID\n"); return 2; }
    int n = atoi(argv[1]);
    const char *types[] = {"net", "uts", "ipc"};
    int nstypes[] = {CLONE_NEWNET, CLONE_NEWUTS, CLONE_NEWIPC};
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int i = 0; i < n; i++) {
        int fds[3];
        for (int t = 0; t < 3; t++) {
            char path[64];
            snprintf(path, sizeof path, "/proc/%s/ns/%s", argv[2], types[t]);
            fds[t] = open(path, O_RDONLY | O_CLOEXEC);
            if (fds[t] < 0) { perror(path); return 1; }
        }
        pid_t pid = fork();
        if (pid == 0) {
            for (int t = 0; t < 3; t++) if (setns(fds[t], nstypes[t]) != 0) _exit(126);
            char *args[] = {"/bin/true", NULL};
            execv("/bin/true", args);
            _exit(127);
        }
        for (int t = 0; t < 3; t++) close(fds[t]);
        int status;
        if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) { fprintf(stderr, "child failed\n"); return 1; }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%lld\n", (long long) (b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec));
    return 0;
}
