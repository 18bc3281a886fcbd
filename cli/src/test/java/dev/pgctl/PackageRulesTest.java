package dev.pgctl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure of pgctl's own classes (tests excluded), whatever packages there are: rules, not a list.
 * Each package below dev.pgctl is a slice; the root package holds only the entry point, Pgctl.
 */
@AnalyzeClasses(packages = "dev.pgctl", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {
    /** No package depends on itself through others: each can be read, tested and moved on its own. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.pgctl.(*)..").should().beFreeOfCycles();

    /** Commands sit on top: only commands (and the entry point that lists them) may use a command's classes. */
    @ArchTest
    static final ArchRule onlyCommandsAndTheEntryPointUseCmd = noClasses()
            .that().resideOutsideOfPackage("dev.pgctl.cmd..")
            .and().resideOutsideOfPackage("dev.pgctl")
            .should().dependOnClassesThat().resideInAPackage("dev.pgctl.cmd..");
}
