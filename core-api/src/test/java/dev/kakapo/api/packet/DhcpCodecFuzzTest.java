package dev.kakapo.api.packet;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Feeds the decoder random bytes and real captures mutated at random: whatever comes in, a
 * result comes back (never an exception, never a hang), and what decodes re-encodes to bytes
 * that decode to the same options.
 */
class DhcpCodecFuzzTest {

    private static final int ROUNDS = 120_000;
    private static final long SEED = 0x6b616b61706fL;

    @Test
    void randomAndMutatedPacketsNeverThrowNorHang() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String capture : List.of("dhclient-relayed", "dhcpcd-relayed", "udhcpc-relayed", "dhcpcd-bflag")) {
            try (InputStream in = getClass().getResourceAsStream("/pcaps/" + capture + ".pcap")) {
                assertNotNull(in);
                PcapReader.read(in).forEach(d -> seeds.add(d.payload()));
            }
        }
        int[] outcomes = new int[DecodeFailure.values().length + 1];
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            SplittableRandom random = new SplittableRandom(SEED);
            for (int round = 0; round < ROUNDS; round++) {
                byte[] input = round % 4 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
                DecodeResult result = DhcpCodec.decode(input);
                assertNotNull(result);
                if (result.isSuccess()) {
                    outcomes[outcomes.length - 1]++;
                    roundTrips(result.packet(), round);
                } else {
                    outcomes[result.failure().ordinal()]++;
                    assertTrue(result.reason().length() > 10);
                }
            }
        });
        assertEquals(ROUNDS, Arrays.stream(outcomes).sum());
        assertTrue(outcomes[outcomes.length - 1] > 1000, "many mutants still decode: " + Arrays.toString(outcomes));
        for (DecodeFailure failure : List.of(DecodeFailure.TRUNCATED_HEADER, DecodeFailure.BAD_MAGIC_COOKIE,
                DecodeFailure.OPTION_OVERRUN, DecodeFailure.MISSING_END)) {
            assertTrue(outcomes[failure.ordinal()] > 0, "the fuzzer reaches " + failure + ": " + Arrays.toString(outcomes));
        }
    }

    private static void roundTrips(DhcpPacket packet, int round) {
        byte[] again = DhcpCodec.encode(packet);
        DecodeResult second = DhcpCodec.decode(again);
        assertTrue(second.isSuccess(), "round " + round + ": re-encoded packet decodes: " + second.reason());
        assertEquals(packet.options(), second.packet().options(), "round " + round + ": options survive");
        assertArrayEquals(again, DhcpCodec.encode(second.packet()), "round " + round + ": encoding is stable");
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(0, 700)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        if (bytes.length >= 240 && random.nextBoolean()) {
            System.arraycopy(new byte[] {0x63, (byte) 0x82, 0x53, 0x63}, 0, bytes, 236, 4);
        }
        return bytes;
    }

    private static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] bytes = seed.clone();
        switch (random.nextInt(5)) {
            case 0: // flip a few bytes in the options area
                for (int i = random.nextInt(1, 4); i > 0; i--) {
                    bytes[random.nextInt(236, bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            case 1: // cut the message short
                return Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 2: // grow it with random bytes
                byte[] longer = Arrays.copyOf(bytes, bytes.length + random.nextInt(1, 400));
                for (int i = bytes.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return longer;
            case 3: // corrupt a length byte of some option
                int at = random.nextInt(241, bytes.length);
                bytes[at] = (byte) random.nextInt(256);
                return bytes;
            default: // turn on overload and scribble into file and sname
                bytes[random.nextInt(44, 236)] = (byte) random.nextInt(256);
                bytes[240] = 52;
                bytes[241] = 1;
                bytes[242] = (byte) random.nextInt(5);
                return bytes;
        }
    }
}
