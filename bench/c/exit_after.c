/* Sleeps DELAY_MS, writes CLOCK_MONOTONIC nanoseconds (what Java's System.nanoTime reads on Linux)
   to FILE, then exits at once: the exit instant for the exit-notice benchmark. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: exit_after DELAY_MS FILE\n"); return 2; }
    long ms = atol(argv[1]);
    struct timespec d = {ms / 1000, (ms % 1000) * 1000000L}, now;
    nanosleep(&d, NULL);
    int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[32];
    clock_gettime(CLOCK_MONOTONIC, &now);
    int len = snprintf(buf, sizeof buf, "%lld\n", (long long) now.tv_sec * 1000000000LL + now.tv_nsec);
    if (write(fd, buf, len) != len) return 1;
    _exit(0);
}
