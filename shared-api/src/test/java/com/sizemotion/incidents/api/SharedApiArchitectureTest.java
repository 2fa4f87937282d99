package com.sizemotion.incidents.api;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "com.sizemotion.incidents.api", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedApiArchitectureTest {

    @ArchTest
    static final ArchRule shared_api_should_not_depend_on_command_query_or_app =
            noClasses().should().dependOnClassesThat().resideInAnyPackage(
                    "com.sizemotion.incidents.command..",
                    "com.sizemotion.incidents.query..",
                    "com.sizemotion.incidents.app..");

    @ArchTest
    static final ArchRule shared_api_should_not_depend_on_spring =
            noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule shared_api_should_not_depend_on_persistence =
            noClasses().should().dependOnClassesThat().resideInAPackage("jakarta.persistence..");
}
