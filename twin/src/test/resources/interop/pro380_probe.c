/*
 * pro380_probe: a scripted Modbus RTU master on libmodbus, for the twin's interop tests.
 *
 *   pro380_probe SCRIPT
 *
 * The script (written by the Java test from the project's register map) has one request per
 * line, each starting with a label the test chose:
 *
 *   LABEL connect DEVICE BAUD PARITY   (re)open RTU on DEVICE, PARITY N, E or O, 8 data bits, 1 stop bit
 *   LABEL slave ID                     address unit ID from now on (0: broadcast)
 *   LABEL timeout MILLIS               response timeout from now on (default 1000)
 *   LABEL read ADDR COUNT              FC 03
 *   LABEL float ADDR                   FC 03 of 2 registers, decoded with modbus_get_float_abcd
 *   LABEL write ADDR VALUE             FC 06
 *   LABEL writem ADDR VALUE...         FC 16
 *   LABEL readinput ADDR COUNT         FC 04
 *   LABEL sleep MILLIS
 *
 * Numbers may be decimal or 0x-hex. For each line it prints one line:
 *
 *   LABEL ok [WORD...]                 words as 0xNNNN; for float, the value as %.9g
 *   LABEL error NAME EXCEPTION         NAME from errno (EMBXILADD, ETIMEDOUT, ...), EXCEPTION the
 *                                      Modbus exception code, or 0 if the failure was not one
 *
 * It judges nothing: the Java test compares the output with the meter. Exit code 0 unless the
 * script itself is malformed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <modbus.h>

#define MAX_WORDS 128
#define MAX_TOKENS (MAX_WORDS + 4)

static modbus_t *ctx = NULL;
static int slave_id = 1;
static long timeout_ms = 1000;

static const char *errno_name(int e)
{
    switch (e) {
    case EMBXILFUN: return "EMBXILFUN";
    case EMBXILADD: return "EMBXILADD";
    case EMBXILVAL: return "EMBXILVAL";
    case EMBXSFAIL: return "EMBXSFAIL";
    case EMBXACK: return "EMBXACK";
    case EMBXSBUSY: return "EMBXSBUSY";
    case EMBXNACK: return "EMBXNACK";
    case EMBXMEMPAR: return "EMBXMEMPAR";
    case EMBXGPATH: return "EMBXGPATH";
    case EMBXGTAR: return "EMBXGTAR";
    case EMBBADCRC: return "EMBBADCRC";
    case EMBBADDATA: return "EMBBADDATA";
    case EMBBADEXC: return "EMBBADEXC";
    case EMBMDATA: return "EMBMDATA";
    case EMBBADSLAVE: return "EMBBADSLAVE";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EBADF: return "EBADF";
    case EIO: return "EIO";
    default: return "EOTHER";
    }
}

static void print_error(const char *label)
{
    int e = errno;
    int exception = (e > MODBUS_ENOBASE && e <= EMBXGTAR) ? e - MODBUS_ENOBASE : 0;
    printf("%s error %s %d %s\n", label, errno_name(e), exception, modbus_strerror(e));
}

static long number(const char *text)
{
    char *end;
    long v = strtol(text, &end, 0);
    if (*text == '\0' || *end != '\0') {
        fprintf(stderr, "not a number: %s\n", text);
        exit(2);
    }
    return v;
}

static void need(int ntok, int wanted, const char *label)
{
    if (ntok < wanted) {
        fprintf(stderr, "%s: expected %d fields, got %d\n", label, wanted, ntok);
        exit(2);
    }
}

static void do_connect(const char *label, const char *device, int baud, char parity)
{
    if (ctx != NULL) {
        modbus_close(ctx);
        modbus_free(ctx);
    }
    ctx = modbus_new_rtu(device, baud, parity, 8, 1);
    if (ctx == NULL) {
        print_error(label);
        return;
    }
    modbus_set_response_timeout(ctx, (uint32_t) (timeout_ms / 1000), (uint32_t) (timeout_ms % 1000) * 1000);
    if (modbus_set_slave(ctx, slave_id) == -1 || modbus_connect(ctx) == -1) {
        print_error(label);
        modbus_free(ctx);
        ctx = NULL;
        return;
    }
    printf("%s ok\n", label);
}

static void print_words(const char *label, const uint16_t *words, int n)
{
    printf("%s ok", label);
    for (int i = 0; i < n; i++) {
        printf(" 0x%04X", words[i]);
    }
    printf("\n");
}

static void run(char **tok, int ntok)
{
    const char *label = tok[0];
    const char *cmd = tok[1];
    uint16_t words[MAX_WORDS];

    if (strcmp(cmd, "connect") == 0) {
        need(ntok, 5, label);
        do_connect(label, tok[2], (int) number(tok[3]), tok[4][0]);
        return;
    }
    if (strcmp(cmd, "sleep") == 0) {
        need(ntok, 3, label);
        long ms = number(tok[2]);
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        printf("%s ok\n", label);
        return;
    }
    if (strcmp(cmd, "timeout") == 0) {
        need(ntok, 3, label);
        timeout_ms = number(tok[2]);
        if (ctx != NULL && modbus_set_response_timeout(ctx, (uint32_t) (timeout_ms / 1000),
                                                       (uint32_t) (timeout_ms % 1000) * 1000) == -1) {
            print_error(label);
            return;
        }
        printf("%s ok\n", label);
        return;
    }
    if (strcmp(cmd, "slave") == 0) {
        need(ntok, 3, label);
        slave_id = (int) number(tok[2]);
        if (ctx != NULL && modbus_set_slave(ctx, slave_id) == -1) {
            print_error(label);
            return;
        }
        printf("%s ok\n", label);
        return;
    }
    if (ctx == NULL) {
        errno = EBADF;
        print_error(label);
        return;
    }
    if (strcmp(cmd, "read") == 0 || strcmp(cmd, "readinput") == 0) {
        need(ntok, 4, label);
        int addr = (int) number(tok[2]);
        int count = (int) number(tok[3]);
        if (count > MAX_WORDS) {
            fprintf(stderr, "%s: at most %d registers\n", label, MAX_WORDS);
            exit(2);
        }
        int n = strcmp(cmd, "read") == 0 ? modbus_read_registers(ctx, addr, count, words)
                                          : modbus_read_input_registers(ctx, addr, count, words);
        if (n == -1) {
            print_error(label);
        } else {
            print_words(label, words, n);
        }
        return;
    }
    if (strcmp(cmd, "float") == 0) {
        need(ntok, 3, label);
        if (modbus_read_registers(ctx, (int) number(tok[2]), 2, words) == -1) {
            print_error(label);
        } else {
            printf("%s ok %.9g\n", label, modbus_get_float_abcd(words));
        }
        return;
    }
    if (strcmp(cmd, "write") == 0) {
        need(ntok, 4, label);
        if (modbus_write_register(ctx, (int) number(tok[2]), (uint16_t) number(tok[3])) == -1) {
            print_error(label);
        } else {
            printf("%s ok\n", label);
        }
        return;
    }
    if (strcmp(cmd, "writem") == 0) {
        need(ntok, 4, label);
        int n = ntok - 3;
        for (int i = 0; i < n; i++) {
            words[i] = (uint16_t) number(tok[3 + i]);
        }
        int written = modbus_write_registers(ctx, (int) number(tok[2]), n, words);
        if (written == -1) {
            print_error(label);
        } else {
            printf("%s ok %d\n", label, written);
        }
        return;
    }
    fprintf(stderr, "%s: unknown command %s\n", label, cmd);
    exit(2);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s SCRIPT\n", argv[0]);
        return 2;
    }
    FILE *script = fopen(argv[1], "r");
    if (script == NULL) {
        perror(argv[1]);
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("libmodbus %s compiled, %d.%d.%d running\n", LIBMODBUS_VERSION_STRING,
           libmodbus_version_major, libmodbus_version_minor, libmodbus_version_micro);

    char line[4096];
    while (fgets(line, sizeof line, script) != NULL) {
        char *tok[MAX_TOKENS];
        int ntok = 0;
        for (char *t = strtok(line, " \t\r\n"); t != NULL && ntok < MAX_TOKENS; t = strtok(NULL, " \t\r\n")) {
            tok[ntok++] = t;
        }
        if (ntok == 0 || tok[0][0] == '#') {
            continue;
        }
        need(ntok, 2, tok[0]);
        run(tok, ntok);
    }
    fclose(script);
    if (ctx != NULL) {
        modbus_close(ctx);
        modbus_free(ctx);
    }
    return 0;
}
