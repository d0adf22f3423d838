package dev.bedrockconverse.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Architecture rules of the auto-configuration, in the style of Spring Boot's own.
 */
class AutoConfigurationArchitectureTests {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.bedrockconverse.autoconfigure");

	@Test
	void autoConfigurationClassesArePublicAndFinal() {
		classes().that()
			.areAnnotatedWith(AutoConfiguration.class)
			.should()
			.bePublic()
			.andShould()
			.haveModifier(com.tngtech.archunit.core.domain.JavaModifier.FINAL)
			.check(CLASSES);
	}

	@Test
	void beanMethodsAreNotConditionalOnClass() {
		methods().that()
			.areAnnotatedWith(Bean.class)
			.should()
			.notBeAnnotatedWith(ConditionalOnClass.class)
			.check(CLASSES);
	}

	@Test
	void beanMethodsArePackagePrivate() {
		methods().that().areAnnotatedWith(Bean.class).should().bePackagePrivate().check(CLASSES);
	}

	@Test
	void theClientsDependOnNoOtherConcern() {
		noClasses().that()
			.resideInAPackage("..autoconfigure.clients..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..autoconfigure.chat..", "..autoconfigure.credentials..",
					"..autoconfigure.observation..")
			.check(CLASSES);
	}

	@Test
	void chatCredentialsAndObservationDependOnlyOnTheClientsAndTheSharedPackage() {
		noClasses().that()
			.resideInAnyPackage("..autoconfigure.chat..", "..autoconfigure.observation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..autoconfigure.credentials..")
			.check(CLASSES);
		noClasses().that()
			.resideInAnyPackage("..autoconfigure.credentials..", "..autoconfigure.observation..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..autoconfigure.chat..")
			.check(CLASSES);
		noClasses().that()
			.resideInAnyPackage("..autoconfigure.chat..", "..autoconfigure.credentials..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..autoconfigure.observation..")
			.check(CLASSES);
	}

	@Test
	void everyPackageHasAPackageInfo() {
		CLASSES.stream()
			.map((javaClass) -> javaClass.reflect().getPackage())
			.distinct()
			.forEach((pkg) -> assertThat(pkg.isAnnotationPresent(NullMarked.class))
				.as("package-info of %s", pkg.getName())
				.isTrue());
	}

}
