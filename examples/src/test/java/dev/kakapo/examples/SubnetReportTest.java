package dev.kakapo.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SubnetReportTest {

    @Test
    void listsTheBackupServersSubnetsWithTheirRelationships() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SubnetReport.print(Path.of("kea-configs/seed/kea-backup.json"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(String.join(System.lineSeparator(),
                "subnet 1 172.28.0.0/24: 218 addresses in 1 pools, HA relationship server7",
                "subnet 2 172.29.0.0/24: 253 addresses in 1 pools, HA relationship server8",
                "subnet 3 172.30.0.0/24: 253 addresses in 1 pools, HA relationship server9", ""),
                out.toString(StandardCharsets.UTF_8));
    }
}
