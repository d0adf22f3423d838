package dev.bedrockconverse.chat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * The core's package rules: the API in {@code dev.bedrockconverse.chat}, observation
 * support in {@code ..chat.observation}, the machinery in {@code ..chat.internal}, which
 * is not API.
 */
class ArchitectureTests {

	private static final String INTERNAL = "dev.bedrockconverse.chat.internal..";

	private final JavaClasses core = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.bedrockconverse.chat");

	@Test
	void coreDoesNotDependOnSpringBoot() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework.boot..").check(this.core);
	}

	/**
	 * Only the core itself uses its internal package. The one exception is the benchmarks
	 * module ({@code dev.bedrockconverse.benchmarks}), whose {@code MappingBenchmark}
	 * measures the mappers alone through their public (but not API) internal types.
	 * Checked over every {@code dev.bedrockconverse} class on this test's class path (the
	 * core's and the stub's main classes, and the tests).
	 */
	@Test
	void internalPackageIsUsedOnlyByTheCore() {
		JavaClasses all = new ClassFileImporter().importPackages("dev.bedrockconverse");
		noClasses().that()
			.resideOutsideOfPackages("dev.bedrockconverse.chat..", "dev.bedrockconverse.benchmarks..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(INTERNAL)
			.check(all);
	}

	/** The internal package does not reach back into observation support. */
	@Test
	void internalPackageDoesNotDependOnObservationSupport() {
		noClasses().that()
			.resideInAPackage(INTERNAL)
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.bedrockconverse.chat.observation..")
			.check(this.core);
	}

	/**
	 * The API and observation packages never hand out or take an internal type, so
	 * callers never need the internal package.
	 */
	@Test
	void publicSignaturesDoNotUseInternalTypes() {
		noMethods().that()
			.arePublic()
			.and()
			.areDeclaredInClassesThat()
			.resideInAnyPackage("dev.bedrockconverse.chat", "dev.bedrockconverse.chat.observation")
			.should()
			.haveRawReturnType(resideInAPackage(INTERNAL))
			.orShould()
			.haveRawParameterTypes(DescribedPredicate.anyElementThat(resideInAPackage(INTERNAL)))
			.check(this.core);
	}

}
