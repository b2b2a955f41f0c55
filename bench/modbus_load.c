/*
 * A Modbus TCP load generator on libmodbus's client, for bench/c-compare.sh: the same C client
 * for the twin and for bench/libmodbus_server.c, so that the client's own cost is the same small
 * one for both and the servers' costs show.
 *
 * CONNECTIONS threads, one connection each, a closed loop: read holding registers of one block of
 * the meter (0x4000 x34, 0x5000 x50, 0x6000 x88, in turn: a full read every three requests), the
 * next request written when the reply is complete; unit ids 1..UNITS in turn, a full read of each.
 * libmodbus checks each reply (transaction id, unit id, function, byte count); a failed read ends
 * the run with exit code 1. Requests in the first WARMUP_MS are not counted; then for DURATION_MS
 * every request's latency (request written to reply complete) is kept.
 *
 * Prints one line: requests/s, p50 and p99 latency in microseconds (nearest rank), the CPU the
 * server process SERVER_PID used in cores over the counted time (from /proc), and this client's.
 *
 * With RATE (requests/s in all, shared by the connections), an open loop instead: each connection
 * sends on a schedule, and a request's latency counts from the time it was due, so that a server
 * that falls behind shows it in the latencies rather than in a lower rate.
 *
 * Build: gcc -O2 -pthread -o modbus_load bench/modbus_load.c $(pkg-config --cflags --libs libmodbus)
 * Usage: modbus_load PORT CONNECTIONS UNITS WARMUP_MS DURATION_MS SERVER_PID [RATE]
 */
#include <errno.h>
#include <modbus.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#define MAX_SAMPLES 4000000

static const int blocks[][2] = {{0x4000, 34}, {0x5000, 50}, {0x6000, 88}};

static int port, units;
static double count_from, count_until;
static double interval_us; /* per connection, with a RATE; 0: a closed loop */
static volatile int failed;

typedef struct {
    int index;
    int connections;
    float *latencies;
    long samples;
} worker_t;

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void sleep_until(double us) {
    double left;
    while ((left = us - now_us()) > 0) usleep(left > 1e6 ? 1000000 : (useconds_t)left);
}

static void *run(void *arg) {
    worker_t *w = arg;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    if (ctx == NULL || modbus_connect(ctx) != 0) {
        fprintf(stderr, "modbus_load: connect to 127.0.0.1:%d: %s\n", port, modbus_strerror(errno));
        failed = 1;
        return NULL;
    }
    modbus_set_response_timeout(ctx, 10, 0);
    uint16_t words[125];
    long n = w->index; /* connections start at different units and blocks */
    double due = now_us() + (interval_us * w->index) / (w->connections > 0 ? w->connections : 1);
    for (;;) {
        double start;
        if (interval_us > 0) {
            sleep_until(due);
            start = due;
            due += interval_us;
        } else {
            start = now_us();
        }
        if (start >= count_until || failed) break;
        const int *block = blocks[n % 3];
        modbus_set_slave(ctx, (int)(n / 3 % units) + 1);
        if (modbus_read_registers(ctx, block[0], block[1], words) != block[1]) {
            fprintf(stderr, "modbus_load: read 0x%04X x%d: %s\n", block[0], block[1], modbus_strerror(errno));
            failed = 1;
            break;
        }
        double end = now_us();
        if (start >= count_from && end <= count_until && w->samples < MAX_SAMPLES) {
            w->latencies[w->samples++] = (float)(end - start);
        }
        n++;
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return NULL;
}

static int by_value(const void *a, const void *b) {
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* CPU seconds (user + system) of a process so far. */
static double process_cpu(int pid) {
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (f == NULL) return -1;
    char line[2048];
    double cpu = -1;
    if (fgets(line, sizeof line, f) != NULL) {
        char *p = strrchr(line, ')');
        unsigned long utime, stime;
        if (p != NULL && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &utime, &stime) == 2) {
            cpu = (double)(utime + stime) / sysconf(_SC_CLK_TCK);
        }
    }
    fclose(f);
    return cpu;
}

static double own_cpu(void) {
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return r.ru_utime.tv_sec + r.ru_utime.tv_usec / 1e6 + r.ru_stime.tv_sec + r.ru_stime.tv_usec / 1e6;
}

int main(int argc, char **argv) {
    if (argc != 7 && argc != 8) {
        fprintf(stderr, "usage: %s PORT CONNECTIONS UNITS WARMUP_MS DURATION_MS SERVER_PID [RATE]\n", argv[0]);
        return 2;
    }
    port = atoi(argv[1]);
    int connections = atoi(argv[2]);
    units = atoi(argv[3]);
    double warmup_ms = atof(argv[4]), duration_ms = atof(argv[5]);
    int server = atoi(argv[6]);
    double rate = argc == 8 ? atof(argv[7]) : 0;
    if (connections < 1 || units < 1 || units > 247 || duration_ms <= 0 || rate < 0) {
        fprintf(stderr, "modbus_load: CONNECTIONS >= 1, UNITS 1..247, DURATION_MS > 0, RATE >= 0\n");
        return 2;
    }
    interval_us = rate > 0 ? 1e6 * connections / rate : 0;
    long per_worker = MAX_SAMPLES / connections;
    worker_t *workers = calloc(connections, sizeof *workers);
    pthread_t *threads = calloc(connections, sizeof *threads);
    double start = now_us();
    count_from = start + warmup_ms * 1e3;
    count_until = count_from + duration_ms * 1e3;
    for (int i = 0; i < connections; i++) {
        workers[i].index = i;
        workers[i].connections = connections;
        workers[i].latencies = malloc(per_worker * sizeof(float));
        pthread_create(&threads[i], NULL, run, &workers[i]);
    }
    sleep_until(count_from);
    double server_cpu0 = process_cpu(server), client_cpu0 = own_cpu();
    sleep_until(count_until);
    double server_cpu1 = process_cpu(server), client_cpu1 = own_cpu();
    for (int i = 0; i < connections; i++) pthread_join(threads[i], NULL);
    if (failed) return 1;

    long total = 0;
    for (int i = 0; i < connections; i++) total += workers[i].samples;
    float *all = malloc((total > 0 ? total : 1) * sizeof(float));
    long k = 0;
    for (int i = 0; i < connections; i++) {
        memcpy(all + k, workers[i].latencies, workers[i].samples * sizeof(float));
        k += workers[i].samples;
    }
    qsort(all, total, sizeof(float), by_value);
    double seconds = duration_ms / 1e3;
    double p50 = total ? all[(long)(0.50 * total + 0.999999) - 1] : 0;
    double p99 = total ? all[(long)(0.99 * total + 0.999999) - 1] : 0;
    printf("%.0f\t%.1f\t%.1f\t%.3f\t%.3f\n", total / seconds, p50, p99, (server_cpu1 - server_cpu0) / seconds,
           (client_cpu1 - client_cpu0) / seconds);
    return 0;
}
