/*
 * The fastest DHCPv4 responder we can make, to measure perfdhcp's own ceiling: it keeps no
 * state, allocates nothing, and answers each relayed DISCOVER with an OFFER and each REQUEST
 * with an ACK for an address derived from chaddr. Its replies carry the options Kea and Kakapo
 * send under the benchmark's configuration (message type, subnet mask, router, lease time,
 * server id, the client id echoed), so that perfdhcp spends as much on each reply as it does
 * with a real server. Not a server: a yardstick for benchmarks/perfdhcp-vs-kea.sh.
 * Usage: fast-responder LISTEN-ADDRESS [PORT]
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s LISTEN-ADDRESS [PORT]\n", argv[0]);
        return 1;
    }
    int port = argc > 2 ? atoi(argv[2]) : 67;
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    int buffer = 4 << 20;                          /* as kakapo-dhcp4 asks, up to net.core.rmem_max */
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    struct sockaddr_in local = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, argv[1], &local.sin_addr);
    if (bind(fd, (struct sockaddr *) &local, sizeof local) != 0) {
        perror("bind");
        return 1;
    }
    unsigned char in[1500], out[576];             /* out: 240 + at most 30 + 257 bytes */
    for (;;) {
        ssize_t n = recv(fd, in, sizeof in, 0);
        if (n < 240) {
            continue;
        }
        int type = 0;
        ssize_t client_id = -1;                    /* offset of option 61 in the query */
        for (ssize_t i = 240; i + 1 < n && in[i] != 255;) {
            if (in[i] == 0) { i++; continue; }
            if (i + 2 + in[i + 1] > n) { break; }
            if (in[i] == 53 && in[i + 1] == 1) { type = in[i + 2]; }
            if (in[i] == 61) { client_id = i; }
            i += 2 + in[i + 1];
        }
        if (type != 1 && type != 3) {
            continue;
        }
        memset(out, 0, 300);
        memcpy(out, in, 236);                      /* header: xid, flags, giaddr, chaddr */
        out[0] = 2;                                /* BOOTREPLY */
        memset(out + 12, 0, 4);                    /* ciaddr */
        out[16] = 10;                              /* yiaddr 10.x.y.z from chaddr */
        memcpy(out + 17, in + 28 + 3, 3);
        memcpy(out + 236, in + 236, 4);            /* magic cookie */
        unsigned char *o = out + 240;
        *o++ = 53; *o++ = 1; *o++ = type == 1 ? 2 : 5;
        *o++ = 1; *o++ = 4; *o++ = 255; *o++ = 0; *o++ = 0; *o++ = 0;
        *o++ = 3; *o++ = 4; *o++ = 10; *o++ = 0; *o++ = 0; *o++ = 1;
        *o++ = 51; *o++ = 4; *o++ = 0; *o++ = 0; *o++ = 0x0e; *o++ = 0x10;
        *o++ = 54; *o++ = 4; memcpy(o, &local.sin_addr, 4); o += 4;
        if (client_id >= 0) {                      /* RFC 6842: the client id goes back */
            memcpy(o, in + client_id, 2 + in[client_id + 1]);
            o += 2 + in[client_id + 1];
        }
        *o++ = 255;
        struct sockaddr_in relay = {.sin_family = AF_INET, .sin_port = htons(port)};
        memcpy(&relay.sin_addr, in + 24, 4);       /* giaddr */
        sendto(fd, out, (size_t) (o - out), 0, (struct sockaddr *) &relay, sizeof relay);
    }
}
