package dev.kakapo.examples;

import dev.kakapo.server.config.ConfigException;
import dev.kakapo.server.config.Dhcp4Config;
import dev.kakapo.server.config.KeaConfigLoader;
import dev.kakapo.server.config.Subnet4Config;
import dev.kakapo.server.hooks.HookLibraryCatalog;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Embedding example: read a Kea configuration from code, the way {@code kakapo-dhcp4 -t} does,
 * and list each subnet with its pool capacity and the HA relationship it belongs to.
 *
 * <pre>java -cp "target/lib/*:examples/target/classes" dev.kakapo.examples.SubnetReport examples/kea-configs/seed/kea-backup.json</pre>
 */
public final class SubnetReport {

    private SubnetReport() {
    }

    /** Prints the report of the configuration file named by the first argument. */
    public static void main(String[] args) throws ConfigException {
        print(Path.of(args[0]), System.out);
    }

    /** Prints the report of {@code file} to {@code out}. */
    public static void print(Path file, PrintStream out) throws ConfigException {
        KeaConfigLoader loader = new KeaConfigLoader(HookLibraryCatalog.fromClassPath(), KeaConfigLoader.Mode.CHECK);
        Dhcp4Config config = loader.load(file).config();
        for (Subnet4Config subnet : config.subnets()) {
            String relationship = subnet.userContext() == null ? "-"
                    : subnet.userContext().path("ha-server-name").asText("-");
            out.printf("subnet %d %s: %d addresses in %d pools, HA relationship %s%n",
                    subnet.id(), subnet.prefix(), subnet.poolCapacity(), subnet.pools().size(), relationship);
        }
    }
}
