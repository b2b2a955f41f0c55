/*
 * A baseline for bench/bus-compare.sh: libmodbus 3.1 serving Modbus TCP with a register image of
 * the PRO380's shape (holding registers 0x4000 x34, 0x5000 x50, 0x6000 x88; each register holds
 * its own address). A read must lie inside one block, as on the meter, else exception 02.
 * Every unit id gets the same image, so it stands for a gateway port of a 247-meter bus.
 * One thread, select() over the listening socket and up to 64 clients.
 *
 * Prints the port it listens on, then serves until SIGTERM/SIGINT or --max-seconds.
 * Build: gcc -O2 -o libmodbus_server bench/libmodbus_server.c $(pkg-config --cflags --libs libmodbus)
 * Usage: libmodbus_server PORT [MAX_SECONDS]
 */
#include <errno.h>
#include <modbus.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

#define FIRST 0x4000
#define LAST 0x6057
#define MAX_CLIENTS 64

static const int blocks[][2] = {{0x4000, 34}, {0x5000, 50}, {0x6000, 88}};
static volatile sig_atomic_t stop;

static void on_signal(int sig) { (void)sig; stop = 1; }

/* Whether [address, address + count) lies within one block. */
static int in_one_block(int address, int count) {
    for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
        if (address >= blocks[i][0] && address + count <= blocks[i][0] + blocks[i][1]) return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT [MAX_SECONDS]\n", argv[0]);
        return 2;
    }
    int port = atoi(argv[1]);
    double max_seconds = argc > 2 ? atof(argv[2]) : 600;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    modbus_mapping_t *map = modbus_mapping_new_start_address(0, 0, 0, 0, FIRST, LAST - FIRST + 1, 0, 0);
    if (ctx == NULL || map == NULL) {
        fprintf(stderr, "libmodbus: %s\n", modbus_strerror(errno));
        return 1;
    }
    for (int a = FIRST; a <= LAST; a++) map->tab_registers[a - FIRST] = (uint16_t)a;
    int server = modbus_tcp_listen(ctx, MAX_CLIENTS);
    if (server < 0) {
        fprintf(stderr, "listen on 127.0.0.1:%d: %s\n", port, modbus_strerror(errno));
        return 1;
    }
    printf("%d\n", port);
    fflush(stdout);
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);

    time_t until = time(NULL) + (time_t)max_seconds;
    fd_set open_fds;
    FD_ZERO(&open_fds);
    FD_SET(server, &open_fds);
    int max_fd = server;
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    while (!stop && time(NULL) < until) {
        fd_set ready = open_fds;
        struct timeval tick = {1, 0};
        int n = select(max_fd + 1, &ready, NULL, NULL, &tick);
        if (n < 0) {
            if (errno == EINTR) continue;
            perror("select");
            break;
        }
        for (int fd = 0; fd <= max_fd && n > 0; fd++) {
            if (!FD_ISSET(fd, &ready)) continue;
            n--;
            if (fd == server) {
                int client = modbus_tcp_accept(ctx, &server);
                if (client >= 0) {
                    FD_SET(client, &open_fds);
                    if (client > max_fd) max_fd = client;
                }
                continue;
            }
            modbus_set_socket(ctx, fd);
            int length = modbus_receive(ctx, query);
            if (length <= 0) {
                close(fd);
                FD_CLR(fd, &open_fds);
                continue;
            }
            int offset = modbus_get_header_length(ctx);
            int function = query[offset];
            int address = (query[offset + 1] << 8) | query[offset + 2];
            int count = (query[offset + 3] << 8) | query[offset + 4];
            if (function == 0x03 && !in_one_block(address, count)) {
                modbus_reply_exception(ctx, query, MODBUS_EXCEPTION_ILLEGAL_DATA_ADDRESS);
            } else {
                modbus_reply(ctx, query, length, map);
            }
        }
    }
    close(server);
    modbus_mapping_free(map);
    modbus_free(ctx);
    return 0;
}
