package io.pgconverge.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerConcernsTest {
    @Test
    void readsSlotRetentionAndFileSettingErrorsFromTheFactsDocument() throws Exception {
        var doc = new ObjectMapper().readTree("""
                {"slot_retention": [{"name": "127_0_0_13", "active": false, "retained_bytes": "3221225472",
                                     "wal_status": "extended", "safe_wal_size": null},
                                    {"name": "127_0_0_12", "active": true, "retained_bytes": null,
                                     "wal_status": null, "safe_wal_size": "1048576"}],
                 "file_setting_errors": [{"sourcefile": "/etc/postgresql/15/main/pgconverge.conf", "sourceline": 7,
                                          "name": "max_connections", "error": "setting could not be applied"}]}
                """);
        ServerConcerns c = ServerConcerns.of(doc);
        assertEquals(List.of(new SlotRetention("127_0_0_13", false, Optional.of(3221225472L), Optional.of("extended"),
                Optional.empty()), new SlotRetention("127_0_0_12", true, Optional.empty(), Optional.empty(),
                Optional.of(1048576L))), c.slotRetention());
        assertEquals(List.of(new FileSettingError("/etc/postgresql/15/main/pgconverge.conf", 7, "max_connections",
                "setting could not be applied")), c.fileSettingErrors());
        assertEquals(ServerConcerns.none(), ServerConcerns.of(new ObjectMapper().readTree("{}")));
    }
}
