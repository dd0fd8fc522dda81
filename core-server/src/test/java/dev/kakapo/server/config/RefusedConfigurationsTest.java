package dev.kakapo.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.kakapo.server.config.Configs.j;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Configurations Kea refuses, refused here too, each error naming the JSON path of the culprit. */
class RefusedConfigurationsTest {


    private static String subnet(String extra) {
        return j("{'Dhcp4': {'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24'" + extra + "}]}}");
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments(j("{'Dhcp4': {}, 'Dhcp6': {}}"), "Dhcp6", "unknown top-level key"),
                arguments(j("{'Dhcp6': {}}"), "", "no Dhcp4 entry"),
                arguments(j("{'Dhcp4': []}"), "Dhcp4", "expected a map"),
                arguments(j("{'Dhcp4': {'valid-lifetim': 10}}"), "Dhcp4.valid-lifetim", "unknown key 'valid-lifetim' in Dhcp4"),
                arguments(subnet(", 'pool': []"), "Dhcp4.subnet4[0].pool", "unknown key 'pool' in subnet4"),
                arguments(j("{'Dhcp4': {'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24'}, {'id': 1, 'subnet': '10.0.1.0/24'}]}}"),
                        "Dhcp4.subnet4[1].id", "ID of the new IPv4 subnet '1' is already in use"),
                arguments(j("{'Dhcp4': {'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24'}, {'id': 2, 'subnet': '10.0.0.0/24'}]}}"),
                        "Dhcp4.subnet4[1].subnet", "subnet with the prefix of '10.0.0.0/24' already exists"),
                arguments(subnet(", 'pools': [{'pool': '10.0.1.1-10.0.1.9'}]"), "Dhcp4.subnet4[0].pools[0].pool", "not within its subnet"),
                arguments(subnet(", 'pools': [{'pool': '10.0.0.1-10.0.0.9'}, {'pool': '10.0.0.5-10.0.0.19'}]"),
                        "Dhcp4.subnet4[0].pools[1].pool", "overlaps pool 10.0.0.1-10.0.0.9"),
                arguments(subnet(", 'pools': [{'pool': '10.0.0.9-10.0.0.1'}]"), "Dhcp4.subnet4[0].pools[0].pool", "range end 10.0.0.1 is before its start 10.0.0.9"),
                arguments(subnet(", 'pools': [{'pool': '10.0.0.1-banana'}]"), "Dhcp4.subnet4[0].pools[0].pool", "'banana' is not an IPv4 address"),
                arguments(subnet(", 'pools': [{'pool': '10.0.0.128/33'}]"), "Dhcp4.subnet4[0].pools[0].pool", "not a pool"),
                arguments(subnet(", 'pools': [{}]"), "Dhcp4.subnet4[0].pools[0]", "'pool' is required"),
                arguments(j("{'Dhcp4': {'subnet4': [{'id': 1, 'subnet': '10.0.0.0/33'}]}}"), "Dhcp4.subnet4[0].subnet", "is not a subnet"),
                arguments(j("{'Dhcp4': {'subnet4': [{'id': 1, 'subnet': '10.0.0.1/24'}]}}"), "Dhcp4.subnet4[0].subnet", "bits set past the prefix length"),
                arguments(j("{'Dhcp4': {'subnet4': [{'id': 1}]}}"), "Dhcp4.subnet4[0]", "'subnet' is required"),
                arguments(j("{'Dhcp4': {'subnet4': [{'id': 4294967295, 'subnet': '10.0.0.0/24'}]}}"), "Dhcp4.subnet4[0].id", "out of range"),
                arguments(j("{'Dhcp4': {'renew-timer': 100, 'rebind-timer': 50}}"), "Dhcp4.renew-timer", "greater than the value of rebind-timer"),
                arguments(subnet(", 'renew-timer': 100, 'rebind-timer': 50"), "Dhcp4.subnet4[0].renew-timer", "greater than the value of rebind-timer"),
                arguments(j("{'Dhcp4': {'rebind-timer': 50, 'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24', 'renew-timer': 60}]}}"),
                        "Dhcp4.subnet4[0].renew-timer", "renew-timer (60) is greater than the value of rebind-timer (50)"),
                arguments(j("{'Dhcp4': {'valid-lifetime': 10, 'min-valid-lifetime': 20}}"), "Dhcp4.min-valid-lifetime", "min-valid-lifetime (20) is greater than valid-lifetime (10)"),
                arguments(j("{'Dhcp4': {'valid-lifetime': 10, 'max-valid-lifetime': 5}}"), "Dhcp4.max-valid-lifetime", "max-valid-lifetime (5) is less than valid-lifetime (10)"),
                arguments(j("{'Dhcp4': {'t1-percent': 0.9, 't2-percent': 0.5}}"), "Dhcp4.t1-percent", "must be less than t2-percent"),
                arguments(j("{'Dhcp4': {'cache-threshold': 1.5}}"), "Dhcp4.cache-threshold", "must be greater than 0.0 and less than 1.0"),
                arguments(j("{'Dhcp4': {'valid-lifetime': '10'}}"), "Dhcp4.valid-lifetime", "expected an integer, got the string \"10\""),
                arguments(j("{'Dhcp4': {'valid-lifetime': -1}}"), "Dhcp4.valid-lifetime", "out of range"),
                arguments(j("{'Dhcp4': {'authoritative': 'yes'}}"), "Dhcp4.authoritative", "expected true or false"),
                arguments(j("{'Dhcp4': {'next-server': 'tftp.example'}}"), "Dhcp4.next-server", "not an IPv4 address"),
                arguments(j("{'Dhcp4': {'option-data': [{'name': 'routers', 'data': '1.2.3'}]}}"), "Dhcp4.option-data[0].data",
                        "option data does not match option definition (space: dhcp4, code: 3): '1.2.3' is not an IPv4 address"),
                arguments(j("{'Dhcp4': {'option-data': [{'name': 'routerz', 'data': '1.2.3.4'}]}}"), "Dhcp4.option-data[0].name",
                        "definition for the option 'dhcp4.routerz' does not exist"),
                arguments(j("{'Dhcp4': {'option-data': [{'name': 'routers', 'code': 6, 'data': '1.2.3.4'}]}}"), "Dhcp4.option-data[0].name",
                        "does not match the option definition: 'dhcp4.domain-name-servers'"),
                arguments(j("{'Dhcp4': {'option-data': [{'code': 250, 'data': '0102'}]}}"), "Dhcp4.option-data[0].code", "define it with option-def"),
                arguments(j("{'Dhcp4': {'option-data': [{'data': '0102'}]}}"), "Dhcp4.option-data[0]", "requires one of 'code' or 'name'"),
                arguments(j("{'Dhcp4': {'option-data': [{'name': 'routers', 'data': '1.2.3.4'}, {'code': 3, 'data': '1.2.3.5'}]}}"),
                        "Dhcp4.option-data", "given twice"),
                arguments(j("{'Dhcp4': {'option-def': [{'name': 'routers2', 'code': 3, 'type': 'string'}]}}"), "Dhcp4.option-def[0].code",
                        "unable to override definition of option '3' in standard option space 'dhcp4'"),
                arguments(j("{'Dhcp4': {'option-def': [{'name': 'foo bar', 'code': 222, 'type': 'string'}]}}"), "Dhcp4.option-def[0].name", "invalid option name"),
                arguments(j("{'Dhcp4': {'option-def': [{'name': 'foo', 'code': 222, 'type': 'strin'}]}}"), "Dhcp4.option-def[0].type", "not an option data type"),
                arguments(j("{'Dhcp4': {'option-def': [{'name': 'foo', 'code': 222, 'type': 'string'}, {'name': 'foo', 'code': 223, 'type': 'string'}]}}"),
                        "Dhcp4.option-def[1].name", "already exists in option space 'dhcp4'"),
                arguments(subnet(", 'reservations': [{'hw-address': 'zz', 'ip-address': '10.0.0.5'}]"),
                        "Dhcp4.subnet4[0].reservations[0].hw-address", "invalid host identifier value 'zz'"),
                arguments(subnet(", 'reservations': [{'hw-address': '01:02:03:04:05:06', 'ip-address': '10.0.1.5'}]"),
                        "Dhcp4.subnet4[0].reservations[0].ip-address", "is not within the IPv4 subnet '10.0.0.0/24'"),
                arguments(subnet(", 'reservations': [{'hw-address': '01:02:03:04:05:06', 'client-id': '0102'}]"),
                        "Dhcp4.subnet4[0].reservations[0].client-id", "exactly one identifier"),
                arguments(subnet(", 'reservations': [{'ip-address': '10.0.0.5'}]"), "Dhcp4.subnet4[0].reservations[0]", "needs one identifier"),
                arguments(subnet(", 'reservations': [{'hw-address': '01:02:03:04:05:06', 'ip-address': '10.0.0.5'}, {'hw-address': '01:02:03:04:05:07', 'ip-address': '10.0.0.5'}]"),
                        "Dhcp4.subnet4[0].reservations[1].ip-address", "already reserved"),
                arguments(subnet(", 'reservations': [{'hw-address': '01:02:03:04:05:06', 'ip-address': '10.0.0.5'}, {'hw-address': '1:2:3:4:5:6', 'ip-address': '10.0.0.6'}]"),
                        "Dhcp4.subnet4[0].reservations[1]", "already exists"),
                arguments(j("{'Dhcp4': {'interfaces-config': {'interfaces': ['lo', 'lo']}}}"), "Dhcp4.interfaces-config.interfaces[1]", "already been specified"),
                arguments(j("{'Dhcp4': {'interfaces-config': {'interfaces': ['lo/1.2.3']}}}"), "Dhcp4.interfaces-config.interfaces[0]", "not an interface"),
                arguments(j("{'Dhcp4': {'interfaces-config': {'dhcp-socket-type': 'tcp'}}}"), "Dhcp4.interfaces-config.dhcp-socket-type", "expected raw or udp"),
                arguments(j("{'Dhcp4': {'lease-database': {'type': 'foo'}}}"), "Dhcp4.lease-database.type", "not a lease database type"),
                arguments(j("{'Dhcp4': {'lease-database': {'type': 'mysql', 'name': 'kea'}}}"), "Dhcp4.lease-database.type", "not supported by Kakapo yet"),
                arguments(j("{'Dhcp4': {'lease-database': {'persist': true}}}"), "Dhcp4.lease-database", "'type' is required"),
                arguments(j("{'Dhcp4': {'multi-threading': {'enable-multi-threading': true, 'foo': 1}}}"), "Dhcp4.multi-threading.foo", "unknown key 'foo' in multi-threading"),
                arguments(j("{'Dhcp4': {'control-socket': {'socket-type': 'tcp', 'socket-name': '/tmp/s'}}}"), "Dhcp4.control-socket.socket-type", "not a control socket type"),
                arguments(j("{'Dhcp4': {'control-socket': {'socket-type': 'unix'}}}"), "Dhcp4.control-socket", "'socket-name' is required"),
                arguments(j("{'Dhcp4': {'control-socket': {'socket-type': 'unix', 'socket-name': '/a'}, 'control-sockets': [{'socket-type': 'http'}]}}"),
                        "Dhcp4.control-sockets", "either control-socket or control-sockets"),
                arguments(j("{'Dhcp4': {'control-sockets': [{'socket-type': 'https', 'socket-port': 8443}]}}"), "Dhcp4.control-sockets[0].socket-type", "needs trust-anchor, cert-file and key-file"),
                arguments(j("{'Dhcp4': {'host-reservation-identifiers': ['hw-address', 'mac']}}"), "Dhcp4.host-reservation-identifiers[1]", "not a host identifier"),
                arguments(j("{'Dhcp4': {'hooks-libraries': [{'library': '/usr/lib/kea/hooks/libdhcp_foo.so'}]}}"), "Dhcp4.hooks-libraries[0].library",
                        "no hook library matches '/usr/lib/kea/hooks/libdhcp_foo.so'"),
                arguments(j("{'Dhcp4': {'hooks-libraries': [{'library': '/nowhere/my-hook.jar'}]}}"), "Dhcp4.hooks-libraries[0].library", "does not exist"),
                arguments(j("{'Dhcp4': {'hooks-libraries': [{}]}}"), "Dhcp4.hooks-libraries[0]", "'library' is required"),
                arguments(j("{'Dhcp4': {'loggers': [{'name': 'kea-dhcp4', 'output_options': [], 'output-options': []}]}}"), "Dhcp4.loggers[0].output-options", "not both"),
                arguments(j("{'Dhcp4': {'loggers': [{'name': 'kea-dhcp4', 'severity': 'LOUD'}]}}"), "Dhcp4.loggers[0].severity", "not a severity"),
                arguments(j("{'Dhcp4': {'loggers': [{'name': 'kea-dhcp4', 'debuglevel': 100}]}}"), "Dhcp4.loggers[0].debuglevel", "out of range"),
                arguments(subnet(", 'relay': {'ip-addresses': ['1.2.3']}"), "Dhcp4.subnet4[0].relay.ip-addresses[0]", "not an IPv4 address"),
                arguments(subnet(", 'relay': {'ip-address': '1.2.3.4', 'ip-addresses': ['1.2.3.5']}"), "Dhcp4.subnet4[0].relay.ip-address", "not both"),
                arguments(subnet(", 'client-class': 'a', 'client-classes': ['b']"), "Dhcp4.subnet4[0].client-classes", "not both"),
                arguments(subnet(", 'require-client-classes': ['a'], 'evaluate-additional-classes': ['b']"), "Dhcp4.subnet4[0].evaluate-additional-classes", "not both"),
                arguments(j("{'Dhcp4': {'client-classes': [{'name': 'a'}, {'name': 'a'}]}}"), "Dhcp4.client-classes[1].name", "defined twice"),
                arguments(j("{'Dhcp4': {'client-classes': [{'name': 'pxe', 'test': 'option[60].hex == '}]}}"),
                        "Dhcp4.client-classes[0].test", "client class 'pxe': the expression 'option[60].hex == ' does not parse: at character 19: expected a value, found the end"),
                arguments("{\"Dhcp4\": {\"client-classes\": [{\"name\": \"a\", \"test\": \"member('b')\"}, {\"name\": \"b\"}]}}",
                        "Dhcp4.client-classes[0].test", "class 'b' is not defined before this class"),
                arguments("{\"Dhcp4\": {\"client-classes\": [{\"name\": \"a\", \"test\": \"substring(option[61].hex, 0, 3)\"}]}}",
                        "Dhcp4.client-classes[0].test", "must be true or false"),
                arguments(j("{'Dhcp4': {'shared-networks': [{'name': 'n', 'interface': 'eth0', 'subnet4': [{'id': 1, 'subnet': '10.0.0.0/24', 'interface': 'eth1'}]}]}}"),
                        "Dhcp4.shared-networks[0].subnet4[0].interface", "differs from its shared network's interface"),
                arguments(j("{'Dhcp4': {'shared-networks': [{'name': 'n'}, {'name': 'n'}]}}"), "Dhcp4.shared-networks[1].name", "defined twice"),
                arguments(j("{'Dhcp4': {'reservation-mode': 'all', 'reservations-global': true}}"), "Dhcp4.reservation-mode", "cannot be used together"),
                arguments(j("{'Dhcp4': {'allocator': 'best'}}"), "Dhcp4.allocator", "not an allocator"));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void refusesWithAnErrorAtThePathOfTheCulprit(String json, String path, String message) {
        ConfigException e = Configs.refused(json);
        String all = e.errors().stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
        assertTrue(e.errors().stream().anyMatch(p -> p.path().equals(path) && p.message().contains(message)),
                "expected an error at " + path + " saying '" + message + "', got:\n" + all);
    }

