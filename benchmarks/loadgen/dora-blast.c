/*
 * A DHCPv4 load generator for where perfdhcp runs out: on two cores perfdhcp cannot offer more
 * than 7,000 to 15,000 4-way exchanges a second (its ceiling, measured against
 * benchmarks/responder/fast-responder.c), which is less than four times what Kea 2.2 sustains, so
 * a server faster than that cannot show it with perfdhcp. This program does only what the
 * benchmark needs of perfdhcp, in a single loop with no per-packet allocation: it acts as a relay
 * (giaddr, port 67), sends DISCOVERs at a fixed rate for new clients, answers each OFFER with a
 * REQUEST for the offered address at once, and counts the ACKs and the delays.
 *
 * It takes the subset of perfdhcp's flags that benchmarks/perfdhcp-vs-kea.sh passes and prints
 * the lines of perfdhcp's report that the script reads ("Rate:", then per exchange "sent
 * packets:", "received packets:", "avg delay:"), so that LOADGEN=dora-blast swaps it in:
 *   dora-blast -l RELAY-ADDRESS -r RATE -n EXCHANGES [-b mac=BASE-MAC] [-W EXIT-WAIT-US] SERVER
 * (-4, -R and -x are accepted and ignored). Sends only to SERVER, port 67.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct client {
    uint64_t discover_sent, offer_received, request_sent, ack_received; /* ns; 0 = not yet */
};

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

/* A relayed query of the given type for client i; returns its length. */
static size_t query(unsigned char *p, int type, uint32_t i, const unsigned char *base_mac, struct in_addr relay,
                    const unsigned char *requested, const unsigned char *server_id) {
    memset(p, 0, 300);
    p[0] = 1;                                      /* BOOTREQUEST */
    p[1] = 1;                                      /* Ethernet */
    p[2] = 6;
    p[3] = 1;                                      /* hops: one relay */
    uint32_t xid = htonl(i + 1);
    memcpy(p + 4, &xid, 4);
    memcpy(p + 24, &relay, 4);                     /* giaddr */
    memcpy(p + 28, base_mac, 6);
    uint32_t low = ((uint32_t) base_mac[3] << 16 | (uint32_t) base_mac[4] << 8 | base_mac[5]) + i;
    p[28 + 3] = (unsigned char) (low >> 16);
    p[28 + 4] = (unsigned char) (low >> 8);
    p[28 + 5] = (unsigned char) low;
    static const unsigned char cookie[] = {99, 130, 83, 99};
    memcpy(p + 236, cookie, 4);
    size_t at = 240;
    p[at++] = 53; p[at++] = 1; p[at++] = (unsigned char) type;
    if (requested != NULL) {
        p[at++] = 50; p[at++] = 4; memcpy(p + at, requested, 4); at += 4;
    }
    if (server_id != NULL) {
        p[at++] = 54; p[at++] = 4; memcpy(p + at, server_id, 4); at += 4;
    }
    p[at++] = 55; p[at++] = 3; p[at++] = 1; p[at++] = 3; p[at++] = 6;   /* subnet mask, routers, DNS */
    p[at++] = 255;
    return at < 300 ? 300 : at;                    /* padded as perfdhcp's are */
}

static void report(const char *name, uint64_t sent, uint64_t received, double delay_sum_ms, double min_ms, double max_ms) {
    printf("\n***Statistics for: %s***\n", name);
    printf("sent packets: %llu\n", (unsigned long long) sent);
    printf("received packets: %llu\n", (unsigned long long) received);
    printf("drops: %llu\n", (unsigned long long) (sent - received));
    printf("min delay: %.3f ms\n", received ? min_ms : 0.0);
    printf("avg delay: %.3f ms\n", received ? delay_sum_ms / (double) received : 0.0);
    printf("max delay: %.3f ms\n", received ? max_ms : 0.0);
}

