package dev.kakapo.server.classify;

import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.api.packet.MessageType;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.api.packet.RelayAgentInformation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kea's expression language: each value, function and operator, with the ARM's own examples. */
class ExpressionTest {

    private final ClientClasses packet = packet();

    private static ClientClasses packet() {
        DhcpPacket query = new DhcpPacket().op(DhcpPacket.BOOTREQUEST).xid(0x01020304)
                .hardwareAddress(HardwareAddress.parse("02:aa:bb:cc:dd:ee"))
                .giaddr(Ipv4Address.parse("10.1.0.1")).ciaddr(Ipv4Address.parse("10.1.0.77")).hops(1)
                .messageType(MessageType.DISCOVER);
        query.options().put(OptionCode.CLIENT_IDENTIFIER, "foobar".getBytes(StandardCharsets.US_ASCII));
        query.options().put(60, "PXEClient:Arch:00007".getBytes(StandardCharsets.US_ASCII));
        query.options().put(12, "Laptop-7".getBytes(StandardCharsets.US_ASCII));
        query.options().putIpv4(OptionCode.REQUESTED_ADDRESS, Ipv4Address.parse("10.1.0.50"));
        query.options().put(OptionCode.RELAY_AGENT_INFORMATION, new RelayAgentInformation(List.of(
                new RelayAgentInformation.SubOption(1, "eth0/1/7".getBytes(StandardCharsets.US_ASCII)),
                new RelayAgentInformation.SubOption(2, new byte[] {0x02, (byte) 0xaa, (byte) 0xbb, (byte) 0xcc, (byte) 0xdd, (byte) 0xee})))
                .encode());
        ClientClasses classes = new ClientClasses(query, "eth1", Ipv4Address.parse("10.1.0.1"), Ipv4Address.parse("192.0.2.1"));
        classes.add("ALL");
        classes.add("gold");
        return classes;
    }

