/**
 * Applications, as OTP has them: a named group of modules with a version, an environment and
 * perhaps a callback module that starts its supervision tree.
 *
 * <p>{@link dev.graft.application.AppSpec} is the {@code .app} file. It lives here, not with the
 * release descriptors, because an application is loaded and started from its spec without any
 * release (OTP's kernel reads {@code .app} files; sasl's release tools build on them), so
 * {@code dev.graft.release} depends on this package and never the reverse.
 */
package dev.graft.application;