int main(int argc, char **argv) {
    const char *relay_text = NULL, *server_text = NULL;
    double rate = 0;
    long exchanges = 0, exit_wait_us = 1000000;
    unsigned char base_mac[6] = {2, 0, 0, 0, 0, 0};
    for (int a = 1; a < argc; a++) {
        const char *arg = argv[a];
        const char *value = a + 1 < argc ? argv[a + 1] : NULL;
        if (strcmp(arg, "-4") == 0) {
            continue;
        } else if (strcmp(arg, "-l") == 0 && value) {
            relay_text = value; a++;
        } else if (strcmp(arg, "-r") == 0 && value) {
            rate = atof(value); a++;
        } else if (strcmp(arg, "-n") == 0 && value) {
            exchanges = atol(value); a++;
        } else if (strcmp(arg, "-W") == 0 && value) {
            exit_wait_us = atol(value); a++;
        } else if ((strcmp(arg, "-R") == 0 || strcmp(arg, "-x") == 0) && value) {
            a++;
        } else if (strcmp(arg, "-b") == 0 && value && strncmp(value, "mac=", 4) == 0) {
            unsigned int m[6];
            if (sscanf(value + 4, "%x:%x:%x:%x:%x:%x", &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 6) {
                fprintf(stderr, "bad -b %s\n", value);
                return 1;
            }
            for (int k = 0; k < 6; k++) base_mac[k] = (unsigned char) m[k];
            a++;
        } else if (arg[0] != '-' && server_text == NULL) {
            server_text = arg;
        } else {
            fprintf(stderr, "usage: %s -l RELAY -r RATE -n EXCHANGES [-b mac=BASE] [-W US] SERVER\n", argv[0]);
            return 1;
        }
    }
    if (relay_text == NULL || server_text == NULL || rate <= 0 || exchanges <= 0 || exchanges > 16000000) {
        fprintf(stderr, "usage: %s -l RELAY -r RATE -n EXCHANGES (at most 16 million) [-b mac=BASE] [-W US] SERVER\n", argv[0]);
        return 1;
    }
    struct in_addr relay;
    struct sockaddr_in server = {.sin_family = AF_INET, .sin_port = htons(67)};
    if (inet_pton(AF_INET, relay_text, &relay) != 1 || inet_pton(AF_INET, server_text, &server.sin_addr) != 1) {
        fprintf(stderr, "addresses must be IPv4: %s %s\n", relay_text, server_text);
        return 1;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int one = 1, buffer = 4 << 20;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    struct sockaddr_in local = {.sin_family = AF_INET, .sin_port = htons(67), .sin_addr = relay};
    if (bind(fd, (struct sockaddr *) &local, sizeof local) != 0) {
        perror("bind");
        return 1;
    }
    struct client *clients = calloc((size_t) exchanges, sizeof *clients);
    if (clients == NULL) {
        perror("calloc");
        return 1;
    }
    unsigned char out[576], in[1500];
    uint64_t sent_discovers = 0, offers = 0, sent_requests = 0, acks = 0;
    double do_sum = 0, ra_sum = 0, do_min = 1e18, do_max = 0, ra_min = 1e18, ra_max = 0;
    uint64_t start = now_ns(), last_send = start;
    uint64_t deadline = UINT64_MAX;
    for (;;) {
        uint64_t t = now_ns();
        /* Send what the rate owes by now (at most a few at once after a stall, as perfdhcp does). */
        uint64_t due = (uint64_t) ((double) (t - start) * rate / 1e9) + 1;
        for (int burst = 0; sent_discovers < (uint64_t) exchanges && sent_discovers < due && burst < 64; burst++) {
            size_t n = query(out, 1, (uint32_t) sent_discovers, base_mac, relay, NULL, NULL);
            if (sendto(fd, out, n, MSG_DONTWAIT, (struct sockaddr *) &server, sizeof server) < 0 && errno != EAGAIN) {
                perror("sendto");
                return 1;
            }
            clients[sent_discovers].discover_sent = now_ns();
            sent_discovers++;
            last_send = t;
        }
        if (sent_discovers == (uint64_t) exchanges && deadline == UINT64_MAX) {
            deadline = last_send + (uint64_t) exit_wait_us * 1000u;
        }
        if (t >= deadline || (acks == (uint64_t) exchanges && offers == (uint64_t) exchanges)) {
            break;
        }
        /* Take every reply waiting, answering OFFERs with REQUESTs at once. */
        for (;;) {
            ssize_t n = recv(fd, in, sizeof in, MSG_DONTWAIT);
            if (n < 0) {
                break;
            }
            if (n < 240 || in[0] != 2) {
                continue;
            }
            uint32_t xid;
            memcpy(&xid, in + 4, 4);
            uint32_t i = ntohl(xid) - 1;
            if (i >= (uint32_t) sent_discovers) {
                continue;
            }
            int type = 0;
            const unsigned char *server_id = NULL;
            for (ssize_t k = 240; k + 1 < n && in[k] != 255;) {
                if (in[k] == 0) { k++; continue; }
                if (k + 2 + in[k + 1] > n) { break; }
                if (in[k] == 53 && in[k + 1] == 1) { type = in[k + 2]; }
                if (in[k] == 54 && in[k + 1] == 4) { server_id = in + k + 2; }
                k += 2 + in[k + 1];
            }
            uint64_t at = now_ns();
            struct client *c = &clients[i];
            if (type == 2 && c->offer_received == 0) {
                c->offer_received = at;
                offers++;
                double ms = (double) (at - c->discover_sent) / 1e6;
                do_sum += ms; if (ms < do_min) do_min = ms; if (ms > do_max) do_max = ms;
                size_t len = query(out, 3, i, base_mac, relay, in + 16, server_id);
                if (sendto(fd, out, len, MSG_DONTWAIT, (struct sockaddr *) &server, sizeof server) >= 0) {
                    c->request_sent = now_ns();
                    sent_requests++;
                }
            } else if (type == 5 && c->request_sent != 0 && c->ack_received == 0) {
                c->ack_received = at;
                acks++;
                double ms = (double) (at - c->request_sent) / 1e6;
                ra_sum += ms; if (ms < ra_min) ra_min = ms; if (ms > ra_max) ra_max = ms;
            }
        }
    }
    double seconds = (double) (last_send - start) / 1e9;
    printf("Running: dora-blast at %.0f exchanges/s, %ld exchanges\n", rate, exchanges);
    printf("\n***Rate statistics***\n");
    printf("Rate: %.2f 4-way exchanges/second, expected rate: %.0f\n", seconds > 0 ? (double) acks / seconds : 0.0, rate);
    report("DISCOVER-OFFER", sent_discovers, offers, do_sum, do_min, do_max);
    report("REQUEST-ACK", sent_requests, acks, ra_sum, ra_min, ra_max);
    free(clients);
    close(fd);
    return 0;
}
