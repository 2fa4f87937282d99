package com.sizemotion.incidents.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "com.sizemotion.incidents.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static final ArchRule command_side_should_not_depend_on_query_side =
            noClasses().should().dependOnClassesThat().resideInAPackage("com.sizemotion.incidents.query..");

    @ArchTest
    static final ArchRule command_side_should_not_depend_on_app =
            noClasses().should().dependOnClassesThat().resideInAPackage("com.sizemotion.incidents.app..");
}
