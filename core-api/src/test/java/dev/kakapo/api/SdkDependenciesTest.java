package dev.kakapo.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The SDK stands on the JDK and Jackson alone, so a hook author pulls in nothing else. */
@AnalyzeClasses(packages = "dev.kakapo.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SdkDependenciesTest {

    @ArchTest
    static final ArchRule sdkDependsOnlyOnTheJdkAndJackson = classes().that().resideInAPackage("dev.kakapo.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.kakapo.api..", "java..", "javax.net.ssl..", "com.fasterxml.jackson..");
}
