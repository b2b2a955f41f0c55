/*
 * Start time of a Modbus TCP server, for bench/start.sh: starts a command, then reads
 * holding registers 0x4000 x2 of unit 1 at 127.0.0.1:PORT with libmodbus's client, again and
 * again (a new connection each try, 1 ms apart), until one read is answered. Prints the
 * milliseconds from just before the command was started to that answer and the CPU time the
 * command's process (the JVM, which a launcher execs) had used by then, in ms (on a loaded
 * machine the first grows with the load, the second much less), and of that CPU time what its
 * main thread ("java") and its JIT compiler threads had used, tab-separated; then stops the
 * command (SIGTERM, then SIGKILL after 10 s) and waits for it. The command's output is dropped.
 *
 * Build: gcc -O2 -o first_read bench/first_read.c $(pkg-config --cflags --libs libmodbus)
 * Usage: first_read PORT TIMEOUT_SECONDS COMMAND [ARGS...]
 * Exit: 0 answered, 1 not answered within the timeout or the command exited first.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <modbus.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Whether one read of 0x4000 x2 from unit 1 was answered. */
static int answered(int port) {
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    if (ctx == NULL) return 0;
    modbus_set_slave(ctx, 1);
    modbus_set_response_timeout(ctx, 1, 0);
    uint16_t words[2];
    int ok = modbus_connect(ctx) == 0 && modbus_read_registers(ctx, 0x4000, 2, words) == 2;
    modbus_close(ctx);
    modbus_free(ctx);
    return ok;
}

/* CPU time (user + system) so far of /proc/WHAT/stat (a process, all its threads, or one
   thread: "PID/task/TID"), in ms. */
static double cpu_ms_of(const char *what) {
    char path[300], line[2048];
    snprintf(path, sizeof path, "/proc/%s/stat", what);
    FILE *f = fopen(path, "r");
    if (f == NULL) return -1;
    double ms = -1;
    if (fgets(line, sizeof line, f) != NULL) {
        char *p = strrchr(line, ')');
        unsigned long utime, stime;
        if (p != NULL && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) == 2) {
            ms = (utime + stime) * 1e3 / sysconf(_SC_CLK_TCK);
        }
    }
    fclose(f);
    return ms;
}

static double cpu_ms(pid_t pid) {
    char what[32];
    snprintf(what, sizeof what, "%d", (int)pid);
    return cpu_ms_of(what);
}

/* CPU time of the process's threads whose name starts with prefix (the JVM's main thread is
   "java", its compilers "C1 CompilerThre" and "C2 CompilerThre"), in ms. */
static double threads_cpu_ms(pid_t pid, const char *prefix) {
    char path[300], name[64];
    double ms = 0;
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *tasks = opendir(path);
    if (tasks == NULL) return -1;
    for (struct dirent *t; (t = readdir(tasks)) != NULL;) {
        if (t->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "/proc/%d/task/%s/comm", (int)pid, t->d_name);
        FILE *f = fopen(path, "r");
        if (f == NULL) continue;
        int named = fgets(name, sizeof name, f) != NULL && strncmp(name, prefix, strlen(prefix)) == 0;
        fclose(f);
        if (!named) continue;
        snprintf(path, sizeof path, "%d/task/%s", (int)pid, t->d_name);
        double one = cpu_ms_of(path);
        if (one > 0) ms += one;
    }
    closedir(tasks);
    return ms;
}

static void stop(pid_t child) {
    kill(child, SIGTERM);
    for (int i = 0; i < 1000; i++) {
        if (waitpid(child, NULL, WNOHANG) == child) return;
        usleep(10000);
    }
    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s PORT TIMEOUT_SECONDS COMMAND [ARGS...]\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    double timeout_ms = atof(argv[2]) * 1e3;
    double start = now_ms();
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 1;
    }
    if (child == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        execvp(argv[3], argv + 3);
        _exit(127);
    }
    while (now_ms() - start < timeout_ms) {
        if (answered(port)) {
            double wall = now_ms() - start;
            printf("%.0f\t%.0f\t%.0f\t%.0f\n", wall, cpu_ms(child), threads_cpu_ms(child, "java"),
                   threads_cpu_ms(child, "C1 ") + threads_cpu_ms(child, "C2 "));
            stop(child);
            return 0;
        }
        if (waitpid(child, NULL, WNOHANG) == child) {
            fprintf(stderr, "first_read: %s exited before answering\n", argv[3]);
            return 1;
        }
        usleep(1000);
    }
    fprintf(stderr, "first_read: no answer on port %d within %s s\n", port, argv[2]);
    stop(child);
    return 1;
}