    private boolean evaluate(String text) {
        try {
            return Expression.parse(text, name -> true).holds(packet);
        } catch (ExpressionSyntaxException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    /** Each of these holds for the packet above. */
    @ParameterizedTest
    @ValueSource(strings = {
            "option[61].hex == 'foobar'",
            "option[dhcp-client-identifier].hex == 0x666f6f626172",
            "substring(option[61].hex,0,3) == 'foo'",
            "option[12].text == 'Laptop-7'",
            "option[host-name].exists",
            "not option[43].exists",
            "option[43].hex == ''",
            "option[50].text == '10.1.0.50'",
            "option[50].hex == 10.1.0.50",
            "option[82].option[1].hex == 'eth0/1/7'",
            "relay4[1].hex == 'eth0/1/7'",
            "relay4[2].hex == pkt4.mac",
            "option[82].option[2].hex == pkt4.mac",
            "relay4[1].exists and not relay4[9].exists",
            "pkt4.mac == 0x02aabbccddee",
            "pkt4.hlen == 6",
            "pkt4.htype == 1",
            "pkt4.msgtype == 1",
            "pkt4.msgtype == 0x00000001",
            "pkt4.transid == 16909060",
            "pkt4.giaddr == 10.1.0.1",
            "pkt4.ciaddr == 10.1.0.77",
            "pkt4.yiaddr == 0.0.0.0",
            "pkt4.siaddr == 0.0.0.0",
            "pkt.iface == 'eth1'",
            "pkt.src == 10.1.0.1",
            "pkt.dst == 192.0.2.1",
            "substring(option[60].hex, 0, 9) == 'PXEClient'",
            "substring('foobar', 0, 6) == 'foobar'",
            "substring('foobar', 3, 3) == 'bar'",
            "substring('foobar', 3, all) == 'bar'",
            "substring('foobar', 1, 4) == 'ooba'",
            "substring('foobar', -5, 4) == 'ooba'",
            "substring('foobar', -1, -3) == 'oba'",
            "substring('foobar', 4, -2) == 'ob'",
            "substring('foobar', 10, 2) == ''",
            "concat('foo', 'bar') == 'foobar'",
            "'abc' + 'def' + 'ghi' == 'abcdefghi'",
            "ifelse(option[61].exists, 'yes', 'no') == 'yes'",
            "ifelse(option[230].exists, option[230].hex, 'none') == 'none'",
            "hexstring(pkt4.mac, ':') == '02:aa:bb:cc:dd:ee'",
            "hexstring('foo', '-') == '66-6f-6f'",
            "hexstring(0x0a0b, '') == '0a0b'",
            "split('one.two..four', '.', 1) == 'one'",
            "split('one.two..four', '.', 2) == 'two'",
            "split('one.two..four', '.', 3) == ''",
            "split('one.two..four', '.', 4) == 'four'",
            "split('one.two..four', '.', 5) == ''",
            "split(option[60].text, ':', 3) == '00007'",
            "split('a:b', 0x3a, 2) == 'b'",
            "lcase('LoWeR') == 'lower'",
            "ucase('uPpEr') == 'UPPER'",
            "lcase(option[12].text) == 'laptop-7'",
            "member('gold')",
            "not member('silver')",
            "member('ALL') and member('gold') or member('silver')",
            "member('silver') or member('gold') and member('ALL')",
            "not (member('silver') or member('bronze'))",
            "match('PXE.*', option[60].text)",
            "not match('foo', 'foobar')",
            "addrtotext(pkt4.giaddr) == '10.1.0.1'",
            "uint8totext(0xff) == '255'",
            "int8totext(0xff) == '-1'",
            "uint16totext(0xffff) == '65535'",
            "int32totext(0xffffffff) == '-1'",
            "uint32totext(pkt4.transid) == '16909060'",
            "0x5a7d == 'Z}'",
            "0x123 == 0x0123",
    })
    void holdsForThePacket(String expression) {
        assertTrue(evaluate(expression), expression);
    }

    /** And these do not. */
    @ParameterizedTest
    @ValueSource(strings = {
            "option[61].hex == 'foo'",
            "option[77].exists",
            "member('silver')",
            "known",
            "pkt4.msgtype == 3",
            "not option[61].exists",
            "member('gold') and member('silver')",
    })
    void doesNotHold(String expression) {
        assertFalse(evaluate(expression), expression);
    }

    @Test
    void knownAndUnknownFollowTheKnownClass() throws ExpressionSyntaxException {
        Expression known = Expression.parse("known", n -> true);
        Expression unknown = Expression.parse("unknown", n -> true);
        assertFalse(known.holds(packet));
        assertTrue(unknown.holds(packet));
        packet.add("KNOWN");
        assertTrue(known.holds(packet));
        assertFalse(unknown.holds(packet));
        assertEquals(Set.of("KNOWN"), known.referencedClasses());
    }

    @Test
    void aMissingOptionReadsAsEmptyNotAsAnError() {
        assertTrue(evaluate("option[150].hex == ''"));
        assertTrue(evaluate("option[150].text == ''"));
        assertTrue(evaluate("relay4[7].hex == ''"));
        assertTrue(evaluate("substring(option[150].hex, 0, 3) == ''"));
    }

    private static String refusal(String text) {
        return assertThrows(ExpressionSyntaxException.class, () -> Expression.parse(text, name -> !name.equals("later")))
                .getMessage();
    }

    @Test
    void problemsNameTheirPosition() {
        assertEquals("at character 17: expected ',' before the length of substring, found the end of the expression", refusal("substring('a', 0"));
        assertEquals("at character 1: unknown name 'options'", refusal("options[1].hex == ''"));
        assertEquals("at character 19: expected a value, found the end of the expression", refusal("option[60].hex == "));
        assertEquals("at character 8: class 'later' is not defined before this class, nor built in", refusal("member('later')"));
        assertEquals("at character 12: expected hex, text, exists or option[...], found 'size'", refusal("option[61].size"));
        assertEquals("at character 8: option code 300 is not between 1 and 254", refusal("option[300].exists"));
        assertEquals("at character 8: no standard DHCPv4 option is named 'no-such'; use its code", refusal("option[no-such].exists"));
        assertEquals("at character 6: pkt4 has no field 'chaddr': expected mac, hlen, htype, ciaddr, giaddr, yiaddr, siaddr,"
                + " msgtype or transid", refusal("pkt4.chaddr == ''"));
        assertEquals("at character 1: a string that is never closed", refusal("'abc == x"));
    }

    @Test
    void operandsOfTheWrongKindAreRefused() {
        assertTrue(refusal("option[61].hex").contains("must be true or false"));
        assertTrue(refusal("member('a') == 'x'").startsWith("at character 13: expected a string"));
        assertTrue(refusal("not option[61].hex").startsWith("at character 1: expected true or false"));
        assertTrue(refusal("'a' and 'b'").startsWith("at character 5: expected true or false"));
        assertTrue(refusal("match('(', 'x')").contains("is not a regular expression"));
    }
}
