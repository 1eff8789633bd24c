package io.insurebridge.mapping;

import java.nio.file.Path;
import org.springframework.jdbc.core.JdbcTemplate;

/** Test fixtures for tests outside this package: demo mappings in a temp dir and a migrated H2. */
public final class MappingApiFixtures implements AutoCloseable {
    private final GapTestDatabase db = new GapTestDatabase();

    public MappingApiFixtures(Path mappingsDir) {
        MappingTestFiles.copyDemoTo(mappingsDir);
    }

    public JdbcTemplate jdbc() { return db.jdbc; }

    public long message(String controlId) { return db.message(controlId); }

    @Override
    public void close() { db.shutdown(); }
}
