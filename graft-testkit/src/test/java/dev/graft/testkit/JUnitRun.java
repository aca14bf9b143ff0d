package dev.graft.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs a test class through the JUnit Platform launcher, as a build would, and returns what
 * JUnit reported for each test: for the testkit's tests of what a failing user's test reports.
 */
final class JUnitRun {
    private JUnitRun() {}

    /**
     * The result of each test (dynamic tests included) of {@code testClass}, and of each
     * container that failed, by display name, in the order they ended.
     */
    static Map<String, TestExecutionResult> run(Class<?> testClass) {
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    results.put(test.getDisplayName(), result);
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                throw new AssertionError(test.getDisplayName() + " was skipped: " + reason);
            }
        };
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false").build(), listener);
        return results;
    }
}
