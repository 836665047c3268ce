package io.pgconverge.plan;

import io.pgconverge.plan.rolling.HotStandbyParameters;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HotStandbyParametersTest {
    @Test
    void everyVersionChecksFourAndTwelveOnAlsoMaxWalSenders() {
        assertEquals(List.of("max_connections", "max_worker_processes", "max_prepared_transactions",
                "max_locks_per_transaction"), List.copyOf(HotStandbyParameters.checked(11).keySet()));
        assertEquals(5, HotStandbyParameters.checked(12).size());
        assertEquals(Optional.of("max_prepared_xacts setting"),
                HotStandbyParameters.controlLabel("max_prepared_transactions", 905));
        assertEquals(Optional.empty(), HotStandbyParameters.controlLabel("work_mem", 16));
    }
}
