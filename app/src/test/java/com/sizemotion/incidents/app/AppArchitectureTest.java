package com.sizemotion.incidents.app;

import com.sizemotion.incidents.api.access.Actor;
import com.sizemotion.incidents.api.access.Caller;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Set;

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

    /** An endpoint cannot widen its own team scope: its Caller comes from the authenticated request only. */
    @ArchTest
    static final ArchRule callers_should_be_made_only_from_the_authenticated_request =
            noClasses().that().doNotHaveFullyQualifiedName("com.sizemotion.incidents.app.web.CallerArgumentResolver")
                    .and().doNotBelongToAnyOf(Caller.class)
                    .should().callConstructor(Caller.class, Actor.class, Set.class)
                    .orShould().callMethod(Caller.class, "allTeams", Actor.class);
}
