package org.ledgermta.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of STYLE.md: dependencies point inward, the domain stays pure. */
class ModuleBoundariesTest {

    private static final String DOMAIN = "org.ledgermta.domain..";
    private static final String COMMANDS = "org.ledgermta.commands..";
    private static final String PROJECTIONS = "org.ledgermta.projections..";
    private static final String DELIVERY = "org.ledgermta.delivery..";
    private static final String API = "org.ledgermta.api..";

    /** What no model code may touch: frameworks, drivers, sockets, files, clocks of the outside world. */
    private static final String[] OUTSIDE_WORLD = {
        "org.springframework..", "com.mongodb..", "org.bson..", "io.lettuce..", "io.netty..",
        "org.xbill..", "de.bwaldvogel..", "org.subethamail..", "jakarta.mail..",
        "java.net..", "java.nio.channels..", "javax.net..", "java.io.File", "java.nio.file..", "java.sql.."
    };

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ledgermta");
    }

    @Test
    void domainDependsOnlyOnTheJdkAndAxonAnnotations() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java.lang..", "java.util..", "java.time..", "java.math..", "java.io",
                        DOMAIN, "org.axonframework.modelling.command")
                .because("the domain holds messages and pure decisions only (STYLE.md)")
                .check(production);
    }

    @Test
    void domainAndCommandsDoNotTouchTheOutsideWorld() {
        noClasses().that().resideInAnyPackage(DOMAIN, COMMANDS)
                .should().dependOnClassesThat().resideInAnyPackage(OUTSIDE_WORLD)
                .because("aggregates decide by calling domain policies and record events; adapters do I/O")
                .check(production);
    }

    @Test
    void commandsDependOnlyOnTheDomain() {
        noClasses().that().resideInAPackage(COMMANDS)
                .should().dependOnClassesThat().resideInAnyPackage(PROJECTIONS, DELIVERY, API)
                .check(production);
    }

    @Test
    void adaptersDoNotImportEachOther() {
        noClasses().that().resideInAPackage(PROJECTIONS)
                .should().dependOnClassesThat().resideInAnyPackage(DELIVERY, COMMANDS, API)
                .allowEmptyShould(true) // the read models arrive with issue #5
                .check(production);
        noClasses().that().resideInAPackage(DELIVERY)
                .should().dependOnClassesThat().resideInAnyPackage(PROJECTIONS, COMMANDS, API)
                .check(production);
    }

    @Test
    void onlyTheApiSeesSpring() {
        noClasses().that().resideInAnyPackage(DOMAIN, COMMANDS, PROJECTIONS, DELIVERY)
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("Spring wiring lives in the api module only")
                .check(production);
    }
}
