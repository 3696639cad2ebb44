/* Baseline for the exit notice: N times spawn exit_after with a random 0-50 ms delay, block in
   poll() on its pidfd, and print the nanoseconds from the exit stamp it wrote to the wake-up. */
#define _GNU_SOURCE
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: notice_pidfd EXIT_AFTER STAMP N\n"); return 2; }
    int n = atoi(argv[3]);
    srand(7);
    for (int i = 0; i < n; i++) {
        char delay[16];
        snprintf(delay, sizeof delay, "%d", rand() % 51);
        char *args[] = {argv[1], delay, argv[2], NULL};
        pid_t pid;
        if (posix_spawn(&pid, argv[1], NULL, NULL, args, environ) != 0) { perror("posix_spawn"); return 1; }
        int fd = (int) syscall(SYS_pidfd_open, pid, 0);
        struct pollfd p = {fd, POLLIN, 0};
        poll(&p, 1, -1);
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        siginfo_t info;
        waitid(P_PIDFD, fd, &info, WEXITED);
        close(fd);
        FILE *f = fopen(argv[2], "r");
        long long stamp = 0;
        if (!f || fscanf(f, "%lld", &stamp) != 1) { fprintf(stderr, "no stamp\n"); return 1; }
        fclose(f);
        printf("%lld\n", (long long) now.tv_sec * 1000000000LL + now.tv_nsec - stamp);
    }
    return 0;
}
