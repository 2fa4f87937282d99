package com.sizemotion.incidents.command.oncall;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.time.Clock;
import java.time.Instant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The on-call arithmetic stays pure: no framework, no clock; the caller names the instant. */
@AnalyzeClasses(packages = "com.sizemotion.incidents.command.oncall", importOptions = ImportOption.DoNotIncludeTests.class)
class OnCallArithmeticArchitectureTest {

    @ArchTest
    static final ArchRule on_call_arithmetic_should_not_depend_on_spring_axon_or_a_clock =
            noClasses().that().haveSimpleNameStartingWith("OnCallResolver")
                    .or().haveSimpleNameStartingWith("Rotation")
                    .or().haveSimpleNameStartingWith("ShiftLength")
                    .or().haveSimpleNameStartingWith("OnCallTimeline")
                    .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..")
                    .orShould().callMethod(Instant.class, "now")
                    .orShould().dependOnClassesThat().areAssignableTo(Clock.class);
}
