package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes a lease is stored as (the address is the map's key, so it is not repeated).
 * Version 1: version, state, flags, valid lifetime, cltt, subnet id, pool id, then the
 * hardware address, client identifier, host name and user context, each length-prefixed.
 */
final class LeaseCodec {

    private static final byte VERSION = 1;
    private static final int FQDN_FORWARD = 1;
    private static final int FQDN_REVERSE = 2;
    private static final int HAS_HW = 4;
    private static final int HAS_CLIENT_ID = 8;
    private static final int HAS_USER_CONTEXT = 16;

    private LeaseCodec() {
    }

    static byte[] encode(Lease4 lease) {
        byte[] host = lease.hostname().getBytes(StandardCharsets.UTF_8);
        byte[] context = lease.userContext() == null ? null : lease.userContext().getBytes(StandardCharsets.UTF_8);
        byte[] hw = lease.hwAddress() == null ? null : lease.hwAddress().bytes();
        byte[] clientId = lease.clientId();
        int size = 1 + 1 + 1 + 4 + 8 + 4 + 4
                + (hw == null ? 0 : 2 + hw.length)
                + (clientId == null ? 0 : 2 + clientId.length)
                + 2 + host.length
                + (context == null ? 0 : 4 + context.length);
        ByteBuffer b = ByteBuffer.allocate(size);
        int flags = (lease.fqdnForward() ? FQDN_FORWARD : 0) | (lease.fqdnReverse() ? FQDN_REVERSE : 0)
                | (hw != null ? HAS_HW : 0) | (clientId != null ? HAS_CLIENT_ID : 0) | (context != null ? HAS_USER_CONTEXT : 0);
        b.put(VERSION).put((byte) lease.state().code()).put((byte) flags);
        b.putInt((int) lease.validLifetime()).putLong(lease.cltt()).putInt((int) lease.subnetId()).putInt((int) lease.poolId());
        if (hw != null) {
            b.put((byte) lease.hwAddress().type()).put((byte) hw.length).put(hw);
        }
        if (clientId != null) {
            b.putShort((short) clientId.length).put(clientId);
        }
        b.putShort((short) host.length).put(host);
        if (context != null) {
            b.putInt(context.length).put(context);
        }
        return b.array();
    }

    static Lease4 decode(Ipv4Address address, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte version = b.get();
        if (version != VERSION) {
            throw new IllegalStateException("lease record of " + address + " has version " + version + "; this server reads version " + VERSION);
        }
        LeaseState state = LeaseState.ofCode(b.get());
        int flags = b.get();
        long valid = b.getInt() & 0xFFFFFFFFL;
        long cltt = b.getLong();
        long subnetId = b.getInt() & 0xFFFFFFFFL;
        long poolId = b.getInt() & 0xFFFFFFFFL;
        HardwareAddress hw = null;
        if ((flags & HAS_HW) != 0) {
            int type = b.get() & 0xFF;
            byte[] hwBytes = new byte[b.get() & 0xFF];
            b.get(hwBytes);
            hw = HardwareAddress.of(type, hwBytes);
        }
        byte[] clientId = null;
        if ((flags & HAS_CLIENT_ID) != 0) {
            clientId = new byte[b.getShort() & 0xFFFF];
            b.get(clientId);
        }
        byte[] host = new byte[b.getShort() & 0xFFFF];
        b.get(host);
        String context = null;
        if ((flags & HAS_USER_CONTEXT) != 0) {
            byte[] contextBytes = new byte[b.getInt()];
            b.get(contextBytes);
            context = new String(contextBytes, StandardCharsets.UTF_8);
        }
        return new Lease4(address, hw, clientId, valid, cltt, subnetId, (flags & FQDN_FORWARD) != 0,
                (flags & FQDN_REVERSE) != 0, new String(host, StandardCharsets.UTF_8), state, context, poolId);
    }
}
