package dev.kakapo.server.lease;

import dev.kakapo.api.lease.Lease4;
import dev.kakapo.api.lease.LeaseState;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kea's DHCPv4 memfile: a CSV journal in which each row is a lease's latest state and a
 * row with valid lifetime 0 deletes it. Kea's lease file cleanup leaves earlier generations
 * beside the file ({@code .completed}, or {@code .2} and {@code .1}); they are read first, as Kea
 * reads them. Rows that do not parse are skipped and counted.
 */
public final class KeaLeaseFile {

    /** Columns of Kea's header, in order; the first nine are required, the rest came later. */
    static final List<String> COLUMNS = List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire",
            "subnet_id", "fqdn_fwd", "fqdn_rev", "hostname", "state", "user_context", "pool_id");

    /**
     * What a file held.
     *
     * @param leases    the leases alive at the end of the journal, by address
     * @param rows      the rows read
     * @param badRows   the rows skipped because they did not parse
     * @param files     the files read, in order
     */
    public record Contents(Collection<Lease4> leases, long rows, long badRows, List<Path> files) {
    }

    private KeaLeaseFile() {
    }

    /** Whether {@code file} exists and starts with Kea's DHCPv4 lease file header. */
    public static boolean isKeaLeaseFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            return header != null && header.startsWith("address,hwaddr,client_id,valid_lifetime,expire,subnet_id");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads {@code file} with the generations Kea's cleanup left beside it.
     *
     * @param maxRowErrors stop with an error after this many bad rows; 0 for no limit (Kea's {@code max-row-errors})
     * @throws IOException when a file cannot be read, its header is not Kea's, or too many rows are bad
     */
    public static Contents read(Path file, long maxRowErrors) throws IOException {
        List<Path> files = new ArrayList<>();
        Path completed = Path.of(file + ".completed");
        if (Files.exists(completed)) {
            files.add(completed);
        } else {
            for (String suffix : List.of(".2", ".1")) {
                Path generation = Path.of(file + suffix);
                if (Files.exists(generation)) {
                    files.add(generation);
                }
            }
        }
        files.add(file);
        Map<Ipv4Address, Lease4> leases = new LinkedHashMap<>();
        long rows = 0;
        long bad = 0;
        for (Path f : files) {
            try (BufferedReader reader = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                int columns = header(f, reader.readLine());
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    rows++;
                    try {
                        Row row = parse(line, columns);
                        if (row.deleted) {
                            leases.remove(row.lease.address());
                        } else {
                            leases.put(row.lease.address(), row.lease);
                        }
                    } catch (IllegalArgumentException e) {
                        bad++;
                        if (maxRowErrors > 0 && bad >= maxRowErrors) {
                            throw new IOException(f + ": too many bad lease rows (" + bad + "), the last: " + e.getMessage());
                        }
                    }
                }
            }
        }
        return new Contents(leases.values(), rows, bad, files);
    }

    private static int header(Path file, String header) throws IOException {
        if (header == null) {
            throw new IOException(file + " is empty");
        }
        String[] names = header.split(",", -1);
        if (names.length < 9) {
            throw new IOException(file + ": the header names " + names.length + " columns; Kea's has at least 9");
        }
        for (int i = 0; i < Math.min(names.length, COLUMNS.size()); i++) {
            if (!names[i].trim().equals(COLUMNS.get(i))) {
                throw new IOException(file + ": column " + (i + 1) + " is '" + names[i] + "', Kea's is '" + COLUMNS.get(i) + "'");
            }
        }
        return names.length;
    }

    private record Row(Lease4 lease, boolean deleted) {
    }

    private static Row parse(String line, int columns) {
        String[] f = line.split(",", -1);
        if (f.length < 9 || f.length > Math.max(columns, 9)) {
            throw new IllegalArgumentException("row has " + f.length + " fields: " + line);
        }
        Ipv4Address address = Ipv4Address.parse(f[0]);
        HardwareAddress hw = f[1].isEmpty() ? null : HardwareAddress.parse(f[1]);
        byte[] clientId = f[2].isEmpty() ? null : HexBytes.parse(f[2]);
        long valid = Long.parseLong(f[3]);
        long expire = Long.parseLong(f[4]);
        long subnetId = Long.parseLong(f[5]);
        boolean fwd = flag(f[6]);
        boolean rev = flag(f[7]);
        String hostname = unescape(f[8]);
        LeaseState state = f.length > 9 && !f[9].isEmpty() ? LeaseState.ofCode(Integer.parseInt(f[9])) : LeaseState.DEFAULT;
        String userContext = f.length > 10 && !f[10].isEmpty() ? unescape(f[10]) : null;
        long poolId = f.length > 11 && !f[11].isEmpty() ? Long.parseLong(f[11]) : 0;
        if (hw == null && clientId == null && state != LeaseState.DECLINED) {
            throw new IllegalArgumentException("lease " + address + " has neither hardware address nor client id");
        }
        long cltt = expire - valid;
        Lease4 lease = new Lease4(address, hw, clientId, valid, cltt, subnetId, fwd, rev, hostname, state, userContext, poolId);
        return new Row(lease, valid == 0);
    }

    private static boolean flag(String field) {
        if (field.equals("1") || field.equalsIgnoreCase("true")) {
            return true;
        }
        if (field.equals("0") || field.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("'" + field + "' is not a flag");
    }

    /** Kea writes ',' and '&' in text fields as {@code &#x2c} and {@code &#x26}; reading turns any {@code &#xHH} back into its byte. */
    static String unescape(String field) {
        if (field.indexOf("&#x") < 0) {
            return field;
        }
        byte[] raw = field.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '&' && i + 4 < raw.length && raw[i + 1] == '#' && raw[i + 2] == 'x'
                    && Character.digit(raw[i + 3], 16) >= 0 && Character.digit(raw[i + 4], 16) >= 0) {
                out.write(Character.digit(raw[i + 3], 16) << 4 | Character.digit(raw[i + 4], 16));
                i += 4;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
