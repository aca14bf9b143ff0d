/**
 * Processes, as Erlang has them: a process is a virtual thread with a mailbox, named by a
 * {@link dev.graft.process.Pid}; processes share nothing and talk by messages and signals.
 *
 * <h2>Entry points</h2>
 * {@link dev.graft.process.Node} owns processes, names and timers; code outside any process
 * uses it. {@link dev.graft.process.Proc} is the API for code inside a process (spawn, send,
 * receive, link, monitor, exit, register, sendAfter, info).
 *
 * <h2 id="ordering">Signal ordering</h2>
 * As in Erlang, and only this: if a process sends two signals to the same receiver, they
 * arrive in the order sent. A message, an exit signal (and the {@link dev.graft.process.Exit}
 * message a trapping receiver makes of it), a link and a monitor's
 * {@link dev.graft.process.Down} are all signals. Nothing is promised about signals from
 * different senders.
 *
 * <h2 id="visibility">Memory visibility</h2>
 * Everything a process did before sending a signal <i>happens-before</i> everything the
 * receiver does after it takes that signal's message (or observes its effect: a link, a
 * death). A process's own state needs no synchronisation: only its own thread runs it.
 *
 * <h2 id="runtime-calls">Runtime calls and cooperative kill</h2>
 * A process dies of an exit signal at its next runtime call (any {@code Proc} method it
 * calls for itself); one waiting in a receive or a sleep is woken and dies at once. Code
 * between runtime calls is never interrupted (DESIGN decision 4); a long computation calls
 * {@link dev.graft.process.Proc#yield()} now and then to stay killable.
 *
 * <h2 id="names">Names</h2>
 * The vocabulary is Erlang's: spawn, spawnLink, spawnMonitor, send, receive, link, unlink,
 * monitor, demonitor, trapExit, exit, register, whereis, sendAfter, cancelTimer,
 * suspendProcess, resumeProcess, groupLeader.
 */
package dev.graft.process;
