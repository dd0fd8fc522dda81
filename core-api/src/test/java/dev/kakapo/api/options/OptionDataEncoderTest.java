package dev.kakapo.api.options;

import dev.kakapo.api.net.HexBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionDataEncoderTest {

    private static String encode(String name, String data) {
        return HexBytes.toHex(OptionDataEncoder.encode(def(name), data, true).bytes());
    }

    private static OptionDefinition def(String name) {
        return StandardOptionDefinitions.byName(StandardOptionDefinitions.DHCP4_SPACE, name).orElseThrow();
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "routers                | 172.28.0.1                  | ac1c0001",
            "domain-name-servers    | 192.0.2.1, 192.0.2.2        | c0000201c0000202",
            "domain-name-servers    | 192.0.2.1,,192.0.2.2        | c0000201c0000202",
            "domain-name            | example.org                 | 6578616d706c652e6f7267",
            "ip-forwarding          | true                        | 01",
            "ip-forwarding          | FALSE                       | 00",
            "ip-forwarding          | 1                           | 01",
            "default-ip-ttl         | 0x40                        | 40",
            "interface-mtu          | 1500                        | 05dc",
            "time-offset            | -5                          | fffffffb",
            "dhcp-lease-time        | 4294967295                  | ffffffff",
            "dhcp-client-identifier | 0102abcd                    | 0102abcd",
            "domain-search          | example.com, a.org          | 076578616d706c6503636f6d000161036f726700",
            "fqdn                   | 1, 255, 255, host.example.  | 01ffff04686f7374076578616d706c6500",
            "slp-service-scope      | true, scope1                | 0173636f706531",
            "rdnss-selection        | 1, 192.0.2.1, 192.0.2.2, a.org, b.org | 01c0000201c00002020161036f7267000162036f726700",
            "classless-static-route | 10.229.0.128/25 - 10.229.0.1, 0.0.0.0/0 - 192.0.2.1 | 190ae500800ae5000100c0000201",
            "v6-only-preferred      | 1800                        | 00000708",
    })
    void encodesKeaTextLikeKea(String name, String data, String expectedHex) {
        assertEquals(expectedHex, encode(name, data));
    }

    @Test
    void keepsAnEscapedCommaInsideAString() {
        assertEquals("612c62", encode("domain-name", "a\\,b"));
    }

    @Test
    void usesOnlyTheFirstValueOfASingleValueOptionAndSaysSo() {
        EncodedOption encoded = OptionDataEncoder.encode(def("domain-name"), "a,b", true);
        assertEquals("61", HexBytes.toHex(encoded.bytes()));
        assertEquals(1, encoded.warnings().size());
        assertTrue(encoded.warnings().get(0).contains("only 'a' is used"), encoded.warnings().get(0));
    }

    @Test
    void allowsAnEmptyArray() {
        assertEquals("", encode("pana-agent", ""));
    }

    @ParameterizedTest(name = "{0} = \"{1}\" is refused")
    @CsvSource(delimiter = '|', value = {
            "routers                | 1.2.3                  | not an IPv4 address",
            "routers                | example.com            | not an IPv4 address",
            "default-ip-ttl         | 256                    | out of range",
            "default-ip-ttl         | -1                     | out of range",
            "interface-mtu          | 70000                  | out of range",
            "ip-forwarding          | yes                    | not a boolean",
            "dhcp-client-identifier | 01:02                  | not binary data",
            "domain-name            | ''                     | no value given",
            "uuid-guid              | 0                      | record of 2 fields",
            "classless-static-route | 10.0.0.0/8 10.0.0.1    | not 'destination/length - router'",
    })
    void refusesTextThatDoesNotFitTheDefinition(String name, String data, String expected) {
        OptionDataException e = assertThrows(OptionDataException.class,
                () -> OptionDataEncoder.encode(def(name), data, true));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @ParameterizedTest(name = "csv-format false: \"{0}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0a0b0c       | 0a0b0c",
            "0x0a0b0c     | 0a0b0c",
            "0a:0b:0c     | 0a0b0c",
            "0a 0b 0c     | 0a0b0c",
            "a:b:c        | 0a0b0c",
            "abc          | 0abc",
            "'PXEClient'  | 505845436c69656e74",
    })
    void readsHexOrQuotedTextWhenCsvFormatIsOff(String data, String expectedHex) {
        assertEquals(expectedHex, HexBytes.toHex(OptionDataEncoder.encodeBinary(data)));
    }

    @Test
    void checksHexDataAgainstAFixedSizeDefinition() {
        assertEquals("c0000201", HexBytes.toHex(OptionDataEncoder.encode(def("routers"), "c0000201", false).bytes()));
        OptionDataException e = assertThrows(OptionDataException.class, () -> OptionDataEncoder.encode(def("routers"), "c00002", false));
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
        assertThrows(OptionDataException.class, () -> OptionDataEncoder.encodeBinary("xyz"));
    }
}
