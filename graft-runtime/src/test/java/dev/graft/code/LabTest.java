package dev.graft.code;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh {@link Lab} (a node, its code server and a source tree) per test method. */
public abstract class LabTest {
    @TempDir
    protected Path dir;

    protected Lab lab;

    @BeforeEach
    protected void startLab() {
        lab = new Lab(dir);
    }

    @AfterEach
    protected void stopLab() {
        lab.close();
    }
}
