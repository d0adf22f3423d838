package dev.bedrockconverse.autoconfigure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

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

}
