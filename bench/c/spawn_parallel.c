/* Baseline: WORKERS processes at once, each N times posix_spawn(PROGRAM) + waitpid, nothing
 * recorded; prints spawns per second over all of them. Usage: spawn_parallel PROGRAM WORKERS N */
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    char *program = argv[1];
    int workers = atoi(argv[2]), n = atoi(argv[3]);
    char *args[] = {program, NULL};
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (int w = 0; w < workers; w++) {
        if (fork() == 0) {
            for (int i = 0; i < n; i++) {
                pid_t pid;
                int status;
                if (posix_spawn(&pid, program, NULL, NULL, args, environ) != 0) { perror("posix_spawn"); _exit(1); }
                if (waitpid(pid, &status, 0) < 0) { perror("waitpid"); _exit(1); }
            }
            _exit(0);
        }
    }
    int status, failed = 0;
    while (wait(&status) > 0) failed |= status != 0;
    clock_gettime(CLOCK_MONOTONIC, &b);
    double seconds = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%d workers x %d spawns in C: %.0f spawns/s\n", workers, n, workers * n / seconds);
    return failed;
}
