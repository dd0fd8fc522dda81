package dev.kakapo.server.stats;

import dev.kakapo.api.packet.MessageType;

/** The per-message-type counters Kea keeps, taken once so the hot path only bumps them. */
public final class PacketStatistics {

    /** {@code pkt4-received}. */
    public final Statistic received;
    /** {@code pkt4-receive-drop}. */
    public final Statistic dropped;
    /** {@code pkt4-parse-failed}. */
    public final Statistic parseFailed;
    /** {@code pkt4-sent}. */
    public final Statistic sent;
    /** {@code pkt4-offer-sent}. */
    public final Statistic offerSent;
    /** {@code pkt4-ack-sent}. */
    public final Statistic ackSent;
    /** {@code pkt4-nak-sent}. */
    public final Statistic nakSent;
    private final Statistic[] receivedByType = new Statistic[256];
    private final Statistic unknownReceived;

    /** Takes the handles from {@code statistics}. */
    public PacketStatistics(Statistics statistics) {
        received = statistics.get(Statistics.PKT4_RECEIVED);
        dropped = statistics.get(Statistics.PKT4_RECEIVE_DROP);
        parseFailed = statistics.get(Statistics.PKT4_PARSE_FAILED);
        sent = statistics.get(Statistics.PKT4_SENT);
        offerSent = statistics.get("pkt4-offer-sent");
        ackSent = statistics.get("pkt4-ack-sent");
        nakSent = statistics.get("pkt4-nak-sent");
        unknownReceived = statistics.get("pkt4-unknown-received");
        String[] names = {null, "discover", "offer", "request", "decline", "ack", "nak", "release", "inform"};
        for (int code = 1; code < names.length; code++) {
            receivedByType[code] = statistics.get("pkt4-" + names[code] + "-received");
        }
        for (int code = 0; code < receivedByType.length; code++) {
            if (receivedByType[code] == null) {
                receivedByType[code] = unknownReceived;
            }
        }
    }

    /** Counts a received message of {@code type} in {@code pkt4-received} and its type's count; null counts as unknown (plain BOOTP). */
    public void countReceived(MessageType type) {
        received.increment();
        (type == null ? unknownReceived : receivedByType[type.code()]).increment();
    }

    /**
     * Takes back the count of a sent message of {@code type} (null: unknown) that the kernel
     * refused after it had been counted: a reply queued for a batched send.
     */
    public void uncountSent(MessageType type) {
        sent.add(-1);
        if (type == MessageType.OFFER) {
            offerSent.add(-1);
        } else if (type == MessageType.ACK) {
            ackSent.add(-1);
        } else if (type == MessageType.NAK) {
            nakSent.add(-1);
        }
    }

    /** Counts a sent message of {@code type}. */
    public void countSent(MessageType type) {
        sent.increment();
        if (type == MessageType.OFFER) {
            offerSent.increment();
        } else if (type == MessageType.ACK) {
            ackSent.increment();
        } else if (type == MessageType.NAK) {
            nakSent.increment();
        }
    }
}
