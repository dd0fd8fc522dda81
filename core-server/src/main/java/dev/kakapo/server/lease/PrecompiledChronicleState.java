package dev.kakapo.server.lease;

import net.openhft.chronicle.hash.VanillaGlobalMutableState;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The one class Chronicle Map compiles at run time, compiled while Kakapo is built instead. The
 * first map a JVM opens makes Chronicle generate the source of its header's state class
 * ({@code VanillaGlobalMutableState$$Native}) and run javac on it in process: some 1,100 compiler
 * classes loaded and 1.5 to 2 s of CPU before the first lease can be read. The build runs the same
 * generator ({@link #main}) and keeps the compiled bytes as a resource; {@link #define} defines
 * them in Chronicle's package at start-up, where Chronicle looks for the class before compiling
 * it. The resource names the Chronicle versions it was made with: with other versions on the class
 * path (an embedder's choice) nothing is defined and Chronicle compiles the class as it always did.
 */
final class PrecompiledChronicleState {

    static final String SIMPLE_NAME = "VanillaGlobalMutableState$$Native";
    static final String CLASS_NAME = VanillaGlobalMutableState.class.getPackageName() + "." + SIMPLE_NAME;
    static final String BYTES_RESOURCE = "VanillaGlobalMutableState-Native.bin";
    static final String VERSIONS_RESOURCE = "VanillaGlobalMutableState-Native.versions";
    private static final List<String> ARTIFACTS = List.of("chronicle-map", "chronicle-values", "chronicle-bytes", "chronicle-core");

    private PrecompiledChronicleState() {
    }

    /** Defines the class once per JVM (see {@link #define}); later calls give the first call's answer. */
    static boolean defineOnce() {
        return Once.DEFINED;
    }

    private static final class Once {
        static final boolean DEFINED = define();
    }

    /**
     * Defines the precompiled class in Chronicle's package when the resource matches the
     * Chronicle on the class path. Returns whether the class is now defined from it; false (and
     * Chronicle compiles it itself) when the resource is missing or made for other versions, or
     * the class was defined already.
     */
    static boolean define() {
        try (InputStream bytes = PrecompiledChronicleState.class.getResourceAsStream(BYTES_RESOURCE);
             InputStream versions = PrecompiledChronicleState.class.getResourceAsStream(VERSIONS_RESOURCE)) {
            if (bytes == null || versions == null
                    || !new String(versions.readAllBytes(), StandardCharsets.UTF_8).trim().equals(chronicleVersions())) {
                return false;
            }
            MethodHandles.privateLookupIn(VanillaGlobalMutableState.class, MethodHandles.lookup()).defineClass(bytes.readAllBytes());
            return true;
        } catch (IOException | IllegalAccessException | LinkageError | SecurityException e) {
            return false;
        }
    }

    /** The versions of the Chronicle artifacts on the class path, as the resource records them. */
    static String chronicleVersions() {
        StringBuilder out = new StringBuilder();
        for (String artifact : ARTIFACTS) {
            Properties pom = new Properties();
            try (InputStream in = VanillaGlobalMutableState.class.getClassLoader()
                    .getResourceAsStream("META-INF/maven/net.openhft/" + artifact + "/pom.properties")) {
                if (in != null) {
                    pom.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.append(out.length() == 0 ? "" : " ").append(artifact).append('=').append(pom.getProperty("version", "unknown"));
        }
        return out.toString();
    }

    /**
     * Build time: generates the class with Chronicle's own generator, compiles it and writes the
     * two resources into the directory {@code args[0]} (this package's directory under the build's
     * classes). Run by the build of core-server (see its pom).
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path classes = Files.createTempDirectory("kakapo-chronicle-state");
        try {
            compile(generateSource(), classes);
            Path compiled = classes.resolve(CLASS_NAME.replace('.', '/') + ".class");
            Files.createDirectories(out);
            Files.write(out.resolve(BYTES_RESOURCE), Files.readAllBytes(compiled));
            Files.writeString(out.resolve(VERSIONS_RESOURCE), chronicleVersions() + "\n");
            System.out.println("precompiled " + CLASS_NAME + " for " + chronicleVersions());
        } finally {
            try (Stream<Path> walk = Files.walk(classes)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The source Chronicle generates for the class (its generator is package-private, hence the reflection). */
    private static String generateSource() throws ReflectiveOperationException {
        Class<?> valueModel = Class.forName("net.openhft.chronicle.values.ValueModel");
        Object model = valueModel.getMethod("acquire", Class.class).invoke(null, VanillaGlobalMutableState.class);
        Method generate = Class.forName("net.openhft.chronicle.values.Generators")
                .getDeclaredMethod("generateNativeClass", valueModel, String.class);
        generate.setAccessible(true);
        return (String) generate.invoke(null, model, SIMPLE_NAME);
    }

    private static void compile(String source, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime (a JDK is needed to build)");
        }
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + CLASS_NAME.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("--release", "17", "-nowarn", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"));
        if (!javac.getTask(null, null, null, options, null, List.of(file)).call()) {
            throw new IllegalStateException("compiling " + CLASS_NAME + " failed:\n" + source);
        }
    }
}
