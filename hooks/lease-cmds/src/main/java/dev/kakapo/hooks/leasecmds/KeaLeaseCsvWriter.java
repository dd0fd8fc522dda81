package dev.kakapo.hooks.leasecmds;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.net.HexBytes;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes leases as a Kea memfile CSV (the 12-column schema of Kea 2.4 and later; Kea 2.2 loads
 * it too, after rewriting it without the trailing {@code pool_id} in one kea-lfc run at start-up,
 * as it does with any file of a later schema): one row per lease, {@code expire} as cltt plus
 * valid lifetime, commas and ampersands in host names and user contexts escaped as Kea escapes
 * them.
 */
final class KeaLeaseCsvWriter implements AutoCloseable {

    static final String HEADER = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state,"
            + "user_context,pool_id";

    private final BufferedWriter out;

    private KeaLeaseCsvWriter(BufferedWriter out) {
        this.out = out;
    }

    static KeaLeaseCsvWriter create(Path file) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.write('\n');
        return new KeaLeaseCsvWriter(out);
    }

    void write(Lease4 lease) {
        StringBuilder row = new StringBuilder(128);
        row.append(lease.address()).append(',')
                .append(lease.hwAddress() == null ? "" : lease.hwAddress().toString()).append(',')
                .append(lease.clientId() == null ? "" : HexBytes.toColonHex(lease.clientId())).append(',')
                .append(lease.validLifetime()).append(',')
                .append(lease.expire()).append(',')
                .append(lease.subnetId()).append(',')
                .append(lease.fqdnForward() ? 1 : 0).append(',')
                .append(lease.fqdnReverse() ? 1 : 0).append(',')
                .append(escape(lease.hostname())).append(',')
                .append(lease.state().code()).append(',')
                .append(escape(lease.userContext())).append(',')
                .append(lease.poolId()).append('\n');
        try {
            out.write(row.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kea's CSV escaping: only ',' and '&' are written as {@code &#x2c} and {@code &#x26}. */
    static String escape(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return text.replace("&", "&#x26").replace(",", "&#x2c");
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
