package com.sizemotion.incidents.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "com.sizemotion.incidents.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static final ArchRule query_side_should_not_depend_on_command_side =
            noClasses().should().dependOnClassesThat().resideInAPackage("com.sizemotion.incidents.command..");

    @ArchTest
    static final ArchRule query_side_should_not_depend_on_app =
            noClasses().should().dependOnClassesThat().resideInAPackage("com.sizemotion.incidents.app..");
}
