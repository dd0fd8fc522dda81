package dev.kakapo.server.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What perfdhcp printed: both exchanges' counts and, with {@code -x l}, the leases it received.
 * perfdhcp prints a lease line for the OFFER and again for the ACK, so a client and address seen
 * twice were acknowledged.
 */
public final class Perfdhcp {

    /**
     * A lease perfdhcp received.
     *
     * @param clientId the client identifier it sent, hex (01 + MAC)
     * @param address  the address acknowledged
     */
    public record Lease(String clientId, String address) {

        /** The client's MAC, from its client identifier. */
        public String mac() {
            StringBuilder mac = new StringBuilder();
            for (int i = 2; i + 1 < clientId.length(); i += 2) {
                if (mac.length() > 0) {
                    mac.append(':');
                }
                mac.append(clientId, i, i + 2);
            }
            return mac.toString();
        }
    }

    /** DISCOVER sent, OFFER received, REQUEST sent, ACK received. */
    public final long discoverSent;
    public final long offerReceived;
    public final long requestSent;
    public final long ackReceived;
    /** Every lease line, OFFERs and ACKs alike. */
    public final List<Lease> leaseLines = new ArrayList<>();
    public final String output;

    public Perfdhcp(String output) {
        this.output = output;
        List<Long> sent = numbers(output, "sent packets: (\\d+)");
        List<Long> received = numbers(output, "received packets: (\\d+)");
        if (sent.size() < 2 || received.size() < 2) {
            throw new IllegalArgumentException("not a perfdhcp report:\n" + output);
        }
        discoverSent = sent.get(0);
        offerReceived = received.get(0);
        requestSent = sent.get(1);
        ackReceived = received.get(1);
        Matcher m = Pattern.compile("(?m)^([0-9a-f]{14}),(\\d+\\.\\d+\\.\\d+\\.\\d+),").matcher(output);
        while (m.find()) {
            leaseLines.add(new Lease(m.group(1), m.group(2)));
        }
    }

    /** The leases perfdhcp was acknowledged: those printed at least twice (once for the OFFER, once for the ACK). */
    public Set<Lease> acknowledged() {
        Map<Lease, Integer> seen = new HashMap<>();
        leaseLines.forEach(lease -> seen.merge(lease, 1, Integer::sum));
        Set<Lease> out = new HashSet<>();
        seen.forEach((lease, count) -> {
            if (count >= 2) {
                out.add(lease);
            }
        });
        return out;
    }

    private static List<Long> numbers(String text, String regex) {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
