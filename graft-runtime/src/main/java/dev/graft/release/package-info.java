/**
 * Releases, as OTP has them: the files that say what a release holds and how to go from one
 * release to another, in OTP's own term syntax ({@link dev.graft.term.Terms}).
 *
 * <ul>
 * <li>{@link dev.graft.release.ReleaseSpec}, the {@code .rel} file: a release's applications.
 * <li>{@link dev.graft.release.Appup}, an application's {@code .appup} file: the
 *     {@linkplain dev.graft.release.AppupInstruction instructions} to upgrade it from, and
 *     downgrade it to, earlier versions.
 * <li>{@link dev.graft.release.Relup}, a release's {@code relup} file: the
 *     {@linkplain dev.graft.release.RelupInstruction low-level script} the release handler runs.
 * </ul>
 * The application's own {@code .app} file is {@link dev.graft.application.AppSpec}.
 *
 * <p>Each has {@code parse} (from a term, or a {@link dev.graft.term.Located} term read from a
 * file, whose errors then name the place), {@code toTerm}, {@code read} and {@code write}; reading
 * what was written gives an equal value. Instructions read into their canonical form, with the
 * defaults systools fills in, and are written in the shortest form that means the same.
 *
 * <p>{@link dev.graft.release.RelupBuilder} makes a relup from the appups with systools' rules,
 * given each release as {@link dev.graft.release.ReleaseApps}: its {@code .rel} and the
 * {@code .app} files of its applications.
 */
package dev.graft.release;
