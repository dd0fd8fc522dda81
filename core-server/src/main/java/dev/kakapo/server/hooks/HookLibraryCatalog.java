package dev.kakapo.server.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.server.config.HookLibraryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The hook libraries this server can load: the providers on its class path, found with
 * {@link ServiceLoader}, and libraries in jars named by path. Finding a provider does not
 * activate it; only configured libraries run. A provider that fails to load is logged and
 * skipped, so one broken jar cannot stop the others.
 */
public final class HookLibraryCatalog implements HookLibraryResolver {

    private static final Logger LOG = LoggerFactory.getLogger(HookLibraryCatalog.class);

    private final List<HookLibrary> providers;

    /** Discovers the providers visible to {@code classLoader}. */
    public HookLibraryCatalog(ClassLoader classLoader) {
        this.providers = discover(ServiceLoader.load(HookLibrary.class, classLoader), "the class path");
    }

    /** Discovers the providers visible to the class loader that loaded this server. */
    public static HookLibraryCatalog fromClassPath() {
        return new HookLibraryCatalog(HookLibraryCatalog.class.getClassLoader());
    }

    /** The providers found on the class path, sorted by name. */
    public List<HookLibrary> providers() {
        return List.copyOf(providers);
    }

    @Override
    public int serverApiVersion() {
        return HookLibrary.API_VERSION;
    }

    @Override
    public Resolved resolve(String library) {
        String trimmed = library.trim();
        if (trimmed.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return resolveJar(Path.of(trimmed));
        }
        String base = keaBaseName(trimmed);
        for (HookLibrary provider : providers) {
            if (provider.keaLibraryNames().contains(base) || provider.name().equals(trimmed)) {
                return describe(provider);
            }
        }
        throw new IllegalArgumentException("no hook library matches '" + library + "' (base name '" + base
                + "'); this server has " + known());
    }

    @Override
    public void checkParameters(String library, JsonNode parameters) {
        try (LibraryInstance instance = instantiate(library)) {
            instance.library().check(parameters);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalArgumentException("hook library failed to check its parameters: " + e, e);
        }
    }

    /**
     * A new instance of the library {@code library} names (as {@link #resolve} matches it), to be
     * loaded for one configuration. A library from a jar gets a class loader of its own, closed
     * with the instance.
     *
     * @throws IllegalArgumentException when nothing matches or the library cannot be made
     */
    public LibraryInstance instantiate(String library) {
        String trimmed = library.trim();
        if (trimmed.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            Path jar = Path.of(trimmed);
            resolveJar(jar); // the checks and their messages
            URLClassLoader loader = null;
            try {
                loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, HookLibraryCatalog.class.getClassLoader());
                for (HookLibrary found : discover(ServiceLoader.load(HookLibrary.class, loader), jar.toString())) {
                    if (found.getClass().getClassLoader() == loader) {
                        return new LibraryInstance(found, loader);
                    }
                }
                throw new IllegalArgumentException("hook library jar " + jar + " holds no library any more");
            } catch (IOException | RuntimeException e) {
                closeQuietly(loader);
                throw e instanceof IllegalArgumentException ? (IllegalArgumentException) e
                        : new IllegalArgumentException("hook library jar " + jar + " cannot be loaded: " + e.getMessage(), e);
            }
        }
        String name = resolve(trimmed).provider();
        for (HookLibrary provider : providers) {
            if (provider.name().equals(name)) {
                try {
                    return new LibraryInstance(provider.getClass().getConstructor().newInstance(), null);
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalArgumentException("hook library '" + name + "' cannot be instantiated: " + e, e);
                }
            }
        }
        throw new IllegalArgumentException("no hook library matches '" + library + "'");
    }

    private static void closeQuietly(URLClassLoader loader) {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.debug("HOOKS_CLASS_LOADER_CLOSE_FAILED closing a hook library class loader: {}", e.toString());
            }
        }
    }

    /**
     * A library instance and the class loader of its jar (null for a class path library).
     *
     * @param library the instance
     * @param loader  the jar's class loader, closed by {@link #close()}, or null
     */
    public record LibraryInstance(HookLibrary library, URLClassLoader loader) implements AutoCloseable {

        /** Closes the jar's class loader, if any. */
        @Override
        public void close() {
            closeQuietly(loader);
        }
    }

    /** The file name without directories, {@code .so} and any version suffix: {@code libdhcp_ha} for {@code /x/libdhcp_ha.so.54}. */
    static String keaBaseName(String library) {
        String name = library.substring(library.lastIndexOf('/') + 1);
        int so = name.indexOf(".so");
        return so > 0 ? name.substring(0, so) : name;
    }

    private Resolved resolveJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("hook library jar " + jar + " does not exist");
        }
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("hook library jar " + jar + " cannot be opened: " + e.getMessage());
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, HookLibraryCatalog.class.getClassLoader())) {
            List<HookLibrary> found = discover(ServiceLoader.load(HookLibrary.class, loader), jar.toString()).stream()
                    .filter(p -> p.getClass().getClassLoader() == loader)
                    .collect(Collectors.toList());
            if (found.isEmpty()) {
                throw new IllegalArgumentException("hook library jar " + jar + " holds no " + HookLibrary.class.getName()
                        + " provider (META-INF/services/" + HookLibrary.class.getName() + ")");
            }
            if (found.size() > 1) {
                throw new IllegalArgumentException("hook library jar " + jar + " holds several libraries ("
                        + found.stream().map(HookLibrary::name).collect(Collectors.joining(", ")) + "); one jar, one library");
            }
            return describe(found.get(0));
        } catch (IOException e) {
            throw new IllegalArgumentException("hook library jar " + jar + " cannot be read: " + e.getMessage());
        }
    }

    private static Resolved describe(HookLibrary provider) {
        return new Resolved(provider.name(), provider.apiVersion(), provider.multiThreadingCompatible());
    }

    private String known() {
        if (providers.isEmpty()) {
            return "no hook libraries on its class path";
        }
        return providers.stream()
                .map(p -> p.name() + (p.keaLibraryNames().isEmpty() ? "" : " (" + String.join(", ", p.keaLibraryNames()) + ")"))
                .collect(Collectors.joining(", "));
    }

    private static List<HookLibrary> discover(ServiceLoader<HookLibrary> loader, String where) {
        List<HookLibrary> found = new ArrayList<>();
        Iterator<HookLibrary> it = loader.iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.warn("HOOKS_PROVIDER_BROKEN a hook library provider in {} cannot be loaded and is skipped: {}", where, e.toString());
            }
        }
        found.sort(Comparator.comparing(HookLibrary::name));
        return found;
    }
}
