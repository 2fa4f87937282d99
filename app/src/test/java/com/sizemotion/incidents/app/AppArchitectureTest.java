package com.sizemotion.incidents.app;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "com.sizemotion.incidents", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule command_and_query_sides_should_not_depend_on_app =
            noClasses().that().resideInAnyPackage("com.sizemotion.incidents.command..", "com.sizemotion.incidents.query..")
                    .should().dependOnClassesThat().resideInAPackage("com.sizemotion.incidents.app..");

    @ArchTest
    static final ArchRule aggregates_should_not_depend_on_web_or_jdbc =
            noClasses().that().areAnnotatedWith(Aggregate.class)
                    .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.jdbc..");
}
