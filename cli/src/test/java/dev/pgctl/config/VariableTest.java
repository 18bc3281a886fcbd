package dev.pgctl.config;

import static dev.pgctl.config.ConfigLoaderTest.S3;
import static dev.pgctl.config.ConfigLoaderTest.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgctl.problem.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link Variable} table is consistent with itself and with the code that reads it. */
class VariableTest {

    @ParameterizedTest
    @EnumSource(Variable.class)
    void aDefaultValueIsAValidValue(Variable v) throws Exception {
        if (v.dflt().value().isPresent()) {
            // a second repository's variable is read when a second repository of its type is configured
            ConfigLoaderTest.load(with(Repo2LoaderTest.forVariable(v), v.name(), v.dflt().value().get())); // throws if not
            if (v.type().kind() == Variable.Type.Kind.CHOICE) {
                assertTrue(v.allows(v.dflt().value().get()), v + ": the default is not one of " + v.type().values());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Variable.class)
    void theSecretsAreTheNamesEnvNeverPrints(Variable v) {
        assertEquals(Env.secretName(v.name()), v.secret(), v.name());
    }

    @ParameterizedTest
    @EnumSource(Variable.class)
    void theDocumentationNamesEveryChoice(Variable v) {
        for (String value : v.type().values()) {
            assertTrue((v.dflt().shown() + " " + v.doc()).contains("`" + value + "`"), v + " does not mention `" + value + "`");
        }
    }

    @Test
    void theChoicesOfRoleAndRestorePolicyAreConfigsEnums() {
        assertEquals(Arrays.stream(Config.Role.values()).map(Config.Role::word).toList(),
                Variable.PGCTL_ROLE.type().values());
        assertEquals(Arrays.stream(Config.RestorePolicy.values()).map(Config.RestorePolicy::word).toList(),
                Variable.PGCTL_RESTORE_ON_EMPTY.type().values());
    }

    @Test
    void aFileFormIsKnownOnlyWhereTheTableHasOne() throws Exception {
        ValueSafetyTest.load(Map.of("PGCTL_ARCHIVE_TIMEOUT_FILE", "/run/secrets/timeout"), Map.of("/run/secrets/timeout", "30"));
        var e = assertThrows(ConfigLoader.InvalidConfig.class,
                () -> ValueSafetyTest.load(Map.of("PGCTL_JAVA_OPTS_FILE", "/run/secrets/opts"), Map.of("/run/secrets/opts", "-Xmx1g")));
        Problem p = e.problems().get(0);
        assertEquals("PGCTL_JAVA_OPTS_FILE", p.subject());
        assertEquals("unknown variable", p.what());
        List<String> named = Arrays.stream(Variable.values()).map(Variable::name).filter(n -> n.startsWith("PGCTL_")).toList();
        for (String n : named) {
            assertTrue(p.fix().get(0).contains(n), n + " missing from " + p.fix());
        }
    }
}
