package io.pgconverge.plan;

import io.pgconverge.facts.RoleFact;
import io.pgconverge.plan.access.RolePlanner;
import io.pgconverge.plan.task.AlterRole;
import io.pgconverge.plan.task.CreateRole;
import io.pgconverge.plan.task.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Before PostgreSQL 10 passwords go out as md5 verifiers, which 9.x stores as they are; SCRAM it does not know. */
class Md5RolePlanTest {
    private static final String VERIFIER = "md596eb9fe93de9088cc4c63322004e3c1f";
    private static final String CHECK = "f59b215ab84aef0ba6b69eb0b641b84b";

    private static List<Task> plan(int version, Map<String, RoleFact> existing) {
        return new RolePlanner(FactsFixtures.secrets(), FactsFixtures.fixedSalt(), version).plan("node1",
                FactsFixtures.roles().subList(0, 1), existing);
    }

    private static RoleFact repl(String kind, Optional<String> md5Check) {
        return new RoleFact("repl", false, true, true, false, false, 5, kind, Optional.empty(), md5Check);
    }

    @Test
    void aRoleOf96IsCreatedWithTheMd5VerifierOfPasswordAndName() {
        CreateRole create = (CreateRole) plan(906, Map.of()).get(0);
        assertEquals("CREATE ROLE \"repl\" WITH LOGIN REPLICATION CONNECTION LIMIT 5 PASSWORD '" + VERIFIER + "'",
                create.statement().sql());
        assertEquals("CREATE ROLE \"repl\" WITH LOGIN REPLICATION CONNECTION LIMIT 5 PASSWORD (sensitive)",
                create.statement().shown());
        assertEquals("(sensitive)", create.password().orElseThrow().toString());
    }

    @Test
    void anUnchangedMd5PasswordIsRecognisedByTheMd5OfItsVerifier() {
        assertEquals(List.of(), plan(906, Map.of("repl", repl("md5", Optional.of(CHECK)))));
        AlterRole changed = (AlterRole) plan(906, Map.of("repl", repl("md5", Optional.of("0".repeat(32))))).get(0);
        assertEquals(List.of("password: changed"), changed.changes());
        assertEquals(1, plan(10, Map.of("repl", repl("md5", Optional.of(CHECK)))).size(),
                "from 10 on an md5 password becomes a SCRAM one");
    }
}