    @Test
    void namesPathLineAndColumnOfABrokenSeedPool() {
        String broken = Configs.resource("seed/kea-1.json").replace("\"172.28.0.2-172.28.0.219\"", "\"172.28.0.219-172.28.0.2\"");
        ConfigException e = Configs.refused(broken);
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals("Dhcp4.subnet4[0].pools[0].pool (line 91, column 33): range end 172.28.0.2 is before its start 172.28.0.219",
                e.errors().get(0).toString());
    }

    @Test
    void reportsEveryErrorNotJustTheFirst() {
        ConfigException e = Configs.refused(j("{'Dhcp4': {'foo': 1, 'bar': 2, 'subnet4': [{'id': 1, 'subnet': '10.0.0.0/33'}]}}"));
        assertEquals(3, e.errors().size(), e.getMessage());
    }

    @Test
    void reportsAnInheritedMistakeOnceWhereItIsMadeNotInEverySubnet() {
        ConfigException e = Configs.refused(j("{'Dhcp4': {'renew-timer': 100, 'rebind-timer': 50, 'subnet4': ["
                + "{'id': 1, 'subnet': '10.0.0.0/24'}, {'id': 2, 'subnet': '10.0.1.0/24'}]}}"));
        assertEquals(1, e.errors().size(), e.getMessage());
        assertEquals("Dhcp4.renew-timer", e.errors().get(0).path());
    }

    @Test
    void reportsBrokenJsonWithLineAndColumn() {
        ConfigException e = Configs.refused("{\"Dhcp4\": {\n  \"valid-lifetime\": 10\n  \"renew-timer\": 5 }}");
        assertEquals(3, e.errors().get(0).location().line());
    }
}
