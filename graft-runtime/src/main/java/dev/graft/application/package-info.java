/**
 * Applications, as OTP has them: a named group of modules with a version, an environment and
 * perhaps a callback module that starts its supervision tree.
 *
 * <h2>Entry points</h2>
 * {@link dev.graft.application.AppSpec} is the {@code .app} file.
 * {@link dev.graft.application.Application} is the callback module's behaviour.
 * {@link dev.graft.application.ApplicationController}, one per node, loads, starts and stops
 * applications, keeps their environments and applies an upgrade's new specs; its results are
 * {@link dev.graft.application.Outcome}s, its errors {@link dev.graft.application.ApplicationError}s
 * shaped as OTP's.
 *
 * <h2>Processes</h2>
 * <pre>
 *   application_controller (a GenServer, traps exits)
 *     |-- link -- master of kv (leads its group) -- link -- top process (a supervisor) -- ...
 *     '-- link -- master of web                  -- link -- top process -- ...
 * </pre>
 * The controller answers every request at once or when a master reports: it never waits for a
 * callback, so callbacks may call it. A master is the group leader of every process its
 * application spawns ({@link dev.graft.process.Proc#groupLeader()}), which is how a process's
 * application is found and how a stop finds the processes to kill.
 *
 * <p>This package lives apart from the release descriptors because an application is loaded
 * and started from its spec without any release (OTP's kernel reads {@code .app} files; sasl's
 * release tools build on them), so {@code dev.graft.release} depends on this package and never
 * the reverse.
 */
package dev.graft.application;
