package dev.kakapo.server.hafaults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the clients of {@link LedgerClients} were told, read back from its ledger file: every
 * DHCPACK and DHCPNAK, in the order they arrived.
 *
 * @param answers the ACKs and NAKs
 * @param startMillis when the clients started (wall clock)
 * @param endMillis   when they stopped, or 0 when the ledger was cut short
 * @param clients     how many clients started
 */
record Ledger(List<Answer> answers, long startMillis, long endMillis, long clients) {

    /**
     * One answer a client received.
     *
     * @param ack          true for a DHCPACK, false for a DHCPNAK
     * @param atMillis     when it arrived (wall clock of the clients' machine)
     * @param mac          the client
     * @param address      the address acknowledged, or (NAK) the one the client asked for
     * @param server       the server identifier in the answer
     * @param leaseSeconds the lease time in the ACK (0 for a NAK)
     * @param renewal      whether it answered a renewal rather than a new client's REQUEST
     */
    record Answer(boolean ack, long atMillis, String mac, String address, String server, long leaseSeconds, boolean renewal) {
    }

    /** Reads a ledger file; lines cut short by an abrupt end are skipped. */
    static Ledger read(Path file) throws IOException {
        List<Answer> answers = new ArrayList<>();
        long start = 0;
        long end = 0;
        long clients = 0;
        for (String line : Files.readAllLines(file)) {
            String[] f = line.split("\t");
            try {
                switch (f[0]) {
                    case "START" -> start = Long.parseLong(f[1]);
                    case "END" -> {
                        end = Long.parseLong(f[1]);
                        clients = Long.parseLong(f[2]);
                    }
                    case "ACK" -> answers.add(new Answer(true, Long.parseLong(f[1]), f[2], f[3], f[4], Long.parseLong(f[5]),
                            f[6].equals("renew")));
                    case "NAK" -> answers.add(new Answer(false, Long.parseLong(f[1]), f[2], f[3], f[4], 0, false));
                    default -> { }
                }
            } catch (RuntimeException e) {
                // a line the clients' process did not finish writing
            }
        }
        return new Ledger(List.copyOf(answers), start, end, clients);
    }

    /** The number of DHCPACKs. */
    long acks() {
        return answers.stream().filter(Answer::ack).count();
    }
}
