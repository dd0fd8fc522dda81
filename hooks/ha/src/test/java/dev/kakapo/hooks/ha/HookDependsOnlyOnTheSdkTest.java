package dev.kakapo.hooks.ha;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** A bundled hook is built like a third-party one: on core-api only, never on the server's internals. */
@AnalyzeClasses(packages = "dev.kakapo.hooks.ha", importOptions = ImportOption.DoNotIncludeTests.class)
class HookDependsOnlyOnTheSdkTest {

    @ArchTest
    static final ArchRule hookUsesOnlyTheSdk = classes().that().resideInAPackage("dev.kakapo.hooks.ha..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kakapo.hooks.ha..", "dev.kakapo.api..",
                    "java..", "javax.net.ssl..", "com.fasterxml.jackson..", "org.slf4j..",
                    // the JDK's supported HTTP server (module jdk.httpserver), for the peer listener
                    "com.sun.net.httpserver..");
}
