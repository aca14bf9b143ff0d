/**
 * Upgrade tests in JUnit 5, in OTP's terms: a {@link dev.graft.testkit.ReleaseNode} boots a
 * release on a fresh in-JVM node and lets a test drive it, upgrade it and downgrade it through
 * the release handler; {@link dev.graft.testkit.ReleaseNodeExtension} gives each test one;
 * {@link dev.graft.testkit.RoundTrip} generates the up/down/up test of any pair of releases;
 * {@link dev.graft.testkit.ReleaseSources} builds a release archive from Java sources, for
 * tests that hold both versions of their code as text.
 *
 * <pre>
 *   archives (NAME-VSN.zip)          ReleaseNode                       the test
 *   from the release builder  --->   Node + ReleaseHandler      &lt;---   apply, call, state,
 *   or ReleaseSources                over a temporary root             upgrade, downgrade, checks
 * </pre>
 */
package dev.graft.testkit;
