package dev.kakapo.hooks.prometheus;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** A bundled hook is built like a third-party one: on core-api only, never on the server's internals. */
@AnalyzeClasses(packages = "dev.kakapo.hooks.prometheus", importOptions = ImportOption.DoNotIncludeTests.class)
class HookDependsOnlyOnTheSdkTest {

    @ArchTest
    static final ArchRule hookUsesOnlyTheSdk = classes().that().resideInAPackage("dev.kakapo.hooks.prometheus..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kakapo.hooks.prometheus..", "dev.kakapo.api..",
                    "java..", "com.fasterxml.jackson..", "org.slf4j..", "com.sun.net.httpserver..", "javax.net..");
}
