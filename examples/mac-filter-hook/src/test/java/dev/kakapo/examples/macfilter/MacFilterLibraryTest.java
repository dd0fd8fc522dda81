package dev.kakapo.examples.macfilter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.ClientPacketContext;
import dev.kakapo.api.hooks.HookPoint;
import dev.kakapo.api.hooks.NextStep;
import dev.kakapo.api.hooks.RecordingLibraryHandle;
import dev.kakapo.api.net.HardwareAddress;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library on its own, with a handle that records what it registers: how a hook author tests without a server. */
class MacFilterLibraryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingLibraryHandle handle;

    @BeforeEach
    void load() throws Exception {
        handle = new RecordingLibraryHandle(JSON.readTree("{\"blocked\": [\"02:00:00:00:00:66\"]}"));
        new MacFilterLibrary().load(handle);
    }

    private NextStep receive(String mac) throws Exception {
        DhcpPacket query = new DhcpPacket().hardwareAddress(HardwareAddress.parse(mac));
        ClientPacketContext context = new ClientPacketContext() {
            @Override
            public DhcpPacket query() {
                return query;
            }

            @Override
            public Ipv4Address sourceAddress() {
                return Ipv4Address.parse("10.0.0.1");
            }

            @Override
            public String interfaceName() {
                return null;
            }
        };
        return handle.callout(HookPoint.PKT4_RECEIVE).call(context);
    }

    private CommandAnswer command(String name, String arguments) throws Exception {
        return handle.commands().get(name).handle(new CommandRequest(name, arguments == null ? null : JSON.readTree(arguments)));
    }

    @Test
    void dropsTheListedClientsOnly() throws Exception {
        assertEquals(NextStep.DROP, receive("02:00:00:00:00:66"));
        assertEquals(NextStep.CONTINUE, receive("02:00:00:00:00:67"));
    }

    @Test
    void itsCommandsChangeTheListAndReportTheDrops() throws Exception {
        receive("02:00:00:00:00:66");
        assertEquals(0, command("mac-filter-add", "{\"hw-address\": \"02:00:00:00:00:67\"}").result());
        assertEquals(NextStep.DROP, receive("02:00:00:00:00:67"));
        assertEquals(3, command("mac-filter-add", "{\"hw-address\": \"02:00:00:00:00:67\"}").result(), "already there");
        assertEquals(0, command("mac-filter-del", "{\"hw-address\": \"02:00:00:00:00:66\"}").result());
        assertEquals(NextStep.CONTINUE, receive("02:00:00:00:00:66"));
        JsonNode list = command("mac-filter-list", null).arguments();
        assertEquals("[\"02:00:00:00:00:67\"]", list.get("blocked").toString());
        assertEquals(2, list.get("dropped").asLong());
    }

    @Test
    void badArgumentsGetResultOneWithTheReason() throws Exception {
        assertEquals(1, command("mac-filter-add", null).result());
        CommandAnswer answer = command("mac-filter-del", "{\"hw-address\": \"not a mac\"}");
        assertEquals(1, answer.result());
        assertTrue(answer.text().startsWith("'not a mac' is not a hardware address"), answer.text());
    }

    @Test
    void everyCommandHasItsPageInTheProjectsApiDocs() {
        Path root = Path.of(System.getProperty("kakapo.jvm.options")).getParent();
        for (String command : handle.commands().keySet()) {
            assertTrue(Files.isRegularFile(root.resolve("docs/api/" + command + ".md")), command + " has no docs/api page");
        }
    }
}
