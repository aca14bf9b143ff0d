package dev.graft.migrate;

import dev.graft.code.LabTest;
import dev.graft.code.ModuleVersion;
import org.junit.jupiter.api.BeforeEach;

/** A test with two versions of one module loaded before each test method: {@link #v1} old, {@link #v2} current. */
abstract class TwoVersionsTest extends LabTest {
    private final String module;
    private final String v1Source;
    private final String v2Source;

    ModuleVersion v1;
    ModuleVersion v2;

    TwoVersionsTest(String module, String v1Source, String v2Source) {
        this.module = module;
        this.v1Source = v1Source;
        this.v2Source = v2Source;
    }

    @BeforeEach
    void loadBothVersions() {
        v1 = lab.loadedBinary(module, v1Source, 1);
        v2 = lab.loadedBinary(module, v2Source, 2);
    }
}
