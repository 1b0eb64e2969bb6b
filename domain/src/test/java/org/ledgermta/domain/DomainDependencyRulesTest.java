package org.ledgermta.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class DomainDependencyRulesTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ledgermta.domain");

    // The domain is read by every module and must stay plain Java: Axon's marker annotations are the one
    // exception, because command routing needs @TargetAggregateIdentifier on the commands themselves.
    @Test
    void domainDependsOnlyOnJavaAndAxonAnnotations() {
        DescribedPredicate<JavaClass> axonAnnotation = DescribedPredicate.describe("Axon annotations",
                type -> type.getPackageName().startsWith("org.axonframework.") && type.isAnnotation());

        classes().should().onlyDependOnClassesThat(
                        JavaClass.Predicates.resideInAnyPackage("java.lang..", "java.util..", "java.time..",
                                        "java.math..", "java.io", "org.ledgermta.domain..")
                                .or(axonAnnotation))
                .check(DOMAIN);
    }
}
