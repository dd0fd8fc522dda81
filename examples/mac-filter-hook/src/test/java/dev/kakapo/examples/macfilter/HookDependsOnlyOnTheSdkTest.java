package dev.kakapo.examples.macfilter;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The example builds like any third-party hook: on core-api only, never on the server's internals. */
@AnalyzeClasses(packages = "dev.kakapo.examples.macfilter", importOptions = ImportOption.DoNotIncludeTests.class)
class HookDependsOnlyOnTheSdkTest {

    @ArchTest
    static final ArchRule hookUsesOnlyTheSdk = classes().that().resideInAPackage("dev.kakapo.examples.macfilter..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kakapo.examples.macfilter..", "dev.kakapo.api..",
                    "java..", "com.fasterxml.jackson..", "org.slf4j..");
}
